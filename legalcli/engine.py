"""The decision engine: facts (some unknown) in, route statuses with reasons out.

Pure: takes values, returns values, prints nothing.  Semantics in docs/rule-format.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from legalcli.calendar import add_days
from legalcli.conditions import Condition, Env, Tri, Value, evaluate, facts_read, unknown_facts
from legalcli.model import SEVERITIES, Clause, Deadline, Fact, Pack, Risk, Route, Situation, Text

Status = Literal["feasible", "blocked", "undetermined", "not_applicable"]
STATUS_ORDER: tuple[Status, ...] = ("feasible", "undetermined", "blocked", "not_applicable")
MAX_OPEN_SETS = 3
MAX_OPEN_TRIES = 120  # route evaluations per route when searching what would open it


# Results are NamedTuples: built by the thousand in a batch, and a tuple is the
# cheapest immutable record Python makes (no generated __init__ to run).
class Reason(NamedTuple):
    text: Text
    facts: tuple[str, ...]
    kind: Literal["requires", "blocked_if", "applies_if", "effective", "conditional_block"]
    confidence: str = "confirmed"
    unmet: bool = False  # a `requires` that fails (its text says what is required)


class RiskResult(NamedTuple):
    risk: Risk
    status: Literal["applies", "possible"]
    confidence: str


class DeadlineResult(NamedTuple):
    deadline: Deadline
    owner: str  # the route or situation it belongs to
    date: dt.date | None
    days_left: int | None
    applies: Literal["applies", "possible"]
    confidence: str

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


class RouteResult(NamedTuple):
    route: Route
    status: Status
    reasons: tuple[Reason, ...]
    deciding_facts: tuple[str, ...]
    opens_if: tuple[Mapping[str, Value], ...]
    risks: tuple[RiskResult, ...]
    deadlines: tuple[DeadlineResult, ...]
    confidence: str

    def highest_risk(self) -> int:
        return max((SEVERITIES.index(r.risk.severity) for r in self.risks), default=-1)


class SituationResult(NamedTuple):
    situation: Situation
    value: Tri
    confidence: str = "confirmed"


@dataclass(frozen=True, slots=True)
class Assessment:
    pack: Pack
    as_of: dt.date
    facts: Mapping[str, Value]
    unknown: tuple[str, ...]
    situations: tuple[SituationResult, ...]
    routes: tuple[RouteResult, ...]
    deadlines: tuple[DeadlineResult, ...]
    next_questions: tuple[str, ...]

    def by_status(self, status: Status) -> list[RouteResult]:
        return [r for r in self.routes if r.status == status]


def _env(pack: Pack, facts: Mapping[str, Value]) -> Env:
    return Env(facts, pack.situation_conditions())


def route_status(route: Route, env: Env, as_of: dt.date) -> Status:
    """The status alone (no reasons): used by the search for what would open a route."""
    if (route.effective_from and as_of < route.effective_from) or (route.effective_until and as_of > route.effective_until):
        return "not_applicable"
    applies = evaluate(route.applies_if, env)
    if applies is False:
        return "not_applicable"
    required = [evaluate(c.when, env) for c in route.requires]
    blockers = [evaluate(c.when, env) for c in route.blocked_if]
    if applies is True and (True in blockers or False in required):
        return "blocked"
    if applies is True and all(v is True for v in required) and all(v is False for v in blockers):
        return "feasible"
    return "undetermined"


def _read(cond: Condition | None, env: Env) -> tuple[str, ...]:
    return tuple(facts_read(cond, env.situation_condition))


def _reasons(route: Route, env: Env, status: Status, pack: Pack) -> tuple[Reason, ...]:
    def conf(clause: Clause) -> str:
        return pack.confidence_of(clause.confidence, clause.sources or route.sources)

    if status == "not_applicable":
        if evaluate(route.applies_if, env) is False:
            return ()
        return (Reason(Text("not in force on the assessment date", "не действует на дату оценки"), (), "effective"),)
    reasons: list[Reason] = []
    for clause in route.blocked_if:
        if evaluate(clause.when, env) is True:
            kind: Literal["blocked_if", "conditional_block"] = "blocked_if" if status == "blocked" else "conditional_block"
            reasons.append(Reason(clause.because, _read(clause.when, env), kind, conf(clause)))
    for clause in route.requires:
        value = evaluate(clause.when, env)
        if value is False:
            kind2: Literal["requires", "conditional_block"] = "requires" if status == "blocked" else "conditional_block"
            reasons.append(Reason(clause.because, _read(clause.when, env), kind2, conf(clause), unmet=True))
        elif value is True and status == "feasible":
            reasons.append(Reason(clause.because, _read(clause.when, env), "requires", conf(clause)))
    return tuple(reasons)


def _deciding(route: Route, env: Env) -> tuple[str, ...]:
    found: list[str] = []
    conds: list[Condition | None] = [route.applies_if]
    conds += [c.when for c in route.requires] + [c.when for c in route.blocked_if]
    for cond in conds:
        for fact in unknown_facts(cond, env):
            if fact not in found:
                found.append(fact)
    return tuple(found)


_BY_SEVERITY: dict[int, tuple[Route, tuple[Risk, ...]]] = {}


def _worst_first(route: Route) -> tuple[Risk, ...]:
    """A route's risks, highest severity first, then as written (sorted once per route)."""
    known = _BY_SEVERITY.get(id(route))
    if known is None or known[0] is not route:
        known = (route, tuple(sorted(route.risks, key=lambda r: -SEVERITIES.index(r.severity))))
        _BY_SEVERITY[id(route)] = known
    return known[1]


def _risks(route: Route, env: Env, pack: Pack) -> tuple[RiskResult, ...]:
    # A lawyer reads the worst first.
    results = []
    for risk in _worst_first(route):
        value = evaluate(risk.when, env)
        if value is not False:
            results.append(
                RiskResult(risk, "applies" if value else "possible", pack.confidence_of(risk.confidence, risk.sources))
            )
    return tuple(results)


def _deadline(
    deadline: Deadline, owner: str, applies: Tri, facts: Mapping[str, Value], as_of: dt.date, pack: Pack
) -> DeadlineResult:
    start = facts.get(deadline.from_fact)
    date = add_days(start, deadline.days, working=deadline.working_days) if isinstance(start, dt.date) else None
    return DeadlineResult(
        deadline=deadline,
        owner=owner,
        date=date,
        days_left=(date - as_of).days if date is not None else None,
        applies="applies" if applies else "possible",
        confidence=pack.confidence_of(deadline.confidence, deadline.sources),
    )


def candidate_values(fact: Fact, pack: Pack) -> list[Value]:
    """The values worth trying for a fact: its choices, true/false, or the thresholds
    the pack's conditions compare it with (and one step either side)."""
    if fact.type == "bool":
        return [True, False]
    if fact.type == "choice":
        return list(fact.choice_values())
    return list(pack.thresholds.get(fact.id, ()))


def _fixed_obstacle(route: Route, env: Env, changeable: set[str]) -> bool:
    """True when a part of the route that reads no changeable fact already stands in the
    way (a requirement not true, a blocker not false, applicability not true): no change
    to changeable facts can move it, so no search is needed."""
    parts: list[tuple[Condition | None, bool]] = [(route.applies_if, True)]
    parts += [(c.when, True) for c in route.requires] + [(c.when, False) for c in route.blocked_if]
    for cond, wanted in parts:
        if cond is None or changeable.intersection(_read(cond, env)):
            continue
        if evaluate(cond, env) is not wanted:
            return True
    return False


def what_would_open(route: Route, facts: Mapping[str, Value], pack: Pack, as_of: dt.date) -> tuple[Mapping[str, Value], ...]:
    """The smallest sets of changes to changeable facts that make the route feasible:
    one fact first, then two; at most MAX_OPEN_SETS answers."""
    situations = pack.situation_conditions()
    env = Env(facts, situations)
    read: list[str] = []
    conds: list[Condition | None] = [route.applies_if, *[c.when for c in route.requires], *[c.when for c in route.blocked_if]]
    for cond in conds:
        read += [f for f in _read(cond, env) if f not in read]
    changeable = [pack.facts[f] for f in read if f in pack.facts and pack.facts[f].changeable]
    if not changeable or _fixed_obstacle(route, env, {f.id for f in changeable}):
        return ()
    options = {f.id: [v for v in candidate_values(f, pack) if v != facts.get(f.id)] for f in changeable}
    found: list[Mapping[str, Value]] = []
    budget = MAX_OPEN_TRIES
    for size in (1, 2):
        for combo in itertools.combinations(changeable, size):
            for values in itertools.product(*(options[f.id] for f in combo)):
                budget -= 1
                if budget < 0:
                    return tuple(found)  # bounded: a large pack must not make one assessment slow
                change = {f.id: v for f, v in zip(combo, values, strict=True)}
                if route_status(route, Env({**facts, **change}, situations), as_of) == "feasible":
                    found.append(change)
                    if len(found) >= MAX_OPEN_SETS:
                        return tuple(found)
        if found:
            break
    return tuple(found)


def assess(
    pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: Iterable[str] = (), detail: bool = True
) -> Assessment:
    """Assess every route of the pack against the facts known on the as-of date.
    `detail=False` leaves out the reasons and the search for what would open each route
    (batch rows show neither, and they are most of an assessment's work)."""
    env = _env(pack, facts)
    results: list[RouteResult] = []
    for route in pack.route_list:
        if pack.routes.get(route.id) is not route:
            continue  # a duplicate id; rules check reports it
        status = route_status(route, env, as_of)
        applicable = status != "not_applicable"
        results.append(
            RouteResult(
                route=route,
                status=status,
                reasons=_reasons(route, env, status, pack) if detail else (),
                deciding_facts=_deciding(route, env) if status == "undetermined" else (),
                opens_if=what_would_open(route, facts, pack, as_of) if detail and status in ("blocked", "undetermined") else (),
                risks=_risks(route, env, pack) if applicable else (),
                deadlines=tuple(
                    _deadline(d, route.id, True if status == "feasible" else None, facts, as_of, pack) for d in route.deadlines
                )
                if applicable
                else (),
                confidence=pack.confidence_of(route.confidence, route.sources),
            )
        )
    order = {route.id: i for i, route in enumerate(pack.route_list)}
    results.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.highest_risk(), order[r.route.id]))
    situations = tuple(
        SituationResult(s, env.situation(s.id), pack.confidence_of(s.confidence, s.sources)) for s in pack.situations.values()
    )
    deadlines = tuple(
        _deadline(d, s.situation.id, s.value, facts, as_of, pack)
        for s in situations
        if s.value is not False
        for d in s.situation.deadlines
    )
    # Unknown and relevant: a fact whose ask_if is false does not matter for this man.
    unknown = (
        tuple(
            f.id
            for f in pack.fact_list
            if f.id not in facts and pack.facts.get(f.id) is f and relevance(pack, f.id, env) is not False
        )
        if detail
        else ()
    )
    assessment = Assessment(pack, as_of, dict(facts), unknown, situations, tuple(results), deadlines, ())
    return Assessment(
        pack, as_of, dict(facts), unknown, situations, tuple(results), deadlines, rank_questions(assessment, env, asked)
    )


def relevance(pack: Pack, fact_id: str, env: Env, _seen: frozenset[str] = frozenset()) -> Tri:
    """Whether a fact concerns this man: its `ask_if`, except that an `ask_if` left
    unknown only by facts that are themselves irrelevant (a summons date when the
    summons stage does not apply) counts as false: it can never become known."""
    fact = pack.facts.get(fact_id)
    if fact is None or fact.ask_if is None:
        return True
    value = evaluate(fact.ask_if, env)
    if value is not None:
        return value
    pending = [f for f in unknown_facts(fact.ask_if, env) if f not in _seen]
    if pending and all(relevance(pack, f, env, _seen | {fact_id}) is False for f in pending):
        return False
    return None


def rank_questions(assessment: Assessment, env: Env, asked: Iterable[str] = ()) -> tuple[str, ...]:
    """Facts worth asking, best first.

    A fact scores by the number of undetermined routes it would help decide; ties go to
    the one that decides more possible risks and unknown deadline dates, then to pack
    order.  Facts already asked ("don't know" included) or whose `ask_if` is false are
    skipped.
    """
    pack = assessment.pack
    done = set(asked)
    routes: dict[str, int] = {}
    extra: dict[str, int] = {}
    for result in assessment.routes:
        for fact in result.deciding_facts:
            routes[fact] = routes.get(fact, 0) + 1
        for risk in result.risks:
            if risk.status == "possible":
                for fact in unknown_facts(risk.risk.when, env):
                    extra[fact] = extra.get(fact, 0) + 1
    for deadline in (*assessment.deadlines, *(d for r in assessment.routes for d in r.deadlines)):
        if deadline.date is None:
            extra[deadline.deadline.from_fact] = extra.get(deadline.deadline.from_fact, 0) + 1
    order = {f.id: i for i, f in enumerate(pack.fact_list)}
    candidates = []
    surely_relevant: dict[str, bool] = {}
    for fact_id in set(routes) | set(extra):
        asked_fact = pack.facts.get(fact_id)
        if asked_fact is None or fact_id in assessment.facts or fact_id in done:
            continue
        relevant = relevance(pack, fact_id, env)
        if relevant is False:
            continue
        surely_relevant[fact_id] = relevant is True
        candidates.append(fact_id)
    # Between equally useful questions, one known to concern this man (its ask_if is
    # true) comes before one that may not ("days absent" before his status is known).
    candidates.sort(key=lambda f: (-routes.get(f, 0), not surely_relevant[f], -extra.get(f, 0), order[f]))
    return tuple(candidates)


def next_question(pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: Iterable[str] = ()) -> str | None:
    """The fact to ask next, or None when nothing askable would decide more."""
    ranked = assess(pack, facts, as_of=as_of, asked=asked).next_questions
    return ranked[0] if ranked else None
