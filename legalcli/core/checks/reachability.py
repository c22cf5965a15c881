"""Reachability: every route can be feasible for some man.

A route that no combination of facts makes feasible is a dead rule: it would never be
offered, and nobody would notice.  The search for such a combination is bounded, for each
route and for the whole pack; a route it could not settle within that is a warning, not
an error.

The search assigns the facts a route reads one at a time (choices, true/false, and the
thresholds the pack compares numbers and dates with).  Three-valued soundness lets it
prune: once a partial assignment already blocks the route, or makes it not apply, no
completion can make it feasible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import Problem, SearchCheck, _error, _operand_ok, _warning
from legalcli.core.conditions import CountryTest, Env, FactTest, SituationRef, Value, facts_read, walk
from legalcli.core.engine import candidate_values, make_env, route_status
from legalcli.core.errors import Owner
from legalcli.core.model import Pack, Route

MAX_SEARCH = 20_000  # route evaluations per route
# ... and for the whole pack: a pack whose routes the search cannot prune gets a problem
# ("too complex to check") in about a second, not minutes (issue 12: 60 such routes took 20 s).
MAX_TOTAL_SEARCH = 60_000

UNREACHABLE_ROUTE = SearchCheck(
    "unreachable-route", "a route that no combination of facts makes feasible (other than a risk entry)"
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    situations = pack.situation_conditions()
    total = [MAX_TOTAL_SEARCH]
    for route in pack.route_list:
        if route.kind == "risk-entry" or _has_dangling_reference(route, pack):
            continue  # a risk entry is meant never to be feasible; a dangling reference is reported already
        if total[0] <= 0:
            yield _warning(
                route.loc,
                "{owner}: too complex to check: the pack's search budget is spent",
                UNREACHABLE_ROUTE.undecided,
                owner=Owner("route", route.id),
            )
            continue
        as_of = today
        if route.effective_until is not None:
            as_of = min(today, route.effective_until)
        if route.effective_from is not None:
            as_of = max(as_of, route.effective_from)
        env = Env({}, situations, as_of=as_of, countries=pack.countries, laws=pack.law_windows)
        read: list[str] = []
        # The facts route_status(settled=True) reads: not those of `unsettled_if`, which
        # it sets aside (a route held back only by open questions is not dead).
        conds = [route.applies_if, *[c.when for c in route.requires], *[c.when for c in route.blocked_if]]
        for cond in conds:
            read += [f for f in facts_read(cond, env.situation_condition) if f not in read and f in pack.facts]
        domains = [candidate_values(pack.facts[f], pack, as_of) for f in read]
        found = _search(route, read, domains, pack, as_of, total)
        if found is None:
            yield _warning(
                route.loc,
                "{owner}: the search for a feasible case ran out of budget",
                UNREACHABLE_ROUTE.undecided,
                owner=Owner("route", route.id),
            )
        elif not found:
            yield _error(
                route.loc,
                "{owner} can never be feasible: no combination of facts satisfies it",
                UNREACHABLE_ROUTE,
                owner=Owner("route", route.id),
            )


def _has_dangling_reference(route: Route, pack: Pack) -> bool:
    conds = [route.applies_if, *[c.when for c in route.requires], *[c.when for c in route.blocked_if]]
    for cond in conds:
        for node in walk(cond):
            if isinstance(node, FactTest) and node.fact not in pack.facts:
                return True
            if isinstance(node, SituationRef) and node.situation not in pack.situations:
                return True
            if isinstance(node, CountryTest) and (node.fact not in pack.facts or node.attribute not in pack.attributes):
                return True
            if isinstance(node, FactTest) and _operand_ok(
                node, pack.facts[node.fact].type, pack.facts[node.fact].choice_values()
            ):
                return True
    return False


def _search(
    route: Route,
    read: list[str],
    domains: list[list[Value]],
    pack: Pack,
    as_of: dt.date,
    total: list[int],
) -> bool | None:
    """True if some assignment makes the route feasible, False if none does, None when
    the budget (the route's, or what is left of the pack's `total`) ran out first."""
    budget = [MAX_SEARCH]

    def visit(index: int, facts: dict[str, Value]) -> bool | None:
        budget[0] -= 1
        total[0] -= 1
        if budget[0] < 0 or total[0] < 0:
            return None
        status = route_status(route, make_env(pack, facts, as_of), as_of, settled=True)
        if status == "feasible":
            return True
        if status in ("blocked", "not_applicable") or index == len(read):
            return False
        exhausted = False
        for value in domains[index]:
            result = visit(index + 1, {**facts, read[index]: value})
            if result:
                return True
            exhausted = exhausted or result is None
        # No need to try leaving the fact unknown: by soundness, a route feasible with
        # it unknown is feasible with each of its values, which were all tried.
        return None if exhausted else False

    return visit(0, {})
