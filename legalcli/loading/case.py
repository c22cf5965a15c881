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

from legalcli.core.conditions import Value
from legalcli.core.errors import InputError, Location, did_you_mean
from legalcli.core.model import Fact, Pack
from legalcli.core.values import (
    EXPECTED,
    NO_WORDS,
    RU_DATE,
    SIGNED,
    YES_WORDS,
    choice_letters,
    in_date_range,
    number_error,
    parse_value,
    too_large,
)
from legalcli.i18n import Lang
from legalcli.loading.reader import CASE_LIMITS, Limits, Map, Scalar, parse_bytes, read_bytes
from legalcli.loading.schema import validate
from legalcli.loading.schema_data import pack_case_schema


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
    schema = pack_case_schema(pack)
    _SCHEMAS[id(pack)] = (pack, schema)
    return schema


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
    data = case_bytes(path, stdin_bytes=stdin_bytes, passphrase=passphrase)
    return parse_case(data, pack, path)


def case_bytes(path: str, *, stdin_bytes: bytes | None = None, passphrase: Callable[[], str] | None = None) -> bytes:
    """A case's bytes, decrypted when it is encrypted: the file's, or stdin's when path
    is '-'.  (impact reads a case once this way and parses it under two packs.)"""
    label = "<stdin>" if path == "-" else path
    if path == "-":
        data = stdin_bytes or b""
        # The cap read_bytes puts on a file, put on bytes from no file (stdin, an API
        # upload) in the one place both pass: refused before a passphrase is asked and
        # its key derived, not after.
        if len(data) > VAULT_LIMITS.max_bytes:
            raise InputError("the input is larger than {cap:,} bytes", location=Location(label), cap=VAULT_LIMITS.max_bytes)
    else:
        data = read_bytes(path, VAULT_LIMITS)
    if data.startswith(b"LCX1"):  # vault.MAGIC; the vault module (and cryptography) load only when needed
        from legalcli.loading.vault import check_header, decrypt

        if passphrase is None:
            raise InputError("this is an encrypted case file; a passphrase is needed", location=Location(label))
        check_header(data, path=label)  # a forged header is refused before the passphrase is asked
        data = decrypt(data, passphrase(), path=label)
    return data


def parse_case(data: bytes, pack: Pack, path: str) -> Case:
    """A case from the (decrypted) bytes of `path` ('-' for stdin), checked against the
    pack; its errors name the file, or <stdin>."""
    node = parse_bytes(data, "<stdin>" if path == "-" else path, CASE_LIMITS)
    if not isinstance(node, Map):
        raise InputError("expected a mapping with 'facts' at the top of a case file", location=node.loc)
    given = node.items.get("facts")
    if isinstance(given, Map):
        known = pack.facts
        for key, value_node in given.items.items():
            if isinstance(value_node, Scalar) and value_node.plain:
                fact = known.get(key)
                if fact is not None:
                    _check_file_value(fact, value_node)
    validate(node, schema_for(pack))
    facts: dict[str, Value] = {}
    raw = node.items.get("facts")
    if isinstance(raw, Map):
        for key, value_node in raw.items.items():
            assert isinstance(value_node, Scalar)
            value = value_node.value
            if isinstance(value, dt.date):  # the key's path is made only for a date: it names the one out of range
                check_date(value_node, f"facts.{key}")
            if value != "unknown":
                facts[key] = _normal(value)
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


_WHOLE = re.compile(r"[0-9]+(\.0+)?")  # 3 or 3.0: a count, as JSON writers may write it
# Words a person means as yes or no (in any case); only true and false are YAML's.
_BOOL_WORDS = frozenset((*YES_WORDS, *NO_WORDS, "y", "n", "on", "off"))


def _check_file_value(fact: Fact, node: Scalar) -> None:
    """What a case file's plain scalar says, where the schema alone would say it less
    clearly: a fraction or a negative count, a date written ДД.ММ.ГГГГ, a choice's letter."""
    text = node.text.strip()
    key = f"facts.{fact.id}"
    if fact.type == "number" and SIGNED.fullmatch(text):
        # 3.0 is three days (JSON Schema counts it an integer, and JSON writers emit
        # it); 3.5 and -1 are not a count.
        whole = text.split(".", 1)[0] if _WHOLE.fullmatch(text) else ""
        if not whole or too_large(whole):
            raise number_error(text, node.loc, key)
        node.text = whole
    elif fact.type == "bool" and text not in ("true", "false") and text.lower() in _BOOL_WORDS:
        # Only true and false are booleans in YAML; say which one was meant, in whatever
        # case it was written (the schema's hint knows only some spellings).
        hint = "write-true" if text.lower() in (*YES_WORDS, "y", "on") else "write-false"
        raise InputError(
            EXPECTED + ", or unknown",  # the schema's own words for a case fact, unknown included
            location=node.loc,
            key=key,
            expected="boolean",
            found="plain",
            extra=hint,
        )
    elif fact.type == "date" and RU_DATE.fullmatch(text):
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
