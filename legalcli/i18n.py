"""The program's own strings in English and Russian, and the choice of language."""

from __future__ import annotations

import os

from legalcli.model import Lang

# key: (English, Russian).  A test fails when either is empty.
MESSAGES: dict[str, tuple[str, str]] = {
    "disclaimer": (
        "This is legal information, not legal advice, and not a substitute for a lawyer. "
        "The law and practice change often: check every point with a lawyer before acting.",
        "Это правовая информация, а не юридическая консультация, и она не заменяет юриста. "
        "Законы и практика часто меняются: перед любым шагом проверьте каждый пункт с юристом.",
    ),
    "as_of": ("As of", "На дату"),
    "pack": ("Rule pack", "Набор правил"),
    "reviewed": ("reviewed", "проверен"),
    "unknown_facts": ("Unknown facts", "Неизвестных фактов"),
    "status.feasible": ("Feasible", "Возможно"),
    "status.undetermined": ("Undetermined", "Не определено"),
    "status.blocked": ("Blocked", "Закрыто"),
    "status.not_applicable": ("Not applicable", "Неприменимо"),
    "why": ("Why", "Почему"),
    "if_applies_blocked": ("If this route applies, it is blocked:", "Если этот путь применим, он закрыт:"),
    "depends_on": ("Depends on", "Зависит от"),
    "reason.met": ("Met:", "Выполнено:"),
    "reason.unmet": ("Not met:", "Не выполнено:"),
    "opens_if": ("Opens if", "Откроется, если"),
    "or": ("or", "или"),
    "risks": ("Risks", "Риски"),
    "risk.applies": ("applies", "актуален"),
    "risk.possible": ("possible", "возможен"),
    "severity.low": ("low", "низкий"),
    "severity.medium": ("medium", "средний"),
    "severity.high": ("high", "высокий"),
    "severity.critical": ("critical", "критический"),
    "steps": ("Steps", "Что подготовить"),
    "deadlines": ("Deadlines", "Сроки"),
    "days_left": ("{n} days left", "осталось дней: {n}"),
    "overdue": ("OVERDUE by {n} days", "ПРОСРОЧЕНО на {n} дн."),
    "due_today": ("due today", "истекает сегодня"),
    "date_unknown": ("date unknown (needs {fact})", "дата неизвестна (нужен факт {fact})"),
    "possible_deadline": ("if it applies", "если применимо"),
    "legal_basis": ("Legal basis", "Правовая основа"),
    "sources": ("Sources", "Источники"),
    "unconfirmed": ("UNCONFIRMED", "НЕ ПОДТВЕРЖДЕНО"),
    "seed-only": ("from one report only", "только из одного сообщения"),
    "questions": ("Questions still worth asking", "Что ещё стоит выяснить"),
    "no_questions": ("No open question would decide more.", "Больше нет вопросов, которые что-то решают."),
    "situations": ("Situations", "Ситуации"),
    "sit.true": ("yes", "да"),
    "sit.false": ("no", "нет"),
    "sit.unknown": ("unknown", "неизвестно"),
    "general_deadlines": ("Deadlines that run", "Текущие сроки"),
    "trace": ("Trace", "Разбор условий"),
    "trace.applies_if": ("applies if", "применим, если"),
    "trace.requires": ("requires", "требует"),
    "trace.blocked_if": ("blocked if", "закрыт, если"),
    "value.true": ("true", "да"),
    "value.false": ("false", "нет"),
    "value.unknown": ("unknown", "неизвестно"),
    "reads": ("reads", "факты"),
    "routes_decided": ("{d} of {n} routes decided", "решено путей: {d} из {n}"),
    "prompt.choose": ("Answer", "Ответ"),
    "prompt.keys": (
        "number = answer, ? = help, u = don't know, b = back, q = stop and show the result",
        "номер = ответ, ? = пояснение, u = не знаю, b = назад, q = закончить и показать итог",
    ),
    "prompt.date": ("date as YYYY-MM-DD", "дата в виде ГГГГ-ММ-ДД"),
    "prompt.number": ("a number", "число"),
    "prompt.invalid": ("Not understood; try again.", "Не понял ответ, попробуйте ещё раз."),
    "prompt.no_help": ("No further help for this question.", "Пояснения к этому вопросу нет."),
    "prompt.first": ("This is the first question.", "Это первый вопрос."),
    "yes": ("yes", "да"),
    "no": ("no", "нет"),
    "interrupted": ("Interrupted; nothing was written.", "Прервано; ничего не записано."),
    "saved": ("Case written to {path}", "Дело записано в {path}"),
    "confidence": ("confidence", "достоверность"),
    "conf.confirmed": ("confirmed", "подтверждено"),
    "conf.seed-only": ("from one report only", "только из одного сообщения"),
    "conf.unconfirmed": ("unconfirmed", "не подтверждено"),
    "route.summary": ("Summary", "Кратко"),
    "route.conditions": ("Conditions", "Условия"),
    "route.applies_if": ("Applies if", "Применим, если"),
    "route.requires": ("Requires", "Требует"),
    "route.blocked_if": ("Blocked if", "Закрыт, если"),
    "route.always": ("always", "всегда"),
    "route.risk_when": ("when", "когда"),
    "cond.and": ("all of", "все условия"),
    "cond.or": ("any of", "любое из"),
    "cond.not": ("not", "не"),
    "cond.known": ("is known", "известно"),
    "cond.unknown": ("is not known", "неизвестно"),
    "cond.situation": ("situation", "ситуация"),
    "internal_error": (
        "internal error: this is a bug in legalcli; no case data was printed. Run with --debug to see the traceback.",
        "внутренняя ошибка legalcli; данные дела не выводились. Запустите с --debug, чтобы увидеть трассировку.",
    ),
    "pack_has_errors": (
        "the rule pack has {n} error(s); run `legalcli rules check` to see them",
        "в наборе правил ошибок: {n}; подробности: `legalcli rules check`",
    ),
    "check_clean": ("no problems", "проблем нет"),
    "check_summary": ("{e} error(s), {w} warning(s)", "ошибок: {e}, предупреждений: {w}"),
    "tree.then": ("then", "далее"),
    "tree.done": ("decided", "решено"),
    "facts_given": ("Facts given", "Известные факты"),
    "brief.title": ("Consultation brief", "Справка к консультации"),
    "brief.prepared": ("Prepared with legalcli {version}", "Подготовлено в legalcli {version}"),
    "brief.facts": ("Facts", "Факты"),
    "brief.facts_given": ("What is known", "Что известно"),
    "brief.facts_unknown": ("Still unknown", "Пока неизвестно"),
    "brief.no_facts": ("No facts given.", "Факты не указаны."),
    "brief.redacted": (
        "Redacted: the case notes and {n} sensitive fact(s) are left out of this brief.",
        "Обезличено: заметки по делу и чувствительные факты ({n}) в справку не включены.",
    ),
    "brief.notes": ("Notes", "Заметки"),
    "brief.routes": ("Routes", "Пути"),
    "brief.none": ("None.", "Нет."),
    "brief.checklist": ("Documents to gather", "Какие документы собрать"),
    "brief.appendix": ("Appendix", "Приложение"),
    "brief.laws": ("Laws cited", "Нормы права"),
    "brief.sources": ("Sources", "Источники"),
    "brief.question": ("Question", "Вопрос"),
    "brief.answer": ("Answer", "Ответ"),
    "brief.severity": ("Severity", "Уровень"),
    "brief.date": ("date", "дата"),
    "brief.no_date": ("no date", "без даты"),
    "brief.contents": ("Contents", "Содержание"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    en, ru = MESSAGES[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def choose_lang(option: str | None, case_lang: str | None = None) -> Lang:
    """--lang, else the case file's, else LEGALCLI_LANG, else the locale, else English."""
    for candidate in (option, case_lang, os.environ.get("LEGALCLI_LANG")):
        if candidate in ("en", "ru"):
            return "ru" if candidate == "ru" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"
