"""What batch's shortcuts must not change: a batch row's assessment (detail=False) is the
full one cut short, whatever the date, and a case file is read to the same bytes and
refused at the same line and column.

test_soundness.py checks the first on random facts; here every scenario case of the
shipped pack is assessed on dates either side of its laws' windows, so that a clause,
risk or deadline whose law is not in force is met too, and the country entries each risk
shows are checked against `findings` worked out afresh.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legalcli.authoring.scenarios import Scenario, load_scenarios
from legalcli.core.engine import assess, findings, make_env
from legalcli.core.errors import InputError
from legalcli.loading.case import read_case
from legalcli.loading.pack import default_rules_dir, load_pack
from legalcli.loading.reader import Limits, read_bytes

PACK = load_pack(default_rules_dir())
SCENARIOS = load_scenarios(default_rules_dir(), PACK)
# Before the 2023 laws, between them, and the scenarios' own dates: each shuts out a
# different set of laws (tests/test_time_and_law.py says which).
DATES = (dt.date(2019, 1, 1), dt.date(2023, 6, 1))


def test_the_dates_shut_out_laws() -> None:
    """The dates are worth trying only while some law of the pack is not in force on them."""
    for as_of in DATES:
        env = make_env(PACK, {}, as_of)
        assert any(not env.in_force((law,)) for law in PACK.law_windows), as_of


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.file}::{s.name}" for s in SCENARIOS])
def test_a_batch_rows_assessment_is_the_full_one_without_reasons_and_search(scenario: Scenario) -> None:
    for as_of in (scenario.as_of, *DATES):
        full = assess(PACK, scenario.facts, as_of=as_of)
        short = assess(PACK, scenario.facts, as_of=as_of, detail=False)
        # Every field of every route but the reasons and the search for what would open it.
        assert [r._replace(reasons=(), opens_if=()) for r in short.routes] == [
            r._replace(reasons=(), opens_if=()) for r in full.routes
        ], as_of
        assert (short.situations, short.deadlines) == (full.situations, full.deadlines), as_of
        assert short.next_questions == full.next_questions[:1], as_of
        env = make_env(PACK, scenario.facts, as_of)
        for route in short.routes:
            for risk in route.risks:
                assert risk.findings == findings(risk.risk.when, env, PACK.confidence_of), (as_of, risk.risk.id)


def test_assessments_share_nothing_that_one_case_could_change() -> None:
    """A risk's result is made once per pack and shared: assessing other cases in
    between leaves a case's assessment as it was."""
    cases = [s.facts for s in SCENARIOS[:40]]
    as_of = SCENARIOS[0].as_of
    first = [assess(PACK, facts, as_of=as_of, detail=False).routes for facts in cases]
    again = [assess(PACK, facts, as_of=as_of, detail=False).routes for facts in reversed(cases)]
    assert first == list(reversed(again))


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 200_000, 258_048])
def test_a_file_is_read_to_its_last_byte(tmp_path: Path, size: int) -> None:
    path = tmp_path / "case.yaml"
    data = bytes(i % 251 for i in range(size))
    path.write_bytes(data)
    assert read_bytes(str(path), Limits(max_bytes=258_048, max_aliases=0)) == data


def test_a_file_one_byte_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match="at most"):
        read_bytes(str(path), Limits(max_bytes=1000, max_aliases=0))


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("facts:\n  days_absent: 3\n  nonsense_fact: 1\n", (3, 3), "unknown key 'nonsense_fact'"),
        ("facts:\n  days_absent:    -3\n", (2, 19), "must be a whole number"),
        ("facts:\n  days_absent: 3\n  service_status:\n    x: 1\n", (4, 5), "expected"),
        ("facts:\n  days_absent: 3\n  days_absent: 4\n", (3, 3), "duplicate key 'days_absent' (first at line 2, column 3)"),
        ("as_of: 2026-02-30\nfacts: {}\n", (1, 8), "not a real calendar date"),
    ],
)
def test_a_case_files_fault_is_placed_at_its_line_and_column(
    tmp_path: Path, text: str, where: tuple[int, int], words: str
) -> None:
    """Keys and values are placed where they stand (a key's place is made once and kept
    for its mapping's messages)."""
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_case(str(path), PACK)
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.line, caught.value.location.column) == (str(path), *where)
    assert words in caught.value.render("en")
