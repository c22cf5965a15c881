"""The assessment as the JSON document of contracts.md (schema legalcli.assessment/1)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, get_args

from legalcli.core.conditions import Value
from legalcli.core.engine import STALE_DAYS, Assessment, DeadlineResult, Finding, Reason, RouteResult
from legalcli.core.model import Pack
from legalcli.core.vocabulary import Confidence
from legalcli.i18n import Lang, t
from legalcli.render.words import (
    attribute_value_words,
    confidence_words,
    fact_name,
    fact_names,
    finding_words,
    law_words,
    opens_if_words,
    reason_words,
    reviewed_against_words,
    source_words,
    stale_warning,
    text_confidence,
)

SCHEMA_ID = "legalcli.assessment/1"


def _value(value: Value) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _cited(pack: Pack, source_ids: tuple[str, ...], law_ids: tuple[str, ...], lang: Lang) -> dict[str, Any]:
    """Ids as the pack names them, and beside them the words people read."""
    return {
        "legal_basis": list(law_ids),
        "legal_basis_titles": [law_words(pack, x, lang) for x in law_ids],
        "sources": list(source_ids),
        "source_labels": [source_words(pack, x, lang) for x in source_ids],
    }


def _findings(pack: Pack, found: tuple[Finding, ...], lang: Lang) -> list[dict[str, Any]]:
    out = []
    for f in found:
        decl = pack.attributes.get(f.attribute)
        out.append(
            {
                "country": f.country.id,
                "country_name": f.country.name.get(lang),
                "attribute": f.attribute,
                "attribute_title": decl.title.get(lang) if decl else f.attribute,
                "value": "unknown" if f.found.value is None else _value(f.found.value),
                "value_label": attribute_value_words(pack, f.attribute, f.found.value, lang),
                "since": f.found.since.isoformat() if f.found.since else None,
                "note": f.found.note.get(lang),
                "sources": list(f.found.sources),
                "source_labels": [source_words(pack, x, lang) for x in f.found.sources],
                "confidence": f.confidence,
                "text": finding_words(pack, f, lang),
            }
        )
    return out


def _deadline(d: DeadlineResult, pack: Pack, lang: Lang, *, owner_key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.deadline.id}
    if owner_key:
        out[owner_key] = d.owner
    out.update(
        {
            "date": d.date.isoformat() if d.date else None,
            "days_left": d.days_left,
            "overdue": d.overdue,
            "passed": d.passed,
            "kind": d.deadline.kind,
            "applies": d.applies,
            "working_days": d.deadline.working_days,
            "from_fact": d.deadline.from_fact,
            "from_fact_name": fact_name(pack, d.deadline.from_fact, lang),
            "period": {"amount": d.deadline.amount, "unit": d.deadline.unit},
            "text": d.deadline.text.get(lang),
            **_cited(pack, d.deadline.sources, d.deadline.legal_basis, lang),
            "confidence": d.confidence,
        }
    )
    return out


def _reason(pack: Pack, x: Reason, status: str, lang: Lang) -> dict[str, Any]:
    return {
        "text": x.text.get(lang),
        "words": reason_words(x, "blocked" if x.kind == "conditional_block" else status, lang),
        "facts": list(x.facts),
        "fact_names": fact_names(pack, x.facts, lang),
        "kind": x.kind,
        "met": not x.unmet,
        "confidence": x.confidence,
        "sources": list(x.sources),
        "source_labels": [source_words(pack, s, lang) for s in x.sources],
        "findings": _findings(pack, x.findings, lang),
    }


def _route(r: RouteResult, pack: Pack, lang: Lang) -> dict[str, Any]:
    route = r.route
    return {
        "id": route.id,
        "aliases": list(route.aliases),
        "kind": route.kind,
        "title": route.title.get(lang),
        "summary": route.summary.get(lang),
        # The mark a text carries of its own ("confirmed" where it carries none), beside
        # the route's own `confidence`: a step or the summary can be weaker than its route.
        "summary_confidence": text_confidence(route.summary),
        "status": r.status,
        "reasons": [_reason(pack, x, r.status, lang) for x in r.reasons],
        "deciding_facts": list(r.deciding_facts),
        "deciding_fact_names": fact_names(pack, r.deciding_facts, lang),
        "opens_if": [{k: _value(v) for k, v in change.items()} for change in r.opens_if],
        "opens_if_words": opens_if_words(pack, r, lang),
        "risks": [
            {
                "id": x.risk.id,
                "severity": x.risk.severity,
                "status": x.status,
                "text": x.risk.text.get(lang),
                **_cited(pack, x.risk.sources, x.risk.legal_basis, lang),
                "confidence": x.confidence,
                "findings": _findings(pack, x.findings, lang),
            }
            for x in r.risks
        ],
        "steps": [s.get(lang) for s in r.steps],
        "step_confidences": [text_confidence(s) for s in r.steps],
        "deadlines": [_deadline(d, pack, lang, owner_key=None) for d in r.deadlines],
        **_cited(pack, route.sources, route.legal_basis, lang),
        "confidence": r.confidence,
        "reviewed": route.reviewed.isoformat(),
        "reviewed_against": list(route.reviewed_against),
        "reviewed_against_words": reviewed_against_words(pack, route.reviewed_against, lang),
        "stale": r.stale,
    }


def warnings(a: Assessment, lang: Lang) -> list[dict[str, Any]]:
    """What the reader must know before the rest: routes whose review is old."""
    listed = [r for r in a.routes if r.status != "not_applicable"]
    text = stale_warning(a.pack, listed, lang, STALE_DAYS)
    if not text:
        return []
    return [{"kind": "stale_review", "text": text, "routes": [r.route.id for r in listed if r.stale]}]


def assessment_data(a: Assessment, lang: Lang, *, given: dict[str, Value] | None = None) -> dict[str, Any]:
    pack = a.pack
    sit_status = {True: "true", False: "false", None: "unknown"}
    return {
        "schema": SCHEMA_ID,
        "as_of": a.as_of.isoformat(),
        "lang": lang,
        "disclaimer": t("disclaimer", lang),
        "warnings": warnings(a, lang),
        "confidence_labels": {c: confidence_words(c, lang) or t("conf.confirmed", lang) for c in get_args(Confidence)},
        "pack": {
            "name": pack.name,
            "version": pack.version,
            "reviewed": pack.reviewed.isoformat(),
            "fingerprint": pack.fingerprint,
        },
        "facts": {
            "given": {k: _value(v) for k, v in (given if given is not None else a.facts).items()},
            "unknown": list(a.unknown),
        },
        "situations": [
            {
                "id": s.situation.id,
                "status": sit_status[s.value],
                "title": s.situation.title.get(lang),
                "confidence": s.confidence,
            }
            for s in a.situations
        ],
        "routes": [_route(r, pack, lang) for r in a.routes],
        "deadlines": [_deadline(d, pack, lang, owner_key="from") for d in a.deadlines],
        "next_questions": [
            {"fact": f, "name": fact_name(pack, f, lang), "question": pack.facts[f].question.get(lang)} for f in a.next_questions
        ],
    }


def render_json(a: Assessment, lang: Lang, *, given: dict[str, Value] | None = None, pretty: bool = True) -> str:
    """The JSON document; `pretty=False` gives one line, which the C encoder writes
    several times faster (indented output goes through json's Python encoder)."""
    data = assessment_data(a, lang, given=given)
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
