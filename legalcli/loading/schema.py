"""The validator that checks rule files and case files against their JSON Schemas.

The schemas themselves are data, in schema_data.py: `legalcli rules schema` prints them
for editors, and `validate` checks every file against the very same dictionaries, typing
each scalar as the schema asks.  The validator knows only the keywords used there
(type, properties, required, additionalProperties, enum, const, pattern, format: date,
minimum, maximum, minItems, minLength, minProperties, maxProperties, items, anyOf,
$ref).  Why not pydantic: see docs/decisions.md.

Two ways to run it: `validate` stops at the first fault (loading a pack to assess with,
reading a case file), `validate_all` goes on and returns every fault (`rules check`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, NamedTuple

from legalcli.core.errors import InputError, did_you_mean
from legalcli.core.values import EXPECTED
from legalcli.loading.reader import Map, Node, Scalar, Seq

# Names other modules and the tests import from here; the data lives in schema_data.
from legalcli.loading.schema_data import (
    DEFS,
    KEBAB,
    RISK_REF,
    ROUTE_FILE,
    RULE_FILE_SCHEMAS,
    SITUATION_FILE,
    SNAKE,
    case_file_schema,
)

__all__ = [
    "DEFS",
    "KEBAB",
    "RISK_REF",
    "ROUTE_FILE",
    "RULE_FILE_SCHEMAS",
    "SITUATION_FILE",
    "SNAKE",
    "Fault",
    "case_file_schema",
    "validate",
    "validate_all",
]

_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]{0,17})\.[0-9]{1,17}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULLS = {"", "~", "null"}
_LANGS = ["en", "ru"]  # a text's keys, as schema_data's TEXT requires them

_BOOL_LOOKALIKES = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
    "True": "true",
    "False": "false",
    "TRUE": "true",
    "FALSE": "false",
    "Yes": "true",
    "No": "false",
    "NO": "false",
    "YES": "true",
    "On": "true",
    "Off": "false",
    "да": "true",
    "нет": "false",
}


class Fault(NamedTuple):
    """One fault `validate_all` found.  `check` names it for `rules check` (schema, or
    missing-translation); `kept`: the part can still be built (a text missing a
    language is built with '' for it), else the rule holding it cannot be."""

    error: InputError
    check: str
    kept: bool


def validate(node: Node, schema: dict[str, Any], *, path: str = "") -> Any:
    """Check `node` against `schema`, fill each Scalar's typed value, return plain data.

    Raises InputError at the first problem, naming the location and the key path and
    saying what was expected; it never quotes the value that was found.
    """
    return _Validator(None).check(node, schema, path)


def validate_all(node: Node, schema: dict[str, Any], *, path: str = "") -> list[Fault]:
    """Every fault of `node` against `schema`, in document order; the scalars that fit
    get their typed value as with `validate`."""
    faults: list[Fault] = []
    _Validator(faults).check(node, schema, path)
    return faults


def _is_text(schema: dict[str, Any]) -> bool:
    return schema.get("required") == _LANGS


class _Validator:
    """Walks a node and its schema.  With `faults` None it raises the first fault; with
    a list it records each fault and goes on with the next key or item (a part that
    does not fit is not looked into further)."""

    def __init__(self, faults: list[Fault] | None) -> None:
        self._defs = DEFS
        self._faults = faults

    def _fault(self, error: InputError, *, check: str = "schema", kept: bool = False) -> None:
        if self._faults is None:
            raise error
        self._faults.append(Fault(error, check, kept))

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self._defs[name]
        return schema

    def check(self, node: Node, schema: dict[str, Any], path: str) -> Any:
        if "$ref" in schema:  # asked here: a call less for each of a case file's values
            schema = self._resolve(schema)
        if "anyOf" in schema:
            return self._any_of(node, schema["anyOf"], path)
        if "enum" in schema or "const" in schema:
            return self._enum(node, schema, path)
        allowed = _types(schema)
        is_date = schema.get("format") == "date"
        if isinstance(node, Map):
            if allowed and "object" not in allowed:
                self._fault(self._expected(node, allowed, path, date=is_date))
                return None
            return self._object(node, schema, path)
        if _is_text(schema):
            self._fault(_not_a_text(node, path))
            return None
        if isinstance(node, Seq):
            if allowed and "array" not in allowed:
                self._fault(self._expected(node, allowed, path, date=is_date))
                return None
            return self._array(node, schema, path)
        return self._scalar(node, schema, allowed, path)

    def _expected(self, node: Node, allowed: list[str], path: str, extra: str = "", *, date: bool = False) -> InputError:
        words = "date" if date else "|".join(allowed)
        # `expected`, `found` and `extra` are codes that i18n.error_text puts into words.
        found = "mapping" if isinstance(node, Map) else "list" if isinstance(node, Seq) else "plain" if node.plain else "quoted"
        return InputError(EXPECTED, location=node.loc, key=path, expected=words, found=found, extra=extra)

    def _object(self, node: Map, schema: dict[str, Any], path: str) -> dict[str, Any]:
        props: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        text = _is_text(schema)
        result: dict[str, Any] = {}
        meant: set[str] = set()  # the keys unknown keys were likely meant as
        for key, value in node.items.items():
            sub = f"{path}.{key}" if path else key
            if text and key in _LANGS:
                result[key] = self._language(value, props[key], sub, path, key)
            elif key in props:
                result[key] = self.check(value, props[key], sub)
            elif extra is False:
                hint = did_you_mean(key, list(props))
                meant.add(hint)
                allowed = ", ".join(props)
                self._fault(
                    InputError(
                        "unknown key '{name}'{hint}; expected one of: {allowed}",
                        location=node.keys[key],
                        key=path,
                        suggestion=hint,
                        name=key,
                        allowed=allowed,
                    )
                )
            elif isinstance(extra, dict):
                result[key] = self.check(value, extra, sub)
            else:
                result[key] = _plain_any(value)
        for key in schema.get("required", []):
            # `titel` for `title`: the unknown key's did-you-mean says it; a second
            # problem for the same typo would only repeat it.
            if key not in node.items and key not in meant:
                if text:
                    self._fault(_missing_language(node, path, key), check="missing-translation", kept=True)
                else:
                    self._fault(InputError("missing required key '{name}'", location=node.loc, key=path, name=key))
        count = len(node.items)
        if count < schema.get("minProperties", 0):
            self._fault(InputError("is empty; expected at least one key", location=node.loc, key=path))
        if "maxProperties" in schema and count > schema["maxProperties"]:
            self._fault(
                InputError(
                    "has {count} keys; at most {cap} belong together here",
                    location=node.loc,
                    key=path,
                    count=count,
                    cap=schema["maxProperties"],
                )
            )
        return result

    def _language(self, node: Node, schema: dict[str, Any], path: str, text_path: str, lang: str) -> Any:
        """One language of a text.  Left empty, blank or `~`, it is missing as much as
        when its key is absent: one fault either way, and the text is still built."""
        if isinstance(node, Scalar) and (not node.text.strip() or (node.plain and node.text in _NULLS)):
            node.value = "" if node.plain and node.text in _NULLS else node.text
            error = _missing_language(node, text_path, lang)
            self._fault(error, check="missing-translation", kept=True)
            return ""
        return self.check(node, schema, path)

    def _array(self, node: Seq, schema: dict[str, Any], path: str) -> list[Any]:
        if len(node.items) < schema.get("minItems", 0):
            self._fault(InputError("expected at least {count} item(s)", location=node.loc, key=path, count=schema["minItems"]))
        items = schema.get("items")
        return [self.check(item, items, f"{path}[{i}]") if items else _plain_any(item) for i, item in enumerate(node.items)]

    def _scalar(self, node: Node, schema: dict[str, Any], allowed: list[str], path: str) -> Any:
        assert isinstance(node, Scalar)
        value = _typed(node, allowed)
        if value is _NO_MATCH:
            hint = ""
            if "boolean" in allowed and node.text in _BOOL_LOOKALIKES:
                hint = f"write-{_BOOL_LOOKALIKES[node.text]}"
            elif any(t in allowed for t in ("number", "integer")) and not node.plain:
                hint = "unquote"
            elif "string" in allowed and schema.get("format") == "date":
                hint = "date"
            self._fault(self._expected(node, allowed or ["string"], path, hint))
            return None
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                self._fault(InputError("must not be empty", location=node.loc, key=path))
                return None
            pattern = schema.get("pattern")
            # A pattern anchored at the end (every id form) must match the whole text:
            # with re.search, `$` also matches before a final newline, so "an-id\n" passed
            # as an id.  A prefix pattern (^https?://) need only start the text.
            if pattern and not (re.fullmatch(pattern, value) if pattern.endswith("$") else re.search(pattern, value)):
                self._fault(
                    InputError(
                        "does not have the expected form ({form})", location=node.loc, key=path, form=_pattern_words(pattern)
                    )
                )
                return None
            if schema.get("format") == "date":
                try:
                    value = _date_text(node, path)
                except InputError as exc:
                    self._fault(exc)
                    return None
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = schema.get("minimum"), schema.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                self._fault(
                    InputError("must be a whole number from {low} to {high}", location=node.loc, key=path, low=low, high=high)
                )
                return None
        node.value = value
        if isinstance(value, _dt.date):
            return value.isoformat()
        return value

    def _enum(self, node: Node, schema: dict[str, Any], path: str) -> Any:
        options = schema.get("enum", [schema.get("const")])
        if isinstance(node, Scalar):
            # Enum values here are all texts; a plain `no` stays the text "no".
            if node.text in options:
                node.value = node.text
                return node.text
            hint = did_you_mean(node.text, [str(o) for o in options])
            self._fault(
                InputError(
                    "not one of the allowed values{hint}; expected one of: {allowed}",
                    location=node.loc,
                    key=path,
                    suggestion=hint,
                    allowed=", ".join(map(str, options)),
                )
            )
            return None
        self._fault(self._expected(node, ["string"], path))
        return None

    def _any_of(self, node: Node, options: list[dict[str, Any]], path: str) -> Any:
        # Where only one option can hold a mapping (or a list), the node is checked
        # against that option alone: its own faults, not a guess among the options.
        kind = "object" if isinstance(node, Map) else "array" if isinstance(node, Seq) else None
        if kind is not None:
            fitting = [o for o in options if kind in _types(self._resolve(o))]
            if len(fitting) == 1:
                return self.check(node, fitting[0], path)
        first: InputError | None = None
        faults, self._faults = self._faults, None  # each option is tried to its first fault
        try:
            for option in options:
                try:
                    return self.check(node, option, path)
                except InputError as exc:
                    first = first or exc
        finally:
            self._faults = faults
        assert first is not None
        if isinstance(node, Scalar) and node.text == "unknown":
            self._fault(first)
            return None
        self._fault(
            InputError(
                first.template + ", or unknown",
                location=first.location,
                key=first.key,
                suggestion=first.suggestion,
                **first.params,
            )
        )
        return None


def _types(schema: dict[str, Any]) -> list[str]:
    types = schema.get("type")
    return [types] if isinstance(types, str) else list(types or [])


def _not_a_text(node: Node, path: str) -> InputError:
    """A text written as plain words, or as a list: the message shows the form."""
    if isinstance(node, Seq):
        return InputError(
            "expected a text in both languages, {{en: …, ru: …}}, found {found}", location=node.loc, key=path, found="list"
        )
    return InputError("expected a text in both languages, {{en: …, ru: …}}, found a single text", location=node.loc, key=path)


def _missing_language(node: Node, path: str, lang: str) -> InputError:
    return InputError(
        "the '{lang}' text is missing; a text has both languages, {{en: …, ru: …}}", location=node.loc, key=path, lang=lang
    )


class _NoMatch:
    pass


_NO_MATCH = _NoMatch()


def _typed(node: Scalar, allowed: list[str]) -> Any:
    """The value of a scalar as one of the allowed types, or _NO_MATCH."""
    text = node.text
    if not allowed:
        return _plain_value(node)
    if node.plain:
        if "null" in allowed and text in _NULLS:
            return None
        if "boolean" in allowed and text in ("true", "false"):
            return text == "true"
        if "integer" in allowed and _INT.fullmatch(text):
            return int(text)
        if "number" in allowed and _INT.fullmatch(text):
            return int(text)
        if "number" in allowed and _FLOAT.fullmatch(text):
            return float(text)
    if "string" in allowed:
        if node.plain and text in _NULLS:
            return _NO_MATCH
        return text
    return _NO_MATCH


def _plain_value(node: Scalar) -> Any:
    """A scalar where the schema names no type: only true/false and plain numbers are typed."""
    if node.plain:
        if node.text in ("true", "false"):
            return node.text == "true"
        if _INT.fullmatch(node.text):
            return int(node.text)
        if _FLOAT.fullmatch(node.text):
            return float(node.text)
    return node.text


def _plain_any(node: Node) -> Any:
    if isinstance(node, Map):
        return {k: _plain_any(v) for k, v in node.items.items()}
    if isinstance(node, Seq):
        return [_plain_any(v) for v in node.items]
    node.value = _plain_value(node)
    return node.value


def _date_text(node: Scalar, path: str) -> _dt.date:
    if not _DATE.fullmatch(node.text):
        raise InputError("expected a date as YYYY-MM-DD", location=node.loc, key=path)
    try:
        return _dt.date.fromisoformat(node.text)
    except ValueError:
        raise InputError("is not a real calendar date (YYYY-MM-DD)", location=node.loc, key=path) from None


def _pattern_words(pattern: str) -> str:
    """A code for the form a pattern asks for; i18n.error_text puts it into words."""
    return {KEBAB: "kebab", SNAKE: "snake", RISK_REF: "risk-ref", "^https?://": "url"}.get(pattern, pattern)
