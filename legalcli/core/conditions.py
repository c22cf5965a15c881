"""The condition grammar as a tree, evaluated in three-valued (Kleene) logic.

A condition is parsed once by the loader; here it is only evaluated.  `None` stands for
*unknown*: a comparison on an unknown fact is unknown, `all` is false as soon as one
member is false, `any` true as soon as one is true, `not unknown` is unknown, and
`known` is never unknown.  Nothing here is ever passed to eval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple, Protocol

from legalcli.core.errors import Location

Tri = bool | None
Value = bool | str | int | float | dt.date

COMPARISONS = ("gt", "ge", "lt", "le", "before", "after")
# passed: the day D + period has come (a summons counts as served on that day);
# ended: the period, its last day included, is over (Civil Code Arts. 192, 194: a
# 3-month appeal window still runs on its last day).
TIME_OPERATORS = ("passed", "ended")
OPERATORS = ("is", "in", "known", *COMPARISONS, *TIME_OPERATORS)
COUNTRY_OPERATORS = ("has", "is", "in")


class Period(NamedTuple):
    """`{months: 3}`: the operand of `passed`, a span of time counted from a date fact."""

    amount: int
    unit: str  # one of calendar.UNITS


# Condition nodes are NamedTuples: a large pack has tens of thousands of them, and
# tuples are the cheapest immutable records to build (from the cache, on every run).
class FactTest(NamedTuple):
    """`{fact: F, OP: V}`: one test on one fact."""

    fact: str
    op: str
    operand: Value | tuple[Value, ...]
    loc: Location


class CountryTest(NamedTuple):
    """`{country: F, has: A}` or `{country: F, attribute: A, is|in: V}`: a test on an
    attribute of the country that fact F names, as the country table gives it on the
    as-of date.  Unknown when F is unknown or the table does not settle the attribute."""

    fact: str
    attribute: str
    op: str  # has, is, in
    operand: Value | tuple[Value, ...]
    loc: Location


class SituationRef(NamedTuple):
    situation: str
    loc: Location


class AllOf(NamedTuple):
    items: tuple[Condition, ...]
    loc: Location


class AnyOf(NamedTuple):
    items: tuple[Condition, ...]
    loc: Location


class Not(NamedTuple):
    item: Condition
    loc: Location


Condition = FactTest | CountryTest | SituationRef | AllOf | AnyOf | Not


class CountryFacts(Protocol):
    """What conditions need of the country table (model.Country provides it)."""

    def value(self, attribute: str, as_of: dt.date) -> Value | None: ...


# Laws by id -> (in force from, in force until), either end open.
LawWindows = Mapping[str, tuple[dt.date | None, dt.date | None]]


class Env:
    """Fact values plus situation conditions, with each situation evaluated once."""

    __slots__ = ("_in_force", "_laws", "_memo", "_situations", "as_of", "countries", "facts", "unknowns", "values")

    def __init__(
        self,
        facts: Mapping[str, Value],
        situations: Mapping[str, Condition],
        *,
        as_of: dt.date | None = None,
        countries: Mapping[str, CountryFacts] | None = None,
        laws: LawWindows | None = None,
        inactive: frozenset[str] = frozenset(),
    ) -> None:
        self.facts = facts
        self._situations = situations
        # The as-of date: time conditions count to it, country attributes and laws are
        # read as they stand on it.  None only in tests of the bare grammar.
        self.as_of = as_of
        self.countries: Mapping[str, CountryFacts] = countries or {}
        self._laws: LawWindows = laws or {}
        self._in_force: dict[tuple[str, ...], bool] = {}
        # Situations that rest on a law not in force on the as-of date do not hold.
        self._memo: dict[str, Tri] = dict.fromkeys(inactive, False)
        # The value of each compound condition, by identity: one assessment asks for the
        # same parts many times (status, reasons, deciding facts), and facts do not change
        # within one Env.
        self.values: dict[int, Tri] = {}
        self.unknowns: dict[int, tuple[str, ...]] = {}  # unknown_facts of compound parts, likewise

    def in_force(self, law_ids: tuple[str, ...]) -> bool:
        """Whether every law of a legal basis is in force on the as-of date (a law the
        pack does not know, or no date, counts as in force: rules check reports it)."""
        known = self._in_force.get(law_ids)  # looked up first: an assessment asks ~100 times
        if known is not None:
            return known
        known = True
        as_of = self.as_of
        if as_of is not None:
            for law_id in law_ids:
                start, end = self._laws.get(law_id, (None, None))
                if (start is not None and as_of < start) or (end is not None and as_of > end):
                    known = False
                    break
        self._in_force[law_ids] = known
        return known

    def law_start(self, law_id: str) -> dt.date | None:
        return self._laws.get(law_id, (None, None))[0]

    def country_value(self, test: CountryTest) -> Value | None:
        """The attribute a country test reads, on the as-of date; None when unknown."""
        country_id = self.facts.get(test.fact)
        if not isinstance(country_id, str) or self.as_of is None:
            return None
        country = self.countries.get(country_id)
        return country.value(test.attribute, self.as_of) if country is not None else None

    def situation(self, situation_id: str) -> Tri:
        if situation_id in self._memo:
            return self._memo[situation_id]
        cond = self._situations.get(situation_id)
        # Guard against cycles (rules check reports them): a cycle reads as unknown.
        self._memo[situation_id] = None
        value = evaluate(cond, self) if cond is not None else None
        self._memo[situation_id] = value
        return value

    def situation_condition(self, situation_id: str) -> Condition | None:
        return self._situations.get(situation_id)


def _test(test: FactTest, value: Value | None) -> Tri:
    if test.op == "known":
        return (value is not None) == test.operand
    if value is None:
        return None
    if test.op == "is":
        return value == test.operand and type(value) is type(test.operand)
    if test.op == "in":
        assert isinstance(test.operand, tuple)
        return value in test.operand
    if isinstance(value, bool):
        return False
    operand = test.operand
    try:
        if test.op in ("gt", "after"):
            return value > operand  # type: ignore[operator]
        if test.op == "ge":
            return value >= operand  # type: ignore[operator]
        if test.op in ("lt", "before"):
            return value < operand  # type: ignore[operator]
        if test.op == "le":
            return value <= operand  # type: ignore[operator]
    except TypeError:
        # A date compared with a number: a pack error that rules check reports.
        return None
    raise ValueError(f"unknown operator {test.op}")  # pragma: no cover - the loader refuses it


def _passed(test: FactTest, value: Value, as_of: dt.date | None) -> Tri:
    """`{fact: D, passed: {months: 3}}`: the as-of date is on or after D + the period;
    `ended`: it is after that day, the period's last day, so the whole period is over."""
    from legalcli.core.calendar import add_period

    if not isinstance(value, dt.date) or isinstance(value, dt.datetime) or as_of is None:
        return None
    period = test.operand
    assert isinstance(period, Period)
    try:
        end = add_period(value, period.amount, period.unit)
        return as_of > end if test.op == "ended" else as_of >= end
    except OverflowError:
        return False  # the period ends past the calendar's last day: it has not run out


def _country(test: CountryTest, value: Value | None) -> Tri:
    if value is None:
        return None
    if test.op == "has":
        return value is True
    if test.op == "is":
        return value == test.operand and type(value) is type(test.operand)
    assert isinstance(test.operand, tuple)
    return value in test.operand


def evaluate(cond: Condition | None, env: Env) -> Tri:
    """The three-valued value of a condition; no condition counts as true."""
    # The engine's innermost call (hundreds per assessment): the common tests are
    # answered here rather than through _test.
    if isinstance(cond, FactTest):
        value = env.facts.get(cond.fact)
        op = cond.op
        if value is None:
            return (not cond.operand) if op == "known" else None
        if op == "is":
            operand = cond.operand
            return value == operand and type(value) is type(operand)
        if op == "in":
            return value in cond.operand  # type: ignore[operator]
        if op in TIME_OPERATORS:
            return _passed(cond, value, env.as_of)
        return _test(cond, value)
    if isinstance(cond, SituationRef):
        return env.situation(cond.situation)
    if cond is None:
        return True
    if isinstance(cond, CountryTest):
        return _country(cond, env.country_value(cond))
    # A compound, remembered by identity.  Worked out here rather than in a function of
    # its own: a call less for each of the ~100 compounds an assessment evaluates.
    values = env.values
    key = id(cond)
    known = values.get(key, _UNSET)
    if known is not _UNSET:
        return known  # type: ignore[return-value]
    result: Tri
    if isinstance(cond, AllOf):
        result = True
        for item in cond.items:
            value = evaluate(item, env)
            if value is False:
                result = False
                break
            if value is None:
                result = None
    elif isinstance(cond, AnyOf):
        result = False
        for item in cond.items:
            value = evaluate(item, env)
            if value is True:
                result = True
                break
            if value is None:
                result = None
    else:
        inner = evaluate(cond.item, env)
        result = None if inner is None else not inner
    values[key] = result
    return result


_UNSET = object()


def unknown_facts(cond: Condition | None, env: Env, _seen: frozenset[str] = frozenset()) -> list[str]:
    """Unknown facts inside the parts of `cond` that are still unknown (the deciding facts).
    A country test on a known country that the table leaves unsettled names no fact: no
    answer can decide it."""
    if isinstance(cond, FactTest):
        return [cond.fact] if evaluate(cond, env) is None else []
    if isinstance(cond, CountryTest):
        return [cond.fact] if cond.fact not in env.facts else []
    if cond is None:
        return []
    if isinstance(cond, SituationRef):
        if env.situation(cond.situation) is not None or cond.situation in _seen:
            return []
        return unknown_facts(env.situation_condition(cond.situation), env, _seen | {cond.situation})
    # A compound: its answer is remembered, a known one as () (the deciding facts of
    # every undetermined route ask again for parts that route_status found known).
    key = id(cond)
    known = env.unknowns.get(key)
    if known is not None:
        return list(known)
    if evaluate(cond, env) is not None:
        env.unknowns[key] = ()
        return []
    children = (cond.item,) if isinstance(cond, Not) else cond.items
    found: list[str] = []
    for child in children:
        for fact in unknown_facts(child, env, _seen):
            if fact not in found:
                found.append(fact)
    env.unknowns[key] = tuple(found)
    return found


def walk(cond: Condition | None) -> Iterator[Condition]:
    """Every node of a condition tree, depth first (situations are not followed)."""
    if cond is None:
        return
    yield cond
    if isinstance(cond, Not):
        yield from walk(cond.item)
    elif isinstance(cond, (AllOf, AnyOf)):
        for item in cond.items:
            yield from walk(item)


def facts_read(cond: Condition | None, situation: Callable[[str], Condition | None]) -> list[str]:
    """Every fact a condition may read, following situations (each once)."""
    found: list[str] = []
    seen: set[str] = set()
    stack = [cond]
    while stack:
        for node in walk(stack.pop()):
            if isinstance(node, (FactTest, CountryTest)) and node.fact not in found:
                found.append(node.fact)
            elif isinstance(node, SituationRef) and node.situation not in seen:
                seen.add(node.situation)
                stack.append(situation(node.situation))
    return found
