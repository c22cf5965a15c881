"""References: every name a rule uses names something the pack has, and every value fits
what it names.

A condition reads facts, situations and the country table; a rule cites laws and
sources; a deadline counts from a date fact; a route's country topic and a country's
attributes name what the table declares.  A misspelt name or a value of the wrong kind
would make a condition never true, or a citation point nowhere, without a word: each is
reported with the names that do exist (did you mean …)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error, _operand_ok, all_conditions, all_deadlines
from legalcli.core.conditions import CountryTest, FactTest, SituationRef, walk
from legalcli.core.errors import Location, Owner, did_you_mean
from legalcli.core.model import Pack

UNKNOWN_FACT = ErrorCheck(
    "unknown-fact", "a condition or deadline that names no fact of the pack (a country test: no fact of type country)"
)
UNKNOWN_SITUATION = ErrorCheck("unknown-situation", "a condition that names no situation of the pack")
UNKNOWN_LAW = ErrorCheck("unknown-law", "a `legal_basis` that names no law of the pack")
UNKNOWN_SOURCE = ErrorCheck("unknown-source", "a `sources` entry that names no source of the pack")
UNKNOWN_TOPIC = ErrorCheck("unknown-topic", "a route's `country_topic` that no country of the table has")
UNKNOWN_ATTRIBUTE = ErrorCheck(
    "unknown-attribute", "a country condition or a country's entry naming an attribute the table does not declare"
)
BAD_VALUE = ErrorCheck(
    "bad-value",
    "a value that does not fit what it names: an operator or operand of the wrong type for its fact or attribute, "
    "a choice that does not exist, a deadline counted from a fact that is not a date, a country's value of the wrong type",
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    yield from _in_conditions(pack)
    yield from _citations(pack)
    yield from _in_deadlines(pack)
    yield from _in_country_table(pack)


def _in_conditions(pack: Pack) -> Iterator[Problem]:
    facts = pack.facts
    for cond, owner in all_conditions(pack):
        for node in walk(cond):
            if isinstance(node, FactTest):
                fact = facts.get(node.fact)
                if fact is None:
                    yield _error(
                        node.loc,
                        "{owner}: unknown fact '{name}'{hint}",
                        UNKNOWN_FACT,
                        owner=owner,
                        name=node.fact,
                        suggestion=did_you_mean(node.fact, list(facts)),
                    )
                    continue
                why = _operand_ok(node, fact.type, fact.choice_values())
                if why:
                    template, params = why
                    suggestion = str(params.pop("suggestion", ""))
                    yield _error(node.loc, "{owner}: " + template, BAD_VALUE, owner=owner, suggestion=suggestion, **params)
            elif isinstance(node, CountryTest):
                yield from _country_test(node, owner, pack)
            elif isinstance(node, SituationRef) and node.situation not in pack.situations:
                hint = did_you_mean(node.situation, list(pack.situations))
                yield _error(
                    node.loc,
                    "{owner}: unknown situation '{name}'{hint}",
                    UNKNOWN_SITUATION,
                    owner=owner,
                    name=node.situation,
                    suggestion=hint,
                )


def _country_test(node: CountryTest, owner: Owner, pack: Pack) -> Iterator[Problem]:
    """A country test names a `type: country` fact, a declared attribute and values
    that attribute can take."""
    fact = pack.facts.get(node.fact)
    if fact is None or not fact.country:
        yield _error(
            node.loc,
            "{owner}: '{name}' is not a fact of type country{hint}",
            UNKNOWN_FACT,
            owner=owner,
            name=node.fact,
            suggestion=did_you_mean(node.fact, [f.id for f in pack.fact_list if f.country]),
        )
    decl = pack.attributes.get(node.attribute)
    if decl is None:
        yield _error(
            node.loc,
            "{owner}: the country table has no attribute '{name}'{hint}",
            UNKNOWN_ATTRIBUTE,
            owner=owner,
            name=node.attribute,
            suggestion=did_you_mean(node.attribute, list(pack.attributes)),
        )
        return
    if node.op == "has":
        if decl.type != "bool":
            yield _error(
                node.loc,
                "{owner}: 'has' reads a yes/no attribute; '{name}' has choices: use attribute and is/in",
                BAD_VALUE,
                owner=owner,
                name=decl.id,
            )
        return
    allowed = tuple(c.value for c in decl.choices) if decl.type == "choice" else ()
    for operand in node.operand if isinstance(node.operand, tuple) else (node.operand,):
        if decl.type == "bool" and not isinstance(operand, bool):
            yield _error(
                node.loc, "{owner}: '{name}' is true or false; write true or false", BAD_VALUE, owner=owner, name=decl.id
            )
        elif decl.type == "choice" and operand not in allowed:
            yield _error(
                node.loc,
                "{owner}: '{value}' is not a choice of '{name}'{hint}; choices: {allowed}",
                BAD_VALUE,
                owner=owner,
                value=operand,
                name=decl.id,
                allowed=", ".join(allowed),
                suggestion=did_you_mean(str(operand), allowed),
            )


def _refs(pack: Pack, loc: Location, owner: Owner, laws: tuple[str, ...], sources: tuple[str, ...]) -> Iterator[Problem]:
    for law in laws:
        if law not in pack.laws:
            yield _error(
                loc,
                "{owner}: unknown law '{name}'{hint}",
                UNKNOWN_LAW,
                owner=owner,
                name=law,
                suggestion=did_you_mean(law, list(pack.laws)),
            )
    for source in sources:
        if source not in pack.sources:
            yield _error(
                loc,
                "{owner}: unknown source '{name}'{hint}",
                UNKNOWN_SOURCE,
                owner=owner,
                name=source,
                suggestion=did_you_mean(source, list(pack.sources)),
            )


def _citations(pack: Pack) -> Iterator[Problem]:
    """The laws and sources every rule cites, and a route's country topic."""
    for situation in pack.situation_list:
        yield from _refs(pack, situation.loc, Owner("situation", situation.id), situation.legal_basis, situation.sources)
    for route in pack.route_list:
        yield from _refs(pack, route.loc, Owner("route", route.id), route.legal_basis, route.sources)
        for risk in route.risks:
            yield from _refs(pack, risk.loc, Owner("risk", risk.id), risk.legal_basis, risk.sources)
        for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
            yield from _refs(pack, clause.loc, Owner("route", route.id), clause.legal_basis, clause.sources)
        if route.country_topic and not any(c.topic(route.country_topic) for c in pack.country_list):
            yield _error(
                route.loc,
                "{owner}: no country of the table has the topic '{name}'",
                UNKNOWN_TOPIC,
                owner=Owner("route", route.id),
                name=route.country_topic,
            )
    for country in pack.country_list:
        for attribute in country.attributes:
            for entry in attribute.values:
                yield from _refs(pack, entry.loc, Owner("country", country.id, "attribute", attribute.id), (), entry.sources)
    for law in pack.law_list:
        yield from _refs(pack, law.loc, Owner("law", law.id), (), law.sources)


def _in_deadlines(pack: Pack) -> Iterator[Problem]:
    facts = pack.facts
    for deadline, owner in all_deadlines(pack):
        yield from _refs(pack, deadline.loc, owner, deadline.legal_basis, deadline.sources)
        fact = facts.get(deadline.from_fact)
        if fact is None:
            hint = did_you_mean(deadline.from_fact, list(facts))
            yield _error(
                deadline.loc,
                "{owner}: unknown fact '{name}'{hint}",
                UNKNOWN_FACT,
                owner=owner,
                name=deadline.from_fact,
                suggestion=hint,
            )
        elif fact.type != "date":
            yield _error(
                deadline.loc,
                "{owner}: a deadline counts from a date fact; '{name}' is {ftype}",
                BAD_VALUE,
                owner=owner,
                name=fact.id,
                ftype=fact.type,
            )


def _in_country_table(pack: Pack) -> Iterator[Problem]:
    """A country's entries name declared attributes, with values of the attribute's type
    (`unknown`, read as None, fits every attribute)."""
    declared = pack.attributes
    for country in pack.country_list:
        owner = Owner("country", country.id)
        for attribute in country.attributes:
            decl = declared.get(attribute.id)
            if decl is None:
                yield _error(
                    country.loc,
                    "{owner}: the country table has no attribute '{name}'{hint}",
                    UNKNOWN_ATTRIBUTE,
                    owner=owner,
                    name=attribute.id,
                    suggestion=did_you_mean(attribute.id, list(declared)),
                )
                continue
            allowed = {c.value for c in decl.choices}
            for entry in attribute.values:
                value = entry.value
                wrong = (decl.type == "bool" and value is not None and not isinstance(value, bool)) or (
                    decl.type == "choice" and value is not None and value not in allowed
                )
                if wrong:
                    yield _error(
                        entry.loc,
                        "{owner}: '{value}' is not a value of '{name}'; expected: {allowed}",
                        BAD_VALUE,
                        owner=owner,
                        value=value,
                        name=decl.id,
                        allowed=", ".join(sorted(allowed)) if decl.type == "choice" else "true, false, unknown",
                    )
