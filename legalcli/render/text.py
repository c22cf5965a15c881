"""The assessment for a terminal (Rich): grouped by status, risks coloured by severity."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from legalcli.conditions import Condition, Env, Value, evaluate, facts_read
from legalcli.engine import Assessment, DeadlineResult, RouteResult
from legalcli.i18n import t
from legalcli.model import Lang, Pack

if TYPE_CHECKING:
    from rich.text import Text

from legalcli.render.words import condition_words, deadline_words, fact_value_words, reason_words, value_words

SEVERITY_STYLE = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold red"}
STATUS_STYLE = {"feasible": "bold green", "undetermined": "bold yellow", "blocked": "bold red", "not_applicable": "dim"}


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


def render_text(a: Assessment, lang: Lang, console: object, *, show_all: bool = False, why: bool = False) -> None:
    from rich.console import Console
    from rich.text import Text

    assert isinstance(console, Console)
    pack = a.pack

    def para(text: Text | str, indent: int = 0, style: str = "") -> None:
        """Print wrapped at the console width, continuation lines under the text
        (after a leading "- " or "• "), with no trailing spaces."""
        body = text if isinstance(text, Text) else Text(text, style=style)
        plain = body.plain
        hang = 2 if plain.startswith(("- ", "• ")) else 0
        lines = body.wrap(console, max(20, console.width - indent - hang))
        for number, line in enumerate(lines):
            line.rstrip()
            pad = indent + (hang if number else 0)
            console.print(Text(" " * pad) + line, soft_wrap=True)

    header = Text()
    header.append("legalcli", style="bold")
    header.append(f" — {t('as_of', lang)} {a.as_of.isoformat()}")
    para(header)
    para(
        f"{t('pack', lang)}: {pack.title.get(lang)} {pack.version}, {t('reviewed', lang)} {pack.reviewed.isoformat()}"
        f" · {t('unknown_facts', lang)}: {len(a.unknown)}"
    )
    para(t("disclaimer", lang), style="italic")
    console.print()

    sit = []
    for s in a.situations:
        if s.value is False and not show_all:
            continue
        word = t("sit.true" if s.value else "sit.unknown" if s.value is None else "sit.false", lang)
        sit.append(f"{s.situation.title.get(lang)}: {word}{_conf_mark(s.confidence, lang)}")
    if sit:
        para(Text(t("situations", lang).upper(), style="bold"))
        for line in sit:
            para(f"• {line}", 2)
        console.print()

    statuses = ["feasible", "undetermined", "blocked"] + (["not_applicable"] if show_all else [])
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
            para(f"{i}. {pack.facts[fact_id].question.get(lang)} [{fact_id}]", 2)
    else:
        para(t("no_questions", lang), 2)
    console.print()
    para(t("disclaimer", lang), style="italic")


def _conf_mark(confidence: str, lang: Lang) -> str:
    if confidence == "unconfirmed":
        return f" [{t('unconfirmed', lang)}]"
    if confidence == "seed-only":
        return f" [{t('seed-only', lang)}]"
    return ""


def _deadline_line(d: DeadlineResult, pack: Pack, lang: Lang) -> Text:
    from rich.text import Text

    line = Text()
    words, style = deadline_words(d, pack, lang)
    line.append(words, style=style)
    line.append(f" — {d.deadline.text.get(lang)}")
    line.append(_conf_mark(d.confidence, lang), style="bold magenta")
    return line


def _route(result: RouteResult, a: Assessment, lang: Lang, para: object, *, why: bool) -> None:
    from rich.text import Text

    pack = a.pack
    route = result.route
    emit = para  # a local alias keeps the calls short
    assert callable(emit)
    title = Text()
    title.append(f"• {route.title.get(lang)}", style="bold")
    title.append(f" [{route.id}]", style="dim")
    title.append(_conf_mark(result.confidence, lang), style="bold magenta")
    emit(title, 0)
    emit(route.summary.get(lang), 2)
    conditional = [r for r in result.reasons if r.kind == "conditional_block"]
    plain = [r for r in result.reasons if r.kind != "conditional_block"]
    if plain:
        emit(Text(f"{t('why', lang)}:", style="bold"), 2)
        for reason in plain:
            words = reason_words(reason, result.status, lang)
            emit(f"- {words}{_facts_suffix(reason.facts)}{_conf_mark(reason.confidence, lang)}", 4)
    if conditional:
        emit(Text(t("if_applies_blocked", lang), style="bold"), 2)
        for reason in conditional:
            emit(
                f"- {reason_words(reason, 'blocked', lang)}{_facts_suffix(reason.facts)}{_conf_mark(reason.confidence, lang)}", 4
            )
    if result.deciding_facts:
        names = ", ".join(result.deciding_facts)
        emit(f"{t('depends_on', lang)}: {names}", 2)
    if result.opens_if:
        options = f" {t('or', lang)} ".join(
            " + ".join(fact_value_words(pack, k, v, lang) for k, v in change.items()) for change in result.opens_if
        )
        emit(Text(f"{t('opens_if', lang)}: {options}", style="cyan"), 2)
    # A blocked route is shown for why it is closed and what would open it; of its
    # risks only those that already apply, and no steps or deadlines.
    risks = [r for r in result.risks if result.status != "blocked" or r.status == "applies"]
    if risks:
        emit(Text(f"{t('risks', lang)}:", style="bold"), 2)
        for risk in risks:
            line = Text()
            line.append(f"[{t('severity.' + risk.risk.severity, lang)}]", style=SEVERITY_STYLE[risk.risk.severity])
            line.append(f" {t('risk.' + risk.status, lang)}: {risk.risk.text.get(lang)}")
            line.append(_conf_mark(risk.confidence, lang), style="bold magenta")
            basis = _basis(pack, risk.risk.legal_basis, lang)
            if basis:
                line.append(f" ({basis})", style="dim")
            emit(line, 4)
    if result.deadlines and result.status != "blocked":
        emit(Text(f"{t('deadlines', lang)}:", style="bold"), 2)
        for d in result.deadlines:
            emit(_deadline_line(d, pack, lang), 4)
    if result.status != "blocked" and route.steps:
        emit(Text(f"{t('steps', lang)}:", style="bold"), 2)
        for step in route.steps:
            emit(f"- {step.get(lang)}", 4)
    basis = _basis(pack, route.legal_basis, lang)
    if basis:
        emit(Text(f"{t('legal_basis', lang)}: {basis}", style="dim"), 2)
    if why:
        _trace(result, a, lang, emit)


def _facts_suffix(facts: tuple[str, ...]) -> str:
    return f" ({', '.join(facts)})" if facts else ""


def _basis(pack: Pack, law_ids: tuple[str, ...], lang: Lang) -> str:
    return "; ".join(pack.laws[i].title.get(lang) if i in pack.laws else i for i in law_ids)


def _trace(result: RouteResult, a: Assessment, lang: Lang, emit: object) -> None:
    from rich.text import Text

    assert callable(emit)
    pack = a.pack
    env = Env(a.facts, pack.situation_conditions())
    route = result.route
    emit(Text(f"{t('trace', lang)}:", style="bold"), 2)
    rows: list[tuple[str, Condition | None]] = [("trace.applies_if", route.applies_if)]
    rows += [("trace.requires", c.when) for c in route.requires]
    rows += [("trace.blocked_if", c.when) for c in route.blocked_if]
    for key, cond in rows:
        if cond is None:
            continue
        value = evaluate(cond, env)
        word = t("value.unknown" if value is None else "value.true" if value else "value.false", lang)
        read = facts_read(cond, env.situation_condition)
        shown = ", ".join(f"{f}={_shown(a.facts.get(f), pack, f, lang)}" for f in read)
        emit(f"{t(key, lang)}: {condition_words(cond, pack, lang)} → {word}", 4)
        emit(Text(f"{t('reads', lang)}: {shown}", style="dim"), 6)


def _shown(value: Value | None, pack: Pack, fact_id: str, lang: Lang) -> str:
    if value is None:
        return "?"
    return value_words(pack, fact_id, value, lang)
