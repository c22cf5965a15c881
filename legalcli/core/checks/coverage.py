"""Case coverage: every route has a scenario case, passing, for each status it can take.

A route's cases are what proves it does what the lawyer meant; a status no case shows
(feasible, blocked, undetermined) is a branch of the rule nobody has seen work.  It needs
the scenario cases' results, so it is not one of the pack's own checks: `rules test`
runs it, and `rules check` when the pack has cases."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from legalcli.core.checks.base import ErrorCheck, Problem, _error
from legalcli.core.errors import Owner
from legalcli.core.model import Pack, Route

CASE_COVERAGE = ErrorCheck("case-coverage", "a route whose passing scenario cases do not show every status it can take")


def reachable_statuses(route: Route) -> frozenset[str]:
    """The statuses a route can take, read from its form: feasible if it is an option,
    blocked if it has a requirement or a blocker, undetermined if it reads any fact.
    Every route needs a scenario case for each (docs/rule-format.md)."""
    wanted = {"feasible"} if route.kind == "option" else set()
    if route.requires or route.blocked_if:
        wanted.add("blocked")
    if route.applies_if is not None or route.requires or route.blocked_if or route.unsettled_if:
        wanted.add("undetermined")
    return frozenset(wanted)


def case_coverage(pack: Pack, reached: Mapping[str, set[str]]) -> Iterator[Problem]:
    """Routes whose scenario cases do not show every status the route can take.
    `reached`: by route, the statuses that a case expects and the engine gives."""
    order = ("feasible", "blocked", "undetermined")
    for route in pack.route_list:
        if pack.routes.get(route.id) is not route:
            continue
        missing = [s for s in order if s in reachable_statuses(route) - reached.get(route.id, set())]
        if missing:
            yield _error(
                route.loc,
                "{owner}: no scenario case that passes shows it {statuses}; write one for each status it can take",
                CASE_COVERAGE,
                owner=Owner("route", route.id),
                statuses=_Statuses(tuple(missing)),
            )


class _Statuses(NamedTuple):
    """Statuses as a case file writes them, with the word for each in Russian."""

    items: tuple[str, ...]

    def render(self, lang: str = "en") -> str:
        from legalcli.i18n import t

        if lang != "ru":
            return ", ".join(self.items)
        return ", ".join(f"{t('status.' + s, 'ru').lower()} ({s})" for s in self.items)
