"""Conditions, values, sources, dates and deadlines in words, shared by every renderer.

What the program prints is read by clients and their families: no internal names.
A fact shows as its short name ("where he is"), a source as its publisher and date, a
law as its title; only the `--fact id=value` a user can type shows an id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from legalcli.core.conditions import AllOf, AnyOf, Condition, CountryTest, FactTest, Not, Period, SituationRef, Value
from legalcli.core.model import Pack, Text
from legalcli.core.safetext import safe
from legalcli.i18n import Lang, t, tn

if TYPE_CHECKING:  # `explain` and `routes` print the pack, not an assessment: no engine
    from legalcli.core.engine import DeadlineResult, Finding, Reason, RouteResult
    from legalcli.core.vocabulary import Confidence

_OPS = {
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
}
_DATE_OPS = {"before": ("before", "до"), "after": ("after", "после")}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_RU = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
SEP = " / "  # between the values of a set: a label may itself hold a comma


# --- numbers and dates ---------------------------------------------------------------


def period_words(amount: int, unit: str, lang: Lang) -> str:
    """ "3 months", «3 месяца», «5 рабочих дней», «18 фактов»: the catalogue's unit.* plural
    entries (days, working_days, months, years, facts, points, routes, more_questions,
    more_routes)."""
    return tn("unit." + unit, amount, lang)


def date_words(date: dt.date, lang: Lang) -> str:
    """A date as the reader writes it: 2026-11-24 in English, 24.11.2026 in Russian."""
    return date.strftime("%d.%m.%Y") if lang == "ru" else date.isoformat()


def source_date_words(date: str, lang: Lang, *, full: bool = False) -> str:
    """A source's date (YYYY, YYYY-MM or YYYY-MM-DD): month and year in a citation
    ("Dec 2023", «декабрь 2023»); with `full`, the whole date as written."""
    parts = date.split("-") if date else []
    if not parts:
        return t("not_dated", lang)
    if len(parts) == 3 and full:
        try:
            return date_words(dt.date.fromisoformat(date), lang)
        except ValueError:
            return date
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = int(parts[1]) - 1
        return f"{_MONTHS_RU[month] if lang == 'ru' else _MONTHS_EN[month]} {parts[0]}"
    return parts[0]


# --- sources, laws, confidence ---------------------------------------------------------


def source_words(pack: Pack, source_id: str, lang: Lang, *, full: bool = False) -> str:
    """A source as cited: its publisher and date ("The Moscow Times, Dec 2023")."""
    source = pack.sources.get(source_id)
    if source is None:
        return source_id  # rules check reports a source the pack does not have
    return f"{safe(source.publisher)}, {source_date_words(source.date, lang, full=full)}"


def sources_words(pack: Pack, source_ids: Iterable[str], lang: Lang) -> str:
    """Several sources as cited, each once, in order."""
    return "; ".join(dict.fromkeys(source_words(pack, s, lang) for s in source_ids))


def source_entry_words(pack: Pack, source_id: str, lang: Lang) -> str:
    """A source in a list of sources: publisher, full date, title and its mark."""
    source = pack.sources.get(source_id)
    if source is None:
        return source_id
    return f"{source_words(pack, source_id, lang, full=True)} — {safe(source.title)}{mark_words(source.confidence, lang)}"


def law_words(pack: Pack, law_id: str, lang: Lang) -> str:
    law = pack.laws.get(law_id)
    return law.title.get(lang) if law is not None else law_id


def laws_words(pack: Pack, law_ids: Iterable[str], lang: Lang) -> str:
    return "; ".join(dict.fromkeys(law_words(pack, x, lang) for x in law_ids))


def confidence_words(confidence: str, lang: Lang) -> str:
    """How sure a claim is, in words ("single press report"); '' when confirmed."""
    return "" if confidence == "confirmed" else t("conf." + confidence, lang)


def mark_words(confidence: str, lang: Lang) -> str:
    """The mark after a claim that is not confirmed: " [UNCONFIRMED]", " [SINGLE PRESS REPORT]"."""
    if confidence == "unconfirmed":
        return f" [{t('unconfirmed', lang)}]"
    if confidence == "seed-only":
        return f" [{t('seed-only', lang)}]"
    return ""


def text_confidence(text: Text) -> Confidence:
    """A text's own confidence as the JSON gives it: `confirmed` where it carries no mark."""
    return text.confidence or "confirmed"


def text_mark(text: Text, lang: Lang) -> str:
    """The mark a text carries of its own (a summary, a step, a document to gather), in
    the form a risk's mark takes: " [UNCONFIRMED]"; '' for a text with none."""
    return mark_words(text.confidence, lang) if text.confidence is not None else ""


def reviewed_against_words(pack: Pack, items: Iterable[str], lang: Lang) -> str:
    """What a review checked: sources as cited, and how many points of the legal research
    behind the pack (their ids, D7 or X1, are internal: JSON lists them)."""
    cited: list[str] = []
    entries: list[str] = []
    for item in items:
        if item in pack.sources:
            cited.append(source_words(pack, item, lang))
        else:
            entries.append(item)
    if entries:
        cited.insert(0, tn("brief_entries", len(entries), lang))
    return "; ".join(dict.fromkeys(cited))


def stale_routes(results: Iterable[RouteResult]) -> list[RouteResult]:
    return [r for r in results if r.stale]


def stale_warning(pack: Pack, results: Iterable[RouteResult], lang: Lang, days: int) -> str:
    """The warning at the top of every output where a listed route's review is old; ''
    when none is."""
    titles = [f"«{r.route.title.get(lang)}»" if lang == "ru" else r.route.title.get(lang) for r in stale_routes(results)]
    if not titles:
        return ""
    return tn("stale_warning", days, lang, routes="; ".join(titles))


# --- facts and values --------------------------------------------------------------------


def fact_name(pack: Pack, fact_id: str, lang: Lang) -> str:
    """A fact as people read its name ("where he is"), never its id."""
    fact = pack.facts.get(fact_id)
    return fact.name(lang) if fact is not None else fact_id


def fact_names(pack: Pack, fact_ids: Iterable[str], lang: Lang) -> list[str]:
    return list(dict.fromkeys(fact_name(pack, f, lang) for f in fact_ids))


def value_words(pack: Pack, fact_id: str, value: Value, lang: Lang) -> str:
    """A fact's value as people read it: a choice's label, yes/no, a date."""
    fact = pack.facts.get(fact_id)
    if isinstance(value, dt.date) and (fact is None or not fact.choices):
        return date_words(value, lang)
    return fact.label(value, lang) if fact is not None else str(value)


def typed_value(value: Value) -> str:
    """A value as a user types it after `--fact id=`: true/false, YYYY-MM-DD, a choice."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fact_value_words(pack: Pack, fact_id: str, value: Value, lang: Lang) -> str:
    """ "medical documents: yes (--fact medical_documents=true)": the fact's name, the
    value as read and the exact option a user types to give it."""
    return f"{fact_name(pack, fact_id, lang)}: {value_words(pack, fact_id, value, lang)} (--fact {fact_id}={typed_value(value)})"


def change_words(pack: Pack, change: Mapping[str, Value], lang: Lang) -> str:
    """One set of changes that would open a route."""
    return " + ".join(fact_value_words(pack, k, v, lang) for k, v in change.items())


def opens_if_words(pack: Pack, result: RouteResult, lang: Lang) -> list[str]:
    return [change_words(pack, change, lang) for change in result.opens_if]


def facts_shown(pack: Pack, read: Iterable[str], facts: Mapping[str, Value], lang: Lang) -> str:
    """The facts a condition read, with their values ("where he is: abroad; ...")."""
    shown = []
    for fact_id in read:
        value = facts.get(fact_id)
        word = "?" if value is None else value_words(pack, fact_id, value, lang)
        shown.append(f"{fact_name(pack, fact_id, lang)}: {word}")
    return "; ".join(shown)


# --- conditions ----------------------------------------------------------------------


def condition_words(cond: Condition | None, pack: Pack, lang: Lang) -> str:
    """A condition as one line of words (for explain and --why)."""
    if cond is None:
        return t("route.always", lang)
    if isinstance(cond, SituationRef):
        situation = pack.situations.get(cond.situation)
        name = situation.title.get(lang) if situation else cond.situation
        return f"«{name}»"
    if isinstance(cond, Not):
        return f"{t('cond.not', lang)} ({condition_words(cond.item, pack, lang)})"
    if isinstance(cond, (AllOf, AnyOf)):
        joiner = f" {t('and', lang)} " if isinstance(cond, AllOf) else f" {t('or', lang)} "
        return "(" + joiner.join(condition_words(c, pack, lang) for c in cond.items) + ")"
    if isinstance(cond, CountryTest):
        return _country_words(cond, pack, lang)
    return _test_words(cond, pack, lang)


def _labels(values: Iterable[str]) -> str:
    """Each label once, in order: two values may read the same."""
    return SEP.join(dict.fromkeys(values))


def _country_words(test: CountryTest, pack: Pack, lang: Lang) -> str:
    decl = pack.attributes.get(test.attribute)
    title = decl.title.get(lang) if decl else test.attribute
    where = t("cond.country", lang)
    if test.op == "has":
        return f"{where}: {title}"
    values = test.operand if isinstance(test.operand, tuple) else (test.operand,)
    return f"{where}: {title} = {_labels(attribute_value_words(pack, test.attribute, v, lang) for v in values)}"


def attribute_value_words(pack: Pack, attribute: str, value: Value | None, lang: Lang) -> str:
    """A value of the country table as read: yes/no, a choice's label; None (the
    sources do not settle it) as such."""
    if value is None:
        return t("finding.open", lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    decl = pack.attributes.get(attribute)
    for choice in decl.choices if decl else ():
        if choice.value == value:
            return choice.label.get(lang)
    return str(value)


def _test_words(test: FactTest, pack: Pack, lang: Lang) -> str:
    name = fact_name(pack, test.fact, lang)

    def label(value: Value) -> str:
        return value_words(pack, test.fact, value, lang)

    if test.op == "known":
        return f"{name}: {t('cond.known' if test.operand else 'cond.unknown', lang)}"
    if test.op == "is":
        assert not isinstance(test.operand, tuple)
        return f"{name}: {label(test.operand)}"
    if test.op == "in":
        assert isinstance(test.operand, tuple)
        return f"{name}: {_labels(label(v) for v in test.operand)}"
    if isinstance(test.operand, Period):
        key = "cond.ended" if test.op == "ended" else "cond.passed"
        amount = test.operand.amount  # the verb agrees with it: «прошёл 1 месяц», «прошло 2 месяца»
        return tn(key, amount, lang, fact=name, period=period_words(amount, test.operand.unit, lang))
    assert not isinstance(test.operand, tuple)
    if test.op in _DATE_OPS:
        en, ru = _DATE_OPS[test.op]
        return f"{name} {ru if lang == 'ru' else en} {label(test.operand)}"
    return f"{name} {_OPS[test.op]} {label(test.operand)}"


# --- reasons, findings, deadlines ----------------------------------------------------------


def reason_words(reason: Reason, status: str, lang: Lang) -> str:
    """A reason as read: a requirement that fails is "not met", one that holds "met"."""
    text = reason.text.get(lang)
    if reason.kind == "requires" or (reason.kind == "conditional_block" and reason.unmet):
        key = "reason.met" if status == "feasible" else "reason.unmet"
        return f"{t(key, lang)} {text}"
    return text


def finding_words(pack: Pack, finding: Finding, lang: Lang) -> str:
    """One line of the country table under a reason or risk: the country, the
    attribute and its value (and since when), the note, the sources and the mark.
    "Kazakhstan — asylum practice: temporary status only (since 2026-01-20). The note.
    (Mediazona, Feb 2026) [UNCONFIRMED]"."""
    found = finding.found
    decl = pack.attributes.get(finding.attribute)
    title = decl.title.get(lang) if decl else finding.attribute
    line = f"{finding.country.name.get(lang)} — {title}: {attribute_value_words(pack, finding.attribute, found.value, lang)}"
    if found.since is not None:
        line += f" ({t('finding.since', lang, date=date_words(found.since, lang))})"
    note = found.note.get(lang).strip()
    if note:
        line += f". {note}"
    if found.sources:
        line += f" ({sources_words(pack, found.sources, lang)})"
    return line + mark_words(finding.confidence, lang)


def deadline_words(d: DeadlineResult, pack: Pack, lang: Lang) -> tuple[str, str]:
    """The date part of a deadline line and its style."""
    if d.date is None:
        return t("date_unknown", lang, fact=fact_name(pack, d.deadline.from_fact, lang)), "yellow"
    assert d.days_left is not None
    if d.days_left < 0 and d.deadline.kind == "date":
        # A date the law fixes (a summons counts as served) has passed; nothing is overdue.
        state, style = tn("date_passed", -d.days_left, lang), ""
    elif d.days_left < 0:
        state, style = tn("overdue", -d.days_left, lang), "bold red"
    elif d.days_left == 0:
        state, style = t("due_today", lang), "bold red"
    else:
        state, style = tn("days_left", d.days_left, lang), "yellow" if d.days_left <= 7 else ""
    maybe = f" ({t('possible_deadline', lang)})" if d.applies == "possible" else ""
    return f"{date_words(d.date, lang)}, {state}{maybe}", style
