"""Scenario cases of a pack (rules/cases/*.yaml): facts in, expected outcomes out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from legalcli.conditions import Value
from legalcli.engine import assess
from legalcli.errors import InputError, Location
from legalcli.loading.case import schema_for
from legalcli.loading.pack import display_path
from legalcli.loading.reader import RULE_LIMITS, Map, Scalar, Seq, parse_bytes, read_bytes
from legalcli.loading.schema import RULE_FILE_SCHEMAS, validate
from legalcli.model import Pack

DEFAULT_AS_OF = dt.date(2026, 11, 24)


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    file: str
    loc: Location
    facts: dict[str, Value]
    as_of: dt.date
    routes: dict[str, str] = field(default_factory=dict)
    situations: dict[str, str] = field(default_factory=dict)
    risks_apply: tuple[str, ...] = ()
    risks_absent: tuple[str, ...] = ()
    deadlines: dict[str, dict[str, object]] = field(default_factory=dict)
    next_question: str | None = None


def load_scenarios(root: str, pack: Pack) -> list[Scenario]:
    """Every scenario under <pack>/cases, validated against the pack's facts."""
    folder = Path(root) / "cases"
    if not folder.is_dir():
        return []
    fact_schema = schema_for(pack)["properties"]["facts"]
    result: list[Scenario] = []
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(str(path), root)
        node = parse_bytes(read_bytes(str(path), RULE_LIMITS), shown, RULE_LIMITS)
        if not isinstance(node, Map):
            raise InputError("expected a mapping with 'cases'", location=Location(shown, 1, 1))
        validate(node, RULE_FILE_SCHEMAS["cases"])
        cases = node.items["cases"]
        assert isinstance(cases, Seq)
        names: set[str] = set()
        for index, item in enumerate(cases.items):
            assert isinstance(item, Map)
            validate(item.items["facts"], fact_schema, path=f"cases[{index}].facts")
            result.append(_scenario(item, shown, names))
    return result


def _scalar(node: Map, key: str) -> object:
    child = node.items.get(key)
    return child.value if isinstance(child, Scalar) else None


def _mapping(node: Map | None, key: str) -> dict[str, object]:
    if node is None:
        return {}
    child = node.items.get(key)
    if not isinstance(child, Map):
        return {}
    out: dict[str, object] = {}
    for k, v in child.items.items():
        if isinstance(v, Scalar):
            out[k] = v.value
        elif isinstance(v, Map):
            out[k] = {kk: vv.value for kk, vv in v.items.items() if isinstance(vv, Scalar)}
    return out


def _list(node: Map | None, key: str) -> tuple[str, ...]:
    if node is None:
        return ()
    child = node.items.get(key)
    return tuple(str(v.value) for v in child.items if isinstance(v, Scalar)) if isinstance(child, Seq) else ()


def _scenario(item: Map, shown: str, names: set[str]) -> Scenario:
    name = str(_scalar(item, "name"))
    if name in names:
        raise InputError("duplicate case name '{name}'", location=item.loc, name=name)
    names.add(name)
    facts_node = item.items["facts"]
    facts: dict[str, Value] = {}
    if isinstance(facts_node, Map):
        for key, value in facts_node.items.items():
            if isinstance(value, Scalar) and value.value != "unknown":
                facts[key] = value.value
    expect = item.items.get("expect")
    expect_map = expect if isinstance(expect, Map) else None
    as_of = _scalar(item, "as_of")
    next_q = _scalar(expect_map, "next_question") if expect_map else None
    return Scenario(
        name=name,
        file=shown,
        loc=item.loc,
        facts=facts,
        as_of=as_of if isinstance(as_of, dt.date) else DEFAULT_AS_OF,
        routes={k: str(v) for k, v in _mapping(expect_map, "routes").items()},
        situations={k: str(v) for k, v in _mapping(expect_map, "situations").items()},
        risks_apply=_list(expect_map, "risks_apply"),
        risks_absent=_list(expect_map, "risks_absent"),
        deadlines={k: v for k, v in _mapping(expect_map, "deadlines").items() if isinstance(v, dict)},
        next_question=str(next_q) if next_q is not None else None,
    )


def run_scenario(pack: Pack, scenario: Scenario) -> list[str]:
    """The mismatches between what a scenario expects and what the engine says."""
    a = assess(pack, scenario.facts, as_of=scenario.as_of)
    problems: list[str] = []
    statuses = {r.route.id: r.status for r in a.routes}
    statuses.update({alias: r.status for r in a.routes for alias in r.route.aliases})
    for route_id, expected in scenario.routes.items():
        actual = statuses.get(route_id, "no such route")
        if actual != expected:
            problems.append(f"route {route_id}: expected {expected}, got {actual}")
    sit = {s.situation.id: {True: "true", False: "false", None: "unknown"}[s.value] for s in a.situations}
    for situation_id, expected in scenario.situations.items():
        actual = sit.get(situation_id, "no such situation")
        if actual != expected:
            problems.append(f"situation {situation_id}: expected {expected}, got {actual}")
    applying = {f"{r.route.id}/{x.risk.id}" for r in a.routes for x in r.risks if x.status == "applies"}
    reported = {f"{r.route.id}/{x.risk.id}" for r in a.routes for x in r.risks}
    for risk in scenario.risks_apply:
        if risk not in applying:
            problems.append(f"risk {risk}: expected to apply, got {'possible' if risk in reported else 'absent'}")
    for risk in scenario.risks_absent:
        if risk in reported:
            problems.append(f"risk {risk}: expected absent, got {'applies' if risk in applying else 'possible'}")
    deadlines = {d.deadline.id: d for d in (*a.deadlines, *(d for r in a.routes for d in r.deadlines))}
    for deadline_id, expected_d in scenario.deadlines.items():
        found = deadlines.get(deadline_id)
        if found is None:
            problems.append(f"deadline {deadline_id}: expected, got none")
            continue
        if "date" in expected_d and found.date != expected_d["date"]:
            problems.append(f"deadline {deadline_id}: expected date {expected_d['date']}, got {found.date}")
        if "overdue" in expected_d and found.overdue != expected_d["overdue"]:
            problems.append(f"deadline {deadline_id}: expected overdue={expected_d['overdue']}, got {found.overdue}")
        if "passed" in expected_d and found.passed != expected_d["passed"]:
            problems.append(f"deadline {deadline_id}: expected passed={expected_d['passed']}, got {found.passed}")
    if scenario.next_question is not None:
        actual_q = a.next_questions[0] if a.next_questions else "none"
        if actual_q != scenario.next_question:
            problems.append(f"next question: expected {scenario.next_question}, got {actual_q}")
    return problems
