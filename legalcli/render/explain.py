"""`legalcli explain ROUTE`: a route in words, for a lawyer reviewing it."""

from __future__ import annotations

from collections.abc import Callable

from legalcli.core.model import Pack, Route
from legalcli.core.safetext import safe
from legalcli.i18n import Lang, t
from legalcli.render.words import (
    condition_words,
    date_words,
    fact_name,
    laws_words,
    mark_words,
    period_words,
    reviewed_against_words,
    source_entry_words,
    text_mark,
)


def _conf(pack: Pack, explicit: str | None, sources: tuple[str, ...], lang: Lang) -> str:
    return mark_words(pack.confidence_of(explicit, sources), lang)  # type: ignore[arg-type]


def render_explain(pack: Pack, route: Route, lang: Lang, *, width: int = 80) -> str:
    import textwrap

    out: list[str] = []

    def add(line: str) -> None:
        # Wrap at the width, continuation lines under the first line's text.
        stripped = line.lstrip(" ")
        indent = " " * (len(line) - len(stripped))
        lead = indent + ("— " if stripped.startswith("— ") else "- " if stripped.startswith("- ") else "")
        out.append(textwrap.fill(line, width=width, subsequent_indent=" " * len(lead), break_on_hyphens=False) if line else "")

    add(f"{route.title.get(lang)}{_conf(pack, route.confidence, route.sources, lang)}")
    add(f"{t('reviewed', lang)}: {date_words(route.reviewed, lang)}")
    if route.reviewed_against:
        add(f"{t('checked_against', lang)}: {reviewed_against_words(pack, route.reviewed_against, lang)}")
    add("")
    add(route.summary.get(lang) + text_mark(route.summary, lang))
    add("")
    add(f"{t('route.conditions', lang)}:")
    add(f"  {t('route.applies_if', lang)}: {condition_words(route.applies_if, pack, lang)}")
    for key, clauses in (
        ("route.requires", route.requires),
        ("route.blocked_if", route.blocked_if),
        ("route.unsettled_if", route.unsettled_if),
    ):
        for clause in clauses:
            add(f"  {t(key, lang)}: {condition_words(clause.when, pack, lang)}")
            add(f"      — {clause.because.get(lang)}{_conf(pack, clause.confidence, clause.sources or route.sources, lang)}")
    if route.risks:
        add("")
        add(f"{t('risks', lang)}:")
        for risk in route.risks:
            when = condition_words(risk.when, pack, lang)
            severity = t("risk.severity", lang, severity=t("severity." + risk.severity, lang))
            add(f"  {severity[:1].upper() + severity[1:]}{_conf(pack, risk.confidence, risk.sources, lang)}")
            add(f"      {risk.text.get(lang)}")
            add(f"      {t('route.risk_when', lang)}: {when}")
            if risk.legal_basis:
                add(f"      {t('legal_basis', lang)}: {laws_words(pack, risk.legal_basis, lang)}")
    if route.deadlines:
        add("")
        add(f"{t('deadlines', lang)}:")
        for d in route.deadlines:
            period = period_words(d.amount, d.unit, lang)
            add(f"  {t('deadline.from', lang, period=period, fact=fact_name(pack, d.from_fact, lang))}: {d.text.get(lang)}")
    if route.steps:
        add("")
        add(f"{t('steps', lang)}:")
        for step in route.steps:
            add(f"  - {step.get(lang)}{text_mark(step, lang)}")
    laws = sorted(set(route.legal_basis) | {law for r in route.risks for law in r.legal_basis}, key=route_order(pack))
    if laws:
        add("")
        add(f"{t('legal_basis', lang)}:")
        for law_id in laws:
            law = pack.laws.get(law_id)
            if law is None:
                add(f"  {law_id}")
                continue
            add(f"  {law.title.get(lang)}")
            add(f"      {law.summary.get(lang)}")
            if law.penalties:
                add(f"      {law.penalties.get(lang)}")
    cited = list(dict.fromkeys([*route.sources, *(s for r in route.risks for s in r.sources)]))
    if cited:
        add("")
        add(f"{t('sources', lang)}:")
        for source_id in cited:
            add(f"  {source_entry_words(pack, source_id, lang)}")
            source = pack.sources.get(source_id)
            if source is not None and source.url:
                add(f"      {safe(source.url)}")
    add("")
    add(t("disclaimer", lang))
    return "\n".join(out) + "\n"


def route_order(pack: Pack) -> Callable[[str], int]:
    order = {law.id: i for i, law in enumerate(pack.law_list)}
    return lambda law_id: order.get(law_id, len(order))
