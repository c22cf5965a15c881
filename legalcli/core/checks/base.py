"""What the checks share: the Problem they report, the declaration of a check id with its
level, and the walks over a pack that several checks make."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

from legalcli.core.conditions import COMPARISONS, Condition, FactTest
from legalcli.core.errors import Location, Owner, did_you_mean
from legalcli.core.model import Deadline, Pack, Text

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding.  `template` is English with {named} fields (Russian in the i18n catalogue)."""

    loc: Location
    severity: Level
    template: str
    check: str
    params: tuple[tuple[str, object], ...] = ()
    suggestion: str = ""

    def text(self, lang: str = "en") -> str:
        from legalcli.i18n import error_text

        return error_text(self.template, lang, dict(self.params), self.suggestion)

    @property
    def message(self) -> str:
        return self.text("en")

    def render(self, lang: str = "en") -> str:
        from legalcli.i18n import error_text

        severity = error_text(self.severity, lang, {}, "")
        return f"{self.loc}: {severity}: {self.text(lang)} [{self.check}]"

    def __str__(self) -> str:
        return self.render("en")

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.column,
            "severity": self.severity,
            "message": self.text(lang),
            "check": self.check,
        }


# --- the declaration of a check id ---------------------------------------------------
# A check module declares each id it reports as a module-level ErrorCheck, WarningCheck
# or SearchCheck; the registry (checks/__init__.py) collects them, and refuses an id
# declared twice.  A problem is made only from a declaration (`_error(loc, template,
# DECLARED, ...)`), so its id and level come from there: mypy refuses an ErrorCheck given
# to `_warning` and the reverse, and a bare string is no check at all.


@dataclass(frozen=True, slots=True)
class Check:
    """A check id as `rules check` prints it after a problem, and what it finds (one
    line, for the table in docs/rule-format.md).  Declared through a subclass, which
    gives the level."""

    id: str
    finds: str
    level: ClassVar[Level]


class ErrorCheck(Check):
    """A check whose problems are errors: a pack with one is refused."""

    __slots__ = ()
    level: ClassVar[Level] = "error"


class WarningCheck(Check):
    """A check whose problems are warnings: the pack is still used."""

    __slots__ = ()
    level: ClassVar[Level] = "warning"


class SearchCheck(ErrorCheck):
    """An error the check proves by a bounded search; when the search runs out of its
    budget first, the check cannot tell, and says so as a warning under the same id."""

    __slots__ = ()
    undecided_level: ClassVar[Level] = "warning"

    @property
    def undecided(self) -> Undecided:
        return Undecided(self)


@dataclass(frozen=True, slots=True)
class Undecided:
    """A SearchCheck that could not decide: what `_warning` takes to say so."""

    check: SearchCheck


# `_error` and `_warning` keep these names and the template as their second argument:
# tools/catalogue.py finds the English templates of the catalogue by them.


def _error(loc: Location, template: str, check: ErrorCheck, *, suggestion: str = "", **params: object) -> Problem:
    return Problem(loc, check.level, template, check.id, tuple(params.items()), suggestion)


def _warning(loc: Location, template: str, check: WarningCheck | Undecided, *, suggestion: str = "", **params: object) -> Problem:
    if isinstance(check, Undecided):
        return Problem(loc, check.check.undecided_level, template, check.check.id, tuple(params.items()), suggestion)
    return Problem(loc, check.level, template, check.id, tuple(params.items()), suggestion)


# --- walks over a pack ----------------------------------------------------------------


def all_conditions(pack: Pack) -> Iterator[tuple[Condition | None, Owner]]:
    """Every condition of the pack with a word for where it sits."""
    for fact in pack.fact_list:
        yield fact.ask_if, Owner("fact", fact.id)
    for situation in pack.situation_list:
        yield situation.when, Owner("situation", situation.id)
    for route in pack.route_list:
        yield route.applies_if, Owner("route", route.id)
        for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
            yield clause.when, Owner("route", route.id)
        for risk in route.risks:
            yield risk.when, Owner("risk", risk.id)


def all_deadlines(pack: Pack) -> Iterator[tuple[Deadline, Owner]]:
    """Every deadline of the pack: of situations, routes and countries' topics."""
    for situation in pack.situation_list:
        for deadline in situation.deadlines:
            yield deadline, Owner("deadline", deadline.id)
    for route in pack.route_list:
        for deadline in route.deadlines:
            yield deadline, Owner("deadline", deadline.id)
    for country in pack.country_list:
        for topic in country.topics:
            for deadline in topic.deadlines:
                yield deadline, Owner("deadline", deadline.id)


def all_texts(pack: Pack) -> Iterator[tuple[Text | None, Owner, Location]]:
    """Every bilingual text people read, with its owner and the location of the rule that
    holds it (for a text read without a location of its own)."""
    yield pack.title, Owner("pack", pack.name, "title"), pack.loc
    for fact in pack.fact_list:
        yield fact.question, Owner("fact", fact.id, "question"), fact.loc
        yield fact.help, Owner("fact", fact.id, "help"), fact.loc
        yield fact.short, Owner("fact", fact.id, "name"), fact.loc  # what outputs call the fact
        for choice in fact.choices:
            yield choice.label, Owner("fact", fact.id, "choice", choice.value), fact.loc
    for situation in pack.situation_list:
        yield situation.title, Owner("situation", situation.id, "title"), situation.loc
        yield situation.summary, Owner("situation", situation.id, "summary"), situation.loc
        for deadline in situation.deadlines:
            yield deadline.text, Owner("deadline", deadline.id), deadline.loc
    for route in pack.route_list:
        yield route.title, Owner("route", route.id, "title"), route.loc
        yield route.summary, Owner("route", route.id, "summary"), route.loc
        for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
            yield clause.because, Owner("route", route.id, "reason"), clause.loc
        for risk in route.risks:
            yield risk.text, Owner("risk", risk.id), risk.loc
        for step in route.steps:
            yield step, Owner("route", route.id, "step"), step.loc
        for document in route.documents:
            yield document, Owner("route", route.id, "document"), document.loc
        for deadline in route.deadlines:
            yield deadline.text, Owner("deadline", deadline.id), deadline.loc
    for law in pack.law_list:
        yield law.title, Owner("law", law.id, "title"), law.loc
        yield law.summary, Owner("law", law.id, "summary"), law.loc
        yield law.penalties, Owner("law", law.id, "penalties"), law.loc
    for source in pack.source_list:
        yield source.note, Owner("source", source.id, "note"), source.loc
    for country in pack.country_list:
        yield country.name, Owner("country", country.id, "name"), country.loc
        for attribute in country.attributes:
            for entry in attribute.values:
                yield entry.note, Owner("country", country.id, "note"), entry.loc
        for topic in country.topics:
            for step in topic.steps:
                yield step, Owner("country", country.id, "step"), step.loc
            for deadline in topic.deadlines:
                yield deadline.text, Owner("deadline", deadline.id), deadline.loc
    for decl in pack.attribute_list:
        yield decl.title, Owner("country", decl.id, "title"), decl.loc
        for choice in decl.choices:
            yield choice.label, Owner("country", decl.id, "choice", choice.value), decl.loc


def _operand_ok(test: FactTest, fact_type: str, choices: tuple[str, ...]) -> tuple[str, dict[str, object]] | None:
    """Why a test's operand does not fit its fact, or None.  The references check reports
    it (`bad-value`); the reachability check skips a route that has one.  (The name is
    known to tools/catalogue.py, which reads the templates from here.)"""
    operands = test.operand if isinstance(test.operand, tuple) else (test.operand,)
    if test.op == "known":
        return None
    if test.op in ("passed", "ended"):
        return (
            None
            if fact_type == "date"
            else (
                "'{op}' counts time from a date, but '{name}' is a {ftype} fact",
                {"op": test.op, "name": test.fact, "ftype": fact_type},
            )
        )
    if test.op in ("before", "after"):
        return (
            None
            if fact_type == "date"
            else ("'{op}' compares dates, but '{name}' is a {ftype} fact", {"op": test.op, "name": test.fact, "ftype": fact_type})
        )
    if test.op in COMPARISONS:
        return (
            None
            if fact_type == "number"
            else (
                "'{op}' compares numbers, but '{name}' is a {ftype} fact",
                {"op": test.op, "name": test.fact, "ftype": fact_type},
            )
        )
    for operand in operands:
        if fact_type == "bool" and not isinstance(operand, bool):
            return ("'{name}' is true or false; write true or false", {"name": test.fact})
        if fact_type == "choice" and operand not in choices:
            hint = did_you_mean(str(operand), choices)
            return (
                "'{value}' is not a choice of '{name}'{hint}; choices: {allowed}",
                {"value": operand, "name": test.fact, "allowed": ", ".join(choices), "suggestion": hint},
            )
        if fact_type == "number" and (isinstance(operand, bool) or not isinstance(operand, (int, float))):
            return ("'{name}' is a number", {"name": test.fact})
        if fact_type == "date":
            return ("compare the date fact '{name}' with before/after/passed", {"name": test.fact})
    return None
