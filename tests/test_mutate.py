"""`legalcli rules test --mutate`: mutants, survivors, justified survivors, and the
in-process runs against mutated packs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from legalcli.authoring import mutate
from legalcli.authoring.scenarios import load_scenarios, run_scenario
from legalcli.core import engine
from legalcli.loading.pack import default_rules_dir, load_pack
from tests.conftest import run_cli

ROUTE = """id: leave
title: {en: Go back to the unit, ru: Вернуться в часть}
summary: {en: Return within two days., ru: Вернуться в течение двух суток.}
applies_if:
  all:
    - {fact: status, in: [soldier, reservist]}
    - {fact: abroad, is: false}
requires:
  - when: {fact: days_absent, le: 2}
    because: {en: He has been away at most two days., ru: Он отсутствует не более двух суток.}
    sources: [made-up]
blocked_if:
  - when: {fact: notice_date, passed: {days: 10}}
    because: {en: Ten days have passed since the notice., ru: С уведомления прошло десять дней.}
    legal_basis: [new-law]
    sources: [made-up]
risks:
  - id: caught
    severity: high
    when: {fact: status, is: soldier}
    text: {en: He may be caught., ru: Его могут задержать.}
    sources: [made-up]
deadlines:
  - id: report
    from_fact: notice_date
    days: 3
    text: {en: Report within three days., ru: Явиться в течение трёх дней.}
    sources: [made-up]
sources: [made-up]
reviewed: 2026-11-24
effective: {from: 2020-01-01}
"""

FACTS = """facts:
  - id: status
    type: choice
    question: {en: Status?, ru: Статус?}
    choices:
      - {value: soldier, label: {en: soldier, ru: солдат}}
      - {value: reservist, label: {en: reservist, ru: запасник}}
      - {value: civilian, label: {en: civilian, ru: гражданский}}
  - id: abroad
    type: bool
    question: {en: Abroad?, ru: За границей?}
  - id: days_absent
    type: number
    question: {en: Days absent?, ru: Дней отсутствия?}
  - id: notice_date
    type: date
    question: {en: Notice date?, ru: Дата уведомления?}
"""

# Every case the route needs to pin its rules down; the weakened file lacks the one
# that shows three days absent is too many.
CASES = """cases:
  - name: two-days-feasible
    facts: {status: soldier, abroad: false, days_absent: 2, notice_date: 2026-11-20}
    expect:
      routes: {leave: feasible}
      risks_apply: [leave/caught]
      deadlines: {report: {date: 2026-11-23}}
  - name: three-days-blocked
    facts: {status: soldier, abroad: false, days_absent: 3, notice_date: 2026-11-20}
    expect: {routes: {leave: blocked}}
  - name: a-week-blocked
    facts: {status: soldier, abroad: false, days_absent: 7, notice_date: 2026-11-20}
    expect: {routes: {leave: blocked}}
  - name: one-day-reservist
    facts: {status: reservist, abroad: false, days_absent: 1, notice_date: 2026-11-20}
    expect: {routes: {leave: feasible}, risks_absent: [leave/caught]}
  - name: civilian-not-applicable
    facts: {status: civilian, abroad: false}
    expect: {routes: {leave: not_applicable}}
  - name: abroad-not-applicable
    facts: {status: soldier, abroad: true}
    expect: {routes: {leave: not_applicable}}
  - name: home-unknown
    facts: {status: soldier, days_absent: 1, notice_date: 2026-11-20}
    expect: {routes: {leave: undetermined}}
  - name: notice-ten-days-ago
    facts: {status: soldier, abroad: false, days_absent: 1, notice_date: 2026-11-14}
    expect: {routes: {leave: blocked}}
  - name: notice-nine-days-ago
    facts: {status: soldier, abroad: false, days_absent: 1, notice_date: 2026-11-15}
    expect: {routes: {leave: feasible}}
  - name: before-the-law
    as_of: 2024-06-01
    facts: {status: soldier, abroad: false, days_absent: 1, notice_date: 2024-05-01}
    expect: {routes: {leave: feasible}}
  - name: before-the-route
    as_of: 2019-06-01
    facts: {status: soldier, abroad: false, days_absent: 1}
    expect: {routes: {leave: not_applicable}}
"""


def write_pack(folder: Path, cases: str = CASES, allowed: str | None = None) -> Path:
    (folder / "facts").mkdir(parents=True)
    (folder / "routes").mkdir()
    (folder / "cases").mkdir()
    (folder / "pack.yaml").write_text(
        "name: mini\nversion: 1.0.0\ntitle: {en: Mini pack, ru: Мини}\nreviewed: 2026-11-24\n", encoding="utf-8"
    )
    (folder / "sources.yaml").write_text(
        "sources:\n  - {id: made-up, title: A made-up source, publisher: legalcli tests, kind: seed, confidence: confirmed}\n",
        encoding="utf-8",
    )
    (folder / "laws.yaml").write_text(
        "laws:\n  - id: new-law\n    title: {en: A new law, ru: Новый закон}\n    summary: {en: New., ru: Новый.}\n"
        "    effective: {from: 2025-01-01}\n    sources: [made-up]\n",
        encoding="utf-8",
    )
    (folder / "facts" / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (folder / "routes" / "leave.yaml").write_text(ROUTE, encoding="utf-8")
    (folder / "cases" / "leave.yaml").write_text(cases, encoding="utf-8")
    if allowed is not None:
        (folder / "mutants-allowed.yaml").write_text(allowed, encoding="utf-8")
    return folder


def _without(name: str) -> str:
    """CASES with one case left out."""
    blocks = CASES.split("  - name: ")
    return "  - name: ".join(b for b in blocks if not b.startswith(name + "\n"))


THRESHOLD = "route leave requires[0].when: days_absent le 2 -> days_absent le 3"


def test_every_operator_makes_its_mutants(tmp_path: Path) -> None:
    pack = load_pack(str(write_pack(tmp_path / "rules")))
    ids = {m.id for m in mutate.mutants(pack)}
    expected = {
        "route leave requires[0]: drop",  # a requirement dropped
        "route leave blocked_if[0]: drop",  # a blocker dropped
        "route leave requires[0].when: negate days_absent le 2",  # a test negated
        "route leave requires[0].when: days_absent le 2 -> days_absent le 1",  # a threshold moved by one
        THRESHOLD,
        "route leave applies_if: all -> any",  # any for all
        "route leave applies_if.all[0]: status in [soldier, reservist] -> status in [reservist]",  # a value dropped
        "route leave applies_if.all[0]: status in [soldier, reservist] -> status in [soldier, reservist, civilian]",
        "route leave risks[caught].when: status is soldier -> status is reservist",  # is: another value
        "route leave risks[caught].when: drop (always applies)",  # a risk's condition dropped
        "route leave blocked_if[0].when: notice_date passed days 10 -> notice_date passed days 11",  # a period moved
        "route leave blocked_if[0].when: notice_date passed days 10 -> notice_date passed days 9",
        "route leave deadlines[report]: days 3 -> 4",  # a deadline moved
        "route leave deadlines[report]: days 3 -> 2",
        "route leave effective.from: drop 2020-01-01",  # a route's effective bound dropped
        "law new-law effective.from: drop 2025-01-01",  # a law's effective bound dropped
    }
    assert expected <= ids
    # A yes/no test is only negated: `is: false` -> `is: true` would be the same mutant.
    assert "route leave applies_if.all[1]: negate abroad is false" in ids
    assert not [i for i in ids if "abroad is false ->" in i]


def test_complete_cases_kill_every_mutant(tmp_path: Path) -> None:
    result = run_cli("rules", "test", "--mutate", str(write_pack(tmp_path / "rules")))
    assert result.code == 0, result.out + result.err
    assert "0 survived; score 100.0%" in result.out


def test_a_weakened_case_file_fails_with_the_survivor_it_lets_through(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules", cases=_without("three-days-blocked"))
    assert run_cli("rules", "test", str(root)).code == 0  # the cases that are left still pass
    result = run_cli("rules", "test", "--mutate", str(root))
    assert result.code == 1
    survivors = [line for line in result.out.splitlines() if ": survived: " in line]
    # Where the change is made (the requirement's condition) and what it is.
    assert survivors == [f"rules/routes/leave.yaml:9:11: survived: {THRESHOLD} [threshold]"]
    assert "1 survived" in result.out


def test_json_report(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules", cases=_without("three-days-blocked"))
    result = run_cli("rules", "test", "--mutate", "--format", "json", str(root))
    assert result.code == 1
    data = json.loads(result.out)
    assert data["survived"] == 1 and data["killed"] == data["mutants"] - 1
    assert data["score"] == round((data["mutants"] - 1) / data["mutants"], 4)
    assert data["per_second"] > 0
    (survivor,) = data["survivors"]
    assert survivor == {
        "id": THRESHOLD,
        "kind": "threshold",
        "path": "rules/routes/leave.yaml",
        "line": 9,
        "column": 11,
        "allowed": False,
    }


ALLOWED = f"""mutants:
  - id: "{THRESHOLD}"
    reason:
      en: Nobody is ever absent for exactly three days in this test.
      ru: В этом тесте никто не отсутствует ровно трое суток.
"""


def test_a_justified_survivor_is_accepted(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules", cases=_without("three-days-blocked"), allowed=ALLOWED)
    result = run_cli("rules", "test", "--mutate", str(root))
    assert result.code == 0, result.out
    assert "1 allowed, 0 survived" in result.out
    assert "survived:" not in result.out


def test_an_allowed_mutant_that_a_case_kills_is_stale(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules", allowed=ALLOWED)
    result = run_cli("rules", "test", "--mutate", str(root))
    assert result.code == 1
    assert (
        f"rules/mutants-allowed.yaml:2:5: error: the allowed mutant '{THRESHOLD}' is killed by the case "
        "'three-days-blocked'; remove it from mutants-allowed.yaml [stale-mutant]"
    ) in result.out


def test_rules_check_reports_an_allowed_entry_that_names_no_mutant(tmp_path: Path) -> None:
    stale = ALLOWED.replace("le 3", "le 4")
    root = write_pack(tmp_path / "rules", allowed=stale)
    result = run_cli("rules", "check", str(root), "--today", "2026-11-24")
    assert result.code == 1
    assert "is not a mutant of the pack as it stands (the rule changed?)" in result.out
    assert f"(did you mean '{THRESHOLD}'?) [stale-mutant]" in result.out


def test_an_allowed_entry_needs_a_reason_in_both_languages(tmp_path: Path) -> None:
    one_language = ALLOWED.replace("      ru: В этом тесте никто не отсутствует ровно трое суток.\n", "")
    root = write_pack(tmp_path / "rules", cases=_without("three-days-blocked"), allowed=one_language)
    result = run_cli("rules", "check", str(root), "--today", "2026-11-24")
    assert f"the allowed mutant '{THRESHOLD}' has no reason in 'ru' [stale-mutant]" in result.out


def test_mutate_refuses_cases_that_already_fail(tmp_path: Path) -> None:
    wrong = CASES.replace("expect: {routes: {leave: blocked}}", "expect: {routes: {leave: feasible}}", 1)
    result = run_cli("rules", "test", "--mutate", str(write_pack(tmp_path / "rules", cases=wrong)))
    assert result.code == 2
    assert "1 scenario case(s) fail on the pack as it stands" in result.err


def test_a_mutated_pack_never_reuses_the_engines_memo_of_the_original(tmp_path: Path) -> None:
    """engine._PREPARED is keyed by the pack's identity: each mutant is a new Pack, and
    the original assesses as before once the mutants have run."""
    pack = load_pack(str(write_pack(tmp_path / "rules")))
    facts = {"status": "soldier", "abroad": False, "days_absent": 1}
    day = dt.date(2026, 11, 24)
    before = engine.assess(pack, facts, as_of=day).routes[0].risks
    dropped = next(m for m in mutate.mutants(pack) if m.id == "route leave risks[caught].when: drop (always applies)")
    changed = mutate.mutated(pack, dropped)
    assert changed is not pack
    reservist = {**facts, "status": "reservist"}
    assert engine.assess(changed, reservist, as_of=day).routes[0].risks  # the risk now always applies
    assert not engine.assess(pack, reservist, as_of=day).routes[0].risks
    assert engine.assess(pack, facts, as_of=day).routes[0].risks == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_cut_down_runs_decide_as_whole_runs(jobs: int) -> None:
    """A case runs against the mutated pack cut down to the routes the mutant can change:
    the outcome of every mutant is the one a run of the whole pack gives (a sample of the
    shipped pack's mutants), in one process or several."""
    root = default_rules_dir()
    pack = load_pack(root)
    scenarios = load_scenarios(root, pack)
    sample = mutate.mutants(pack)[::40]
    fast = mutate.run_mutants(pack, scenarios, sample, jobs=jobs)
    for outcome in fast:
        changed = mutate.mutated(pack, outcome.mutant)
        killed = any(run_scenario(changed, s, detail=False) for s in scenarios)
        assert killed == (outcome.killed_by is not None), outcome.mutant.id
