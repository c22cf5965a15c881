"""Mutation testing of a rule pack: how much of the rules the scenario cases pin down.

Passing scenario cases prove only what they happen to check.  Here each rule is changed
in one small way a careless edit (or a wrong reading of the law) could change it — a
requirement dropped, a test negated, a value swapped, a threshold moved by one, `any`
for `all`, a law's start forgotten — and the cases are run against the changed pack.  A
case that now fails *kills* the mutant; a mutant no case kills *survives*: that part of
the rules could be wrong and no case would notice.  docs/rule-format.md, "Mutation
testing", lists the operators.

Pure but for `read_allowed` (the edge that reads rules/mutants-allowed.yaml): mutated
packs are built from the loaded one with NamedTuple `_replace` and
`dataclasses.replace`, never re-parsed, and every case runs in this process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from legalcli.authoring.scenarios import Scenario, run_scenario
from legalcli.core.checks import Problem
from legalcli.core.checks.base import ErrorCheck, _error
from legalcli.core.conditions import (
    COMPARISONS,
    AllOf,
    AnyOf,
    Condition,
    CountryTest,
    FactTest,
    Not,
    Period,
    SituationRef,
    walk,
)
from legalcli.core.errors import Location, did_you_mean
from legalcli.core.model import Clause, Deadline, Law, Pack, Risk, Route, Situation, Text
from legalcli.i18n import LANGS

ALLOWED_FILE = "mutants-allowed.yaml"

# What `rules check` and `rules test --mutate` report of mutants-allowed.yaml
# (docs/rule-format.md's table of checks lists it: tools/checks_doc.py).
STALE_MUTANT = ErrorCheck(
    "stale-mutant",
    "an entry of `mutants-allowed.yaml` that names no mutant of the pack, is listed twice, lacks a reason in a language, "
    "or names a mutant a case kills",
)

# What a mutant can change, as the keys scenario expectations are filed under:
# "r:<route>" (its status, risks and deadlines), "s:<situation>", "d:<deadline id>",
# and "q" (the next question, which every rule can move).
Footprint = frozenset[str]
QUESTION = "q"


class Mutant(NamedTuple):
    """One small change to one rule.  `id` is language-neutral and stable while the rule
    reads the same (mutants-allowed.yaml names it); `loc` is where the change is made."""

    id: str
    kind: str  # drop, negate, value, threshold, any-all, effective, period, when, deadline
    loc: Location
    target: tuple[str, int]  # ("route" | "situation" | "law", position in the pack's list)
    replacement: Route | Situation | Law
    footprint: Footprint


class Outcome(NamedTuple):
    mutant: Mutant
    killed_by: str | None  # the first case that failed against it, else None (it survived)


class Allowed(NamedTuple):
    """A survivor accepted in rules/mutants-allowed.yaml, with the lawyer's reason."""

    id: str
    reason: Text
    loc: Location


# --- mutants -------------------------------------------------------------------------


def mutants(pack: Pack) -> list[Mutant]:
    """Every mutant of the pack, in pack order (situations, routes, laws)."""
    graph = _Graph(pack)
    found: list[Mutant] = []
    for index, situation in enumerate(pack.situation_list):
        if pack.situations.get(situation.id) is not situation:
            continue  # a duplicate id: rules check reports it, the engine never reads it
        owner = f"situation {situation.id}"
        foot = graph.situation_footprint({situation.id})
        target = ("situation", index)
        for new, loc, kind, path, change in _condition(situation.when, "when", pack):
            found.append(Mutant(f"{owner} {path}: {change}", kind, loc, target, situation._replace(when=new), foot))
        for d_index, changed, loc, change in _deadlines(situation.deadlines):
            deadlines = (*situation.deadlines[:d_index], changed, *situation.deadlines[d_index + 1 :])
            path = f"deadlines[{changed.id}]"
            found.append(
                Mutant(f"{owner} {path}: {change}", "deadline", loc, target, situation._replace(deadlines=deadlines), foot)
            )
    for index, route in enumerate(pack.route_list):
        if pack.routes.get(route.id) is not route:
            continue
        found.extend(_route_mutants(pack, route, index, graph.route_footprint(route.id)))
    for index, law in enumerate(pack.law_list):
        if pack.laws.get(law.id) is not law or law.id not in graph.gating_laws:
            continue  # a law no rule rests on in force (a route's own legal_basis does not gate)
        foot = graph.law_footprint(law.id)
        for bound in ("from", "until"):
            value = law.effective_from if bound == "from" else law.effective_until
            if value is None:
                continue
            unbound = law._replace(effective_from=None) if bound == "from" else law._replace(effective_until=None)
            found.append(
                Mutant(
                    f"law {law.id} effective.{bound}: drop {value.isoformat()}",
                    "effective",
                    law.loc,
                    ("law", index),
                    unbound,
                    foot,
                )
            )
    return found


def _route_mutants(pack: Pack, route: Route, index: int, foot: Footprint) -> Iterator[Mutant]:
    owner = f"route {route.id}"
    target = ("route", index)

    def made(path: str, change: str, kind: str, loc: Location, changed: Route) -> Mutant:
        return Mutant(f"{owner} {path}: {change}", kind, loc, target, changed, foot)

    for new, loc, kind, path, change in _condition(route.applies_if, "applies_if", pack):
        yield made(path, change, kind, loc, route._replace(applies_if=new))
    for name in ("requires", "blocked_if", "unsettled_if"):
        clauses: tuple[Clause, ...] = getattr(route, name)
        for position, clause in enumerate(clauses):
            rest = clauses[:position] + clauses[position + 1 :]
            yield made(f"{name}[{position}]", "drop", "drop", clause.loc, _with_clauses(route, name, rest))
            for new, loc, kind, path, change in _condition(clause.when, f"{name}[{position}].when", pack):
                replaced = (*clauses[:position], clause._replace(when=new), *clauses[position + 1 :])
                yield made(path, change, kind, loc, _with_clauses(route, name, replaced))
    for position, risk in enumerate(route.risks):
        if risk.when is None:
            continue

        def with_risk(when: Condition | None, position: int = position) -> Route:
            risks = route.risks
            return route._replace(risks=(*risks[:position], risks[position]._replace(when=when), *risks[position + 1 :]))

        # Without its condition the risk is always listed: only a case that pins it
        # absent (risks_absent) notices.
        yield made(f"risks[{risk.id}].when", "drop (always applies)", "when", risk.loc, with_risk(None))
        for new, loc, kind, path, change in _condition(risk.when, f"risks[{risk.id}].when", pack):
            yield made(path, change, kind, loc, with_risk(new))
    for d_index, changed, loc, change in _deadlines(route.deadlines):
        deadlines = (*route.deadlines[:d_index], changed, *route.deadlines[d_index + 1 :])
        yield made(f"deadlines[{changed.id}]", change, "deadline", loc, route._replace(deadlines=deadlines))
    for bound in ("from", "until"):
        value = route.effective_from if bound == "from" else route.effective_until
        if value is not None:
            open_ended = route._replace(effective_from=None) if bound == "from" else route._replace(effective_until=None)
            yield made(f"effective.{bound}", f"drop {value.isoformat()}", "effective", route.loc, open_ended)


def _with_clauses(route: Route, name: str, clauses: tuple[Clause, ...]) -> Route:
    # `name` is one of the three clause fields; typed Any because mypy checks a literal
    # dict's value against every field of the route.
    changes: dict[str, Any] = {name: clauses}
    return route._replace(**changes)


def _deadlines(deadlines: tuple[Deadline, ...]) -> Iterator[tuple[int, Deadline, Location, str]]:
    """A deadline one unit longer and one shorter."""
    for position, deadline in enumerate(deadlines):
        for step in (1, -1):
            amount = deadline.amount + step
            if amount >= 0:
                change = f"{deadline.unit} {deadline.amount} -> {amount}"
                yield position, deadline._replace(amount=amount), deadline.loc, change


def describe(cond: Condition | None) -> str:
    """A condition node in a few words of the YAML grammar (ids, operators, values):
    the same in every language, as the rule file writes it."""
    if isinstance(cond, FactTest):
        return f"{cond.fact} {cond.op} {_operand(cond.operand)}"
    if isinstance(cond, CountryTest):
        if cond.op == "has":
            return f"country {cond.fact} has {cond.attribute}"
        return f"country {cond.fact} {cond.attribute} {cond.op} {_operand(cond.operand)}"
    if isinstance(cond, SituationRef):
        return f"situation {cond.situation}"
    if isinstance(cond, Not):
        return f"not ({describe(cond.item)})"
    if isinstance(cond, (AllOf, AnyOf)):
        return "all" if isinstance(cond, AllOf) else "any"
    return "always"


def _operand(value: object) -> str:
    if isinstance(value, Period):
        return f"{value.unit} {value.amount}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_operand(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# (the mutated condition, where, kind, path, change)
_Made = tuple[Condition, Location, str, str, str]


def _condition(cond: Condition | None, path: str, pack: Pack, *, under_not: bool = False) -> Iterator[_Made]:
    """The mutants of one condition tree, each the whole tree with one node changed."""
    if cond is None:
        return
    if isinstance(cond, Not):
        yield cond.item, cond.loc, "negate", path, f"{describe(cond)} -> {describe(cond.item)}"
        for new, loc, kind, sub, change in _condition(cond.item, f"{path}.not", pack, under_not=True):
            yield Not(new, cond.loc), loc, kind, sub, change
        return
    if isinstance(cond, (AllOf, AnyOf)):
        name = "all" if isinstance(cond, AllOf) else "any"
        if len(cond.items) >= 2:
            swapped: Condition = AnyOf(cond.items, cond.loc) if isinstance(cond, AllOf) else AllOf(cond.items, cond.loc)
            yield swapped, cond.loc, "any-all", path, f"{name} -> {'any' if name == 'all' else 'all'}"
        for position, item in enumerate(cond.items):
            for new, loc, kind, sub, change in _condition(item, f"{path}.{name}[{position}]", pack):
                items = (*cond.items[:position], new, *cond.items[position + 1 :])
                yield (AllOf(items, cond.loc) if isinstance(cond, AllOf) else AnyOf(items, cond.loc)), loc, kind, sub, change
        return
    # A test: negated (unless it stands under a `not`, whose removal is the same
    # mutant), and its value or threshold changed.
    if not under_not:
        yield Not(cond, cond.loc), cond.loc, "negate", path, f"negate {describe(cond)}"
    if isinstance(cond, SituationRef):
        return
    for operand, kind in _operands(cond, pack):
        changed: Condition = cond._replace(operand=operand)
        yield changed, cond.loc, kind, path, f"{describe(cond)} -> {describe(changed)}"


def _operands(cond: Condition, pack: Pack) -> Iterator[tuple[Any, str]]:
    """Other operands a test could have been written with: another allowed value, a
    threshold one step away, a period one unit longer or shorter."""
    if isinstance(cond, FactTest):
        fact = pack.facts.get(cond.fact)
        choices = fact.choice_values() if fact is not None and fact.type == "choice" else ()
        operand = cond.operand
        if cond.op in ("is", "in") and choices:
            yield from _other_values(cond.op, operand, choices)
        elif cond.op in COMPARISONS:
            if isinstance(operand, dt.date):
                yield operand - dt.timedelta(days=1), "threshold"
                yield operand + dt.timedelta(days=1), "threshold"
            elif isinstance(operand, (int, float)) and not isinstance(operand, bool):
                yield operand - 1, "threshold"
                yield operand + 1, "threshold"
        elif cond.op == "passed" and isinstance(operand, Period):
            if operand.amount >= 1:
                yield Period(operand.amount - 1, operand.unit), "period"
            yield Period(operand.amount + 1, operand.unit), "period"
    elif isinstance(cond, CountryTest) and cond.op in ("is", "in"):
        decl = pack.attributes.get(cond.attribute)
        if decl is not None and decl.type == "choice":
            yield from _other_values(cond.op, cond.operand, tuple(c.value for c in decl.choices))


def _other_values(op: str, operand: object, choices: tuple[str, ...]) -> Iterator[tuple[Any, str]]:
    if op == "is":
        for value in choices:
            if value != operand:
                yield value, "value"
        return
    members = operand if isinstance(operand, tuple) else (operand,)
    if len(members) > 1:
        for value in members:
            yield tuple(v for v in members if v != value), "value"
    for value in choices:
        if value not in members:
            yield (*members, value), "value"


# --- what a mutant can change ----------------------------------------------------------


class _Graph:
    """Which situations and routes read which situations and laws: a mutant is run only
    against the cases that check something it can change."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.readers: dict[str, set[str]] = {}  # situation -> situations that read it
        for situation in pack.situations.values():
            for ref in _situations_in(situation.when):
                self.readers.setdefault(ref, set()).add(situation.id)
        self.route_reads: dict[str, set[str]] = {}
        self.route_laws: dict[str, set[str]] = {}
        self.gating_laws: set[str] = set()
        for situation in pack.situations.values():
            self.gating_laws.update(situation.legal_basis)
            for deadline in situation.deadlines:
                self.gating_laws.update(deadline.legal_basis)
        for route in pack.routes.values():
            clauses = (*route.requires, *route.blocked_if, *route.unsettled_if)
            conds = [route.applies_if, *(c.when for c in clauses), *(r.when for r in route.risks)]
            self.route_reads[route.id] = {ref for cond in conds for ref in _situations_in(cond)}
            cited: list[Clause | Risk | Deadline] = [*clauses, *route.risks, *route.deadlines, *_topic_deadlines(pack, route)]
            laws = {law for item in cited for law in item.legal_basis}
            self.route_laws[route.id] = laws
            self.gating_laws.update(laws)

    def situation_footprint(self, start: set[str]) -> Footprint:
        """Every situation that reads one of `start` (itself included, transitively),
        the routes that read any of them, and the next question."""
        reached = set(start)
        stack = list(start)
        while stack:
            for reader in self.readers.get(stack.pop(), ()):
                if reader not in reached:
                    reached.add(reader)
                    stack.append(reader)
        keys = {QUESTION}
        for situation_id in reached:
            keys.add(f"s:{situation_id}")
            situation = self.pack.situations.get(situation_id)
            if situation is not None:
                keys.update(f"d:{d.id}" for d in situation.deadlines)
        for route_id, reads in self.route_reads.items():
            if reads & reached:
                keys |= self.route_footprint(route_id)
        return frozenset(keys)

    def route_footprint(self, route_id: str) -> Footprint:
        route = self.pack.routes[route_id]
        deadlines = {f"d:{d.id}" for d in (*route.deadlines, *_topic_deadlines(self.pack, route))}
        return frozenset({f"r:{route_id}", QUESTION, *deadlines})

    def law_footprint(self, law_id: str) -> Footprint:
        keys: set[str] = {QUESTION}
        gated = {s.id for s in self.pack.situations.values() if law_id in s.legal_basis}
        if gated:
            keys |= self.situation_footprint(gated)
        for situation in self.pack.situations.values():
            keys.update(f"d:{d.id}" for d in situation.deadlines if law_id in d.legal_basis)
        for route_id, laws in self.route_laws.items():
            if law_id in laws:
                keys |= self.route_footprint(route_id)
        return frozenset(keys)


def _topic_deadlines(pack: Pack, route: Route) -> list[Deadline]:
    """The deadlines of the country topic a route reads (any country's)."""
    if not route.country_topic:
        return []
    return [d for c in pack.country_list for t in c.topics if t.id == route.country_topic for d in t.deadlines]


def _situations_in(cond: Condition | None) -> set[str]:
    return {node.situation for node in walk(cond) if isinstance(node, SituationRef)}


def observed(pack: Pack, scenario: Scenario) -> Footprint:
    """What a case checks, filed under the same keys as a mutant's footprint."""

    def route_key(route_id: str) -> str:
        route = pack.route(route_id)
        return f"r:{route.id if route is not None else route_id}"

    keys = {route_key(r) for r in scenario.routes}
    keys.update(route_key(ref.split("/", 1)[0]) for ref in (*scenario.risks_apply, *scenario.risks_absent))
    keys.update(f"s:{s}" for s in scenario.situations)
    keys.update(f"d:{d}" for d in scenario.deadlines)
    if scenario.next_question is not None:
        keys.add(QUESTION)
    return frozenset(keys)


# --- running -------------------------------------------------------------------------


def mutated(pack: Pack, mutant: Mutant, routes: frozenset[str] | None = None) -> Pack:
    """The pack with the mutant's one change (and, given `routes`, only those routes).
    A new Pack object, so the engine's per-pack memo (engine._PREPARED, keyed by
    identity and checked with `is`) prepares it afresh and never serves the original's
    prepared routes."""
    kind, index = mutant.target
    field = {"route": "route_list", "situation": "situation_list", "law": "law_list"}[kind]
    items: list[Any] = list(getattr(pack, field))
    items[index] = mutant.replacement
    changes: dict[str, Any] = {field: tuple(items)}
    if routes is not None:
        source = changes.get("route_list", pack.route_list)
        changes["route_list"] = tuple(r for r in source if r.id in routes)
    return dataclasses.replace(pack, **changes)


def run_mutants(pack: Pack, scenarios: Sequence[Scenario], found: Sequence[Mutant], *, jobs: int = 1) -> list[Outcome]:
    """Each mutant against the cases that check what it can change, until one fails;
    with `jobs` > 1, the mutants of different rules in that many processes (forked, so
    the pack and the cases are not sent).  The outcomes are in the mutants' order."""
    groups: list[list[Mutant]] = []
    for mutant in found:
        if groups and groups[-1][0].target == mutant.target:
            groups[-1].append(mutant)
        else:
            groups.append([mutant])
    if jobs <= 1 or len(groups) < 2:
        return _Runner(pack, scenarios).run(list(found))
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return _Runner(pack, scenarios).run(list(found))
    _WORKER["runner"] = _Runner(pack, scenarios)
    try:
        from legalcli.bulk.batch import worker_signals

        # A pool ends its workers with SIGTERM: they must take the default action, not the
        # command's Python handler, or a worker woken in the queue's lock sleeps on and the
        # run hangs (bulk/batch.py, worker_signals).
        with multiprocessing.get_context("fork").Pool(jobs, initializer=worker_signals) as pool:
            return [o for part in pool.imap(_run_group, groups, chunksize=4) for o in part]
    finally:
        _WORKER.clear()


_WORKER: dict[str, _Runner] = {}


def _run_group(group: list[Mutant]) -> list[Outcome]:
    return _WORKER["runner"].run(group)


class _Runner:
    """Runs mutants against the cases.

    The cases that killed a mutant of the same rule are tried first: the mutants of one
    rule are mostly killed by the same few cases, and a killed mutant costs one run.  A
    case that does not check the next question runs against the mutated pack cut down
    to the routes the mutant can change (its footprint), with the case's expectations
    about other routes left out: a route's result does not depend on the other routes,
    and those expectations held on the pack as it stands (the caller checks that every
    case passes first).  On a pack of dozens of routes this is most of the speed."""

    def __init__(self, pack: Pack, scenarios: Sequence[Scenario]) -> None:
        self.pack = pack
        self.scenarios = scenarios
        self.keys = [observed(pack, s) for s in scenarios]
        self.owners = _deadline_owners(pack)
        self.aliases = {alias: r.id for r in pack.route_list for alias in r.aliases}
        self.killers: dict[tuple[str, int], list[int]] = {}
        self.trimmed: dict[tuple[int, frozenset[str]], Scenario | None] = {}

    def run(self, found: list[Mutant]) -> list[Outcome]:
        return [self.one(mutant) for mutant in found]

    def one(self, mutant: Mutant) -> Outcome:
        relevant = [i for i, k in enumerate(self.keys) if k & mutant.footprint]
        first = [i for i in self.killers.get(mutant.target, []) if i in relevant]
        order = first + [i for i in relevant if i not in first]
        routes = frozenset(key[2:] for key in mutant.footprint if key.startswith("r:"))
        small: Pack | None = None
        whole: Pack | None = None
        killer: int | None = None
        for i in order:
            trimmed = self._trimmed(i, routes)
            if trimmed is None:
                whole = whole or mutated(self.pack, mutant)
                failed = _fails(whole, self.scenarios[i])
            else:
                small = small or mutated(self.pack, mutant, routes)
                failed = _fails(small, trimmed)
            if failed:
                killer = i
                break
        if killer is not None:
            recent = self.killers.setdefault(mutant.target, [])
            if killer in recent:
                recent.remove(killer)
            recent.insert(0, killer)
        return Outcome(mutant, self.scenarios[killer].name if killer is not None else None)

    def _trimmed(self, index: int, routes: frozenset[str]) -> Scenario | None:
        if QUESTION in self.keys[index]:
            return None  # the next question reads every route
        key = (index, routes)
        if key not in self.trimmed:
            self.trimmed[key] = _trim(self.scenarios[index], routes, self.owners, self.aliases)
        return self.trimmed[key]


def _deadline_owners(pack: Pack) -> dict[str, set[str]]:
    """Deadline id -> the routes that list a deadline of that id ("" for a situation's)."""
    owners: dict[str, set[str]] = {}
    for situation in pack.situation_list:
        for deadline in situation.deadlines:
            owners.setdefault(deadline.id, set()).add("")
    for route in pack.route_list:
        for deadline in (*route.deadlines, *_topic_deadlines(pack, route)):
            owners.setdefault(deadline.id, set()).add(route.id)
    return owners


def _trim(scenario: Scenario, routes: frozenset[str], owners: dict[str, set[str]], aliases: dict[str, str]) -> Scenario | None:
    """The case's expectations about the given routes (and every situation), or None
    when a deadline it expects is shared with a route outside them (then the case is
    run whole: which of two same-named deadlines it reads depends on every route)."""
    deadlines = {}
    for deadline_id, expected in scenario.deadlines.items():
        mine = owners.get(deadline_id, set())
        if mine <= routes | {""}:
            deadlines[deadline_id] = expected
        elif mine & (routes | {""}):
            return None
    return dataclasses.replace(
        scenario,
        routes={r: s for r, s in scenario.routes.items() if aliases.get(r, r) in routes},
        risks_apply=tuple(r for r in scenario.risks_apply if r.split("/", 1)[0] in routes),
        risks_absent=tuple(r for r in scenario.risks_absent if r.split("/", 1)[0] in routes),
        deadlines=deadlines,
    )


def _fails(pack: Pack, scenario: Scenario) -> bool:
    try:
        return bool(run_scenario(pack, scenario, detail=False))
    except Exception:
        return True


# --- the report ----------------------------------------------------------------------


class Report(NamedTuple):
    outcomes: tuple[Outcome, ...]
    allowed: tuple[Allowed, ...]
    problems: tuple[Problem, ...]  # mutants-allowed entries that are stale or malformed
    seconds: float

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def killed(self) -> int:
        return sum(1 for o in self.outcomes if o.killed_by is not None)

    def survivors(self) -> list[tuple[Mutant, Allowed | None]]:
        accepted = {a.id: a for a in self.allowed}
        return [(o.mutant, accepted.get(o.mutant.id)) for o in self.outcomes if o.killed_by is None]

    @property
    def unjustified(self) -> int:
        return sum(1 for _, allowed in self.survivors() if allowed is None)

    @property
    def score(self) -> float:
        """Killed mutants over all mutants: justified survivors count against it too."""
        return self.killed / self.total if self.total else 1.0

    @property
    def failed(self) -> bool:
        return bool(self.unjustified or any(p.severity == "error" for p in self.problems))


def build_report(
    pack: Pack, outcomes: Sequence[Outcome], allowed: Sequence[Allowed], *, seconds: float, complete: bool = True
) -> Report:
    """The run's outcome with the allowed list judged against it: an entry whose mutant
    a case kills is stale (with `complete=False`, a run of some cases only, it is not
    judged: another case may be the one that kills it)."""
    problems = list(allowed_problems(pack, allowed, [o.mutant for o in outcomes]))
    if complete:
        killed = {o.mutant.id: o.killed_by for o in outcomes if o.killed_by is not None}
        for entry in allowed:
            if entry.id in killed:
                problems.append(
                    _error(
                        entry.loc,
                        "the allowed mutant '{name}' is killed by the case '{case}'; remove it from mutants-allowed.yaml",
                        STALE_MUTANT,
                        name=entry.id,
                        case=killed[entry.id],
                    )
                )
    return Report(tuple(outcomes), tuple(allowed), tuple(sorted(problems, key=lambda p: p.loc.sort_key())), seconds)


def allowed_problems(pack: Pack, allowed: Sequence[Allowed], found: Sequence[Mutant] | None = None) -> Iterator[Problem]:
    """What `rules check` can say of mutants-allowed.yaml without running the cases:
    each entry names a mutant of the pack as it stands, once, with a reason in both
    languages."""
    if not allowed:
        return  # nothing to judge: the pack's mutants are not even made
    ids = {m.id for m in (mutants(pack) if found is None else found)}
    seen: set[str] = set()
    for entry in allowed:
        if entry.id in seen:
            yield _error(entry.loc, "the allowed mutant '{name}' is listed twice", STALE_MUTANT, name=entry.id)
        seen.add(entry.id)
        if entry.id not in ids:
            yield _error(
                entry.loc,
                "the allowed mutant '{name}' is not a mutant of the pack as it stands (the rule changed?){hint}",
                STALE_MUTANT,
                name=entry.id,
                suggestion=did_you_mean(entry.id, ids),
            )
        for lang in LANGS:
            if not getattr(entry.reason, lang).strip():
                yield _error(
                    entry.loc, "the allowed mutant '{name}' has no reason in '{lang}'", STALE_MUTANT, name=entry.id, lang=lang
                )


def render_text(report: Report, lang: str) -> str:
    from legalcli.i18n import t, tn

    lines = []
    for mutant, allowed in report.survivors():
        if allowed is None:
            lines.append(f"{mutant.loc}: {t('mutate.survived', lang)}: {mutant.id} [{mutant.kind}]")
    lines += [p.render(lang) for p in report.problems]
    justified = len(report.survivors()) - report.unjustified
    per_second = report.total / report.seconds if report.seconds > 0 else 0.0
    lines.append(
        tn(
            "mutate.summary",
            report.total,
            lang,
            killed=report.killed,
            allowed=justified,
            survived=report.unjustified,
            score=f"{report.score * 100:.1f}",
            seconds=f"{report.seconds:.1f}",
            rate=f"{per_second:.0f}",
        )
    )
    return "\n".join(lines) + "\n"


def render_json(report: Report, lang: str) -> str:
    import json

    def survivor(mutant: Mutant, allowed: Allowed | None) -> dict[str, object]:
        return {
            "id": mutant.id,
            "kind": mutant.kind,
            "path": mutant.loc.path,
            "line": mutant.loc.line,
            "column": mutant.loc.column,
            "allowed": allowed is not None,
        }

    data = {
        "mutants": report.total,
        "killed": report.killed,
        "allowed": len(report.survivors()) - report.unjustified,
        "survived": report.unjustified,
        "score": round(report.score, 4),
        "seconds": round(report.seconds, 3),
        "per_second": round(report.total / report.seconds, 1) if report.seconds > 0 else None,
        "survivors": [survivor(m, a) for m, a in report.survivors()],
        "problems": [p.as_dict(lang) for p in report.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- the edge: rules/mutants-allowed.yaml ----------------------------------------------


def read_allowed(root: str) -> tuple[Allowed, ...]:
    """The pack's accepted survivors, or () when it has no mutants-allowed.yaml.  Read
    here, not by the pack loader: it says nothing an assessment uses, and a change to it
    must not change the pack's fingerprint."""
    import os

    from legalcli.loading.pack import display_path
    from legalcli.loading.reader import RULE_LIMITS, Map, Scalar, Seq, parse_bytes, read_bytes
    from legalcli.loading.schema import validate_all
    from legalcli.loading.schema_data import ALLOWED_SCHEMA

    path = os.path.join(root, ALLOWED_FILE)
    if not os.path.exists(path):
        return ()
    shown = display_path(path, root)
    node = parse_bytes(read_bytes(path, RULE_LIMITS), shown, RULE_LIMITS)
    for fault in validate_all(node, ALLOWED_SCHEMA):
        # A reason missing a language is read as '' and reported by allowed_problems,
        # which names the mutant; any other fault refuses the file.
        if not fault.kept:
            raise fault.error
    assert isinstance(node, Map)
    entries = node.items["mutants"]
    assert isinstance(entries, Seq)
    found: list[Allowed] = []
    for item in entries.items:
        assert isinstance(item, Map)
        ident, reason = item.items["id"], item.items["reason"]
        assert isinstance(ident, Scalar) and isinstance(reason, Map)
        texts = {k: str(v.value) for k, v in reason.items.items() if isinstance(v, Scalar)}
        found.append(Allowed(str(ident.value), Text(texts.get("en", ""), texts.get("ru", ""), reason.loc), item.loc))
    return tuple(found)
