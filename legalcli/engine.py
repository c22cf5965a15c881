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
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


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
    # Blocked when it surely applies and one part surely stands in the way; feasible
    # when every part is surely fine; otherwise undetermined.
    unsure = applies is None
    for clause in route.blocked_if:
        value = evaluate(clause.when, env)
        if value is True and applies:
            return "blocked"
        if value is not False:
            unsure = True
    for clause in route.requires:
        value = evaluate(clause.when, env)
        if value is False and applies:
            return "blocked"
        if value is not True:
            unsure = True
    return "undetermined" if unsure else "feasible"


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


def _deciding(conditions: tuple[Condition | None, ...], env: Env) -> tuple[str, ...]:
    found: list[str] = []
    for cond in conditions:
        for fact in unknown_facts(cond, env):
            if fact not in found:
                found.append(fact)
    return tuple(found)


class _Route(NamedTuple):
    """What an assessment needs of a route that does not depend on the facts."""

    route: Route
    position: int
    confidence: str
    conditions: tuple[Condition | None, ...]  # applies_if, requires, blocked_if
    risks: tuple[tuple[Risk, str], ...]  # worst first, each with its confidence
    deadlines: tuple[tuple[Deadline, str], ...]  # with confidence


class _Situation(NamedTuple):
    situation: Situation
    confidence: str
    deadlines: tuple[tuple[Deadline, str], ...]


class _Prepared(NamedTuple):
    pack: Pack
    routes: tuple[_Route, ...]  # in pack order, duplicates of an id left out
    situations: tuple[_Situation, ...]
    risk_reads: dict[int, frozenset[str]]  # id of a risk -> every fact its `when` may read


_PREPARED: dict[int, _Prepared] = {}


def _prepare(pack: Pack) -> _Prepared:
    """The facts-independent part of every assessment, worked out once per pack: a batch
    assesses thousands of files against the same pack."""
    known = _PREPARED.get(id(pack))
    if known is not None and known.pack is pack:
        return known
    conf = pack.confidence_of

    def deadlines(items: tuple[Deadline, ...]) -> tuple[tuple[Deadline, str], ...]:
        return tuple((d, conf(d.confidence, d.sources)) for d in items)

    routes = []
    for position, route in enumerate(pack.route_list):
        if pack.routes.get(route.id) is not route:
            continue  # a duplicate id; rules check reports it
        # A lawyer reads the worst risk first; equal ones as written.
        ordered = sorted(route.risks, key=lambda r: -SEVERITY_RANK[r.severity])
        routes.append(
            _Route(
                route,
                position,
                conf(route.confidence, route.sources),
                (route.applies_if, *(c.when for c in route.requires), *(c.when for c in route.blocked_if)),
                tuple((r, conf(r.confidence, r.sources)) for r in ordered),
                deadlines(route.deadlines),
            )
        )
    situations = tuple(_Situation(s, conf(s.confidence, s.sources), deadlines(s.deadlines)) for s in pack.situations.values())
    if len(_PREPARED) >= 8:
        _PREPARED.clear()  # packs come and go in tests and tools; keep the memo small
    situation = pack.situation_whens.get
    reads = {id(r): frozenset(facts_read(r.when, situation)) for item in routes for r, _ in item.risks}
    prepared = _Prepared(pack, tuple(routes), situations, reads)
    _PREPARED[id(pack)] = prepared
    return prepared


def _risks(prepared: _Route, env: Env) -> tuple[RiskResult, ...]:
    results = []
    for risk, confidence in prepared.risks:
        value = evaluate(risk.when, env)
        if value is not False:
            results.append(RiskResult(risk, "applies" if value else "possible", confidence))
    return tuple(results)


def _deadline(
    deadline: Deadline, confidence: str, owner: str, applies: Tri, facts: Mapping[str, Value], as_of: dt.date
) -> DeadlineResult:
    start = facts.get(deadline.from_fact)
    if isinstance(start, dt.date):
        date = add_days(start, deadline.days, working=deadline.working_days)
        return DeadlineResult(deadline, owner, date, (date - as_of).days, "applies" if applies else "possible", confidence)
    return DeadlineResult(deadline, owner, None, None, "applies" if applies else "possible", confidence)


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
    `detail=False` leaves out the reasons, the search for what would open each route
    and every question but the best one (batch rows show none of them, and they are
    most of an assessment's work)."""
    env = _env(pack, facts)
    prepared = _prepare(pack)
    keyed: list[tuple[tuple[int, int, int], RouteResult]] = []
    for item in prepared.routes:
        route = item.route
        status = route_status(route, env, as_of)
        if status == "not_applicable":
            risks: tuple[RiskResult, ...] = ()
            deadlines: tuple[DeadlineResult, ...] = ()
        else:
            risks = _risks(item, env)
            applies = True if status == "feasible" else None
            deadlines = tuple(_deadline(d, c, route.id, applies, facts, as_of) for d, c in item.deadlines)
        result = RouteResult(
            route,
            status,
            _reasons(route, env, status, pack) if detail else (),
            _deciding(item.conditions, env) if status == "undetermined" else (),
            what_would_open(route, facts, pack, as_of) if detail and status in ("blocked", "undetermined") else (),
            risks,
            deadlines,
            item.confidence,
        )
        # Risks are worst first, so the first one's severity is the route's highest.
        worst = SEVERITY_RANK[risks[0].risk.severity] if risks else -1
        keyed.append(((STATUS_ORDER.index(status), worst, item.position), result))
    keyed.sort(key=lambda pair: pair[0])
    results = tuple(result for _, result in keyed)
    situations = tuple(SituationResult(s.situation, env.situation(s.situation.id), s.confidence) for s in prepared.situations)
    pack_deadlines = tuple(
        _deadline(d, c, s.situation.id, value.value, facts, as_of)
        for s, value in zip(prepared.situations, situations, strict=True)
        if value.value is not False
        for d, c in s.deadlines
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
    if detail:
        questions = rank_questions(pack, facts, results, pack_deadlines, env, asked)
    else:
        questions = best_question(pack, facts, results, pack_deadlines, env, asked)
    return Assessment(pack, as_of, dict(facts), unknown, situations, results, pack_deadlines, questions)


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


def _extra_counts(
    routes: tuple[RouteResult, ...],
    deadlines: tuple[DeadlineResult, ...],
    env: Env,
    wanted: set[str] | None = None,
    reads: dict[int, frozenset[str]] | None = None,
) -> dict[str, int]:
    """For each fact, how many possible risks it would help decide and how many deadline
    dates wait for it: the tie-break between equally useful questions.  With `wanted`,
    only those facts are counted, and a risk that cannot read any of them is skipped."""
    extra: dict[str, int] = {}
    for result in routes:
        for risk in result.risks:
            if risk.status != "possible":
                continue
            if wanted is not None and reads is not None and wanted.isdisjoint(reads.get(id(risk.risk), wanted)):
                continue
            for fact in unknown_facts(risk.risk.when, env):
                extra[fact] = extra.get(fact, 0) + 1
    for deadline in (*deadlines, *(d for result in routes for d in result.deadlines)):
        if deadline.date is None:
            extra[deadline.deadline.from_fact] = extra.get(deadline.deadline.from_fact, 0) + 1
    return extra


def rank_questions(
    pack: Pack,
    facts: Mapping[str, Value],
    routes: tuple[RouteResult, ...],
    deadlines: tuple[DeadlineResult, ...],
    env: Env,
    asked: Iterable[str] = (),
) -> tuple[str, ...]:
    """Facts worth asking, best first.

    A fact scores by the number of undetermined routes it would help decide; ties go to
    the one that decides more possible risks and unknown deadline dates, then to pack
    order.  Facts already asked ("don't know" included) or whose `ask_if` is false are
    skipped.
    """
    done = set(asked)
    deciding = _deciding_counts(routes)
    extra = _extra_counts(routes, deadlines, env)
    candidates = []
    surely_relevant: dict[str, bool] = {}
    for fact_id in deciding.keys() | extra.keys():
        if fact_id not in pack.facts or fact_id in facts or fact_id in done:
            continue
        relevant = relevance(pack, fact_id, env)
        if relevant is False:
            continue
        surely_relevant[fact_id] = relevant is True
        candidates.append(fact_id)
    # Between equally useful questions, one known to concern this man (its ask_if is
    # true) comes before one that may not ("days absent" before his status is known).
    order = pack.fact_order
    candidates.sort(key=lambda f: (-deciding.get(f, 0), not surely_relevant[f], -extra.get(f, 0), order[f]))
    return tuple(candidates)


def _deciding_counts(routes: tuple[RouteResult, ...]) -> dict[str, int]:
    deciding: dict[str, int] = {}
    for result in routes:
        for fact in result.deciding_facts:
            deciding[fact] = deciding.get(fact, 0) + 1
    return deciding


def best_question(
    pack: Pack,
    facts: Mapping[str, Value],
    routes: tuple[RouteResult, ...],
    deadlines: tuple[DeadlineResult, ...],
    env: Env,
    asked: Iterable[str] = (),
) -> tuple[str, ...]:
    """`rank_questions(...)[:1]`, without scoring every candidate: the facts that decide
    the most routes are looked at first, and the tie-breaks are counted only for the
    facts still tied.  A batch row shows only this question.  tests/test_soundness.py
    checks it against the full ranking."""
    done = set(asked)
    by_count: dict[int, list[str]] = {}
    for fact_id, count in _deciding_counts(routes).items():
        if fact_id in pack.facts and fact_id not in facts and fact_id not in done:
            by_count.setdefault(count, []).append(fact_id)
    for count in sorted(by_count, reverse=True):
        relevant = [(f, relevance(pack, f, env)) for f in by_count[count]]
        surely = [f for f, value in relevant if value is True]
        tied = surely or [f for f, value in relevant if value is None]
        if not tied:
            continue
        if len(tied) == 1:
            return (tied[0],)
        extra = _extra_counts(routes, deadlines, env, set(tied), _prepare(pack).risk_reads)
        return (min(tied, key=lambda f: (-extra.get(f, 0), pack.fact_order[f])),)
    # No fact decides a route: the best question, if any, comes from risks and deadlines.
    return rank_questions(pack, facts, routes, deadlines, env, asked)[:1]


def next_question(pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: Iterable[str] = ()) -> str | None:
    """The fact to ask next, or None when nothing askable would decide more."""
    ranked = assess(pack, facts, as_of=as_of, asked=asked).next_questions
    return ranked[0] if ranked else None
