"""The assessment as the JSON document of contracts.md (schema legalcli.assessment/1)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from legalcli.conditions import Value
from legalcli.engine import Assessment, DeadlineResult, RouteResult
from legalcli.i18n import t
from legalcli.model import Lang

SCHEMA_ID = "legalcli.assessment/1"


def _value(value: Value) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _deadline(d: DeadlineResult, lang: Lang, *, owner_key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.deadline.id}
    if owner_key:
        out[owner_key] = d.owner
    out.update(
        {
            "date": d.date.isoformat() if d.date else None,
            "days_left": d.days_left,
            "overdue": d.overdue,
            "applies": d.applies,
            "working_days": d.deadline.working_days,
            "from_fact": d.deadline.from_fact,
            "text": d.deadline.text.get(lang),
            "legal_basis": list(d.deadline.legal_basis),
            "sources": list(d.deadline.sources),
            "confidence": d.confidence,
        }
    )
    return out


def _route(r: RouteResult, lang: Lang) -> dict[str, Any]:
    route = r.route
    return {
        "id": route.id,
        "kind": route.kind,
        "title": route.title.get(lang),
        "summary": route.summary.get(lang),
        "status": r.status,
        "reasons": [
            {"text": x.text.get(lang), "facts": list(x.facts), "kind": x.kind, "met": not x.unmet, "confidence": x.confidence}
            for x in r.reasons
        ],
        "deciding_facts": list(r.deciding_facts),
        "opens_if": [{k: _value(v) for k, v in change.items()} for change in r.opens_if],
        "risks": [
            {
                "id": x.risk.id,
                "severity": x.risk.severity,
                "status": x.status,
                "text": x.risk.text.get(lang),
                "legal_basis": list(x.risk.legal_basis),
                "sources": list(x.risk.sources),
                "confidence": x.confidence,
            }
            for x in r.risks
        ],
        "steps": [s.get(lang) for s in route.steps],
        "deadlines": [_deadline(d, lang, owner_key=None) for d in r.deadlines],
        "legal_basis": list(route.legal_basis),
        "sources": list(route.sources),
        "confidence": r.confidence,
        "reviewed": route.reviewed.isoformat(),
    }


def assessment_data(a: Assessment, lang: Lang, *, given: dict[str, Value] | None = None) -> dict[str, Any]:
    pack = a.pack
    sit_status = {True: "true", False: "false", None: "unknown"}
    return {
        "schema": SCHEMA_ID,
        "as_of": a.as_of.isoformat(),
        "lang": lang,
        "disclaimer": t("disclaimer", lang),
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
        "routes": [_route(r, lang) for r in a.routes],
        "deadlines": [_deadline(d, lang, owner_key="from") for d in a.deadlines],
        "next_questions": [{"fact": f, "question": pack.facts[f].question.get(lang)} for f in a.next_questions],
    }


def render_json(a: Assessment, lang: Lang, *, given: dict[str, Value] | None = None, pretty: bool = True) -> str:
    """The JSON document; `pretty=False` gives one line, which the C encoder writes
    several times faster (indented output goes through json's Python encoder)."""
    data = assessment_data(a, lang, given=given)
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
