"""Typed text as a fact's value: what --fact, the interview and a case file's scalars
share.  Pure (no file is read), so the question policy can parse an answer without the
loading layer."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from legalcli.core.calendar import FIRST_YEAR, LAST_YEAR
from legalcli.core.errors import InputError, Location, did_you_mean

if TYPE_CHECKING:  # types only: the command line reads NUMBER_MAX at start-up without the model
    from legalcli.core.conditions import Value
    from legalcli.core.model import Fact

NUMBER_MAX = 100_000  # more days than a life has: a larger count is a typo or a probe
# The dates a case may hold (docs/security.md): anything else is a typo or a probe, and
# counting a deadline from 9999-12-31 ran off the calendar.  calendar.py names the years
# because the cached production calendar covers exactly these.
DATE_RANGE = (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))

_WHOLE = re.compile(r"[0-9]+")
SIGNED = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")
DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
RU_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
# A value of the wrong type: loading/schema.py raises it for any file, loading/case.py
# for a case's fact, so a case file and a rule file say it in the same words.
EXPECTED = "expected {expected}, found {found}{extra}"
YES_WORDS = ("true", "yes", "да")
NO_WORDS = ("false", "no", "нет")
# A choice's label may start with the letter lawyers use for it ("Д — не годен"): the
# letter, then a dash.  Cyrillic only: a Latin letter could be a value of its own.
_LABEL_LETTER = re.compile(r"([А-ЯЁ])\s+[—–-]\s")


def choice_letters(fact: Fact) -> dict[str, str]:
    """The letters a choice fact accepts for its values (upper case -> value), where
    its labels give each choice a letter of its own."""
    found: dict[str, list[str]] = {}
    for choice in fact.choices:
        for label in (choice.label.ru, choice.label.en):
            match = _LABEL_LETTER.match(label)
            if match:
                found.setdefault(match.group(1), []).append(choice.value)
                break
    # A letter two choices share names neither: typing it must not record one of them
    # unasked, so it is refused as any other unknown answer is.
    return {letter: values[0] for letter, values in found.items() if len(values) == 1}


def parse_date_text(text: str) -> dt.date | None:
    """A date as people type it, YYYY-MM-DD or ДД.ММ.ГГГГ, or None when it is not a
    real date in either form."""
    text = text.strip()
    iso = ISO_DATE.fullmatch(text)
    ru = RU_DATE.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if ru:
            return dt.date(int(ru.group(3)), int(ru.group(2)), int(ru.group(1)))
    except ValueError:
        return None
    return None


def looks_like_date(text: str) -> bool:
    return bool(ISO_DATE.fullmatch(text.strip()) or RU_DATE.fullmatch(text.strip()))


def in_date_range(date: dt.date, *, where: Location | None = None, key: str = "") -> dt.date:
    """The date, or bad input when it is outside DATE_RANGE (naming the range, never the date)."""
    if not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        raise InputError(
            "is outside the dates legalcli reads ({low} to {high})",
            location=where,
            key=key,
            low=DATE_RANGE[0].isoformat(),
            high=DATE_RANGE[1].isoformat(),
        )
    return date


class _Amount(int):
    """A number in a message, with the thousands as each language writes them."""

    def render(self, lang: str) -> str:
        return f"{self:,}".replace(",", "\u00a0") if lang == "ru" else f"{self:,}"


def number_error(text: str, where: Location | None, key: str) -> InputError:
    # Every number fact counts days or months: a fraction or a negative count is a slip,
    # and a decimal comma is how a Russian writes one.
    template = (
        "must be a whole number from {low} to {high}; with a decimal comma it is a fraction"
        if DECIMAL_COMMA.fullmatch(text)
        else "must be a whole number from {low} to {high}"
    )
    return InputError(template, location=where, key=key, low=0, high=_Amount(NUMBER_MAX))


def too_large(digits: str) -> bool:
    # Compared as text first: Python refuses to convert a 100,000-digit string at all.
    digits = digits.lstrip("0") or "0"
    return len(digits) > len(str(NUMBER_MAX)) or int(digits) > NUMBER_MAX


def parse_value(fact: Fact, text: str, *, where: Location | None = None, key: str = "") -> Value:
    """Typed text (--fact, the interview) as the fact's value; InputError saying what is
    expected, never quoting the text."""
    text = text.strip()
    if fact.type == "bool":
        word = text.lower()
        if word in YES_WORDS or word in NO_WORDS:
            return word in YES_WORDS
        raise InputError("expected yes or no: true or false, да or нет", location=where, key=key)
    if fact.type == "number":
        if not _WHOLE.fullmatch(text) or too_large(text):
            raise number_error(text, where, key)
        return int(text)
    if fact.type == "date":
        date = parse_date_text(text)
        if date is None:
            template = "is not a real calendar date" if looks_like_date(text) else "expected a date as DD.MM.YYYY or YYYY-MM-DD"
            raise InputError(template, location=where, key=key)
        return in_date_range(date, where=where, key=key)
    values = fact.choice_values()
    if text in values:
        return text
    letters = choice_letters(fact)
    letter = text.upper() if len(text) == 1 else ""
    if letter in letters:
        return letters[letter]
    if text.lower() in values:
        return text.lower()
    raise InputError(
        "not one of the allowed values{hint}; expected one of: {allowed}",
        location=where,
        key=key,
        suggestion=did_you_mean(text.lower(), list(values)),
        allowed=_allowed_words(fact, letters),
    )


def _allowed_words(fact: Fact, letters: dict[str, str]) -> str:
    by_value = {value: letter for letter, value in letters.items()}
    return ", ".join(f"{v} ({by_value[v]})" if v in by_value else v for v in fact.choice_values())
