"""`rules check` sees every problem of every file at once (issue 13): a fault in one file
neither stops the reading of the others nor hides the problems of meaning elsewhere,
and each problem has its file:line:col, its check and its message.  `load_pack`, which
assessments use, still stops at the first fault."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from legalcli.core.checks import Problem
from legalcli.core.errors import InputError
from legalcli.loading.pack import check_pack_files, load_pack, load_pack_problems

TODAY = dt.date(2026, 11, 27)

GOOD = {
    "pack.yaml": """
name: faults
version: 1.0.0
title: {en: Faults, ru: Ошибки}
reviewed: 2026-11-20
""",
    "sources.yaml": """
sources:
  - id: news-2026
    title: A report
    publisher: A paper
    url: https://example.org/report
    date: 2026-02-12
    kind: news
    confidence: confirmed
""",
    "facts/person.yaml": """
facts:
  - id: location
    type: choice
    question: {en: Where is he now?, ru: Где он сейчас?}
    choices:
      - {value: abroad, label: {en: abroad, ru: за границей}}
      - {value: home, label: {en: in Russia, ru: в России}}
  - id: wounded
    type: bool
    question: {en: Is he wounded?, ru: Он ранен?}
""",
    "routes/go-home.yaml": """
id: go-home
title: {en: Go home, ru: Вернуться домой}
summary: {en: Go home., ru: Вернуться домой.}
applies_if: {fact: location, is: abroad}
requires:
  - when: {fact: wounded, is: false}
    because: {en: He is not wounded., ru: Он не ранен.}
sources: [news-2026]
reviewed: 2026-11-20
""",
}

# Three faults in two files: a schema fault in each, and a reference to a fact that
# does not exist (in the facts file, in an entry that is itself well formed).
FACTS_WITH_FAULTS = """
facts:
  - id: location
    type: choice
    question: {en: Where is he now?, ru: Где он сейчас?}
    ask_if: {fact: locatoin, is: abroad}
    choices:
      - {value: abroad, label: {en: abroad, ru: за границей}}
      - {value: home, label: {en: in Russia, ru: в России}}
  - id: wounded
    type: boolean
    question: {en: Is he wounded?, ru: Он ранен?}
"""
ROUTE_WITH_A_FAULT = """
id: go-home
titel: {en: Go home, ru: Вернуться домой}
summary: {en: Go home., ru: Вернуться домой.}
applies_if: {fact: location, is: abroad}
sources: [news-2026]
reviewed: 2026-11-20
"""


def _pack(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / "rules"
    for name, text in {**GOOD, **(files or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root


def _errors(problems: list[Problem]) -> list[tuple[str, int, int, str, str]]:
    return [(p.loc.path, p.loc.line, p.loc.column, p.check, p.render()) for p in problems if p.severity == "error"]


def test_the_good_pack_has_no_problem(tmp_path: Path) -> None:
    pack, problems = check_pack_files(str(_pack(tmp_path)), today=TODAY)
    assert _errors(problems) == [] and len(pack.routes) == 1


def test_three_faults_in_two_files_are_all_reported(tmp_path: Path) -> None:
    root = _pack(tmp_path, {"facts/person.yaml": FACTS_WITH_FAULTS, "routes/go-home.yaml": ROUTE_WITH_A_FAULT})
    _, problems = check_pack_files(str(root), today=TODAY)
    found = _errors(problems)
    assert [row[:4] for row in found] == [
        ("rules/facts/person.yaml", 5, 13, "unknown-fact"),
        ("rules/facts/person.yaml", 10, 11, "schema"),
        ("rules/routes/go-home.yaml", 2, 1, "schema"),
    ], found
    assert "fact 'location': unknown fact 'locatoin' (did you mean 'location'?)" in found[0][4]
    assert found[1][4].endswith("error: facts[1].type: not one of the allowed values (did you mean 'bool'?); "
                                "expected one of: bool, choice, date, number, country [schema]")  # fmt: skip
    assert found[2][4].endswith("unknown key 'titel' (did you mean 'title'?); expected one of: id, kind, title, summary,"
                                " applies_if, requires, blocked_if, unsettled_if, country_topic, aliases, reviewed_against,"
                                " risks, steps, documents, deadlines, legal_basis, sources, confidence, reviewed, effective"
                                " [schema]")  # fmt: skip


def test_the_loader_alone_reports_the_schema_faults_and_builds_the_rest(tmp_path: Path) -> None:
    root = _pack(tmp_path, {"facts/person.yaml": FACTS_WITH_FAULTS, "routes/go-home.yaml": ROUTE_WITH_A_FAULT})
    pack, problems = load_pack_problems(str(root))
    assert [(p.loc.path, p.loc.line, p.check) for p in problems] == [
        ("rules/facts/person.yaml", 10, "schema"),
        ("rules/routes/go-home.yaml", 2, "schema"),
    ]
    # The rules with a fault are left out; the rest is built and can be checked.
    assert list(pack.facts) == ["location"] and not pack.routes and list(pack.sources) == ["news-2026"]


def test_assessing_still_stops_at_the_first_fault(tmp_path: Path) -> None:
    root = _pack(tmp_path, {"facts/person.yaml": FACTS_WITH_FAULTS, "routes/go-home.yaml": ROUTE_WITH_A_FAULT})
    with pytest.raises(InputError) as caught:
        load_pack(str(root))
    assert str(caught.value).startswith("rules/facts/person.yaml:10:11: facts[1].type: not one of the allowed values")


def test_every_fault_of_one_file_is_reported(tmp_path: Path) -> None:
    route = """
id: go-home
title: {en: Go home, ru: Вернуться домой}
summary: {en: Go home., ru: Вернуться домой.}
risks:
  - {id: one, severity: hihg, text: {en: A risk., ru: Риск.}}
  - {id: two, severity: low, text: A risk in one language}
sources: [news-2026]
reviewed: 2026-13-01
"""
    _, problems = check_pack_files(str(_pack(tmp_path, {"routes/go-home.yaml": route})), today=TODAY)
    assert [(row[1], row[3], row[4].split(": error: ")[1].split(":")[0]) for row in _errors(problems)] == [
        (5, "schema", "risks[0].severity"),
        (6, "schema", "risks[1].text"),
        (8, "schema", "reviewed"),
    ]


def test_a_reference_to_a_rule_left_out_for_its_own_fault_is_not_reported_again(tmp_path: Path) -> None:
    """go-home reads `wounded`, which has a fault of its own: one problem, at the fault,
    not an "unknown fact" besides."""
    facts = GOOD["facts/person.yaml"].replace("type: bool", "type: yes-no")
    _, problems = check_pack_files(str(_pack(tmp_path, {"facts/person.yaml": facts})), today=TODAY)
    assert [row[3] for row in _errors(problems)] == ["schema"]


def test_a_file_that_cannot_be_read_does_not_stop_the_others(tmp_path: Path) -> None:
    broken = "id: go-home\ntitle: {en: Go home, ru: Вернуться домой\n"
    root = _pack(tmp_path, {"facts/person.yaml": FACTS_WITH_FAULTS, "routes/go-home.yaml": broken})
    _, problems = check_pack_files(str(root), today=TODAY)
    found = _errors(problems)
    assert [(row[0], row[3]) for row in found] == [
        ("rules/facts/person.yaml", "unknown-fact"),
        ("rules/facts/person.yaml", "schema"),
        ("rules/routes/go-home.yaml", "file"),
    ]
    assert "not valid YAML" in found[2][4]


def test_a_broken_pack_yaml_is_reported_and_the_rest_still_checked(tmp_path: Path) -> None:
    root = _pack(tmp_path, {"pack.yaml": "name: faults\nversion: 1.0.0\n", "facts/person.yaml": FACTS_WITH_FAULTS})
    pack, problems = check_pack_files(str(root), today=TODAY)
    found = _errors(problems)
    assert [(row[0], row[3]) for row in found] == [
        ("rules/facts/person.yaml", "unknown-fact"),
        ("rules/facts/person.yaml", "schema"),
        ("rules/pack.yaml", "schema"),
        ("rules/pack.yaml", "schema"),
    ]
    assert "missing required key 'reviewed'" in found[2][4] and "missing required key 'title'" in found[3][4]
    assert pack.name == "rules" and list(pack.routes) == ["go-home"]


def test_a_link_out_of_the_pack_is_reported_and_not_read(tmp_path: Path) -> None:
    root = _pack(tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD["routes/go-home.yaml"].replace("go-home", "elsewhere"), encoding="utf-8")
    os.symlink(outside, root / "routes" / "elsewhere.yaml")
    pack, problems = check_pack_files(str(root), today=TODAY)
    assert [(row[3], row[4].split(": ", 1)[1]) for row in _errors(problems)] == [
        ("file", "error: is a link that leads outside the rule pack; copy the file into the pack [file]")
    ]
    assert "elsewhere" not in pack.routes
    with pytest.raises(InputError, match="is a link that leads outside the rule pack"):
        load_pack(str(root))


def test_a_folder_that_is_no_pack_cannot_be_checked_at_all(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"has no pack\.yaml"):
        check_pack_files(str(tmp_path), today=TODAY)
    with pytest.raises(InputError, match="is not a rule pack directory"):
        load_pack_problems(str(tmp_path / "nothing"))


def test_a_problem_reads_in_russian(tmp_path: Path) -> None:
    root = _pack(tmp_path, {"routes/go-home.yaml": ROUTE_WITH_A_FAULT})
    _, problems = check_pack_files(str(root), today=TODAY)
    (problem,) = [p for p in problems if p.severity == "error"]
    assert problem.render("ru").startswith("rules/routes/go-home.yaml:2:1: ошибка: неизвестный ключ «titel»")
    assert problem.as_dict("en")["message"].startswith("unknown key 'titel' (did you mean 'title'?)")
