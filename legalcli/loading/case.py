"""Case files (YAML or JSON) and --fact overrides -> typed fact values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from legalcli.calendar import FIRST_YEAR, LAST_YEAR
from legalcli.conditions import Value
from legalcli.errors import InputError, Location, did_you_mean
from legalcli.loading.reader import CASE_LIMITS, Limits, Map, Scalar, parse_bytes, read_bytes
from legalcli.loading.schema import case_file_schema, validate
from legalcli.model import Lang, Pack


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
    _SCHEMAS[id(pack)] = (pack, schema)
    return schema


# The dates a case may hold (docs/security.md): anything else is a typo or a probe, and
# counting a deadline from 9999-12-31 ran off the calendar.  calendar.py names the years
# because the cached production calendar covers exactly these.
DATE_RANGE = (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))


def check_date(node: Scalar, key: str) -> None:
    """Refuse a date outside DATE_RANGE as bad input, naming the key and the range (never
    the date itself: it is somebody's answer)."""
    if isinstance(node.value, dt.date) and not DATE_RANGE[0] <= node.value <= DATE_RANGE[1]:
        raise InputError(
            "is outside the dates legalcli reads ({low} to {high})",
            location=node.loc,
            key=key,
            low=DATE_RANGE[0].isoformat(),
            high=DATE_RANGE[1].isoformat(),
        )


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
    schema = schema_for(pack)["properties"]["facts"]["properties"][fact_id]
    node = Scalar(text, plain=True, loc=where)
    validate(node, schema, path=f"facts.{fact_id}")
    check_date(node, f"facts.{fact_id}")
    return fact_id, _normal(node.value)


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
