"""The JSON Schemas of rule files and case files, and the validator that enforces them.

One definition serves both ends: `legalcli rules schema` prints these dictionaries for
editors (`# yaml-language-server: $schema=…`), and `validate` checks every file against
the very same dictionaries, typing each scalar as the schema asks.  The validator knows
only the keywords used here (type, properties, required, additionalProperties, enum,
const, pattern, format: date, minItems, minLength, minProperties, maxProperties, items,
anyOf, $ref).  Why not pydantic: see docs/decisions.md.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from legalcli.core.errors import InputError, did_you_mean
from legalcli.loading.reader import Map, Node, Scalar, Seq

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SNAKE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
DATE = {"type": "string", "format": "date"}

_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]{0,17})\.[0-9]{1,17}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULLS = {"", "~", "null"}

TEXT: dict[str, Any] = {
    "description": "A text in both languages.",
    "type": "object",
    "properties": {"en": {"type": "string", "minLength": 1}, "ru": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
    "minProperties": 1,
}

CONDITION: dict[str, Any] = {
    "description": "A condition in the closed grammar of docs/rule-format.md.",
    "type": "object",
    "properties": {
        "fact": {"type": "string", "pattern": SNAKE},
        "is": {"type": ["string", "boolean", "number"]},
        "in": {"type": "array", "items": {"type": ["string", "boolean", "number"]}, "minItems": 1},
        "known": {"type": "boolean"},
        "gt": {"type": "number"},
        "ge": {"type": "number"},
        "lt": {"type": "number"},
        "le": {"type": "number"},
        "before": DATE,
        "after": DATE,
        "passed": {"$ref": "#/$defs/period"},
        "ended": {"$ref": "#/$defs/period", "description": "the period's last day is over"},
        "country": {"type": "string", "pattern": SNAKE, "description": "a fact of type country"},
        "has": {"type": "string", "pattern": SNAKE, "description": "a yes/no attribute of the country table"},
        "attribute": {"type": "string", "pattern": SNAKE, "description": "an attribute of the country table, with is or in"},
        "situation": {"type": "string", "pattern": KEBAB},
        "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "not": {"$ref": "#/$defs/condition"},
    },
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 3,
}

PERIOD: dict[str, Any] = {
    "description": "A span of time: exactly one of days, working_days, months, years.",
    "type": "object",
    "properties": {
        unit: {"type": "integer", "minimum": 0, "maximum": 36500} for unit in ("days", "working_days", "months", "years")
    },
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 1,
}

IDS = {"type": "array", "items": {"type": "string", "pattern": KEBAB}}
RISK_REF = r"^[a-z0-9-]+/[a-z0-9-]+$"
RISK_REFS = {"type": "array", "items": {"type": "string", "pattern": RISK_REF}}
CONFIDENCE = {"enum": ["confirmed", "seed-only", "unconfirmed"]}

CLAUSE = {
    "type": "object",
    "properties": {
        "when": {"$ref": "#/$defs/condition"},
        "because": {"$ref": "#/$defs/text"},
        "confidence": CONFIDENCE,
        "legal_basis": IDS,
        "sources": IDS,
    },
    "required": ["when", "because"],
    "additionalProperties": False,
}

DEADLINE = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": KEBAB},
        "from_fact": {"type": "string", "pattern": SNAKE},
        "days": {"type": "integer", "minimum": 0, "maximum": 36500},
        "working_days": {"type": "boolean", "description": "with days: count working days"},
        "months": {"type": "integer", "minimum": 0, "maximum": 1200},
        "years": {"type": "integer", "minimum": 0, "maximum": 100},
        "kind": {
            "enum": ["duty", "date"],
            "description": "duty (default): he must act by the date; date: a date the law fixes, which passes, never overdue",
        },
        "text": {"$ref": "#/$defs/text"},
        "legal_basis": IDS,
        "sources": IDS,
        "confidence": CONFIDENCE,
    },
    "required": ["id", "from_fact", "text"],
    "additionalProperties": False,
}

RISK = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": KEBAB},
        "when": {"$ref": "#/$defs/condition"},
        "severity": {"enum": ["low", "medium", "high", "critical"]},
        "text": {"$ref": "#/$defs/text"},
        "legal_basis": IDS,
        "sources": IDS,
        "confidence": CONFIDENCE,
    },
    "required": ["id", "severity", "text"],
    "additionalProperties": False,
}

EFFECTIVE = {
    "type": "object",
    "properties": {"from": DATE, "until": DATE},
    "additionalProperties": False,
    "minProperties": 1,
}

DEFS: dict[str, Any] = {
    "text": TEXT,
    "period": PERIOD,
    "condition": CONDITION,
    "clause": CLAUSE,
    "deadline": DEADLINE,
    "risk": RISK,
}

PACK_FILE = {
    "title": "legalcli pack.yaml",
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "version": {"type": "string", "minLength": 1},
        "title": {"$ref": "#/$defs/text"},
        "jurisdiction": {"type": "string"},
        "languages": {"type": "array", "items": {"enum": ["en", "ru"]}, "minItems": 1},
        "reviewed": DATE,
    },
    "required": ["name", "version", "title", "reviewed"],
    "additionalProperties": False,
}

_CHOICES: dict[str, Any] = {
    "type": "array",
    "minItems": 2,
    "items": {
        "type": "object",
        "properties": {"value": {"type": "string", "pattern": SNAKE}, "label": {"$ref": "#/$defs/text"}},
        "required": ["value", "label"],
        "additionalProperties": False,
    },
}

FACT = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": SNAKE},
        "type": {
            "enum": ["bool", "choice", "date", "number", "country"],
            "description": "country: the values are rules/countries.yaml's ids",
        },
        "short": {"$ref": "#/$defs/text", "description": "a few words naming the fact, shown instead of its id"},
        "question": {"$ref": "#/$defs/text"},
        "help": {"$ref": "#/$defs/text"},
        "choices": _CHOICES,
        "ask_if": {"$ref": "#/$defs/condition"},
        "changeable": {"type": "boolean"},
        "sensitive": {"type": "boolean"},
    },
    "required": ["id", "type", "question"],
    "additionalProperties": False,
}

FACTS_FILE = {
    "title": "legalcli facts file",
    "type": "object",
    "properties": {"facts": {"type": "array", "items": FACT, "minItems": 1}},
    "required": ["facts"],
    "additionalProperties": False,
}

SITUATION_FILE = {
    "title": "legalcli situation",
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": KEBAB},
        "title": {"$ref": "#/$defs/text"},
        "summary": {"$ref": "#/$defs/text"},
        "when": {"$ref": "#/$defs/condition"},
        "deadlines": {"type": "array", "items": {"$ref": "#/$defs/deadline"}},
        "legal_basis": IDS,
        "sources": IDS,
        "confidence": CONFIDENCE,
        "reviewed": DATE,
        "reviewed_against": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    },
    "required": ["id", "title", "when", "reviewed"],
    "additionalProperties": False,
}

ROUTE_FILE = {
    "title": "legalcli route",
    "type": "object",
    "properties": {
        "id": {"type": "string", "pattern": KEBAB},
        "kind": {"enum": ["option", "risk-entry"], "description": "risk-entry: not a route, listed for its legal consequences"},
        "title": {"$ref": "#/$defs/text"},
        "summary": {"$ref": "#/$defs/text"},
        "applies_if": {"$ref": "#/$defs/condition"},
        "requires": {"type": "array", "items": {"$ref": "#/$defs/clause"}},
        "blocked_if": {"type": "array", "items": {"$ref": "#/$defs/clause"}},
        "unsettled_if": {
            "type": "array",
            "items": {"$ref": "#/$defs/clause"},
            "description": "any that holds keeps the route undetermined: the sources do not settle it",
        },
        "country_topic": {"type": "string", "pattern": SNAKE, "description": "the country table's topic this route shows"},
        "aliases": {"type": "array", "items": {"type": "string", "pattern": KEBAB}, "description": "former ids, still accepted"},
        "reviewed_against": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "risks": {"type": "array", "items": {"$ref": "#/$defs/risk"}},
        "steps": {"type": "array", "items": {"$ref": "#/$defs/text"}},
        "documents": {"type": "array", "items": {"$ref": "#/$defs/text"}, "description": "documents to gather"},
        "deadlines": {"type": "array", "items": {"$ref": "#/$defs/deadline"}},
        "legal_basis": IDS,
        "sources": IDS,
        "confidence": CONFIDENCE,
        "reviewed": DATE,
        "effective": EFFECTIVE,
    },
    "required": ["id", "title", "summary", "reviewed"],
    "additionalProperties": False,
}

LAWS_FILE = {
    "title": "legalcli laws.yaml",
    "type": "object",
    "properties": {
        "laws": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": KEBAB},
                    "title": {"$ref": "#/$defs/text"},
                    "summary": {"$ref": "#/$defs/text"},
                    "penalties": {"$ref": "#/$defs/text"},
                    "effective": EFFECTIVE,
                    "sources": IDS,
                    "confidence": CONFIDENCE,
                },
                "required": ["id", "title", "summary"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["laws"],
    "additionalProperties": False,
}

SOURCES_FILE = {
    "title": "legalcli sources.yaml",
    "type": "object",
    "properties": {
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": KEBAB},
                    "title": {"type": "string", "minLength": 1},
                    "publisher": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "date": {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                    "kind": {"enum": ["statute", "court", "ngo", "news", "analysis", "seed"]},
                    "confidence": CONFIDENCE,
                    "brief": {"type": "string", "description": "the brief's entry numbers, e.g. B2, C5"},
                    "note": {"$ref": "#/$defs/text"},
                },
                "required": ["id", "title", "publisher", "kind", "confidence"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["sources"],
    "additionalProperties": False,
}

_ATTRIBUTE_VALUE = {
    "type": "object",
    "properties": {
        "value": {"type": ["string", "boolean"], "description": "true/false, a declared choice, or unknown"},
        "from": DATE,
        "note": {"$ref": "#/$defs/text"},
        "sources": IDS,
        "confidence": CONFIDENCE,
    },
    "required": ["value", "note", "sources"],
    "additionalProperties": False,
}

COUNTRIES_FILE = {
    "title": "legalcli countries.yaml",
    "type": "object",
    "properties": {
        "attributes": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": SNAKE},
                    "type": {"enum": ["bool", "choice"]},
                    "title": {"$ref": "#/$defs/text"},
                    "choices": _CHOICES,
                },
                "required": ["id", "type", "title"],
                "additionalProperties": False,
            },
        },
        "countries": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "pattern": SNAKE},
                    "name": {"$ref": "#/$defs/text"},
                    "reviewed": DATE,
                    "reviewed_against": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                    "attributes": {
                        "type": "object",
                        "additionalProperties": {
                            "anyOf": [_ATTRIBUTE_VALUE, {"type": "array", "items": _ATTRIBUTE_VALUE, "minItems": 1}]
                        },
                    },
                    "topics": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "properties": {
                                "steps": {"type": "array", "items": {"$ref": "#/$defs/text"}},
                                "deadlines": {"type": "array", "items": {"$ref": "#/$defs/deadline"}},
                            },
                            "additionalProperties": False,
                        },
                    },
                },
                "required": ["id", "name", "reviewed", "reviewed_against", "attributes"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["attributes", "countries"],
    "additionalProperties": False,
}

SCENARIOS_FILE = {
    "title": "legalcli scenario cases",
    "type": "object",
    "properties": {
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "pattern": KEBAB},
                    "description": {"type": "string"},
                    "as_of": DATE,
                    "facts": {"type": "object"},
                    "expect": {
                        "type": "object",
                        "properties": {
                            "routes": {
                                "type": "object",
                                "additionalProperties": {"enum": ["feasible", "blocked", "undetermined", "not_applicable"]},
                            },
                            "situations": {"type": "object", "additionalProperties": {"enum": ["true", "false", "unknown"]}},
                            "risks_apply": RISK_REFS,
                            "risks_absent": RISK_REFS,
                            "deadlines": {
                                "type": "object",
                                "additionalProperties": {
                                    "type": "object",
                                    "properties": {"date": DATE, "overdue": {"type": "boolean"}, "passed": {"type": "boolean"}},
                                    "additionalProperties": False,
                                },
                            },
                            "next_question": {"type": "string"},
                        },
                        "additionalProperties": False,
                        "minProperties": 1,
                    },
                },
                "required": ["name", "facts", "expect"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["cases"],
    "additionalProperties": False,
}

RULE_FILE_SCHEMAS: dict[str, dict[str, Any]] = {
    "pack": PACK_FILE,
    "facts": FACTS_FILE,
    "situation": SITUATION_FILE,
    "route": ROUTE_FILE,
    "laws": LAWS_FILE,
    "sources": SOURCES_FILE,
    "countries": COUNTRIES_FILE,
    "cases": SCENARIOS_FILE,
}


def case_file_schema(facts: list[tuple[str, str, tuple[str, ...]]]) -> dict[str, Any]:
    """The schema of a case file for a pack whose facts are (id, type, choices)."""
    properties: dict[str, Any] = {}
    for fact_id, fact_type, choices in facts:
        value: dict[str, Any]
        if fact_type == "bool":
            value = {"type": "boolean"}
        elif fact_type == "choice":
            value = {"enum": list(choices)}
        elif fact_type == "date":
            value = dict(DATE)
        else:
            value = {"type": "number"}
        properties[fact_id] = {"anyOf": [value, {"const": "unknown"}]}
    return {
        "title": "legalcli case file",
        "type": "object",
        "properties": {
            "as_of": DATE,
            "lang": {"enum": ["en", "ru"]},
            "facts": {"type": "object", "properties": properties, "additionalProperties": False},
            "notes": {"type": "string"},
        },
        "additionalProperties": False,
    }


def published(schema: dict[str, Any], schema_id: str) -> dict[str, Any]:
    """A schema as printed for editors: dialect, id and the shared definitions."""
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id, **schema, "$defs": DEFS}


# --- the validator -------------------------------------------------------------------

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


def validate(node: Node, schema: dict[str, Any], *, path: str = "") -> Any:
    """Check `node` against `schema`, fill each Scalar's typed value, return plain data.

    Raises InputError at the first problem, naming the location and the key path and
    saying what was expected; it never quotes the value that was found.
    """
    return _Validator().check(node, schema, path)


class _Validator:
    def __init__(self) -> None:
        self._defs = DEFS

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self._defs[name]
        return schema

    def check(self, node: Node, schema: dict[str, Any], path: str) -> Any:
        schema = self._resolve(schema)
        if "anyOf" in schema:
            return self._any_of(node, schema["anyOf"], path)
        if "enum" in schema or "const" in schema:
            return self._enum(node, schema, path)
        types = schema.get("type")
        allowed = [types] if isinstance(types, str) else list(types or [])
        is_date = schema.get("format") == "date"
        if isinstance(node, Map):
            if allowed and "object" not in allowed:
                raise self._expected(node, allowed, path, date=is_date)
            return self._object(node, schema, path)
        if isinstance(node, Seq):
            if allowed and "array" not in allowed:
                raise self._expected(node, allowed, path, date=is_date)
            return self._array(node, schema, path)
        return self._scalar(node, schema, allowed, path)

    def _expected(self, node: Node, allowed: list[str], path: str, extra: str = "", *, date: bool = False) -> InputError:
        words = "date" if date else "|".join(allowed)
        # `expected`, `found` and `extra` are codes that i18n.error_text puts into words.
        found = "mapping" if isinstance(node, Map) else "list" if isinstance(node, Seq) else "plain" if node.plain else "quoted"
        return InputError(
            "expected {expected}, found {found}{extra}", location=node.loc, key=path, expected=words, found=found, extra=extra
        )

    def _object(self, node: Map, schema: dict[str, Any], path: str) -> dict[str, Any]:
        props: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        result: dict[str, Any] = {}
        for key, value in node.items.items():
            sub = f"{path}.{key}" if path else key
            if key in props:
                result[key] = self.check(value, props[key], sub)
            elif extra is False:
                hint = did_you_mean(key, list(props))
                allowed = ", ".join(props)
                raise InputError(
                    "unknown key '{name}'{hint}; expected one of: {allowed}",
                    location=node.keys[key],
                    key=path,
                    suggestion=hint,
                    name=key,
                    allowed=allowed,
                )
            elif isinstance(extra, dict):
                result[key] = self.check(value, extra, sub)
            else:
                result[key] = _plain_any(value)
        for key in schema.get("required", []):
            if key not in node.items:
                raise InputError("missing required key '{name}'", location=node.loc, key=path, name=key)
        count = len(node.items)
        if count < schema.get("minProperties", 0):
            raise InputError("is empty; expected at least one key", location=node.loc, key=path)
        if "maxProperties" in schema and count > schema["maxProperties"]:
            raise InputError(
                "has {count} keys; at most {cap} belong together here",
                location=node.loc,
                key=path,
                count=count,
                cap=schema["maxProperties"],
            )
        return result

    def _array(self, node: Seq, schema: dict[str, Any], path: str) -> list[Any]:
        if len(node.items) < schema.get("minItems", 0):
            raise InputError("expected at least {count} item(s)", location=node.loc, key=path, count=schema["minItems"])
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
            raise self._expected(node, allowed or ["string"], path, hint)
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                raise InputError("must not be empty", location=node.loc, key=path)
            pattern = schema.get("pattern")
            # A pattern anchored at the end (every id form) must match the whole text:
            # with re.search, `$` also matches before a final newline, so "an-id\n" passed
            # as an id.  A prefix pattern (^https?://) need only start the text.
            if pattern and not (re.fullmatch(pattern, value) if pattern.endswith("$") else re.search(pattern, value)):
                raise InputError(
                    "does not have the expected form ({form})", location=node.loc, key=path, form=_pattern_words(pattern)
                )
            if schema.get("format") == "date":
                value = _date_text(node, path)
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = schema.get("minimum"), schema.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                raise InputError("must be a whole number from {low} to {high}", location=node.loc, key=path, low=low, high=high)
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
            raise InputError(
                "not one of the allowed values{hint}; expected one of: {allowed}",
                location=node.loc,
                key=path,
                suggestion=hint,
                allowed=", ".join(map(str, options)),
            )
        raise self._expected(node, ["string"], path)

    def _any_of(self, node: Node, options: list[dict[str, Any]], path: str) -> Any:
        first: InputError | None = None
        for option in options:
            try:
                return self.check(node, option, path)
            except InputError as exc:
                first = first or exc
        assert first is not None
        if isinstance(node, Scalar) and node.text == "unknown":
            raise first
        raise InputError(
            first.template + ", or unknown", location=first.location, key=first.key, suggestion=first.suggestion, **first.params
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


def parse_date(text: str) -> _dt.date | None:
    """A YYYY-MM-DD text as a date, or None."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None
