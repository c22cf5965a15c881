"""Scenario cases of a pack (rules/cases/*.yaml): facts in, expected outcomes out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from legalcli.core.checks import Problem
from legalcli.core.checks.base import ErrorCheck, _error, all_deadlines
from legalcli.core.conditions import Value
from legalcli.core.engine import assess
from legalcli.core.errors import InputError, Location, Owner, did_you_mean
from legalcli.core.model import Pack
from legalcli.i18n import Lang, t
from legalcli.loading.case import schema_for
from legalcli.loading.pack import Stated, display_path
from legalcli.loading.reader import RULE_LIMITS, Map, Scalar, Seq, parse_bytes, read_bytes
from legalcli.loading.schema import RULE_FILE_SCHEMAS, validate

DEFAULT_AS_OF = dt.date(2026, 11, 24)

# What `rules check` reports of rules/cases/*.yaml (docs/rule-format.md's table of checks
# lists it: tools/checks_doc.py).
CASE_FILE = ErrorCheck("case-file", "a scenario case file that cannot be read, or a case that names what the pack does not have")


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
    """Every scenario under <pack>/cases, validated against the pack's facts; the first
    problem of a case file is raised (`read_scenarios` gives them all)."""
    scenarios, errors = _read(root, pack)
    if errors:
        raise errors[0]
    return scenarios


def read_scenarios(root: str, pack: Pack) -> tuple[list[Scenario], list[Problem]]:
    """Every scenario that reads, and a problem for each one that does not or that names
    something the pack does not have (with a did-you-mean): what `rules check` reports
    of the case files, each bad case on its own so that one typo hides no other."""
    scenarios, errors = _read(root, pack)
    return scenarios, [as_problem(e) for e in errors]


def _file_shape() -> dict[str, object]:
    """The case file's schema without its cases' own: each case is validated on its own,
    so that one bad case hides no other."""
    whole = RULE_FILE_SCHEMAS["cases"]
    cases = {k: v for k, v in whole["properties"]["cases"].items() if k != "items"}
    return {**whole, "properties": {**whole["properties"], "cases": cases}}


_FILE_SHAPE = _file_shape()


def _read(root: str, pack: Pack) -> tuple[list[Scenario], list[InputError]]:
    folder = Path(root) / "cases"
    if not folder.is_dir():
        return [], []
    fact_schema = schema_for(pack)["properties"]["facts"]
    item_schema = RULE_FILE_SCHEMAS["cases"]["properties"]["cases"]["items"]
    known = _Known(pack)
    result: list[Scenario] = []
    errors: list[InputError] = []
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(str(path), root)
        try:
            node = parse_bytes(read_bytes(str(path), RULE_LIMITS), shown, RULE_LIMITS)
            if not isinstance(node, Map):
                raise InputError("expected a mapping with 'cases'", location=Location(shown, 1, 1))
            validate(node, _FILE_SHAPE)
        except InputError as exc:
            errors.append(exc)
            continue
        cases = node.items["cases"]
        assert isinstance(cases, Seq)
        names: set[str] = set()
        for index, item in enumerate(cases.items):
            try:
                validate(item, item_schema, path=f"cases[{index}]")
                assert isinstance(item, Map)
                validate(item.items["facts"], fact_schema, path=f"cases[{index}].facts")
                scenario = _scenario(item, shown, names)
            except InputError as exc:
                errors.append(exc)
                continue
            errors.extend(known.references(scenario, item))
            result.append(scenario)
    return result, errors


class _Known:
    """The ids a case may name, for did-you-mean: a misspelt risk in `risks_absent`
    would otherwise pass for ever as "absent"."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.routes = [*pack.routes, *(a for r in pack.route_list for a in r.aliases)]
        self.risks = [f"{r.id}/{x.id}" for r in pack.route_list for x in r.risks]
        self.deadlines = sorted({d.id for d, _owner in all_deadlines(pack)})

    def references(self, scenario: Scenario, item: Map) -> list[InputError]:
        expect = item.items.get("expect")
        found: list[InputError] = []
        if not isinstance(expect, Map):
            return found

        def where(key: str, name: str | None = None) -> Location:
            child = expect.items.get(key)
            if isinstance(child, Map) and name is not None and name in child.keys:
                return child.keys[name]
            if isinstance(child, Seq) and name is not None:
                for entry in child.items:
                    if isinstance(entry, Scalar) and entry.value == name:
                        return entry.loc
            return child.loc if child is not None else expect.loc

        def unknown(kind: str, key: str, name: str, candidates: list[str]) -> None:
            found.append(
                InputError(
                    "scenario case '{case}': unknown {kind} '{name}'{hint}",
                    location=where(key, name),
                    suggestion=did_you_mean(name, candidates),
                    case=scenario.name,
                    kind=Owner(kind, ""),  # the kind alone, in the reader's language
                    name=name,
                )
            )

        for route_id in scenario.routes:
            if self.pack.route(route_id) is None:
                unknown("route", "routes", route_id, self.routes)
        for situation_id in scenario.situations:
            if situation_id not in self.pack.situations:
                unknown("situation", "situations", situation_id, list(self.pack.situations))
        for key, refs in (("risks_apply", scenario.risks_apply), ("risks_absent", scenario.risks_absent)):
            for ref in refs:
                route_id, _, risk_id = ref.partition("/")
                route = self.pack.route(route_id)
                if route is None or not any(r.id == risk_id for r in route.risks):
                    unknown("risk", key, ref, self.risks)
        for deadline_id in scenario.deadlines:
            if deadline_id not in self.deadlines:
                unknown("deadline", "deadlines", deadline_id, self.deadlines)
        if scenario.next_question is not None and scenario.next_question not in self.pack.facts:
            unknown("fact", "next_question", scenario.next_question, list(self.pack.facts))
        return found


def as_problem(error: InputError) -> Problem:
    """A case-file error as a problem of `rules check`, its key path kept in front (as
    loading.pack.as_problem states a rule file's)."""
    return _error(error.location or Location(""), "scenario cases: {detail}", CASE_FILE, detail=Stated(error))


def reached_statuses(pack: Pack, results: list[tuple[Scenario, list[Mismatch]]]) -> dict[str, set[str]]:
    """For each route, the statuses that a passing case expects of it (and so the engine
    gives): a case that fails shows nothing, so a skeleton's empty cases reach nothing
    yet.  `results`: each case with its mismatches (run_scenario), as `rules test` has
    them already."""
    reached: dict[str, set[str]] = {}
    for scenario, mismatches in results:
        if mismatches:
            continue
        for route_id, expected in scenario.routes.items():
            route = pack.route(route_id)
            if route is not None:
                reached.setdefault(route.id, set()).add(expected)
    return reached


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


class Mismatch(NamedTuple):
    """One way a scenario case fails: what (a route, a situation, a risk expected to apply
    or to be absent, a deadline missing or its field, the next question), which one, and
    the expected and actual values as the case file writes them."""

    what: str
    item: str
    expected: str
    actual: str

    def render(self, lang: Lang) -> str:
        return t(f"test.mismatch.{self.what}", lang, item=self.item, expected=self.expected, actual=self.actual)

    def __str__(self) -> str:
        return self.render("en")


def run_scenario(pack: Pack, scenario: Scenario, *, detail: bool = True) -> list[Mismatch]:
    """The mismatches between what a scenario expects and what the engine says.
    `detail=False` skips what no expectation reads (reasons, the search for what would
    open a route, every question but the first): mutation testing runs the cases
    thousands of times, and the engine gives the same statuses, risks, deadlines and
    first question either way (tests/test_soundness.py)."""
    a = assess(pack, scenario.facts, as_of=scenario.as_of, detail=detail)
    problems: list[Mismatch] = []
    statuses = {r.route.id: r.status for r in a.routes}
    statuses.update({alias: r.status for r in a.routes for alias in r.route.aliases})
    for route_id, expected in scenario.routes.items():
        actual = statuses.get(route_id, "no such route")
        if actual != expected:
            problems.append(Mismatch("route", route_id, expected, actual))
    sit = {s.situation.id: {True: "true", False: "false", None: "unknown"}[s.value] for s in a.situations}
    for situation_id, expected in scenario.situations.items():
        actual = sit.get(situation_id, "no such situation")
        if actual != expected:
            problems.append(Mismatch("situation", situation_id, expected, actual))
    applying = {f"{r.route.id}/{x.risk.id}" for r in a.routes for x in r.risks if x.status == "applies"}
    reported = {f"{r.route.id}/{x.risk.id}" for r in a.routes for x in r.risks}
    for risk in scenario.risks_apply:
        if risk not in applying:
            problems.append(Mismatch("risk_apply", risk, "applies", "possible" if risk in reported else "absent"))
    for risk in scenario.risks_absent:
        if risk in reported:
            problems.append(Mismatch("risk_absent", risk, "absent", "applies" if risk in applying else "possible"))
    deadlines = {d.deadline.id: d for d in (*a.deadlines, *(d for r in a.routes for d in r.deadlines))}
    for deadline_id, expected_d in scenario.deadlines.items():
        found = deadlines.get(deadline_id)
        if found is None:
            problems.append(Mismatch("deadline_missing", deadline_id, "", "none"))
            continue
        for key, actual_value in (("date", found.date), ("overdue", found.overdue), ("passed", found.passed)):
            if key in expected_d and actual_value != expected_d[key]:
                problems.append(Mismatch("deadline", deadline_id, f"{key}: {_plain(expected_d[key])}", _plain(actual_value)))
    if scenario.next_question is not None:
        actual_q = a.next_questions[0] if a.next_questions else "none"
        if actual_q != scenario.next_question:
            problems.append(Mismatch("question", "", scenario.next_question, actual_q))
    return problems


def _plain(value: object) -> str:
    """A value as a case file writes it (true, 2026-01-31)."""
    return str(value).lower() if isinstance(value, bool) else str(value)
