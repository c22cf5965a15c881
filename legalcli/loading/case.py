"""Case files (YAML or JSON) and --fact overrides -> typed fact values.

One validator for a fact's value, wherever it comes from (`--fact`, a case file, the
interview): numbers whole and 0 or more, dates real and within DATE_RANGE, a choice by
its value or by the letter its label gives (`Д` for `d`).  Typed input (`--fact`, the
interview) is read as people type it: да/нет and yes/no, dates as ДД.ММ.ГГГГ too.  A
case file stays YAML: only true/false are booleans and dates are YYYY-MM-DD, with a hint
when it says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from legalcli.calendar import FIRST_YEAR, LAST_YEAR
from legalcli.conditions import Value
from legalcli.errors import InputError, Location, did_you_mean
from legalcli.loading.reader import CASE_LIMITS, Limits, Map, Scalar, parse_bytes, read_bytes
from legalcli.loading.schema import case_file_schema, validate
from legalcli.model import Fact, Lang, Pack


@dataclass(frozen=True, slots=True)
class Case:
    """What a case file says: the facts known, and the rest as given."""

    facts: dict[str, Value] = field(default_factory=dict)
    as_of: dt.date | None = None
    lang: Lang | None = None
    notes: str = ""
    path: str = ""


_SCHEMAS: dict[int, tuple[Pack, dict[str, Any]]] = {}


def schema_for(pack: Pack) -> dict[str, Any]:
    """The case-file schema of a pack, built once per pack (a batch reads thousands)."""
    known = _SCHEMAS.get(id(pack))
    if known is not None and known[0] is pack:
        return known[1]
    schema = case_file_schema([(f.id, f.type, f.choice_values()) for f in pack.fact_list])
    # Every number fact counts something (days, months): whole and 0 or more, as the
    # printed schema tells editors and as parse_value and the interview read them.
    for fact in pack.fact_list:
        if fact.type == "number":
            schema["properties"]["facts"]["properties"][fact.id] = {"anyOf": [WHOLE_NUMBER, {"const": "unknown"}]}
    _SCHEMAS[id(pack)] = (pack, schema)
    return schema


NUMBER_MAX = 100_000  # more days than a life has: a larger count is a typo or a probe
WHOLE_NUMBER = {"type": "integer", "minimum": 0, "maximum": NUMBER_MAX}


# The dates a case may hold (docs/security.md): anything else is a typo or a probe, and
# counting a deadline from 9999-12-31 ran off the calendar.  calendar.py names the years
# because the cached production calendar covers exactly these.
DATE_RANGE = (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))


def check_date(node: Scalar, key: str) -> None:
    """Refuse a date outside DATE_RANGE as bad input, naming the key and the range (never
    the date itself: it is somebody's answer)."""
    if isinstance(node.value, dt.date):
        in_date_range(node.value, where=node.loc, key=key)


# An encrypted case holds at most a plain case's bytes plus a short header and a tag.
VAULT_LIMITS = Limits(max_bytes=CASE_LIMITS.max_bytes + 2048, max_aliases=0)


def read_case(path: str, pack: Pack, *, stdin_bytes: bytes | None = None, passphrase: Callable[[], str] | None = None) -> Case:
    """Read a case from a file, or from stdin's bytes when path is '-'.  An encrypted
    case (.lcx) is recognised by its first bytes and opened with `passphrase()`."""
    label = "<stdin>" if path == "-" else path
    data = (stdin_bytes or b"") if path == "-" else read_bytes(path, VAULT_LIMITS)
    if data.startswith(b"LCX1"):  # vault.MAGIC; the vault module (and cryptography) load only when needed
        from legalcli.vault import check_header, decrypt

        if passphrase is None:
            raise InputError("this is an encrypted case file; a passphrase is needed", location=Location(label))
        check_header(data, path=label)  # a forged header is refused before the passphrase is asked
        data = decrypt(data, passphrase(), path=label)
    node = parse_bytes(data, label, CASE_LIMITS)
    if not isinstance(node, Map):
        raise InputError("expected a mapping with 'facts' at the top of a case file", location=node.loc)
    given = node.items.get("facts")
    if isinstance(given, Map):
        for key, value_node in given.items.items():
            if isinstance(value_node, Scalar) and value_node.plain and key in pack.facts:
                _check_file_value(pack.facts[key], value_node, f"facts.{key}")
    validate(node, schema_for(pack))
    facts: dict[str, Value] = {}
    raw = node.items.get("facts")
    if isinstance(raw, Map):
        for key, value_node in raw.items.items():
            assert isinstance(value_node, Scalar)
            check_date(value_node, f"facts.{key}")
            if value_node.value != "unknown":
                facts[key] = _normal(value_node.value)
    as_of = node.items.get("as_of")
    if isinstance(as_of, Scalar):
        check_date(as_of, "as_of")
    lang = node.items.get("lang")
    notes = node.items.get("notes")
    return Case(
        facts=facts,
        as_of=as_of.value if isinstance(as_of, Scalar) else None,
        lang=lang.value if isinstance(lang, Scalar) else None,
        notes=notes.value if isinstance(notes, Scalar) else "",
        path=path,
    )


def _normal(value: Any) -> Value:
    # 3.0 and 3 are the same number of days; keep one type so `is` compares cleanly.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    assert isinstance(value, (bool, str, int, float, dt.date))
    return value


def parse_fact_option(option: str, pack: Pack) -> tuple[str, Value | None]:
    """`ID=VALUE` from --fact; VALUE `unknown` clears the fact."""
    where = Location("--fact")
    fact_id, sep, text = option.partition("=")
    fact_id = fact_id.strip()
    if not sep or not fact_id:
        raise InputError("expected ID=VALUE, for example --fact location=on_leave", location=where)
    if fact_id not in pack.facts:
        raise InputError(
            "unknown fact '{name}'{hint}", location=where, suggestion=did_you_mean(fact_id, list(pack.facts)), name=fact_id
        )
    text = text.strip()
    if text == "unknown":
        return fact_id, None
    return fact_id, parse_value(pack.facts[fact_id], text, where=where, key=f"facts.{fact_id}")


# --- one validator for typed values ------------------------------------------------------

_WHOLE = re.compile(r"[0-9]+")
_SIGNED = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RU_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_EXPECTED = "expected {expected}, found {found}{extra}"  # schema.py's template: one message either way
YES_WORDS = ("true", "yes", "да")
NO_WORDS = ("false", "no", "нет")
# A choice's label may start with the letter lawyers use for it ("Д — не годен"): the
# letter, then a dash.  Cyrillic only: a Latin letter could be a value of its own.
_LABEL_LETTER = re.compile(r"([А-ЯЁ])\s+[—–-]\s")


def choice_letters(fact: Fact) -> dict[str, str]:
    """The letters a choice fact accepts for its values (upper case -> value), where
    its labels give each choice a letter of its own."""
    found: dict[str, str] = {}
    for choice in fact.choices:
        for label in (choice.label.ru, choice.label.en):
            match = _LABEL_LETTER.match(label)
            if match:
                found.setdefault(match.group(1), choice.value)
                break
    # A letter two choices share names neither.
    letters: dict[str, str] = {}
    for letter, value in found.items():
        if list(found.values()).count(value) == 1 or letter not in letters:
            letters[letter] = value
    return letters


def parse_date_text(text: str) -> dt.date | None:
    """A date as people type it, YYYY-MM-DD or ДД.ММ.ГГГГ, or None when it is not a
    real date in either form."""
    text = text.strip()
    iso = _ISO_DATE.fullmatch(text)
    ru = _RU_DATE.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if ru:
            return dt.date(int(ru.group(3)), int(ru.group(2)), int(ru.group(1)))
    except ValueError:
        return None
    return None


def looks_like_date(text: str) -> bool:
    return bool(_ISO_DATE.fullmatch(text.strip()) or _RU_DATE.fullmatch(text.strip()))


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


def _number_error(text: str, where: Location | None, key: str) -> InputError:
    # Every number fact counts days or months: a fraction or a negative count is a slip,
    # and a decimal comma is how a Russian writes one.
    template = (
        "must be a whole number from {low} to {high}; with a decimal comma it is a fraction"
        if _DECIMAL_COMMA.fullmatch(text)
        else "must be a whole number from {low} to {high}"
    )
    return InputError(template, location=where, key=key, low=0, high=_Amount(NUMBER_MAX))


def _too_large(digits: str) -> bool:
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
        if not _WHOLE.fullmatch(text) or _too_large(text):
            raise _number_error(text, where, key)
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


def _check_file_value(fact: Fact, node: Scalar, key: str) -> None:
    """What a case file's plain scalar says, where the schema alone would say it less
    clearly: a fraction or a negative count, a date written ДД.ММ.ГГГГ, a choice's letter."""
    text = node.text.strip()
    if fact.type == "number" and _SIGNED.fullmatch(text):
        # 3.0 is three days (JSON Schema counts it an integer, and JSON writers emit
        # it); 3.5 and -1 are not a count.
        whole = text.split(".", 1)[0] if re.fullmatch(r"[0-9]+(\.0+)?", text) else ""
        if not whole or _too_large(whole):
            raise _number_error(text, node.loc, key)
        node.text = whole
    elif fact.type == "bool" and text.lower() in (*YES_WORDS, *NO_WORDS, "y", "n", "on", "off") and text not in ("true", "false"):
        # Only true and false are booleans in YAML; say which one was meant, in whatever
        # case it was written (the schema's hint knows only some spellings).
        hint = "write-true" if text.lower() in (*YES_WORDS, "y", "on") else "write-false"
        raise InputError(
            _EXPECTED + ", or unknown",  # the schema's own words for a case fact, unknown included
            location=node.loc,
            key=key,
            expected="boolean",
            found="plain",
            extra=hint,
        )
    elif fact.type == "date" and _RU_DATE.fullmatch(text):
        raise InputError("expected a date as YYYY-MM-DD; a case file writes dates that way", location=node.loc, key=key)
    elif fact.choices and len(text) == 1 and text.upper() in choice_letters(fact):
        raise InputError(
            "not one of the allowed values{hint}; expected one of: {allowed}",
            location=node.loc,
            key=key,
            suggestion=choice_letters(fact)[text.upper()],
            allowed=", ".join(fact.choice_values()),
        )


def dump_case(case: Case) -> str:
    """A case as YAML that `read_case` reads back to the same facts."""
    import json

    lines = ["# legalcli case file", "facts:"]
    for key, value in case.facts.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, (int, float)):
            text = repr(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {key}: {text}")
    if not case.facts:
        lines[-1] = "facts: {}"
    if case.as_of is not None:
        lines.insert(1, f"as_of: {case.as_of.isoformat()}")
    if case.lang is not None:
        lines.insert(1, f"lang: {case.lang}")
    if case.notes:
        lines.append(f"notes: {json.dumps(case.notes, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
