"""`legalcli routes --format json` and `legalcli explain ROUTE --format json`: the
routes as data, with every text in the chosen language and every id beside it."""

from __future__ import annotations

from typing import Any

from legalcli.core.model import Pack, Route
from legalcli.core.vocabulary import Confidence
from legalcli.i18n import Lang
from legalcli.render.words import condition_words, period_words, text_confidence


def routes_data(pack: Pack, lang: Lang) -> dict[str, Any]:
    return {
        "pack": {"name": pack.name, "version": pack.version, "reviewed": pack.reviewed.isoformat()},
        "routes": [{"id": r.id, "title": r.title.get(lang), "kind": r.kind} for r in pack.route_list],
    }


def _confidence(pack: Pack, explicit: Confidence | None, sources: tuple[str, ...]) -> str:
    return str(pack.confidence_of(explicit, sources))


def route_data(pack: Pack, route: Route, lang: Lang) -> dict[str, Any]:
    """What `explain` prints, as data: conditions in words, risks, deadlines, steps,
    the laws and sources cited (ids, to look up in the pack), the review."""

    def clauses(items: Any) -> list[dict[str, Any]]:
        return [
            {
                "when": condition_words(c.when, pack, lang),
                "because": c.because.get(lang),
                "confidence": _confidence(pack, c.confidence, c.sources or route.sources),
            }
            for c in items
        ]

    return {
        "id": route.id,
        "title": route.title.get(lang),
        "kind": route.kind,
        "summary": route.summary.get(lang),
        "summary_confidence": text_confidence(route.summary),
        "confidence": _confidence(pack, route.confidence, route.sources),
        "reviewed": route.reviewed.isoformat(),
        "reviewed_against": list(route.reviewed_against),
        "applies_if": condition_words(route.applies_if, pack, lang),
        "requires": clauses(route.requires),
        "blocked_if": clauses(route.blocked_if),
        "unsettled_if": clauses(route.unsettled_if),
        "risks": [
            {
                "id": risk.id,
                "severity": risk.severity,
                "text": risk.text.get(lang),
                "when": condition_words(risk.when, pack, lang),
                "legal_basis": list(risk.legal_basis),
                "sources": list(risk.sources),
                "confidence": _confidence(pack, risk.confidence, risk.sources),
            }
            for risk in route.risks
        ],
        "deadlines": [
            {"id": d.id, "from": d.from_fact, "period": period_words(d.amount, d.unit, lang), "text": d.text.get(lang)}
            for d in route.deadlines
        ],
        "steps": [step.get(lang) for step in route.steps],
        "step_confidences": [text_confidence(step) for step in route.steps],
        "legal_basis": list(dict.fromkeys([*route.legal_basis, *(law for r in route.risks for law in r.legal_basis)])),
        "sources": list(dict.fromkeys([*route.sources, *(s for r in route.risks for s in r.sources)])),
    }
