"""Conditions, values and deadlines in words, shared by every renderer."""

from __future__ import annotations

from legalcli.conditions import AllOf, AnyOf, Condition, CountryTest, FactTest, Not, Period, SituationRef, Value
from legalcli.engine import DeadlineResult, Reason
from legalcli.i18n import t
from legalcli.model import Lang, Pack

_OPS = {
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
}
_DATE_OPS = {"before": ("before", "до"), "after": ("after", "после")}


def value_words(pack: Pack, fact_id: str, value: Value, lang: Lang) -> str:
    """A fact's value as people read it: a choice's label, yes/no, a date."""
    fact = pack.facts.get(fact_id)
    return fact.label(value, lang) if fact is not None else str(value)


def fact_value_words(pack: Pack, fact_id: str, value: Value, lang: Lang) -> str:
    return f"{fact_id} = {value_words(pack, fact_id, value, lang)}"


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
        joiner = " & " if isinstance(cond, AllOf) else f" {t('or', lang)} "
        return "(" + joiner.join(condition_words(c, pack, lang) for c in cond.items) + ")"
    if isinstance(cond, CountryTest):
        return _country_words(cond, pack, lang)
    return _test_words(cond, pack, lang)


def _country_words(test: CountryTest, pack: Pack, lang: Lang) -> str:
    decl = pack.attributes.get(test.attribute)
    title = decl.title.get(lang) if decl else test.attribute
    where = t("cond.country", lang)
    if test.op == "has":
        return f"{where}: {title}"
    labels = {c.value: c.label.get(lang) for c in decl.choices} if decl else {}

    def label(value: Value) -> str:
        if isinstance(value, bool):
            return ("да" if value else "нет") if lang == "ru" else ("yes" if value else "no")
        return labels.get(str(value), str(value))

    values = test.operand if isinstance(test.operand, tuple) else (test.operand,)
    return f"{where}: {title} = {' / '.join(dict.fromkeys(label(v) for v in values))}"


def _test_words(test: FactTest, pack: Pack, lang: Lang) -> str:
    fact = pack.facts.get(test.fact)

    def label(value: Value) -> str:
        return fact.label(value, lang) if fact else str(value)

    if test.op == "known":
        return f"{test.fact} {t('cond.known' if test.operand else 'cond.unknown', lang)}"
    if test.op == "is":
        assert not isinstance(test.operand, tuple)
        return f"{test.fact} = {label(test.operand)}"
    if test.op == "in":
        assert isinstance(test.operand, tuple)
        return f"{test.fact} ∈ {{{', '.join(label(v) for v in test.operand)}}}"
    if isinstance(test.operand, Period):
        return t("cond.passed", lang, fact=test.fact, n=test.operand.amount, unit=t("unit." + test.operand.unit, lang))
    assert not isinstance(test.operand, tuple)
    if test.op in _DATE_OPS:
        en, ru = _DATE_OPS[test.op]
        return f"{test.fact} {ru if lang == 'ru' else en} {label(test.operand)}"
    return f"{test.fact} {_OPS[test.op]} {label(test.operand)}"


def reason_words(reason: Reason, status: str, lang: Lang) -> str:
    """A reason as read: a requirement that fails is "not met", one that holds "met"."""
    text = reason.text.get(lang)
    if reason.kind == "requires" or (reason.kind == "conditional_block" and reason.unmet):
        key = "reason.met" if status == "feasible" else "reason.unmet"
        return f"{t(key, lang)} {text}"
    return text


def deadline_words(d: DeadlineResult, pack: Pack, lang: Lang) -> tuple[str, str]:
    """The date part of a deadline line and its style."""
    if d.date is None:
        return f"{d.deadline.id}: {t('date_unknown', lang, fact=d.deadline.from_fact)}", "yellow"
    assert d.days_left is not None
    if d.days_left < 0:
        state, style = t("overdue", lang, n=-d.days_left), "bold red"
    elif d.days_left == 0:
        state, style = t("due_today", lang), "bold red"
    else:
        state, style = t("days_left", lang, n=d.days_left), "yellow" if d.days_left <= 7 else ""
    maybe = f" ({t('possible_deadline', lang)})" if d.applies == "possible" else ""
    return f"{d.deadline.id}: {d.date.isoformat()}, {state}{maybe}", style
