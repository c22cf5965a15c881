"""Usage: every fact, law and source is used.

A fact no rule reads is a question put to the man for nothing; a law or source nobody
cites is most often a leftover of a rule that changed, or a citation forgotten.
Warnings: the pack still works."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import Problem, WarningCheck, _warning, all_conditions, all_deadlines
from legalcli.core.conditions import CountryTest, FactTest, walk
from legalcli.core.engine import COUNTRY_FACT
from legalcli.core.errors import Owner
from legalcli.core.model import Pack, Route, Situation

UNUSED_FACT = WarningCheck("unused-fact", "a fact that no condition, deadline or country topic reads")
UNUSED_LAW = WarningCheck("unused-law", "a law that no rule cites")
UNUSED_SOURCE = WarningCheck("unused-source", "a source that no rule, law or country value cites")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    used: set[str] = set()
    for cond, _owner in all_conditions(pack):
        used.update(n.fact for n in walk(cond) if isinstance(n, (FactTest, CountryTest)))
    if any(route.country_topic for route in pack.route_list):
        used.add(COUNTRY_FACT)  # the fact a country topic is looked up by
    for deadline, _ in all_deadlines(pack):
        used.add(deadline.from_fact)
    for fact in pack.fact_list:
        if fact.id not in used:
            yield _warning(fact.loc, "{owner} is defined but no rule uses it", UNUSED_FACT, owner=Owner("fact", fact.id))
    cited_laws: set[str] = set()
    cited_sources: set[str] = set()
    items: list[Situation | Route] = [*pack.route_list, *pack.situation_list]
    for item in items:
        cited_laws.update(item.legal_basis)
        cited_sources.update(item.sources)
    for route in pack.route_list:
        for risk in route.risks:
            cited_laws.update(risk.legal_basis)
            cited_sources.update(risk.sources)
        for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
            cited_sources.update(clause.sources)
            cited_laws.update(clause.legal_basis)
    for country in pack.country_list:
        for attribute in country.attributes:
            for entry in attribute.values:
                cited_sources.update(entry.sources)
    for deadline, _ in all_deadlines(pack):
        cited_laws.update(deadline.legal_basis)
        cited_sources.update(deadline.sources)
    for law in pack.law_list:
        cited_sources.update(law.sources)
    for law in pack.law_list:
        if law.id not in cited_laws:
            yield _warning(law.loc, "{owner} is cited by no rule", UNUSED_LAW, owner=Owner("law", law.id))
    for source in pack.source_list:
        if source.id not in cited_sources:
            yield _warning(source.loc, "{owner} is cited by no rule or law", UNUSED_SOURCE, owner=Owner("source", source.id))
