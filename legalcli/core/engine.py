"""The decision engine: facts (some unknown) in, route statuses with reasons out.

Pure: takes values, returns values, prints nothing.  Semantics in docs/rule-format.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from legalcli.core.calendar import add_period
from legalcli.core.conditions import (
    AllOf,
    AnyOf,
    Condition,
    CountryTest,
    Env,
    FactTest,
    Not,
    SituationRef,
    Tri,
    Value,
    evaluate,
    facts_read,
    unknown_facts,
    walk,
)
from legalcli.core.model import AttributeValue, Clause, Country, CountryTopic, Deadline, Fact, Pack, Risk, Route, Situation, Text
from legalcli.core.vocabulary import SEVERITIES

Status = Literal["feasible", "blocked", "undetermined", "not_applicable"]
STATUS_ORDER: tuple[Status, ...] = ("feasible", "undetermined", "blocked", "not_applicable")
MAX_OPEN_SETS = 3
MAX_OPEN_TRIES = 120  # route evaluations per route when searching what would open it
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_ORDER)}
_tuple_new = tuple.__new__


# Results are NamedTuples: built by the thousand in a batch, and a tuple is the
# cheapest immutable record Python makes (no generated __init__ to run).
class Finding(NamedTuple):
    """What the country table says of the country he is in, where a condition read it."""

    country: Country
    attribute: str
    found: AttributeValue
    confidence: str  # the entry's mark, else that of its surest source


class Reason(NamedTuple):
    text: Text
    facts: tuple[str, ...]
    kind: Literal["requires", "blocked_if", "applies_if", "effective", "conditional_block", "unsettled"]
    confidence: str = "confirmed"
    unmet: bool = False  # a `requires` that fails (its text says what is required)
    findings: tuple[Finding, ...] = ()  # the country practice the reason rests on
    sources: tuple[str, ...] = ()  # the clause's own sources (the route's when it names none)


class RiskResult(NamedTuple):
    risk: Risk
    status: Literal["applies", "possible"]
    confidence: str
    findings: tuple[Finding, ...] = ()


class DeadlineResult(NamedTuple):
    deadline: Deadline
    owner: str  # the route or situation it belongs to
    date: dt.date | None
    days_left: int | None
    applies: Literal["applies", "possible"]
    confidence: str

    @property
    def overdue(self) -> bool:
        """A duty whose date has passed (a fixed date that has passed is not overdue)."""
        return self.deadline.kind == "duty" and self.passed

    @property
    def passed(self) -> bool:
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
    steps: tuple[Text, ...] = ()  # the route's, then the country table's for where he is
    stale: bool = False  # the as-of date is more than STALE_DAYS past the route's review


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


STALE_DAYS = 180  # a route reviewed longer ago than this before the as-of date is flagged


def make_env(pack: Pack, facts: Mapping[str, Value], as_of: dt.date) -> Env:
    """The facts with what conditions read beside them: the situations, the country
    table and the laws, as they stand on the as-of date."""
    env = Env(facts, pack.situation_conditions(), as_of=as_of, countries=pack.countries, laws=pack.law_windows)
    inactive = frozenset(s.id for s in pack.situation_list if not env.in_force(s.legal_basis))
    if not inactive:
        return env
    return Env(
        facts, pack.situation_conditions(), as_of=as_of, countries=pack.countries, laws=pack.law_windows, inactive=inactive
    )


def route_status(route: Route, env: Env, as_of: dt.date, *, settled: bool = False) -> Status:
    """The status alone (no reasons): used by the search for what would open a route.
    A clause that rests on a law not in force on the as-of date does not count.
    `settled=True` reads the route as if the sources settled every `unsettled_if` point
    (rules check's search: a route held back only by open questions is not dead)."""
    if not _in_effect(route, as_of):
        return "not_applicable"
    applies = evaluate(route.applies_if, env)
    if applies is False:
        return "not_applicable"
    # Blocked when it surely applies and one part surely stands in the way; feasible
    # when every part is surely fine and nothing the sources leave open may hold;
    # otherwise undetermined.
    unsure = applies is None
    for clause in _in_force(route.blocked_if, env):
        value = evaluate(clause.when, env)
        if value is True and applies:
            return "blocked"
        if value is not False:
            unsure = True
    for clause in _in_force(route.requires, env):
        value = evaluate(clause.when, env)
        if value is False and applies:
            return "blocked"
        if value is not True:
            unsure = True
    if not unsure and not settled:
        for clause in _in_force(route.unsettled_if, env):
            if evaluate(clause.when, env) is not False:
                return "undetermined"
    return "undetermined" if unsure else "feasible"


def _in_effect(route: Route, as_of: dt.date) -> bool:
    """Whether the as-of date falls within the route's own dates of effect."""
    starts, ends = route.effective_from, route.effective_until
    return (starts is None or starts <= as_of) and (ends is None or as_of <= ends)


def findings(
    cond: Condition | None,
    env: Env,
    confidence_of: Callable[[Any, tuple[str, ...]], str],
    tests: tuple[CountryTest, ...] | None = None,
) -> tuple[Finding, ...]:
    """The country table's entries a condition reads for the country he is in, as they
    stand on the as-of date (each once): what a reason or risk about "the country he
    is in" shows of that country's practice and sources.  `tests`: the condition's
    `_country_tests`, when the caller has them already."""
    if cond is None or env.as_of is None:
        return ()
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for node in _country_tests(cond, env.situation_condition) if tests is None else tests:
        country_id = env.facts.get(node.fact)
        country = env.countries.get(country_id) if isinstance(country_id, str) else None
        if not isinstance(country, Country) or (country.id, node.attribute) in seen:
            continue
        seen.add((country.id, node.attribute))
        entry = country.finding(node.attribute, env.as_of)
        if entry is not None:
            found.append(Finding(country, node.attribute, entry, confidence_of(entry.confidence, entry.sources)))
    return tuple(found)


def _country_tests(cond: Condition | None, situation: Callable[[str], Condition | None]) -> tuple[CountryTest, ...]:
    """The country tests a condition reads, itself or through a situation (each situation
    once), in the order `findings` lists what they read.  They depend on the pack alone:
    `_prepare` works them out once for each risk (most risks have none, and batch
    assesses thousands of files)."""
    found: list[CountryTest] = []
    stack: list[Condition | None] = [cond]
    followed: set[str] = set()
    while stack:
        for node in walk(stack.pop()):
            if isinstance(node, CountryTest):
                found.append(node)
            elif isinstance(node, SituationRef) and node.situation not in followed:
                followed.add(node.situation)
                stack.append(situation(node.situation))
    return tuple(found)


def _read(cond: Condition | None, env: Env) -> tuple[str, ...]:
    return tuple(facts_read(cond, env.situation_condition))


def _reasons(route: Route, env: Env, status: Status, pack: Pack) -> tuple[Reason, ...]:
    def conf(clause: Clause, found: tuple[Finding, ...]) -> str:
        # A reason is as sure as its own mark, its sources and the country entries it reads.
        own = pack.confidence_of(clause.confidence, clause.sources or (() if found else route.sources))
        if own == "confirmed" and any(f.confidence != "confirmed" for f in found):
            return "unconfirmed"
        return own

    def reason(
        clause: Clause, kind: Literal["requires", "blocked_if", "conditional_block", "unsettled"], unmet: bool = False
    ) -> Reason:
        found = findings(clause.when, env, pack.confidence_of)
        # A clause about the country he is in rests on that country's entries, shown with
        # their own sources: the route's general sources would speak for a country they
        # do not describe.
        sources = clause.sources or (() if found else route.sources)
        return Reason(clause.because, _read(clause.when, env), kind, conf(clause, found), unmet, found, sources)

    if status == "not_applicable":
        if evaluate(route.applies_if, env) is False:
            return ()
        return (Reason(Text("not in force on the assessment date", "не действует на дату оценки"), (), "effective"),)
    reasons: list[Reason] = []
    open_blocks: list[Reason] = []
    unsettled: list[Reason] = []
    for clause in _in_force(route.blocked_if, env):
        value = evaluate(clause.when, env)
        if value is True:
            reasons.append(reason(clause, "blocked_if" if status == "blocked" else "conditional_block"))
        elif value is None and status == "undetermined" and _unsettled_by_table(clause.when, env):
            open_blocks.append(reason(clause, "unsettled"))
    for clause in _in_force(route.requires, env):
        value = evaluate(clause.when, env)
        if value is False:
            reasons.append(reason(clause, "requires" if status == "blocked" else "conditional_block", unmet=True))
        elif value is True and status == "feasible":
            reasons.append(reason(clause, "requires"))
        elif value is None and status == "undetermined" and _unsettled_by_table(clause.when, env):
            unsettled.append(reason(clause, "unsettled"))
    if status == "undetermined":
        for clause in _in_force(route.unsettled_if, env):
            value = evaluate(clause.when, env)
            if value is True or (value is None and _unsettled_by_table(clause.when, env)):
                unsettled.append(reason(clause, "unsettled"))
    # A blocker that the table leaves open mirrors the requirement on the same entry
    # ("a claim can be lodged" / "no asylum in practice"): said once, as the requirement,
    # so that an open question never reads as a claim that the route is closed.
    said = {(f.country.id, f.attribute) for r in unsettled for f in r.findings}
    unsettled += [r for r in open_blocks if not {(f.country.id, f.attribute) for f in r.findings} <= said]
    return tuple(reasons + unsettled)


def _in_force(clauses: tuple[Clause, ...], env: Env) -> Iterable[Clause]:
    """The clauses whose laws are in force on the as-of date (the others do not count)."""
    if not clauses:
        return clauses  # most routes have no blockers or open points: no generator for them
    return (c for c in clauses if not c.legal_basis or env.in_force(c.legal_basis))


def _live_conditions(route: Route, env: Env) -> tuple[Condition | None, ...]:
    """The conditions that can still decide the route on the as-of date."""
    clauses = (*route.requires, *route.blocked_if, *route.unsettled_if)
    return (route.applies_if, *(c.when for c in _in_force(clauses, env)))


def _unsettled_by_table(cond: Condition, env: Env) -> bool:
    """Unknown although every fact it reads is known: the country table leaves it open."""
    return not unknown_facts(cond, env)


def _deciding(conditions: tuple[Condition | None, ...], env: Env) -> tuple[str, ...]:
    found: dict[str, None] = {}  # each fact once, in the order first met
    for cond in conditions:
        if cond is not None:
            for fact in unknown_facts(cond, env):
                found[fact] = None
    return tuple(found)


class _Route(NamedTuple):
    """What an assessment needs of a route that does not depend on the facts."""

    route: Route
    position: int
    confidence: str
    risks: tuple[_Risk, ...]  # worst first
    deadlines: tuple[tuple[Deadline, str], ...]  # with confidence


class _Risk(NamedTuple):
    """A risk with what does not depend on the facts.  A risk that reads no country
    entry has only two possible results, made here once: every assessment shares them
    (they are immutable), instead of building a record for each of the ~130 risks each
    case file's assessment reports."""

    risk: Risk
    confidence: str
    tests: tuple[CountryTest, ...]  # _country_tests of its `when`: with any, its findings depend on the case
    applies: RiskResult
    possible: RiskResult


class _Situation(NamedTuple):
    situation: Situation
    confidence: str
    deadlines: tuple[tuple[Deadline, str], ...]


class _Prepared(NamedTuple):
    pack: Pack
    routes: tuple[_Route, ...]  # in pack order, duplicates of an id left out
    situations: tuple[_Situation, ...]
    risk_reads: dict[int, frozenset[str]]  # id of a risk -> every fact its `when` may read
    # (id of a fact or country test, as-of date) -> the values it may take over every
    # answer to its fact (_free_bits): filled as the interview's reasoning meets them.
    # They depend on the pack and the date alone, and `legalcli tree` asks for them at
    # every node (millions of trial evaluations otherwise).
    free_bits: dict[tuple[int, dt.date | None], int]


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

    situation = pack.situation_whens.get

    def risk(r: Risk) -> _Risk:
        confidence = conf(r.confidence, r.sources)
        return _Risk(
            r,
            confidence,
            _country_tests(r.when, situation),
            RiskResult(r, "applies", confidence),
            RiskResult(r, "possible", confidence),
        )

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
                tuple(risk(r) for r in ordered),
                deadlines(route.deadlines),
            )
        )
    situations = tuple(_Situation(s, conf(s.confidence, s.sources), deadlines(s.deadlines)) for s in pack.situations.values())
    if len(_PREPARED) >= 8:
        _PREPARED.clear()  # packs come and go in tests and tools; keep the memo small
    reads = {id(r.risk): frozenset(facts_read(r.risk.when, situation)) for item in routes for r in item.risks}
    prepared = _Prepared(pack, tuple(routes), situations, reads, {})
    _PREPARED[id(pack)] = prepared
    return prepared


def _risks(prepared: _Route, env: Env, confidence_of: Callable[[Any, tuple[str, ...]], str]) -> tuple[RiskResult, ...]:
    # The engine's busiest loop in a batch (every risk of every route that applies):
    # a risk without a condition applies without a call to evaluate.
    results = []
    in_force = env.in_force
    for entry in prepared.risks:
        risk = entry.risk
        if risk.legal_basis and not in_force(risk.legal_basis):
            continue  # the law it rests on is not in force on the as-of date
        when = risk.when
        value = True if when is None else evaluate(when, env)
        if value is False:
            continue
        if not entry.tests:
            results.append(entry.applies if value else entry.possible)
            continue
        found = findings(when, env, confidence_of, entry.tests)
        # A risk is as sure as its own sources and the country entries it reads.
        confidence = entry.confidence
        shown = "unconfirmed" if confidence == "confirmed" and any(f.confidence != "confirmed" for f in found) else confidence
        results.append(RiskResult(risk, "applies" if value else "possible", shown, found))
    return tuple(results)


def _deadline(
    deadline: Deadline, confidence: str, owner: str, applies: Tri, facts: Mapping[str, Value], env: Env
) -> DeadlineResult | None:
    """A deadline counted from its date fact, or None when a law it rests on is not in
    force on the as-of date.  It never starts before the latest of its laws' starts:
    a duty cannot run before the law that creates it."""
    if deadline.legal_basis and not env.in_force(deadline.legal_basis):
        return None
    start = facts.get(deadline.from_fact)
    applied: Literal["applies", "possible"] = "applies" if applies else "possible"
    as_of = env.as_of
    if isinstance(start, dt.date) and as_of is not None:
        for law_id in deadline.legal_basis:
            law_start = env.law_start(law_id)
            if law_start is not None and law_start > start:
                start = law_start
        try:
            date = add_period(start, deadline.amount, deadline.unit)
        except (OverflowError, ValueError):
            return DeadlineResult(deadline, owner, None, None, applied, confidence)
        return DeadlineResult(deadline, owner, date, (date - as_of).days, applied, confidence)
    return DeadlineResult(deadline, owner, None, None, applied, confidence)


def candidate_values(fact: Fact, pack: Pack, as_of: dt.date | None = None) -> list[Value]:
    """The values worth trying for a fact: its choices, true/false, or the thresholds
    the pack's conditions compare it with (and one step either side); for a date that
    `passed` tests read, the days either side of each period's end on the as-of date."""
    if fact.type == "bool":
        return [True, False]
    if fact.type == "choice":
        return list(fact.choice_values())
    values = list(pack.thresholds.get(fact.id, ()))
    if as_of is not None:
        for amount, unit in pack.periods.get(fact.id, ()):
            edge = _period_start(as_of, amount, unit)
            for day in (edge - dt.timedelta(days=1), edge, edge + dt.timedelta(days=1)):
                if day not in values:
                    values.append(day)
    return values


def _period_start(end: dt.date, amount: int, unit: str) -> dt.date:
    """The latest start from which the period has run out by `end` (near enough for a
    search domain: one day either side is tried too)."""
    if unit in ("days", "working_days"):
        scale = 1 if unit == "days" else 7 / 5
        guess = end - dt.timedelta(days=round(amount * scale))
    else:
        months = amount * 12 if unit == "years" else amount
        index = end.year * 12 + end.month - 1 - months
        guess = dt.date(index // 12, index % 12 + 1, min(end.day, 28))
    while add_period(guess, amount, unit) > end:
        guess -= dt.timedelta(days=1)
    while add_period(guess + dt.timedelta(days=1), amount, unit) <= end:
        guess += dt.timedelta(days=1)
    return guess


COUNTRY_FACT = "current_country"  # the fact a route's country_topic reads


def _by_date(d: DeadlineResult) -> tuple[bool, dt.date]:
    """Deadlines in the order a lawyer reads them: by date, the undated last."""
    return (d.date is None, d.date or dt.date.max)


def _country_topic(route: Route, env: Env) -> CountryTopic | None:
    """The country table's steps and deadlines for this route, where he is."""
    if not route.country_topic:
        return None
    country = env.countries.get(str(env.facts.get(COUNTRY_FACT, "")))
    return country.topic(route.country_topic) if isinstance(country, Country) else None


def _fixed_obstacle(route: Route, env: Env, changeable: set[str]) -> bool:
    """True when a part of the route that reads no changeable fact already stands in the
    way (a requirement not true, a blocker not false, applicability not true): no change
    to changeable facts can move it, so no search is needed."""
    parts: list[tuple[Condition | None, bool]] = [(route.applies_if, True)]
    parts += [(c.when, True) for c in _in_force(route.requires, env)]
    parts += [(c.when, False) for c in (*_in_force(route.blocked_if, env), *_in_force(route.unsettled_if, env))]
    for cond, wanted in parts:
        if cond is None or changeable.intersection(_read(cond, env)):
            continue
        if evaluate(cond, env) is not wanted:
            return True
    return False


def what_would_open(route: Route, facts: Mapping[str, Value], pack: Pack, as_of: dt.date) -> tuple[Mapping[str, Value], ...]:
    """The smallest sets of changes to changeable facts that make the route feasible:
    one fact first, then two; at most MAX_OPEN_SETS answers."""
    env = make_env(pack, facts, as_of)
    read: list[str] = []
    for cond in _live_conditions(route, env):
        read += [f for f in _read(cond, env) if f not in read]
    changeable = [pack.facts[f] for f in read if f in pack.facts and pack.facts[f].changeable]
    if not changeable or _fixed_obstacle(route, env, {f.id for f in changeable}):
        return ()
    options = {f.id: [v for v in candidate_values(f, pack, as_of) if v != facts.get(f.id)] for f in changeable}
    found: list[Mapping[str, Value]] = []
    budget = MAX_OPEN_TRIES
    for size in (1, 2):
        for combo in itertools.combinations(changeable, size):
            for values in itertools.product(*(options[f.id] for f in combo)):
                budget -= 1
                if budget < 0:
                    return tuple(found)  # bounded: a large pack must not make one assessment slow
                change = {f.id: v for f, v in zip(combo, values, strict=True)}
                if route_status(route, make_env(pack, {**facts, **change}, as_of), as_of) == "feasible":
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
    env = make_env(pack, facts, as_of)
    prepared = _prepare(pack)
    confidence_of = pack.confidence_of
    keyed: list[tuple[tuple[int, int, int], RouteResult]] = []
    for item in prepared.routes:
        route = item.route
        status = route_status(route, env, as_of)
        topic = _country_topic(route, env) if route.country_topic else None  # few routes have one
        risks: tuple[RiskResult, ...] = ()
        deadlines: tuple[DeadlineResult, ...] = ()
        if status != "not_applicable":
            risks = _risks(item, env, confidence_of)
            if item.deadlines or topic is not None:
                applies = True if status == "feasible" else None
                own = [_deadline(d, c, route.id, applies, facts, env) for d, c in item.deadlines]
                if topic is not None:
                    own += [
                        _deadline(d, confidence_of(d.confidence, d.sources), route.id, applies, facts, env)
                        for d in topic.deadlines
                    ]
                deadlines = tuple(sorted((d for d in own if d is not None), key=_by_date))
        # tuple.__new__ skips the NamedTuple's Python-level __new__ (a batch makes one
        # result for every route of every file); the fields are in RouteResult's order.
        result = _tuple_new(
            RouteResult,
            (
                route,
                status,
                _reasons(route, env, status, pack) if detail else (),
                _deciding(_live_conditions(route, env), env) if status == "undetermined" else (),
                what_would_open(route, facts, pack, as_of) if detail and status in ("blocked", "undetermined") else (),
                risks,
                deadlines,
                item.confidence,
                route.steps + topic.steps if topic else route.steps,
                (as_of - route.reviewed).days > STALE_DAYS,
            ),
        )
        # Risks are worst first, so the first one's severity is the route's highest.
        worst = SEVERITY_RANK[risks[0].risk.severity] if risks else -1
        keyed.append(((STATUS_RANK[status], worst, item.position), result))
    keyed.sort(key=lambda pair: pair[0])
    results = tuple(result for _, result in keyed)
    situations = tuple(SituationResult(s.situation, env.situation(s.situation.id), s.confidence) for s in prepared.situations)
    counted = (
        _deadline(d, c, s.situation.id, value.value, facts, env)
        for s, value in zip(prepared.situations, situations, strict=True)
        if value.value is not False
        for d, c in s.deadlines
    )
    pack_deadlines = tuple(sorted((d for d in counted if d is not None), key=_by_date))
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


# --- what the interview can still decide ---------------------------------------------
#
# The interview stops when no answer to any remaining question can change a route's
# status, make a possible risk apply, or date a deadline that runs.  Trying answers one
# fact at a time would miss what only two answers together decide (`all: [a, b]`), so
# this reasons over every answer at once: for each condition, the set of values it can
# still take while the facts that may still be asked range over all their values (or
# stay unknown) and every other fact keeps its value.  The sets are over-approximations
# (parts sharing a fact are treated as independent), so the interview may ask a question
# that turns out not to matter, but never stops while one does; and they only shrink as
# answers come in, so the number of facts that may still matter is an upper bound on the
# questions left.

_T, _F, _U = 1, 2, 4  # the values a condition may take, as bits: true, false, unknown
_ALL = _T | _F | _U


def _bit(value: Tri) -> int:
    return _U if value is None else _T if value else _F


class Decides(NamedTuple):
    """What one fact may still decide: the routes whose status it may change (pack
    order), and how many possible risks it may make apply and deadline dates it may fix."""

    routes: tuple[str, ...]
    risks: int
    deadlines: int


class _Reach:
    """The values each condition may still take (bits), over every answer to the facts
    in `free`; and the free facts that can still move it."""

    def __init__(self, pack: Pack, env: Env, free: frozenset[str]) -> None:
        self.pack = pack
        self.env = env
        self.free = free
        self._free_bits = _prepare(pack).free_bits
        self._memo: dict[int, int] = {}
        self._situations: dict[str, int] = {}

    def of(self, cond: Condition | None) -> int:
        if cond is None:
            return _T
        if isinstance(cond, SituationRef):
            return self.situation(cond.situation)
        key = id(cond)
        known = self._memo.get(key)
        if known is None:
            known = self._compute(cond)
            self._memo[key] = known
        return known

    def situation(self, situation_id: str) -> int:
        known = self._situations.get(situation_id)
        if known is not None:
            return known
        situation = self.pack.situations.get(situation_id)
        if situation is None:
            return _bit(self.env.situation(situation_id))
        if not self.env.in_force(situation.legal_basis):
            return _F  # the law it rests on is not in force on the as-of date
        self._situations[situation_id] = _ALL  # a cycle (rules check reports it) may take any value
        value = self.of(situation.when)
        self._situations[situation_id] = value
        return value

    def _compute(self, cond: Condition) -> int:
        if isinstance(cond, (FactTest, CountryTest)):
            if cond.fact not in self.free:
                return _bit(evaluate(cond, self.env))
            key = (id(cond), self.env.as_of)
            bits = self._free_bits.get(key)
            if bits is None:
                bits = self._free_bits[key] = _free_bits(self.pack, cond, self.env.as_of)
            return bits
        if isinstance(cond, Not):
            inner = self.of(cond.item)
            return (inner & _U) | (_F if inner & _T else 0) | (_T if inner & _F else 0)
        assert isinstance(cond, (AllOf, AnyOf))
        parts = [self.of(item) for item in cond.items]
        # all: true when every part is; false when one is; unknown when none is false
        # and one is unknown.  any: the same with true and false exchanged.
        win, lose = (_F, _T) if isinstance(cond, AllOf) else (_T, _F)
        bits = 0
        if all(p & lose for p in parts):
            bits |= lose
        if any(p & win for p in parts):
            bits |= win
        if all(p & (lose | _U) for p in parts) and any(p & _U for p in parts):
            bits |= _U
        return bits

    def movers(self, cond: Condition | None, found: set[str], _seen: frozenset[str] = frozenset()) -> None:
        """Add to `found` the free facts read by the parts of `cond` that may still take
        more than one value."""
        if cond is None or self.of(cond) in (_T, _F, _U):
            return
        if isinstance(cond, (FactTest, CountryTest)):
            if cond.fact in self.free:
                found.add(cond.fact)
        elif isinstance(cond, SituationRef):
            situation = self.pack.situations.get(cond.situation)
            if situation is not None and cond.situation not in _seen:
                self.movers(situation.when, found, _seen | {cond.situation})
        elif isinstance(cond, Not):
            self.movers(cond.item, found, _seen)
        else:
            for item in cond.items:
                self.movers(item, found, _seen)


def _free_bits(pack: Pack, cond: FactTest | CountryTest, as_of: dt.date | None) -> int:
    """The values a test may take while its fact ranges over every answer (or stays
    unknown): they depend on the test, the pack and the as-of date alone."""
    if isinstance(cond, CountryTest):
        bits = _U
        for country in pack.countries:
            bits |= _bit(evaluate(cond, Env({cond.fact: country}, {}, as_of=as_of, countries=pack.countries)))
        return bits
    if cond.op == "known":
        return _T | _F  # answered or not
    fact = pack.facts.get(cond.fact)
    domain: tuple[Value, ...] = (True, False) if fact is not None and fact.type == "bool" else ()
    domain = fact.choice_values() if fact is not None and fact.choices else domain
    if not domain:
        return _ALL  # a number or a date may fall either side of any threshold
    bits = _U
    for value in domain:
        bits |= _bit(evaluate(cond, Env({cond.fact: value}, {}, as_of=as_of)))
    return bits


def _askable(pack: Pack, facts: Mapping[str, Value], env: Env, asked: Iterable[str]) -> tuple[frozenset[str], _Reach]:
    """The facts an interview may still ask (see `askable`), with the reasoning over
    every answer to them (decidable goes on with it)."""
    done = set(asked)
    free = frozenset(
        f.id
        for f in pack.fact_list
        if f.id not in facts and f.id not in done and pack.facts.get(f.id) is f and relevance(pack, f.id, env) is not False
    )
    # A fact is asked only while its `ask_if` may still hold: one that rests on an answer
    # of "don't know" never will (as relevance() says of one resting on facts that do not
    # concern him).  Fewer free facts may close more `ask_if`s: repeat until none does.
    while True:
        reach = _Reach(pack, env, free)
        still = frozenset(f for f in free if reach.of(pack.facts[f].ask_if) & _T)
        if still == free:
            return free, reach
        free = still


def askable(pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: Iterable[str] = ()) -> frozenset[str]:
    """The facts an interview may still ask: not known, not asked before ("don't know"
    is final), and with an `ask_if` that may still hold."""
    return _askable(pack, facts, make_env(pack, facts, as_of), asked)[0]


def _reachable_statuses(route: Route, reach: _Reach, env: Env, as_of: dt.date) -> set[Status]:
    """Every status the route may still take (route_status over every answer)."""
    if not _in_effect(route, as_of):
        return {"not_applicable"}
    applies = reach.of(route.applies_if)
    blockers = [reach.of(c.when) for c in _in_force(route.blocked_if, env)]
    needs = [reach.of(c.when) for c in _in_force(route.requires, env)]
    open_points = [reach.of(c.when) for c in _in_force(route.unsettled_if, env)]
    found: set[Status] = set()
    if applies & _F:
        found.add("not_applicable")
    if applies & _T:
        if any(b & _T for b in blockers) or any(n & _F for n in needs):
            found.add("blocked")
        if all(b & _F for b in blockers) and all(n & _T for n in needs) and all(u & _F for u in open_points):
            found.add("feasible")
    if applies & _U or any(b & _U for b in blockers) or any(n & _U for n in needs) or any(u & (_T | _U) for u in open_points):
        found.add("undetermined")
    return found


def decidable(
    pack: Pack, facts: Mapping[str, Value], *, as_of: dt.date, asked: Iterable[str] = (), env: Env | None = None
) -> dict[str, Decides]:
    """The facts still worth asking, each with what it may decide: a fact not known, not
    asked before ("don't know" is final) and whose `ask_if` is not false, that can still
    change a route's status, make a possible risk apply, or fix the date of a deadline
    that runs or may run.  Empty when nothing more can be decided; its size is an upper
    bound on the questions an interview has left (tests/test_interview_stopping.py).
    `env`: make_env(pack, facts, as_of), when the caller has made it already (the
    interview orders the questions with the same one)."""
    env = make_env(pack, facts, as_of) if env is None else env
    free, reach = _askable(pack, facts, env, asked)
    if not free:
        return {}
    routes: dict[str, list[str]] = {}
    others: dict[str, int] = {}
    dates: dict[str, int] = {}

    def count(into: dict[str, int], found: set[str]) -> None:
        for fact_id in found:
            into[fact_id] = into.get(fact_id, 0) + 1

    def count_dates(deadlines: Iterable[Deadline]) -> None:
        # A date an answer may still give, of a deadline whose laws are in force.
        for deadline in deadlines:
            if deadline.from_fact in free and (not deadline.legal_basis or env.in_force(deadline.legal_basis)):
                count(dates, {deadline.from_fact})

    for item in _prepare(pack).routes:
        route = item.route
        status = route_status(route, env, as_of)
        statuses = _reachable_statuses(route, reach, env, as_of)
        if statuses - {status}:
            found: set[str] = set()
            for cond in _live_conditions(route, env):
                reach.movers(cond, found)
            for fact_id in found:
                routes.setdefault(fact_id, []).append(route.id)
        if statuses == {"not_applicable"}:
            continue
        for entry in item.risks:
            risk = entry.risk
            if risk.legal_basis and not env.in_force(risk.legal_basis):
                continue
            if evaluate(risk.when, env) is not True and reach.of(risk.when) & _T:
                found = set()
                reach.movers(risk.when, found)
                count(others, found)
        # A deadline's date matters on a route he may take.
        if "feasible" in statuses:
            topic = _country_topic(route, env)
            count_dates((*route.deadlines, *(topic.deadlines if topic else ())))
    for situation in pack.situations.values():
        if situation.deadlines and reach.situation(situation.id) & _T:
            count_dates(situation.deadlines)
    return {
        fact_id: Decides(tuple(routes.get(fact_id, ())), others.get(fact_id, 0), dates.get(fact_id, 0))
        for fact_id in pack.fact_order
        if fact_id in routes or fact_id in others or fact_id in dates
    }
