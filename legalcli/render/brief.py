"""The consultation brief: one structure, rendered by one template each to HTML and
Markdown (Jinja2).  User text is never trusted as markup: HTML autoescapes, Markdown
escapes every value through `finalize`."""

from __future__ import annotations

from typing import Any

from legalcli import __version__
from legalcli.core.conditions import Condition, Value, facts_read
from legalcli.core.engine import COUNTRY_FACT, STALE_DAYS, Assessment, DeadlineResult, RouteResult, assess
from legalcli.core.model import Pack, Text
from legalcli.core.safetext import safe
from legalcli.i18n import Lang, t, tn
from legalcli.render.words import (
    date_words,
    deadline_words,
    fact_names,
    finding_words,
    law_words,
    mark_words,
    opens_if_words,
    reason_words,
    reviewed_against_words,
    source_date_words,
    source_words,
    stale_warning,
    value_words,
)

# The words the templates show as `labels.x` (the key with "." and "-" as "_"); a test
# fails when a template names one that is not here.
_LABEL_KEYS = (
    "as_of", "checked_against", "deadlines", "depends_on", "disclaimer", "general_deadlines", "legal_basis", "no_questions",
    "opens_if", "or", "pack", "questions", "reviewed", "risks", "situations", "sources", "steps",
    "brief.answer", "brief.appendix", "brief.checklist", "brief.facts", "brief.facts_given", "brief.facts_unknown", "brief.laws",
    "brief.no_facts", "brief.none", "brief.notes", "brief.question", "brief.reviews", "brief.sources", "brief.title",
    "status.feasible", "status.undetermined",
    "summary.bring", "summary.deadlines", "summary.none_open", "summary.risks", "summary.title",
)  # fmt: skip


def _mark(confidence: str, lang: Lang) -> str:
    """The mark's words without brackets (the templates add them)."""
    return mark_words(confidence, lang).strip()[1:-1]


def _marked(text: Text, lang: Lang) -> dict[str, str]:
    """A pack text and the mark it carries of its own (a step, a document), the mark
    without brackets as _mark gives it."""
    return {"text": text.get(lang), "mark": _mark(text.confidence, lang) if text.confidence else ""}


def _deadline(d: DeadlineResult, pack: Pack, lang: Lang) -> dict[str, Any]:
    words, _style = deadline_words(d, pack, lang)
    return {
        "when": words,
        "text": d.deadline.text.get(lang),
        "overdue": d.overdue,
        "mark": _mark(d.confidence, lang),
        "laws": [law_words(pack, x, lang) for x in d.deadline.legal_basis],
    }


def _reasons(r: RouteResult, pack: Pack, lang: Lang, *, findings: bool) -> list[dict[str, Any]]:
    """The reasons in groups as the text output shows them: why, what the sources do
    not settle, and what would block the route if it applies."""
    groups: list[dict[str, Any]] = []
    for kinds, heading, status in (
        (("requires", "blocked_if", "applies_if", "effective"), t("why", lang) + ":", r.status),
        (("unsettled",), t("unsettled", lang), r.status),
        (("conditional_block",), t("if_applies_blocked", lang), "blocked"),
    ):
        items = [
            {
                "text": reason_words(x, status, lang) if x.kind != "unsettled" else x.text.get(lang),
                "mark": _mark(x.confidence, lang),
                "findings": [finding_words(pack, f, lang) for f in x.findings] if findings else [],
            }
            for x in r.reasons
            if x.kind in kinds
        ]
        if items:
            groups.append({"heading": heading, "reasons": items})
    return groups


def _route(r: RouteResult, a: Assessment, lang: Lang, *, private_country: bool) -> dict[str, Any]:
    """A route as the brief shows it.  `private_country`: the country he is in is left
    out of a redacted brief, and with it what the country table says of it."""
    pack = a.pack
    route = r.route
    steps = route.steps if private_country else r.steps
    deadlines = [d for d in r.deadlines if not private_country or d.deadline in route.deadlines]
    return {
        "title": route.title.get(lang),
        "summary": _marked(route.summary, lang),
        "status": r.status,
        "mark": _mark(r.confidence, lang),
        "reason_groups": _reasons(r, pack, lang, findings=not private_country),
        "depends_on": fact_names(pack, r.deciding_facts, lang),
        "opens_if": opens_if_words(pack, r, lang),
        "risks": [
            {
                "severity": x.risk.severity,
                "severity_label": _capital(t("risk.severity", lang, severity=t("severity." + x.risk.severity, lang))),
                "status_label": t("risk." + x.status, lang),
                "text": x.risk.text.get(lang),
                "mark": _mark(x.confidence, lang),
                "laws": [law_words(pack, i, lang) for i in x.risk.legal_basis],
                "sources": [source_words(pack, i, lang) for i in x.risk.sources],
                "source_ids": list(x.risk.sources),
                # On paper (the brief must fit a few pages) a risk that only may apply
                # is counted, not printed, unless it is critical or the route is open;
                # Markdown and the text output list every risk.
                "minor": x.status == "possible"
                and (x.risk.severity != "critical" or r.status == "blocked")
                and (r.status != "feasible" or x.risk.severity in ("low", "medium")),
                "findings": [] if private_country else [finding_words(pack, f, lang) for f in x.findings],
            }
            for x in r.risks
            if r.status != "blocked" or x.status == "applies"
        ],
        "steps": [_marked(s, lang) for s in steps] if r.status != "blocked" else [],
        "deadlines": [_deadline(d, pack, lang) for d in deadlines] if r.status != "blocked" else [],
        "laws": [law_words(pack, i, lang) for i in route.legal_basis],
        "reviewed": t("route_reviewed", lang, date=date_words(route.reviewed, lang)),
        "stale": r.stale,
    }


def _summary(a: Assessment, lang: Lang) -> dict[str, Any]:
    """What matters now (render/summary.py), for the brief's first page."""
    from legalcli.render.summary import summarise

    pack = a.pack
    s = summarise(a)
    return {
        "deadlines": [_deadline(d, pack, lang) for d in s.deadlines],
        "feasible": [r.route.title.get(lang) for r in s.feasible],
        "undetermined": [
            {
                "title": item.route.route.title.get(lang),
                "how": t("summary.decided_by", lang, question=pack.facts[item.question].question.get(lang))
                if item.question is not None
                else t("summary.left_open", lang),
            }
            for item in s.undetermined
        ],
        "risks": [
            {
                "severity": t("severity." + x.risk.severity, lang),
                "text": x.risk.text.get(lang),
                "mark": _mark(x.confidence, lang),
            }
            for x in s.risks
        ],
        "documents": [_marked(d, lang) for d in s.documents],
        "more": tn("summary.more", s.more, lang) if s.more else "",
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _review(r: RouteResult, pack: Pack, lang: Lang) -> dict[str, Any]:
    """A line of the appendix: when the route was reviewed and against what."""
    route = r.route
    return {
        "title": route.title.get(lang),
        "reviewed": date_words(route.reviewed, lang),
        "against": reviewed_against_words(pack, route.reviewed_against, lang),
        "stale": r.stale,
    }


def _redacted(a: Assessment, hidden: set[str]) -> Assessment:
    """The assessment as if the sensitive facts were not known, with every part that
    reads one of them left out: a redacted brief must not reveal a fact through what
    rests on it ("within 20 days of the summons", "he is wanted", a blocked route's
    reason).  Statuses are worked out without those facts, so none rests on them."""
    pack = a.pack
    read = pack.situation_whens.get
    base = assess(pack, {k: v for k, v in a.facts.items() if k not in hidden}, as_of=a.as_of)

    def clean(cond: Condition | None) -> bool:
        return hidden.isdisjoint(facts_read(cond, read))

    def deadline_ok(d: DeadlineResult) -> bool:
        owner = pack.situations.get(d.owner)
        return d.deadline.from_fact not in hidden and (owner is None or clean(owner.when))

    routes = tuple(
        r._replace(
            reasons=tuple(x for x in r.reasons if hidden.isdisjoint(x.facts)),
            deciding_facts=tuple(f for f in r.deciding_facts if f not in hidden),
            opens_if=tuple(change for change in r.opens_if if hidden.isdisjoint(change)),
            risks=tuple(x for x in r.risks if clean(x.risk.when)),
            deadlines=tuple(d for d in r.deadlines if deadline_ok(d)),
        )
        for r in base.routes
    )
    return Assessment(
        pack,
        base.as_of,
        a.facts,
        tuple(f for f in base.unknown if f not in hidden),
        tuple(s for s in base.situations if clean(s.situation.when)),
        routes,
        tuple(d for d in base.deadlines if deadline_ok(d)),
        tuple(f for f in base.next_questions if f not in hidden),
    )


def brief_data(a: Assessment, lang: Lang, *, given: dict[str, Value], notes: str = "", redact: bool = False) -> dict[str, Any]:
    """Everything the brief shows, as plain data in one language."""
    pack = a.pack
    hidden = [f for f in given if f in pack.facts and pack.facts[f].sensitive] if redact else []
    shown = {k: v for k, v in given.items() if k not in hidden}
    private_country = COUNTRY_FACT in hidden
    if hidden:
        a = _redacted(a, set(hidden))
    listed = [r for r in a.routes if r.status != "not_applicable"]
    groups: list[dict[str, Any]] = []
    for status in ("feasible", "undetermined", "blocked"):
        routes = [_route(r, a, lang, private_country=private_country) for r in listed if r.status == status]
        groups.append({"status": status, "heading": t("status." + status, lang), "routes": routes})
    cited_laws: list[str] = []
    cited_sources: list[str] = []
    documents: list[dict[str, str]] = []
    for r in listed:
        route = r.route
        # A closed route is one line with its reasons: only their sources are cited.
        cited_sources += [x for reason in r.reasons for x in reason.sources]
        if r.status != "blocked":
            cited_laws += [*route.legal_basis, *(x for risk in r.risks for x in risk.risk.legal_basis)]
            cited_sources += [*route.sources, *(x for risk in r.risks for x in risk.risk.sources)]
        if not private_country:
            found = [f for reason in r.reasons for f in reason.findings] + [f for risk in r.risks for f in risk.findings]
            cited_sources += [x for f in found for x in f.found.sources]
        if r.status != "blocked":
            documents += [_marked(d, lang) for d in route.documents]
    for d in a.deadlines:
        cited_laws += list(d.deadline.legal_basis)
        cited_sources += list(d.deadline.sources)
    # A law's own sources are named beside it (publisher and date), not listed again.
    laws = [pack.laws[i] for i in dict.fromkeys(cited_laws) if i in pack.laws]
    sources = [pack.sources[i] for i in dict.fromkeys(cited_sources) if i in pack.sources]
    # The printed brief cites a risk's sources by their number in the appendix: the
    # provenance stays, at a fraction of the space.
    number = {s.id: n for n, s in enumerate(sources, 1)}
    for cards in (group["routes"] for group in groups):
        for card in cards:
            for item in card["risks"]:
                item["refs"] = [number[i] for i in item.pop("source_ids") if i in number]
    order = {law.id: n for n, law in enumerate(pack.law_list)}
    laws.sort(key=lambda law: order[law.id])
    return {
        "lang": lang,
        "labels": {k.replace(".", "_").replace("-", "_"): t(k, lang) for k in _LABEL_KEYS},
        "prepared": t("brief.prepared", lang, version=__version__),
        "page_word": t("brief.page", lang),
        "minor_note": lambda n: tn("brief.minor_risks", n, lang),  # the template gives the count
        "of_word": t("brief.of", lang),
        "as_of": date_words(a.as_of, lang),
        "warning": stale_warning(pack, listed, lang, STALE_DAYS),
        "pack": {
            "title": pack.title.get(lang),
            "name": pack.name,
            "version": pack.version,
            "reviewed": date_words(pack.reviewed, lang),
        },
        "redacted": tn("brief.redacted", len(hidden), lang) if redact else "",
        "notes": "" if redact else safe(notes),
        "facts_given": [
            {"id": k, "question": pack.facts[k].question.get(lang), "answer": value_words(pack, k, v, lang)}
            for k, v in shown.items()
            if k in pack.facts
        ],
        "facts_unknown": [{"id": f, "question": pack.facts[f].question.get(lang)} for f in a.unknown],
        # Situations that hold or may hold; with --redact they could reveal a sensitive
        # fact ("is on a wanted list"), so they are left out then.
        "situations": []
        if redact
        else [
            {
                "title": s.situation.title.get(lang),
                "value": t("sit.true" if s.value else "sit.unknown", lang),
                "mark": _mark(s.confidence, lang),
            }
            for s in a.situations
            if s.value is not False
        ],
        "summary": _summary(a, lang),
        "groups": groups,
        "deadlines": [_deadline(d, pack, lang) for d in a.deadlines],
        "questions": [{"id": f, "question": pack.facts[f].question.get(lang)} for f in a.next_questions],
        "documents": [dict(d) for d in dict.fromkeys(tuple(d.items()) for d in documents)],
        "reviews": [_review(r, pack, lang) for r in listed],
        "laws": [
            {
                "title": law.title.get(lang),
                "summary": law.summary.get(lang),
                "penalties": law.penalties.get(lang) if law.penalties else "",
                "sources": [source_words(pack, i, lang) for i in law.sources],
            }
            for law in laws
        ],
        "sources": [
            {
                "title": safe(s.title),
                "publisher": safe(s.publisher),
                "url": safe(s.url),
                "date": source_date_words(s.date, lang, full=True),
                "confidence": _mark(s.confidence, lang),
                "weak": s.confidence != "confirmed",
                "note": s.note.get(lang) if s.note else "",
            }
            for s in sources
        ],
    }


def _environment(kind: str) -> Any:
    import jinja2

    if kind == "html":
        return jinja2.Environment(
            loader=jinja2.PackageLoader("legalcli.render", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    return jinja2.Environment(
        loader=jinja2.PackageLoader("legalcli.render", "templates"),
        autoescape=False,
        finalize=markdown_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def markdown_escape(value: object) -> str:
    """Every value put into Markdown: characters Markdown or HTML would read as markup are
    escaped, so a note holding <script> or **text** prints as written."""
    text = "" if value is None else str(value)
    for char in "\\`*_[]<>#|!":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def render_brief(a: Assessment, lang: Lang, fmt: str, *, given: dict[str, Value], notes: str = "", redact: bool = False) -> str:
    """The brief as HTML or Markdown."""
    data = brief_data(a, lang, given=given, notes=notes, redact=redact)
    template = _environment(fmt).get_template("brief.html.j2" if fmt == "html" else "brief.md.j2")
    return str(template.render(**data))
