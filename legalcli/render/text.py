"""The assessment for a terminal (Rich): grouped by status, risks coloured by severity."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from legalcli.core.conditions import Condition, evaluate, facts_read
from legalcli.core.engine import STALE_DAYS, Assessment, DeadlineResult, Finding, Reason, RouteResult, make_env
from legalcli.core.model import Pack
from legalcli.core.model import Text as PackText
from legalcli.i18n import Lang, t, tn

if TYPE_CHECKING:
    from rich.text import Text

from legalcli.render.words import (
    condition_words,
    date_words,
    deadline_words,
    fact_names,
    facts_shown,
    finding_words,
    laws_words,
    mark_words,
    opens_if_words,
    reason_words,
    reviewed_against_words,
    source_entry_words,
    sources_words,
    stale_warning,
    text_mark,
)

SEVERITY_STYLE = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold red"}
STATUS_STYLE = {"feasible": "bold green", "undetermined": "bold yellow", "blocked": "bold red", "not_applicable": "dim"}
Emit = Callable[["Text | str", int], None]
_MARKER = re.compile(r"(- |• |· |\d+\. )")


def make_console(file: IO[str] | None = None, *, width: int | None = None, color: bool | None = None) -> object:
    """A Console that honours NO_COLOR and never colours a pipe."""
    from rich.console import Console

    # The text is rendered into a buffer first, so whether to colour is decided by the
    # caller (a terminal, and NO_COLOR unset), not by Rich looking at the buffer.
    return Console(
        file=file,
        width=width,
        no_color=None if color is None else not color,
        force_terminal=bool(color),
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


def render_text(
    a: Assessment, lang: Lang, console: object, *, show_all: bool = False, why: bool = False, summary_only: bool = False
) -> None:
    from rich.console import Console
    from rich.text import Text

    assert isinstance(console, Console)
    pack = a.pack

    def para(text: Text | str, indent: int = 0, style: str = "") -> None:
        """Print wrapped at the console width, continuation lines under the text
        (after a leading "- ", "• ", "· " or "1. "), with no trailing spaces."""
        body = text if isinstance(text, Text) else Text(text, style=style)
        marker = _MARKER.match(body.plain)
        hang = len(marker.group(0)) if marker else 0
        lines = body.wrap(console, max(20, console.width - indent - hang))
        for number, line in enumerate(lines):
            line.rstrip()
            pad = indent + (hang if number else 0)
            console.print(Text(" " * pad) + line, soft_wrap=True)

    header = Text()
    header.append("legalcli", style="bold")
    header.append(f" — {t('as_of', lang)} {date_words(a.as_of, lang)}")
    para(header)
    para(
        f"{t('pack', lang)}: {pack.title.get(lang)} {pack.version}, {t('reviewed', lang)} {date_words(pack.reviewed, lang)}"
        f" · {tn('unknown_facts', len(a.unknown), lang)}"
    )
    para(t("disclaimer", lang), style="italic")
    statuses = ["feasible", "undetermined", "blocked"] + (["not_applicable"] if show_all else [])
    warning = stale_warning(pack, (r for r in a.routes if r.status in statuses), lang, STALE_DAYS)
    if warning:
        para(Text(warning, style="bold yellow"))
    console.print()
    _summary(a, lang, para)
    if summary_only:
        para(t("disclaimer", lang), style="italic")
        return
    para(Text(t("summary.details", lang).upper(), style="bold"))
    console.print()

    sit = []
    for s in a.situations:
        if s.value is False and not show_all:
            continue
        word = t("sit.true" if s.value else "sit.unknown" if s.value is None else "sit.false", lang)
        sit.append(f"{s.situation.title.get(lang)}: {word}{mark_words(s.confidence, lang)}")
    if sit:
        para(Text(t("situations", lang).upper(), style="bold"))
        for line in sit:
            para(f"• {line}", 2)
        console.print()

    for status in statuses:
        group = a.by_status(status)  # type: ignore[arg-type]
        if not group:
            continue
        para(Text(f"{t('status.' + status, lang).upper()} ({len(group)})", style=STATUS_STYLE[status]))
        for result in group:
            _route(result, a, lang, para, why=why)
        console.print()

    if a.deadlines:
        para(Text(t("general_deadlines", lang).upper(), style="bold"))
        for d in a.deadlines:
            para(_deadline_line(d, pack, lang), 2)
        console.print()

    para(Text(t("questions", lang).upper(), style="bold"))
    if a.next_questions:
        for i, fact_id in enumerate(a.next_questions[:8], 1):
            question = Text(f"{i}. {pack.facts[fact_id].question.get(lang)}")
            question.append(f" (--fact {fact_id}=…)", style="dim")
            para(question, 2)
    else:
        para(t("no_questions", lang), 2)
    console.print()
    para(t("disclaimer", lang), style="italic")


def _summary(a: Assessment, lang: Lang, para: Callable[..., None]) -> None:
    """What matters now, first (render/summary.py): at most one screen."""
    from rich.text import Text

    from legalcli.render.summary import summarise

    pack = a.pack
    s = summarise(a)
    para(Text(t("summary.title", lang).upper(), style="bold"))
    if s.deadlines:
        para(Text(t("summary.deadlines", lang) + ":", style="bold"), 2)
        for d in s.deadlines:
            para(_deadline_line(d, pack, lang), 4)
    para(Text(t("status.feasible", lang) + ":", style=STATUS_STYLE["feasible"]), 2)
    for r in s.feasible:
        para(f"• {r.route.title.get(lang)}", 4)
    if not s.feasible:
        para(t("summary.none_open", lang), 4)
    if s.undetermined:
        para(Text(t("status.undetermined", lang) + ":", style=STATUS_STYLE["undetermined"]), 2)
        for item in s.undetermined:
            if item.question is not None:
                how = t("summary.decided_by", lang, question=pack.facts[item.question].question.get(lang))
            else:
                how = t("summary.left_open", lang)
            para(f"• {item.route.route.title.get(lang)} — {how}", 4)
    if s.risks:
        para(Text(t("summary.risks", lang) + ":", style="bold"), 2)
        for x in s.risks:
            severity = t("severity." + x.risk.severity, lang)
            para(f"• [{severity}] {x.risk.text.get(lang)}{mark_words(x.confidence, lang)}", 4)
    if s.documents:
        para(Text(t("summary.bring", lang) + ":", style="bold"), 2)
        for document in s.documents:
            para(_marked("• ", document, lang), 4)
    if s.more:
        para(Text(tn("summary.more", s.more, lang), style="dim"), 2)
    para("")


def _deadline_line(d: DeadlineResult, pack: Pack, lang: Lang) -> Text:
    from rich.text import Text

    line = Text()
    words, style = deadline_words(d, pack, lang)
    line.append(words, style=style)
    line.append(f" — {d.deadline.text.get(lang)}")
    line.append(mark_words(d.confidence, lang), style="bold magenta")
    return line


def _marked(lead: str, text: PackText, lang: Lang) -> Text:
    """A pack text as a line, with the mark it carries of its own styled as a risk's."""
    from rich.text import Text

    line = Text(lead + text.get(lang))
    line.append(text_mark(text, lang), style="bold magenta")
    return line


def _findings(found: tuple[Finding, ...], pack: Pack, lang: Lang, emit: Emit, indent: int) -> None:
    """One line per entry of the country table that a reason or risk rests on."""
    for finding in found:
        emit(f"· {finding_words(pack, finding, lang)}", indent)


def _route(result: RouteResult, a: Assessment, lang: Lang, emit: Emit, *, why: bool) -> None:
    from rich.text import Text

    pack = a.pack
    route = result.route
    title = Text()
    title.append(f"• {route.title.get(lang)}", style="bold")
    title.append(mark_words(result.confidence, lang), style="bold magenta")
    emit(title, 0)
    emit(_marked("", route.summary, lang), 2)
    groups: list[tuple[Text, list[tuple[str, Reason]]]] = []
    plain = [r for r in result.reasons if r.kind not in ("conditional_block", "unsettled")]
    unsettled = [r for r in result.reasons if r.kind == "unsettled"]
    conditional = [r for r in result.reasons if r.kind == "conditional_block"]
    if plain:
        groups.append((Text(f"{t('why', lang)}:", style="bold"), [(reason_words(r, result.status, lang), r) for r in plain]))
    if unsettled:
        groups.append((Text(t("unsettled", lang), style="bold"), [(r.text.get(lang), r) for r in unsettled]))
    if conditional:
        groups.append(
            (Text(t("if_applies_blocked", lang), style="bold"), [(reason_words(r, "blocked", lang), r) for r in conditional])
        )
    for heading, reasons in groups:
        emit(heading, 2)
        for words, reason in reasons:
            names = ", ".join(fact_names(pack, reason.facts, lang))
            said = f"- {words}{f' ({names})' if names else ''}{mark_words(reason.confidence, lang)}"
            if why and reason.sources:
                said += f" — {t('sources', lang)}: {sources_words(pack, reason.sources, lang)}"
            emit(said, 4)
            _findings(reason.findings, pack, lang, emit, 6)
    if result.deciding_facts:
        emit(f"{t('depends_on', lang)}: {', '.join(fact_names(pack, result.deciding_facts, lang))}", 2)
    if result.opens_if:
        options = f" {t('or', lang)} ".join(opens_if_words(pack, result, lang))
        emit(Text(f"{t('opens_if', lang)}: {options}", style="cyan"), 2)
    # A blocked route is shown for why it is closed and what would open it; of its
    # risks only those that already apply, and no steps or deadlines.
    risks = [r for r in result.risks if result.status != "blocked" or r.status == "applies"]
    if risks:
        emit(Text(f"{t('risks', lang)}:", style="bold"), 2)
        for risk in risks:
            line = Text()
            label = t(
                "risk.line", lang, severity=t("severity." + risk.risk.severity, lang), status=t("risk." + risk.status, lang)
            )
            line.append(label[:1].upper() + label[1:], style=SEVERITY_STYLE[risk.risk.severity])
            line.append(f": {risk.risk.text.get(lang)}")
            line.append(mark_words(risk.confidence, lang), style="bold magenta")
            basis = laws_words(pack, risk.risk.legal_basis, lang)
            if basis:
                line.append(f" ({basis})", style="dim")
            if why and risk.risk.sources:
                line.append(f" — {t('sources', lang)}: {sources_words(pack, risk.risk.sources, lang)}", style="dim")
            emit(line, 4)
            _findings(risk.findings, pack, lang, emit, 6)
    if result.deadlines and result.status != "blocked":
        emit(Text(f"{t('deadlines', lang)}:", style="bold"), 2)
        for d in result.deadlines:
            emit(_deadline_line(d, pack, lang), 4)
    if result.status != "blocked" and result.steps:
        emit(Text(f"{t('steps', lang)}:", style="bold"), 2)
        for step in result.steps:
            emit(_marked("- ", step, lang), 4)
    basis = laws_words(pack, route.legal_basis, lang)
    if basis:
        emit(Text(f"{t('legal_basis', lang)}: {basis}", style="dim"), 2)
    if why:
        _review(result, pack, lang, emit)
        _trace(result, a, lang, emit)


def _review(result: RouteResult, pack: Pack, lang: Lang, emit: Emit) -> None:
    """When the route was last reviewed and against what, and its sources with dates."""
    from rich.text import Text

    route = result.route
    line = t("route_reviewed", lang, date=date_words(route.reviewed, lang))
    if route.reviewed_against:
        line += f"; {t('checked_against', lang)}: {reviewed_against_words(pack, route.reviewed_against, lang)}"
    emit(Text(line, style="bold yellow" if result.stale else ""), 2)
    if route.sources:
        emit(Text(f"{t('sources', lang)}:", style="bold"), 2)
        for source_id in route.sources:
            emit(f"- {source_entry_words(pack, source_id, lang)}", 4)
    emit(Text(t("explain_hint", lang, route=route.id), style="dim"), 2)


def _trace(result: RouteResult, a: Assessment, lang: Lang, emit: Emit) -> None:
    from rich.text import Text

    pack = a.pack
    # The conditions read as the engine read them: on the as-of date, with the country table.
    env = make_env(pack, a.facts, a.as_of)
    route = result.route
    rows: list[tuple[str, Condition | None]] = [("trace.applies_if", route.applies_if)]
    rows += [("trace.requires", c.when) for c in route.requires]
    rows += [("trace.blocked_if", c.when) for c in route.blocked_if]
    rows += [("trace.unsettled_if", c.when) for c in route.unsettled_if]
    rows = [(key, cond) for key, cond in rows if cond is not None]
    if not rows:
        return
    emit(Text(f"{t('trace', lang)}:", style="bold"), 2)
    for key, cond in rows:
        value = evaluate(cond, env)
        word = t("value.unknown" if value is None else "value.true" if value else "value.false", lang)
        emit(f"{t(key, lang)}: {condition_words(cond, pack, lang)} → {word}", 4)
        read = facts_read(cond, env.situation_condition)
        if read:
            emit(Text(f"{t('reads', lang)}: {facts_shown(pack, read, a.facts, lang)}", style="dim"), 6)
