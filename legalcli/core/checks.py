"""Whole-pack lint: every semantic problem, sorted by location.  Returns, never prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from legalcli.core.conditions import COMPARISONS, Condition, CountryTest, Env, FactTest, SituationRef, Value, facts_read, walk
from legalcli.core.engine import candidate_values, make_env, route_status
from legalcli.core.errors import Location, Owner, did_you_mean
from legalcli.core.model import Country, Deadline, Pack, Route, Situation, Text
from legalcli.core.safetext import UNSAFE
from legalcli.i18n import LANGS

STALE_DAYS = 180
MAX_SEARCH = 20_000  # route evaluations per route
# ... and for the whole pack: a pack whose routes the search cannot prune gets a problem
# ("too complex to check") in about a second, not minutes (issue 12: 60 such routes took 20 s).
MAX_TOTAL_SEARCH = 60_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding.  `template` is English with {named} fields (Russian in the i18n catalogue)."""

    loc: Location
    severity: Literal["error", "warning"]
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


def check_pack(pack: Pack, *, today: dt.date) -> list[Problem]:
    """All problems of a pack, errors and warnings, sorted by location."""
    problems = [
        *_duplicates(pack),
        *_stems(pack),
        *_references(pack),
        *_translations(pack),
        *_placeholders(pack),
        *_unsafe_characters(pack),
        *_provenance(pack),
        *_cycles(pack),
        *_usage(pack),
        *_reviews(pack, today),
        *_countries(pack),
        *_reachability(pack, today),
    ]
    return sorted(set(problems), key=lambda p: (*p.loc.sort_key(), p.check, p.message))


def _error(loc: Location, template: str, check: str, *, suggestion: str = "", **params: object) -> Problem:
    return Problem(loc, "error", template, check, tuple(params.items()), suggestion)


def _warning(loc: Location, template: str, check: str, *, suggestion: str = "", **params: object) -> Problem:
    return Problem(loc, "warning", template, check, tuple(params.items()), suggestion)


def _duplicates(pack: Pack) -> Iterator[Problem]:
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
                    "duplicate-id",
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
                    "duplicate-id",
                    name=risk.id,
                    owner=Owner("route", route.id),
                )
            seen.add(risk.id)


def _stems(pack: Pack) -> Iterator[Problem]:
    items: list[Situation | Route] = [*pack.situation_list, *pack.route_list]
    for item in items:
        # Locations use "/" (display_path); a string split keeps this module free of I/O.
        stem = item.loc.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != item.id:
            yield _error(item.loc, "id '{name}' differs from the file name '{stem}'", "id-file-stem", name=item.id, stem=stem)


def _conditions(pack: Pack) -> Iterator[tuple[Condition | None, Owner]]:
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


def _operand_ok(test: FactTest, fact_type: str, choices: tuple[str, ...]) -> tuple[str, dict[str, object]] | None:
    """Why a test's operand does not fit its fact, or None."""
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


def _references(pack: Pack) -> Iterator[Problem]:
    facts = pack.facts
    for cond, owner in _conditions(pack):
        for node in walk(cond):
            if isinstance(node, FactTest):
                fact = facts.get(node.fact)
                if fact is None:
                    yield _error(
                        node.loc,
                        "{owner}: unknown fact '{name}'{hint}",
                        "unknown-fact",
                        owner=owner,
                        name=node.fact,
                        suggestion=did_you_mean(node.fact, list(facts)),
                    )
                    continue
                why = _operand_ok(node, fact.type, fact.choice_values())
                if why:
                    template, params = why
                    suggestion = str(params.pop("suggestion", ""))
                    yield _error(node.loc, "{owner}: " + template, "bad-value", owner=owner, suggestion=suggestion, **params)
            elif isinstance(node, CountryTest):
                yield from _country_test(node, owner, pack)
            elif isinstance(node, SituationRef) and node.situation not in pack.situations:
                hint = did_you_mean(node.situation, list(pack.situations))
                yield _error(
                    node.loc,
                    "{owner}: unknown situation '{name}'{hint}",
                    "unknown-situation",
                    owner=owner,
                    name=node.situation,
                    suggestion=hint,
                )

    def refs(loc: Location, owner: Owner, laws: tuple[str, ...], sources: tuple[str, ...]) -> Iterator[Problem]:
        for law in laws:
            if law not in pack.laws:
                yield _error(
                    loc,
                    "{owner}: unknown law '{name}'{hint}",
                    "unknown-law",
                    owner=owner,
                    name=law,
                    suggestion=did_you_mean(law, list(pack.laws)),
                )
        for source in sources:
            if source not in pack.sources:
                yield _error(
                    loc,
                    "{owner}: unknown source '{name}'{hint}",
                    "unknown-source",
                    owner=owner,
                    name=source,
                    suggestion=did_you_mean(source, list(pack.sources)),
                )

    for situation in pack.situation_list:
        yield from refs(situation.loc, Owner("situation", situation.id), situation.legal_basis, situation.sources)
    for route in pack.route_list:
        yield from refs(route.loc, Owner("route", route.id), route.legal_basis, route.sources)
        for risk in route.risks:
            yield from refs(risk.loc, Owner("risk", risk.id), risk.legal_basis, risk.sources)
        for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
            yield from refs(clause.loc, Owner("route", route.id), clause.legal_basis, clause.sources)
        for alias in route.aliases:
            if alias in pack.routes or any(alias in other.aliases for other in pack.route_list if other is not route):
                yield _error(
                    route.loc,
                    "{owner}: the alias '{name}' names another route too",
                    "duplicate-id",
                    owner=Owner("route", route.id),
                    name=alias,
                )
        if route.country_topic and not any(c.topic(route.country_topic) for c in pack.country_list):
            yield _error(
                route.loc,
                "{owner}: no country of the table has the topic '{name}'",
                "unknown-topic",
                owner=Owner("route", route.id),
                name=route.country_topic,
            )
    for country in pack.country_list:
        for attribute in country.attributes:
            for entry in attribute.values:
                yield from refs(entry.loc, Owner("country", country.id, "attribute", attribute.id), (), entry.sources)
    for law in pack.law_list:
        yield from refs(law.loc, Owner("law", law.id), (), law.sources)
    for deadline, owner in _deadlines(pack):
        yield from refs(deadline.loc, owner, deadline.legal_basis, deadline.sources)
        fact = facts.get(deadline.from_fact)
        if fact is None:
            hint = did_you_mean(deadline.from_fact, list(facts))
            yield _error(
                deadline.loc,
                "{owner}: unknown fact '{name}'{hint}",
                "unknown-fact",
                owner=owner,
                name=deadline.from_fact,
                suggestion=hint,
            )
        elif fact.type != "date":
            yield _error(
                deadline.loc,
                "{owner}: a deadline counts from a date fact; '{name}' is {ftype}",
                "bad-value",
                owner=owner,
                name=fact.id,
                ftype=fact.type,
            )


def _deadlines(pack: Pack) -> Iterator[tuple[Deadline, Owner]]:
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


def _texts(pack: Pack) -> Iterator[tuple[Text | None, Owner, Location]]:
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


def _unsafe_characters(pack: Pack) -> Iterator[Problem]:
    """Control, bidi and zero-width characters in a text people read: printed raw they
    could rewrite a terminal or reverse a sentence.  A warning, not an error: every
    output escapes them (legalcli/safetext.py), so the pack stays usable meanwhile."""
    for text, owner, loc in _texts(pack):
        if text is not None and any(UNSAFE.search(getattr(text, lang)) for lang in LANGS):
            yield _warning(
                text.loc if text.loc.path else loc,
                "{owner}: the text holds a control, bidi or zero-width character",
                "unsafe-character",
                owner=owner,
            )
    for source in pack.source_list:
        if any(UNSAFE.search(value) for value in (source.title, source.publisher, source.url, source.date)):
            yield _warning(
                source.loc,
                "{owner}: the text holds a control, bidi or zero-width character",
                "unsafe-character",
                owner=Owner("source", source.id),
            )


def _translations(pack: Pack) -> Iterator[Problem]:
    for text, owner, loc in _texts(pack):
        if text is None:
            continue
        for lang in LANGS:
            if not getattr(text, lang).strip():
                yield _error(
                    text.loc if text.loc.path else loc,
                    "{owner}: the '{lang}' text is missing",
                    "missing-translation",
                    owner=owner,
                    lang=lang,
                )


PLACEHOLDER = "TODO"  # what `rules new` writes where a text is still to be written


def _placeholders(pack: Pack) -> Iterator[Problem]:
    """A text still as `rules new` wrote it must not reach a client."""
    for text, owner, loc in _texts(pack):
        if text is not None and any(getattr(text, lang).lstrip().startswith(PLACEHOLDER) for lang in LANGS):
            yield _error(
                text.loc if text.loc.line else loc, "{owner}: the text is still a placeholder (TODO)", "placeholder", owner=owner
            )


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
                "case-coverage",
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


def _provenance(pack: Pack) -> Iterator[Problem]:
    for route in pack.route_list:
        if not route.legal_basis and not route.sources:
            yield _error(route.loc, "{owner} cites no law and no source", "no-provenance", owner=Owner("route", route.id))
        for risk in route.risks:
            # A risk about the country he is in rests on the country table's entries,
            # which cite their sources (and are shown with the risk).
            if not risk.legal_basis and not risk.sources and not _reads_country(risk.when):
                yield _error(risk.loc, "{owner} cites no law and no source", "no-provenance", owner=Owner("risk", risk.id))
        for deadline in route.deadlines:
            if not deadline.legal_basis and not deadline.sources:
                yield _error(
                    deadline.loc, "{owner} cites no law and no source", "no-provenance", owner=Owner("deadline", deadline.id)
                )
    for situation in pack.situation_list:
        for deadline in situation.deadlines:
            if not deadline.legal_basis and not deadline.sources:
                yield _error(
                    deadline.loc, "{owner} cites no law and no source", "no-provenance", owner=Owner("deadline", deadline.id)
                )
    for source in pack.source_list:
        if not source.url and source.kind != "seed":
            yield _warning(source.loc, "{owner} has no url", "source-url", owner=Owner("source", source.id))


def _cycles(pack: Pack) -> Iterator[Problem]:
    edges = {s.id: [n.situation for n in walk(s.when) if isinstance(n, SituationRef)] for s in pack.situations.values()}
    reported: set[frozenset[str]] = set()
    for start in edges:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in edges.get(node, []):
                if nxt == start:
                    key = frozenset(trail)
                    if key not in reported:
                        reported.add(key)
                        cycle = " -> ".join([*trail, start])
                        yield _error(
                            pack.situations[start].loc, "situations refer to each other in a cycle: {cycle}", "cycle", cycle=cycle
                        )
                elif nxt not in trail and len(trail) < 50:
                    stack.append((nxt, [*trail, nxt]))


def _usage(pack: Pack) -> Iterator[Problem]:
    used: set[str] = set()
    for cond, _owner in _conditions(pack):
        used.update(n.fact for n in walk(cond) if isinstance(n, (FactTest, CountryTest)))
    if any(route.country_topic for route in pack.route_list):
        used.add("current_country")
    for deadline, _ in _deadlines(pack):
        used.add(deadline.from_fact)
    for fact in pack.fact_list:
        if fact.id not in used:
            yield _warning(fact.loc, "{owner} is defined but no rule uses it", "unused-fact", owner=Owner("fact", fact.id))
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
    for deadline, _ in _deadlines(pack):
        cited_laws.update(deadline.legal_basis)
        cited_sources.update(deadline.sources)
    for law in pack.law_list:
        cited_sources.update(law.sources)
    for law in pack.law_list:
        if law.id not in cited_laws:
            yield _warning(law.loc, "{owner} is cited by no rule", "unused-law", owner=Owner("law", law.id))
    for source in pack.source_list:
        if source.id not in cited_sources:
            yield _warning(source.loc, "{owner} is cited by no rule or law", "unused-source", owner=Owner("source", source.id))


def _reviews(pack: Pack, today: dt.date) -> Iterator[Problem]:
    limit = today - dt.timedelta(days=STALE_DAYS)
    items: list[Situation | Route | Country] = [*pack.situation_list, *pack.route_list, *pack.country_list]
    for item in items:
        if item.reviewed < limit:
            age = (today - item.reviewed).days
            yield _warning(
                item.loc,
                "'{name}' was last reviewed {age} days ago (over {cap})",
                "stale-review",
                name=item.id,
                age=age,
                cap=STALE_DAYS,
            )
        if item.reviewed > today:
            yield _warning(item.loc, "'{name}' has a review date in the future", "stale-review", name=item.id)


def _reachability(pack: Pack, today: dt.date) -> Iterator[Problem]:
    """A route that no combination of facts makes feasible is a dead rule.

    The search assigns the facts a route reads one at a time (choices, true/false, and
    the thresholds the pack compares numbers and dates with).  Three-valued soundness
    lets it prune: once a partial assignment already blocks the route, or makes it not
    apply, no completion can make it feasible."""
    situations = pack.situation_conditions()
    total = [MAX_TOTAL_SEARCH]
    for route in pack.route_list:
        if route.kind == "risk-entry" or _has_dangling_reference(route, pack):
            continue  # a risk entry is meant never to be feasible; a dangling reference is reported already
        if total[0] <= 0:
            yield _warning(
                route.loc,
                "{owner}: too complex to check: the pack's search budget is spent",
                "unreachable-route",
                owner=Owner("route", route.id),
            )
            continue
        as_of = today
        if route.effective_until is not None:
            as_of = min(today, route.effective_until)
        if route.effective_from is not None:
            as_of = max(as_of, route.effective_from)
        env = Env({}, situations, as_of=as_of, countries=pack.countries, laws=pack.law_windows)
        read: list[str] = []
        conds = [route.applies_if, *[c.when for c in route.requires], *[c.when for c in route.blocked_if]]
        conds += [c.when for c in route.unsettled_if]
        for cond in conds:
            read += [f for f in facts_read(cond, env.situation_condition) if f not in read and f in pack.facts]
        domains = [candidate_values(pack.facts[f], pack, as_of) for f in read]
        found = _search(route, read, domains, pack, as_of, total)
        if found is None:
            yield _warning(
                route.loc,
                "{owner}: the search for a feasible case ran out of budget",
                "unreachable-route",
                owner=Owner("route", route.id),
            )
        elif not found:
            yield _error(
                route.loc,
                "{owner} can never be feasible: no combination of facts satisfies it",
                "unreachable-route",
                owner=Owner("route", route.id),
            )


def _reads_country(cond: Condition | None) -> bool:
    return any(isinstance(node, CountryTest) for node in walk(cond))


def _country_test(node: CountryTest, owner: Owner, pack: Pack) -> Iterator[Problem]:
    """A country test names a `type: country` fact, a declared attribute and values
    that attribute can take."""
    fact = pack.facts.get(node.fact)
    if fact is None or not fact.country:
        yield _error(
            node.loc,
            "{owner}: '{name}' is not a fact of type country{hint}",
            "unknown-fact",
            owner=owner,
            name=node.fact,
            suggestion=did_you_mean(node.fact, [f.id for f in pack.fact_list if f.country]),
        )
    decl = pack.attributes.get(node.attribute)
    if decl is None:
        yield _error(
            node.loc,
            "{owner}: the country table has no attribute '{name}'{hint}",
            "unknown-attribute",
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
                "bad-value",
                owner=owner,
                name=decl.id,
            )
        return
    allowed = tuple(c.value for c in decl.choices) if decl.type == "choice" else ()
    for operand in node.operand if isinstance(node.operand, tuple) else (node.operand,):
        if decl.type == "bool" and not isinstance(operand, bool):
            yield _error(
                node.loc, "{owner}: '{name}' is true or false; write true or false", "bad-value", owner=owner, name=decl.id
            )
        elif decl.type == "choice" and operand not in allowed:
            yield _error(
                node.loc,
                "{owner}: '{value}' is not a choice of '{name}'{hint}; choices: {allowed}",
                "bad-value",
                owner=owner,
                value=operand,
                name=decl.id,
                allowed=", ".join(allowed),
                suggestion=did_you_mean(str(operand), allowed),
            )


def _countries(pack: Pack) -> Iterator[Problem]:
    """Every country gives every declared attribute, with values of its type, dated
    values newest first; every value cites a source."""
    declared = pack.attributes
    for declaration in pack.attribute_list:
        if any(choice.value == "unknown" for choice in declaration.choices):
            yield _error(
                declaration.loc,
                "{owner}: 'unknown' is reserved for what the sources do not settle; it is not a choice",
                "country-attribute",
                owner=Owner("country", declaration.id, "attribute"),
            )
    for country in pack.country_list:
        owner = Owner("country", country.id)
        given = {a.id for a in country.attributes}
        for missing in [d for d in declared if d not in given]:
            yield _error(
                country.loc,
                "{owner} does not give the attribute '{name}' (write unknown if the sources do not settle it)",
                "country-attribute",
                owner=owner,
                name=missing,
            )
        for attribute in country.attributes:
            decl = declared.get(attribute.id)
            if decl is None:
                yield _error(
                    country.loc,
                    "{owner}: the country table has no attribute '{name}'{hint}",
                    "unknown-attribute",
                    owner=owner,
                    name=attribute.id,
                    suggestion=did_you_mean(attribute.id, list(declared)),
                )
                continue
            allowed = {c.value for c in decl.choices}
            previous: dt.date | None = None
            for position, entry in enumerate(attribute.values):
                value = entry.value
                wrong = (decl.type == "bool" and value is not None and not isinstance(value, bool)) or (
                    decl.type == "choice" and value is not None and value not in allowed
                )
                if wrong:
                    yield _error(
                        entry.loc,
                        "{owner}: '{value}' is not a value of '{name}'; expected: {allowed}",
                        "bad-value",
                        owner=owner,
                        value=value,
                        name=decl.id,
                        allowed=", ".join(sorted(allowed)) if decl.type == "choice" else "true, false, unknown",
                    )
                if not entry.sources and entry.value is not None:
                    # "unknown" claims nothing, so it needs no source; a value does.
                    yield _error(
                        entry.loc,
                        "{owner} cites no law and no source",
                        "no-provenance",
                        owner=Owner("country", country.id, "attribute", attribute.id),
                    )
                last = position == len(attribute.values) - 1
                if (entry.since is None) != last or (
                    previous is not None and entry.since is not None and entry.since >= previous
                ):
                    yield _error(
                        entry.loc,
                        "{owner}: dated values go newest first, each with 'from' but the last",
                        "country-attribute",
                        owner=Owner("country", country.id, "attribute", attribute.id),
                    )
                previous = entry.since


def _has_dangling_reference(route: Route, pack: Pack) -> bool:
    conds = [route.applies_if, *[c.when for c in route.requires], *[c.when for c in route.blocked_if]]
    for cond in conds:
        for node in walk(cond):
            if isinstance(node, FactTest) and node.fact not in pack.facts:
                return True
            if isinstance(node, SituationRef) and node.situation not in pack.situations:
                return True
            if isinstance(node, CountryTest) and (node.fact not in pack.facts or node.attribute not in pack.attributes):
                return True
            if isinstance(node, FactTest) and _operand_ok(
                node, pack.facts[node.fact].type, pack.facts[node.fact].choice_values()
            ):
                return True
    return False


def _search(
    route: Route,
    read: list[str],
    domains: list[list[Value]],
    pack: Pack,
    as_of: dt.date,
    total: list[int],
) -> bool | None:
    """True if some assignment makes the route feasible, False if none does, None when
    the budget (the route's, or what is left of the pack's `total`) ran out first."""
    budget = [MAX_SEARCH]

    def visit(index: int, facts: dict[str, Value]) -> bool | None:
        budget[0] -= 1
        total[0] -= 1
        if budget[0] < 0 or total[0] < 0:
            return None
        status = route_status(route, make_env(pack, facts, as_of), as_of, settled=True)
        if status == "feasible":
            return True
        if status in ("blocked", "not_applicable") or index == len(read):
            return False
        exhausted = False
        for value in domains[index]:
            result = visit(index + 1, {**facts, read[index]: value})
            if result:
                return True
            exhausted = exhausted or result is None
        # No need to try leaving the fact unknown: by soundness, a route feasible with
        # it unknown is feasible with each of its values, which were all tried.
        return None if exhausted else False

    return visit(0, {})
