"""The country table: every country gives every declared attribute, and dated values go
newest first.

A route about the country he is in reads the table; a country that leaves an attribute
out would read as "not settled" without anyone having said so (write `unknown` for
that), and values out of date order would make the wrong one hold on an as-of date.
`unknown` is the table's word for "the sources do not settle it", so no attribute may
declare it as a choice.  (A country's values are checked against their attribute by the
references check, and for their sources by the provenance check.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error
from legalcli.core.errors import Owner
from legalcli.core.model import Pack

COUNTRY_ATTRIBUTE = ErrorCheck(
    "country-attribute",
    "a country that does not give a declared attribute; dated values not newest first, or without `from` but the last; "
    "an attribute that declares `unknown` as a choice",
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    declared = pack.attributes
    for declaration in pack.attribute_list:
        if any(choice.value == "unknown" for choice in declaration.choices):
            yield _error(
                declaration.loc,
                "{owner}: 'unknown' is reserved for what the sources do not settle; it is not a choice",
                COUNTRY_ATTRIBUTE,
                owner=Owner("country", declaration.id, "attribute"),
            )
    for country in pack.country_list:
        given = {a.id for a in country.attributes}
        for missing in [d for d in declared if d not in given]:
            yield _error(
                country.loc,
                "{owner} does not give the attribute '{name}' (write unknown if the sources do not settle it)",
                COUNTRY_ATTRIBUTE,
                owner=Owner("country", country.id),
                name=missing,
            )
        for attribute in country.attributes:
            if attribute.id not in declared:
                continue  # an attribute the table does not declare is reported as such (references)
            previous: dt.date | None = None
            for position, entry in enumerate(attribute.values):
                last = position == len(attribute.values) - 1
                if (entry.since is None) != last or (
                    previous is not None and entry.since is not None and entry.since >= previous
                ):
                    yield _error(
                        entry.loc,
                        "{owner}: dated values go newest first, each with 'from' but the last",
                        COUNTRY_ATTRIBUTE,
                        owner=Owner("country", country.id, "attribute", attribute.id),
                    )
                previous = entry.since
