"""The rule pack as frozen, typed values; only the loader builds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from legalcli.core.conditions import Condition, Value
from legalcli.core.errors import Location
from legalcli.core.safetext import safe
from legalcli.core.vocabulary import Confidence, Severity
from legalcli.i18n import Lang

FactType = Literal["bool", "choice", "date", "number"]


class Text(NamedTuple):
    """A user-facing text in both languages; a missing one is '' (rules check reports it).
    A NamedTuple, like Choice: a pack holds thousands of texts.  `confidence`: the mark
    the text carries of its own (a summary, a step, a document: docs/rule-format.md),
    printed after it; None for a text with no mark of its own."""

    en: str
    ru: str
    loc: Location = Location("")
    confidence: Confidence | None = None

    def get(self, lang: Lang) -> str:
        """The text in a language, safe to print (core/safetext.py): pack text
        reaches terminals, briefs and JSON only through here."""
        return safe((self.ru or self.en) if lang == "ru" else (self.en or self.ru))


class Choice(NamedTuple):
    value: str
    label: Text


# The pack's entities are NamedTuples: immutable and typed like frozen dataclasses, but
# built without generated code, which matters when a cached pack of thousands of rules
# is rebuilt on every run.  Pack itself, with its derived indexes, stays a dataclass.
class Fact(NamedTuple):
    id: str
    type: FactType
    question: Text
    help: Text | None
    choices: tuple[Choice, ...]
    ask_if: Condition | None
    changeable: bool
    sensitive: bool
    loc: Location
    # `type: country` in the file: a choice whose values are the country table's ids
    # and whose labels are the countries' names (the table is their one declaration).
    country: bool = False
    short: Text | None = None  # a few words naming the fact, shown instead of its id

    def name(self, lang: Lang) -> str:
        """The fact as people read its name ("where he is"), never its id."""
        return self.short.get(lang) if self.short is not None else self.question.get(lang)

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def label(self, value: Value, lang: Lang) -> str:
        """A value as the user reads it: a choice's label, yes/no, a date."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label.get(lang)
        if isinstance(value, bool):
            return ("да" if value else "нет") if lang == "ru" else ("yes" if value else "no")
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)


class Clause(NamedTuple):
    """One entry of `requires`, `blocked_if` or `unsettled_if`."""

    when: Condition
    because: Text
    confidence: Confidence | None
    sources: tuple[str, ...]
    loc: Location
    legal_basis: tuple[str, ...] = ()  # it applies only while these laws are in force


class Risk(NamedTuple):
    id: str
    when: Condition | None
    severity: Severity
    text: Text
    legal_basis: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: Confidence | None
    loc: Location


class Deadline(NamedTuple):
    id: str
    from_fact: str
    amount: int
    unit: str  # days, working_days, months, years (calendar.UNITS)
    text: Text
    legal_basis: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: Confidence | None
    loc: Location
    # duty: something he must do by the date (past it, overdue); date: a date the law
    # fixes (a summons counts as served, a threshold is crossed): past it, it has passed.
    kind: Literal["duty", "date"] = "duty"

    @property
    def working_days(self) -> bool:
        return self.unit == "working_days"


class Situation(NamedTuple):
    id: str
    title: Text
    summary: Text | None
    when: Condition
    deadlines: tuple[Deadline, ...]
    legal_basis: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: Confidence | None
    reviewed: dt.date
    loc: Location
    reviewed_against: tuple[str, ...] = ()


class Route(NamedTuple):
    id: str
    kind: Literal["option", "risk-entry"]
    title: Text
    summary: Text
    applies_if: Condition | None
    requires: tuple[Clause, ...]
    blocked_if: tuple[Clause, ...]
    risks: tuple[Risk, ...]
    steps: tuple[Text, ...]
    documents: tuple[Text, ...]
    deadlines: tuple[Deadline, ...]
    legal_basis: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: Confidence | None
    reviewed: dt.date
    effective_from: dt.date | None
    effective_until: dt.date | None
    loc: Location
    unsettled_if: tuple[Clause, ...] = ()  # any that holds (or may hold) keeps it undetermined
    reviewed_against: tuple[str, ...] = ()  # source ids or brief entries the review checked
    country_topic: str = ""  # the topic of the country table this route shows (steps, deadlines)
    aliases: tuple[str, ...] = ()  # former ids, still accepted where a user names a route


class AttributeValue(NamedTuple):
    """What the country table says of one attribute, from a date on (or always)."""

    value: Value | None  # None: the sources do not settle it
    since: dt.date | None
    note: Text
    sources: tuple[str, ...]
    confidence: Confidence | None
    loc: Location


class CountryAttribute(NamedTuple):
    """One attribute of a country's entry: its values, newest first."""

    id: str
    values: tuple[AttributeValue, ...]

    def on(self, as_of: dt.date) -> AttributeValue | None:
        for item in self.values:
            if item.since is None or item.since <= as_of:
                return item
        return None


class AttributeDecl(NamedTuple):
    """An attribute the country table declares: its type, title and choices."""

    id: str
    type: Literal["bool", "choice"]
    title: Text
    choices: tuple[Choice, ...]
    loc: Location


class CountryTopic(NamedTuple):
    """What a route "in the country he is in" shows for one country."""

    id: str
    steps: tuple[Text, ...]
    deadlines: tuple[Deadline, ...]


class Country(NamedTuple):
    id: str
    name: Text
    reviewed: dt.date
    reviewed_against: tuple[str, ...]
    attributes: tuple[CountryAttribute, ...]
    topics: tuple[CountryTopic, ...]
    loc: Location

    def finding(self, attribute: str, as_of: dt.date) -> AttributeValue | None:
        for item in self.attributes:
            if item.id == attribute:
                return item.on(as_of)
        return None

    def value(self, attribute: str, as_of: dt.date) -> Value | None:
        found = self.finding(attribute, as_of)
        return found.value if found is not None else None

    def topic(self, topic_id: str) -> CountryTopic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


class Law(NamedTuple):
    id: str
    title: Text
    summary: Text
    penalties: Text | None
    effective_from: dt.date | None
    effective_until: dt.date | None
    sources: tuple[str, ...]
    confidence: Confidence | None
    loc: Location


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    url: str
    date: str
    kind: str
    confidence: Confidence
    brief: str
    note: Text | None
    loc: Location


@dataclass(frozen=True, slots=True)
class Pack:
    """A whole rule pack.  The tuples keep every item as read (duplicates included, for
    rules check); the mappings index the first item of each id."""

    name: str
    version: str
    title: Text
    jurisdiction: str
    reviewed: dt.date
    root: str
    fingerprint: str
    fact_list: tuple[Fact, ...]
    situation_list: tuple[Situation, ...]
    route_list: tuple[Route, ...]
    law_list: tuple[Law, ...]
    source_list: tuple[Source, ...]
    loc: Location
    country_list: tuple[Country, ...] = ()
    attribute_list: tuple[AttributeDecl, ...] = ()
    facts: Mapping[str, Fact] = field(default_factory=dict, compare=False)
    situations: Mapping[str, Situation] = field(default_factory=dict, compare=False)
    routes: Mapping[str, Route] = field(default_factory=dict, compare=False)
    laws: Mapping[str, Law] = field(default_factory=dict, compare=False)
    sources: Mapping[str, Source] = field(default_factory=dict, compare=False)
    countries: Mapping[str, Country] = field(default_factory=dict, compare=False)
    attributes: Mapping[str, AttributeDecl] = field(default_factory=dict, compare=False)
    law_windows: Mapping[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict, compare=False)
    periods: Mapping[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, compare=False)  # `passed` tests by date fact
    # Derived once here, because the engine asks for them on every assessment.
    situation_whens: Mapping[str, Condition] = field(default_factory=dict, compare=False)
    thresholds: Mapping[str, tuple[Value, ...]] = field(default_factory=dict, compare=False)
    fact_order: Mapping[str, int] = field(default_factory=dict, compare=False)
    _confidence: dict[tuple[str | None, tuple[str, ...]], Confidence] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name, items in (
            ("facts", self.fact_list),
            ("situations", self.situation_list),
            ("routes", self.route_list),
            ("laws", self.law_list),
            ("sources", self.source_list),
            ("countries", self.country_list),
            ("attributes", self.attribute_list),
        ):
            index: dict[str, object] = {}
            for item in items:
                index.setdefault(item.id, item)
            object.__setattr__(self, name, index)
        object.__setattr__(self, "situation_whens", {s.id: s.when for s in self.situations.values()})
        object.__setattr__(self, "law_windows", {law.id: (law.effective_from, law.effective_until) for law in self.laws.values()})
        thresholds, periods = _thresholds(self)
        object.__setattr__(self, "thresholds", thresholds)
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "fact_order", {fact_id: i for i, fact_id in enumerate(self.facts)})

    def route(self, route_id: str) -> Route | None:
        """A route by its id or a former id (an alias kept for scripts and case files)."""
        found = self.routes.get(route_id)
        if found is not None:
            return found
        return next((r for r in self.routes.values() if route_id in r.aliases), None)

    def situation_conditions(self) -> Mapping[str, Condition]:
        return self.situation_whens

    def confidence_of(self, explicit: Confidence | None, source_ids: tuple[str, ...]) -> Confidence:
        """How sure a claim is: as marked, else as sure as its surest source."""
        if explicit is not None:
            return explicit
        known = self._confidence.get((explicit, source_ids))
        if known is not None:
            return known
        marks = {self.sources[s].confidence for s in source_ids if s in self.sources}
        if not marks or "confirmed" in marks:
            result: Confidence = "confirmed"
        else:
            result = "seed-only" if "seed-only" in marks else "unconfirmed"
        self._confidence[(explicit, source_ids)] = result
        return result


def _thresholds(pack: Pack) -> tuple[dict[str, tuple[Value, ...]], dict[str, tuple[tuple[int, str], ...]]]:
    """For each number or date fact, every value the pack compares it with, and one
    step either side: the values worth trying when searching the facts' space; and for
    each date fact, the periods `passed` tests count from it (their boundary moves with
    the as-of date)."""
    from legalcli.core.conditions import FactTest, Period, walk

    conds: list[Condition | None] = [s.when for s in pack.situation_list]
    for route in pack.route_list:
        conds += [route.applies_if, *[c.when for c in (*route.requires, *route.blocked_if, *route.unsettled_if)]]
        conds += [r.when for r in route.risks]
    points: dict[str, set[Value]] = {}
    periods: dict[str, set[tuple[int, str]]] = {}
    for cond in conds:
        for node in walk(cond):
            if isinstance(node, FactTest) and isinstance(node.operand, Period):
                periods.setdefault(node.fact, set()).add((node.operand.amount, node.operand.unit))
            elif isinstance(node, FactTest) and not isinstance(node.operand, (tuple, bool, str)):
                op = node.operand
                near = (
                    {op - dt.timedelta(days=1), op, op + dt.timedelta(days=1)}
                    if isinstance(op, dt.date)
                    else {op - 1, op, op + 1}
                )
                points.setdefault(node.fact, set()).update(near)
    ordered = {fact: tuple(sorted(values, key=lambda v: (str(type(v)), v))) for fact, values in points.items()}
    return ordered, {fact: tuple(sorted(items)) for fact, items in periods.items()}
