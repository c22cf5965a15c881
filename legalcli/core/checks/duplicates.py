"""Duplicates: each id names one thing.

Conditions, citations, scenario cases and `legalcli explain` find a rule by its id (or a
route by a former id kept as an alias); an id given twice would make them pick one of
the two silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error
from legalcli.core.errors import Location, Owner
from legalcli.core.model import Pack

DUPLICATE_ID = ErrorCheck(
    "duplicate-id",
    "an id given to two facts, situations, routes, laws or sources, or to two risks of one route; "
    "a route's alias that names another route",
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    for kind, items in (
        ("fact", pack.fact_list),
        ("situation", pack.situation_list),
        ("route", pack.route_list),
        ("law", pack.law_list),
        ("source", pack.source_list),
    ):
        first: dict[str, Location] = {}
        for item in items:
            if item.id in first:
                where = first[item.id]
                yield _error(
                    item.loc,
                    "duplicate {kind} id '{name}' (first at {where})",
                    DUPLICATE_ID,
                    kind=Owner(kind, ""),
                    name=item.id,
                    where=where,
                )
            else:
                first[item.id] = item.loc
    for route in pack.route_list:
        seen: set[str] = set()
        for risk in route.risks:
            if risk.id in seen:
                yield _error(
                    risk.loc,
                    "duplicate risk id '{name}' in {owner}",
                    DUPLICATE_ID,
                    name=risk.id,
                    owner=Owner("route", route.id),
                )
            seen.add(risk.id)
        for alias in route.aliases:
            if alias in pack.routes or any(alias in other.aliases for other in pack.route_list if other is not route):
                yield _error(
                    route.loc,
                    "{owner}: the alias '{name}' names another route too",
                    DUPLICATE_ID,
                    owner=Owner("route", route.id),
                    name=alias,
                )
