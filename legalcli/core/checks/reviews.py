"""Reviews: every situation, route and country was reviewed lately, and not on a date
still to come.

The law and its practice move; a rule nobody has read for half a year may no longer say
what the sources say.  Warnings: the pack still works, and the outputs flag a stale route
or country to the reader as well."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import Problem, WarningCheck, _warning
from legalcli.core.engine import STALE_DAYS
from legalcli.core.model import Country, Pack, Route, Situation

STALE_REVIEW = WarningCheck(
    "stale-review", f"a situation, route or country last reviewed more than {STALE_DAYS} days ago, or on a date still to come"
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    limit = today - dt.timedelta(days=STALE_DAYS)
    items: list[Situation | Route | Country] = [*pack.situation_list, *pack.route_list, *pack.country_list]
    for item in items:
        if item.reviewed < limit:
            age = (today - item.reviewed).days
            yield _warning(
                item.loc,
                "'{name}' was last reviewed {age} days ago (over {cap})",
                STALE_REVIEW,
                name=item.id,
                age=age,
                cap=STALE_DAYS,
            )
        if item.reviewed > today:
            yield _warning(item.loc, "'{name}' has a review date in the future", STALE_REVIEW, name=item.id)
