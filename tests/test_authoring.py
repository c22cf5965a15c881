"""Authoring aids (issue 17): `rules new`, `rules check` reading the case files, `rules
test` refusing a broken pack, `--only`; each finding of the issue's "Why" is a test."""

from __future__ import annotations

import ast
import re
import types
from pathlib import Path

import pytest
import yaml

from legalcli.authoring import mutate, rulediff, scenarios
from legalcli.core.checks import Check, declared, reachable_statuses
from legalcli.loading.pack import load_pack
from legalcli.loading.schema import ROUTE_FILE, SITUATION_FILE
from tests.conftest import run_cli
from tests.test_checks_registry import undeclared_reports
from tests.test_mutate import CASES, write_pack

TODAY = "2026-11-24"


def check(root: Path) -> tuple[int, list[str]]:
    result = run_cli("rules", "check", str(root), "--today", TODAY)
    return result.code, result.out.splitlines()


def test_a_route_written_by_rules_new_fails_check_until_its_cases_reach_its_statuses(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    assert check(root)[0] == 0
    result = run_cli("rules", "new", "route", "claim-leave", "--rules", str(root))
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["written: rules/routes/claim-leave.yaml", "written: rules/cases/claim-leave.yaml"]
    code, lines = check(root)
    assert code == 1
    coverage = [line for line in lines if "[case-coverage]" in line]
    assert coverage == [
        "rules/routes/claim-leave.yaml:5:1: error: route 'claim-leave': no scenario case that passes shows it "
        "feasible, blocked; write one for each status it can take [case-coverage]"
    ]
    assert any("the text is still a placeholder (TODO) [placeholder]" in line for line in lines)

    # The author writes the texts and the conditions, and nothing else: still failing.
    route = root / "routes" / "claim-leave.yaml"
    text = re.sub(r'"TODO: ([^"]*)"', r'"\1"', route.read_text(encoding="utf-8"))
    text = text.replace("{fact: abroad, is: true}", "{fact: abroad, is: false}").replace("applies_if: {situation: ", "# ")
    text = text.replace("{fact: some_fact, is: true}", "{fact: days_absent, gt: 5}")
    route.write_text(text.replace("reviewed: 1990-01-01", f"reviewed: {TODAY}"), encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    assert [line for line in lines if "claim-leave" in line and "error" in line] == [coverage[0]]

    # Then the cases: each status the route can take, with the facts that give it.
    cases = root / "cases" / "claim-leave.yaml"
    written = cases.read_text(encoding="utf-8")
    written = written.replace("facts: {}", "facts: {abroad: false, days_absent: 1}", 1)
    written = written.replace("facts: {}", "facts: {abroad: true}", 1)
    cases.write_text(written.replace('"TODO: ', '"'), encoding="utf-8")
    assert check(root) == (0, ["mini 1.0.0: 2 routes, 4 facts; no problems"])
    assert run_cli("rules", "test", str(root)).code == 0


def test_the_route_skeleton_has_every_key_and_both_languages(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    run_cli("rules", "new", "route", "claim-leave", "--rules", str(root))
    text = (root / "routes" / "claim-leave.yaml").read_text(encoding="utf-8")
    keys = set(re.findall(r"^#? ?([a-z_]+):", text, re.MULTILINE))
    assert set(ROUTE_FILE["properties"]) <= keys  # every key, the optional ones as comments
    data = yaml.safe_load(text)
    for field in ("title", "summary"):
        assert data[field]["en"].startswith("TODO") and data[field]["ru"].startswith("TODO")
    cases = yaml.safe_load((root / "cases" / "claim-leave.yaml").read_text(encoding="utf-8"))["cases"]
    statuses = [next(iter(c["expect"]["routes"].values())) for c in cases]
    assert statuses == ["feasible", "blocked", "undetermined"]
    route = load_pack(str(root)).routes["claim-leave"]
    assert set(statuses) == reachable_statuses(route)


def test_situation_and_fact_skeletons_load(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    assert run_cli("rules", "new", "situation", "on-leave", "--rules", str(root)).code == 0
    assert run_cli("rules", "new", "fact", "leave_end", "--rules", str(root)).code == 0
    pack = load_pack(str(root))
    assert "on-leave" in pack.situations and "leave_end" in pack.facts
    situation = (root / "situations" / "on-leave.yaml").read_text(encoding="utf-8")
    assert set(SITUATION_FILE["properties"]) <= set(re.findall(r"^#? ?([a-z_]+):", situation, re.MULTILINE))
    expected = [
        c["expect"]["situations"]["on-leave"] for c in yaml.safe_load((root / "cases" / "on-leave.yaml").read_text())["cases"]
    ]
    assert expected == ["true", "false", "unknown"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["route", "leave"], "ID: the pack already has a route 'leave'"),
        (["route", "Leave_Now"], "ID: 'Leave_Now' is not an id of this form: lower-case words joined by hyphens"),
        (["fact", "leave-end"], "ID: 'leave-end' is not an id of this form: lower-case words joined by underscores"),
        (["law", "x"], "Invalid value for 'KIND': 'law' is not one of 'route', 'situation', 'fact'."),
    ],
)
def test_rules_new_refuses(args: list[str], message: str, tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    result = run_cli("rules", "new", *args, "--rules", str(root))
    assert result.code == 2
    assert message in result.err
    assert sorted(p.name for p in (root / "routes").iterdir()) == ["leave.yaml"]


def test_rules_new_never_writes_over_a_file(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    (root / "cases" / "claim-leave.yaml").write_text("cases: []\n", encoding="utf-8")
    result = run_cli("rules", "new", "route", "claim-leave", "--rules", str(root))
    assert result.code == 2
    assert "rules/cases/claim-leave.yaml: already exists; nothing was written" in result.err
    assert not (root / "routes" / "claim-leave.yaml").exists()
    assert (root / "cases" / "claim-leave.yaml").read_text(encoding="utf-8") == "cases: []\n"


# --- the findings of issue 17's "Why" ------------------------------------------------


def test_why_a_route_without_cases_fails_check_and_test(tmp_path: Path) -> None:
    """ "A route with no scenario cases at all passes both rules check and rules test."""
    root = write_pack(tmp_path / "rules")
    route = (root / "routes" / "leave.yaml").read_text(encoding="utf-8")
    (root / "routes" / "leave-again.yaml").write_text(route.replace("id: leave", "id: leave-again"), encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    assert any(
        "route 'leave-again': no scenario case that passes shows it feasible, blocked, undetermined" in line for line in lines
    )
    result = run_cli("rules", "test", str(root))
    assert result.code == 1
    assert "[case-coverage]" in result.out
    assert result.out.rstrip().endswith(f"{CASES.count('- name:')} passed, 0 failed")


def test_why_rules_test_refuses_a_pack_with_a_typo_in_a_fact(tmp_path: Path) -> None:
    """ "rules test runs on a pack that fails check and reports misleading failures."""
    root = write_pack(tmp_path / "rules")
    route = root / "routes" / "leave.yaml"
    route.write_text(
        route.read_text(encoding="utf-8").replace("{fact: days_absent, le: 2}", "{fact: days_absnt, le: 2}"), encoding="utf-8"
    )
    result = run_cli("rules", "test", str(root))
    assert result.code == 2
    assert "the rule pack has 1 error(s); run `legalcli rules check` to see them" in result.err
    assert "passed" not in result.out


def test_why_rules_test_refuses_a_pack_with_a_missing_russian_text(tmp_path: Path) -> None:
    """ "… or 'all passed' (a missing Russian text)."""
    root = write_pack(tmp_path / "rules")
    route = root / "routes" / "leave.yaml"
    route.write_text(route.read_text(encoding="utf-8").replace(", ru: Вернуться в часть}", "}"), encoding="utf-8")
    result = run_cli("rules", "test", str(root))
    assert result.code == 2
    assert "the 'ru' text is missing" in result.err


def _case(expect: str, facts: str = "{status: soldier, abroad: false, days_absent: 1}") -> str:
    return f"cases:\n  - name: extra\n    facts: {facts}\n    expect: {expect}\n"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        # "`yes` in a case": a value checked against the facts, with the spelling it wants.
        (
            _case("{routes: {leave: feasible}}", "{status: soldier, abroad: yes, days_absent: 1}"),
            "rules/cases/zz-extra.yaml:3:38: error: scenario cases: cases[0].facts.abroad: expected true or false, "
            "found a plain value (write true), or unknown [case-file]",
        ),
        # "a misspelt risk in risks_absent (silently 'absent')"
        (
            _case("{risks_absent: [leave/caugth]}"),
            "rules/cases/zz-extra.yaml:4:29: error: scenario cases: scenario case 'extra': unknown risk 'leave/caugth' "
            "(did you mean 'leave/caught'?) [case-file]",
        ),
        # "a misspelt deadline or route get no did-you-mean"
        (
            _case("{deadlines: {reprot: {date: 2026-11-23}}}"),
            "rules/cases/zz-extra.yaml:4:26: error: scenario cases: scenario case 'extra': unknown deadline 'reprot' "
            "(did you mean 'report'?) [case-file]",
        ),
        (
            _case("{routes: {laeve: feasible}}"),
            "rules/cases/zz-extra.yaml:4:23: error: scenario cases: scenario case 'extra': unknown route 'laeve' "
            "(did you mean 'leave'?) [case-file]",
        ),
        (
            _case("{next_question: days_absnt}"),
            "error: scenario cases: scenario case 'extra': unknown fact 'days_absnt' (did you mean 'days_absent'?) [case-file]",
        ),
        (
            _case("{routes: {leave: feasible}}", "{status: soldier, abroad: false, days_abset: 1}"),
            "unknown key 'days_abset' (did you mean 'days_absent'?)",
        ),
    ],
)
def test_why_rules_check_reads_the_case_files(case: str, message: str, tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    (root / "cases" / "zz-extra.yaml").write_text(case, encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    assert [line for line in lines if message in line], "\n".join(lines)
    # rules test refuses such cases rather than passing them.
    result = run_cli("rules", "test", str(root))
    assert result.code == 2
    assert "the scenario cases have 1 error(s)" in result.err


def test_every_bad_case_is_reported_not_only_the_first(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    two = (
        _case("{routes: {laeve: feasible}}")
        + "  - name: other\n    facts: {abroad: yes}\n    expect: {routes: {leave: blocked}}\n"
    )
    (root / "cases" / "zz-extra.yaml").write_text(two, encoding="utf-8")
    lines = [line for line in check(root)[1] if "[case-file]" in line]
    assert len(lines) == 2


def test_rules_check_messages_about_cases_in_russian(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    (root / "cases" / "zz-extra.yaml").write_text(_case("{routes: {laeve: feasible}}"), encoding="utf-8")
    result = run_cli("rules", "check", str(root), "--today", TODAY, "--lang", "ru")
    assert "ошибка: сценарии: сценарий «extra»: в наборе нет такого объекта" in result.out
    assert "«laeve» (возможно, «leave»?) [case-file]" in result.out


def test_only_runs_and_lists_the_cases_of_one_file(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    facts = "{status: soldier, abroad: false, days_absent: 1, notice_date: 2026-11-20}"
    (root / "cases" / "zz-extra.yaml").write_text(_case("{routes: {leave: feasible}}", facts), encoding="utf-8")
    result = run_cli("rules", "test", str(root), "--only", "zz-extra.yaml")
    assert result.code == 0
    assert result.out.splitlines() == ["rules/cases/zz-extra.yaml:2:5: ok extra", "1 passed, 0 failed"]
    by_path = run_cli("rules", "test", str(root), "--only", str(root / "cases" / "zz-extra.yaml"))
    assert by_path.out == result.out


def test_only_names_a_case_file_of_the_pack(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    result = run_cli("rules", "test", str(root), "--only", "laeve.yaml")
    assert result.code == 2
    assert "--only: no case file 'laeve.yaml' in rules/cases (did you mean 'leave.yaml'?)" in result.err


def test_verbose_lists_every_case(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    result = run_cli("rules", "test", str(root), "-v")
    assert result.code == 0
    assert sum(": ok " in line for line in result.out.splitlines()) == CASES.count("- name:")


def test_a_failing_case_shows_no_status_to_the_coverage_check(tmp_path: Path) -> None:
    """ "No scenario case that passes shows it": the one case showing the route
    undetermined fails on something else (it expects a question about a fact it already
    gives), and no longer counts for that status."""
    root = write_pack(tmp_path / "rules")
    assert check(root)[0] == 0
    (cases,) = (root / "cases").glob("*.yaml")
    text = cases.read_text(encoding="utf-8")
    failing = text.replace(
        "expect: {routes: {leave: undetermined}}", "expect: {routes: {leave: undetermined}, next_question: status}"
    )
    assert failing != text
    cases.write_text(failing, encoding="utf-8")
    code, lines = check(root)
    assert code == 1
    assert any("route 'leave': no scenario case that passes shows it undetermined" in line for line in lines), lines
    result = run_cli("rules", "test", str(root))
    assert result.code == 1
    assert "route 'leave': no scenario case that passes shows it undetermined" in result.out


# --- the checks the authoring modules declare -------------------------------------------

AUTHORING = (scenarios, mutate, rulediff)


@pytest.mark.parametrize("module", AUTHORING, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_problem_an_authoring_module_makes_comes_from_a_check_it_declares(module: types.ModuleType) -> None:
    """As in core/checks (tests/test_checks_registry.py): a problem's id and level come
    from a declaration, which docs/rule-format.md's table of checks lists; an id given
    as a string would be a check nobody declared, missing from the table."""
    mine = {name: value for name, value in vars(module).items() if isinstance(value, Check)}
    assert mine
    assert undeclared_reports(ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8")), mine) == []


def test_the_table_of_checks_lists_the_authoring_checks() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "rule-format.md").read_text(encoding="utf-8")
    for module in AUTHORING:
        for check in declared(module):
            assert f"| `{check.id}` | {check.level} | {check.finds} |" in text, check.id
