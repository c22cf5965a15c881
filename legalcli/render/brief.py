"""The consultation brief: one structure, rendered by one template each to HTML and
Markdown (Jinja2).  User text is never trusted as markup: HTML autoescapes, Markdown
escapes every value through `finalize`."""

from __future__ import annotations

from typing import Any

from legalcli import __version__
from legalcli.conditions import Value
from legalcli.engine import Assessment, DeadlineResult, RouteResult
from legalcli.i18n import MESSAGES, t
from legalcli.model import Lang, Pack
from legalcli.render.words import deadline_words, reason_words, value_words

_LABEL_KEYS = [k for k in MESSAGES if k.startswith(("brief.", "status.", "severity.", "risk.", "conf."))] + [
    "disclaimer", "as_of", "pack", "reviewed", "why", "situations", "if_applies_blocked", "depends_on", "opens_if", "or", "risks",
    "steps", "deadlines", "legal_basis", "sources", "questions", "no_questions", "general_deadlines", "unconfirmed",
    "seed-only",
]  # fmt: skip


def _mark(confidence: str, lang: Lang) -> str:
    if confidence == "unconfirmed":
        return t("unconfirmed", lang)
    if confidence == "seed-only":
        return t("seed-only", lang)
    return ""


def _deadline(d: DeadlineResult, pack: Pack, lang: Lang) -> dict[str, Any]:
    words, _style = deadline_words(d, pack, lang)
    return {
        "id": d.deadline.id,
        "when": words.split(": ", 1)[-1],
        "text": d.deadline.text.get(lang),
        "overdue": d.overdue,
        "mark": _mark(d.confidence, lang),
        "laws": [pack.laws[x].title.get(lang) for x in d.deadline.legal_basis if x in pack.laws],
    }


def _route(r: RouteResult, a: Assessment, lang: Lang) -> dict[str, Any]:
    pack = a.pack
    route = r.route
    return {
        "id": route.id,
        "title": route.title.get(lang),
        "summary": route.summary.get(lang),
        "status": r.status,
        "mark": _mark(r.confidence, lang),
        "reasons": [
            {
                "text": reason_words(x, "blocked" if x.kind == "conditional_block" else r.status, lang),
                "conditional": x.kind == "conditional_block",
                "mark": _mark(x.confidence, lang),
            }
            for x in r.reasons
        ],
        "depends_on": [pack.facts[f].question.get(lang) for f in r.deciding_facts if f in pack.facts],
        "opens_if": [
            " + ".join(f"{pack.facts[k].question.get(lang)} → {value_words(pack, k, v, lang)}" for k, v in change.items())
            for change in r.opens_if
        ],
        "risks": [
            {
                "severity": x.risk.severity,
                "severity_label": t("severity." + x.risk.severity, lang),
                "status_label": t("risk." + x.status, lang),
                "text": x.risk.text.get(lang),
                "mark": _mark(x.confidence, lang),
                "laws": [pack.laws[i].title.get(lang) for i in x.risk.legal_basis if i in pack.laws],
                "sources": list(x.risk.sources),
            }
            for x in r.risks
            if r.status != "blocked" or x.status == "applies"
        ],
        "steps": [s.get(lang) for s in route.steps] if r.status != "blocked" else [],
        "deadlines": [_deadline(d, pack, lang) for d in r.deadlines] if r.status != "blocked" else [],
        "laws": [pack.laws[i].title.get(lang) for i in route.legal_basis if i in pack.laws],
        "sources": list(route.sources),
        "reviewed": route.reviewed.isoformat(),
    }


def brief_data(a: Assessment, lang: Lang, *, given: dict[str, Value], notes: str = "", redact: bool = False) -> dict[str, Any]:
    """Everything the brief shows, as plain data in one language."""
    pack = a.pack
    hidden = [f for f in given if f in pack.facts and pack.facts[f].sensitive] if redact else []
    shown = {k: v for k, v in given.items() if k not in hidden}
    groups = []
    for status in ("feasible", "undetermined", "blocked"):
        routes = [_route(r, a, lang) for r in a.routes if r.status == status]
        groups.append({"status": status, "heading": t("status." + status, lang), "routes": routes})
    cited_laws: list[str] = []
    cited_sources: list[str] = []
    documents: list[str] = []
    for r in a.routes:
        if r.status == "not_applicable":
            continue
        route = r.route
        cited_laws += [*route.legal_basis, *(x for risk in r.risks for x in risk.risk.legal_basis)]
        cited_sources += [*route.sources, *(x for risk in r.risks for x in risk.risk.sources)]
        if r.status != "blocked":
            documents += [d.get(lang) for d in route.documents]
    for d in a.deadlines:
        cited_laws += list(d.deadline.legal_basis)
        cited_sources += list(d.deadline.sources)
    for law_id in list(dict.fromkeys(cited_laws)):
        if law_id in pack.laws:
            cited_sources += list(pack.laws[law_id].sources)
    laws = [pack.laws[i] for i in dict.fromkeys(cited_laws) if i in pack.laws]
    sources = [pack.sources[i] for i in dict.fromkeys(cited_sources) if i in pack.sources]
    order = {law.id: n for n, law in enumerate(pack.law_list)}
    laws.sort(key=lambda law: order[law.id])
    return {
        "lang": lang,
        "labels": {k.replace(".", "_").replace("-", "_"): t(k, lang) for k in _LABEL_KEYS if "{" not in MESSAGES[k][0]},
        "prepared": t("brief.prepared", lang, version=__version__),
        "as_of": a.as_of.isoformat(),
        "pack": {
            "title": pack.title.get(lang),
            "name": pack.name,
            "version": pack.version,
            "reviewed": pack.reviewed.isoformat(),
        },
        "redacted": t("brief.redacted", lang, n=len(hidden)) if redact else "",
        "notes": "" if redact else notes,
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
        "groups": groups,
        "deadlines": [_deadline(d, pack, lang) for d in a.deadlines],
        "questions": [{"id": f, "question": pack.facts[f].question.get(lang)} for f in a.next_questions],
        "documents": list(dict.fromkeys(documents)),
        "laws": [
            {
                "id": law.id,
                "title": law.title.get(lang),
                "summary": law.summary.get(lang),
                "penalties": law.penalties.get(lang) if law.penalties else "",
            }
            for law in laws
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "date": s.date or t("brief.no_date", lang),
                "confidence": t("conf." + s.confidence, lang),
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
