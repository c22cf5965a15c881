"""Provenance: every claim cites a law or a source.

A lawyer must be able to check each route, risk, deadline and country value against
what it rests on; an uncited claim is one nobody can check.  A source without a url is
a warning: it can still be found by its title and publisher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, WarningCheck, _error, _warning
from legalcli.core.conditions import Condition, CountryTest, walk
from legalcli.core.errors import Owner
from legalcli.core.model import Pack

NO_PROVENANCE = ErrorCheck(
    "no-provenance",
    "a route, risk, deadline or country value (other than unknown) that cites no law and no source",
)
SOURCE_URL = WarningCheck("source-url", "a source without a url (other than a seed)")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    for route in pack.route_list:
        if not route.legal_basis and not route.sources:
            yield _error(route.loc, "{owner} cites no law and no source", NO_PROVENANCE, owner=Owner("route", route.id))
        for risk in route.risks:
            # A risk about the country he is in rests on the country table's entries,
            # which cite their sources (and are shown with the risk).
            if not risk.legal_basis and not risk.sources and not _reads_country(risk.when):
                yield _error(risk.loc, "{owner} cites no law and no source", NO_PROVENANCE, owner=Owner("risk", risk.id))
        for deadline in route.deadlines:
            if not deadline.legal_basis and not deadline.sources:
                yield _error(
                    deadline.loc, "{owner} cites no law and no source", NO_PROVENANCE, owner=Owner("deadline", deadline.id)
                )
    for situation in pack.situation_list:
        for deadline in situation.deadlines:
            if not deadline.legal_basis and not deadline.sources:
                yield _error(
                    deadline.loc, "{owner} cites no law and no source", NO_PROVENANCE, owner=Owner("deadline", deadline.id)
                )
    for country in pack.country_list:
        for attribute in country.attributes:
            if attribute.id not in pack.attributes:
                continue  # an attribute the table does not declare is reported as such (references)
            for entry in attribute.values:
                if not entry.sources and entry.value is not None:
                    # "unknown" claims nothing, so it needs no source; a value does.
                    yield _error(
                        entry.loc,
                        "{owner} cites no law and no source",
                        NO_PROVENANCE,
                        owner=Owner("country", country.id, "attribute", attribute.id),
                    )
    for source in pack.source_list:
        if not source.url and source.kind != "seed":
            yield _warning(source.loc, "{owner} has no url", SOURCE_URL, owner=Owner("source", source.id))


def _reads_country(cond: Condition | None) -> bool:
    return any(isinstance(node, CountryTest) for node in walk(cond))
