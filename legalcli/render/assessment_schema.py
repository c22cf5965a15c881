"""The JSON Schema of `assess --format json` (legalcli.assessment/1)."""

from __future__ import annotations

from typing import Any

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_CONF = {"enum": ["confirmed", "seed-only", "unconfirmed"]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

_DEADLINE: dict[str, Any] = {
    "type": "object",
    "required": ["id", "date", "days_left", "overdue", "applies", "text", "legal_basis", "sources", "confidence"],
    "properties": {
        "id": {"type": "string"},
        "from": {"type": "string"},
        "date": {"anyOf": [_DATE, {"type": "null"}]},
        "days_left": {"type": ["integer", "null"]},
        "overdue": {"type": "boolean"},
        "applies": {"enum": ["applies", "possible"]},
        "working_days": {"type": "boolean"},
        "from_fact": {"type": "string"},
        "text": {"type": "string", "minLength": 1},
        "legal_basis": _STR_LIST,
        "sources": _STR_LIST,
        "confidence": _CONF,
    },
    "additionalProperties": False,
}

ASSESSMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "legalcli:assessment/1",
    "title": "legalcli assessment (assess --format json)",
    "type": "object",
    "required": ["schema", "as_of", "lang", "disclaimer", "pack", "facts", "situations", "routes", "deadlines", "next_questions"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": "legalcli.assessment/1"},
        "as_of": _DATE,
        "lang": {"enum": ["en", "ru"]},
        "disclaimer": {"type": "string", "minLength": 1},
        "pack": {
            "type": "object",
            "required": ["name", "version", "reviewed", "fingerprint"],
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "reviewed": _DATE,
                "fingerprint": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
            },
            "additionalProperties": False,
        },
        "facts": {
            "type": "object",
            "required": ["given", "unknown"],
            "properties": {
                "given": {"type": "object", "additionalProperties": {"type": ["string", "boolean", "number"]}},
                "unknown": _STR_LIST,
            },
            "additionalProperties": False,
        },
        "situations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "status", "title", "confidence"],
                "properties": {
                    "confidence": _CONF,
                    "id": {"type": "string"},
                    "status": {"enum": ["true", "false", "unknown"]},
                    "title": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
        "routes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "kind",
                    "title",
                    "summary",
                    "status",
                    "reasons",
                    "deciding_facts",
                    "opens_if",
                    "risks",
                    "steps",
                    "deadlines",
                    "legal_basis",
                    "sources",
                    "confidence",
                    "reviewed",
                ],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"enum": ["option", "risk-entry"]},
                    "title": {"type": "string", "minLength": 1},
                    "summary": {"type": "string", "minLength": 1},
                    "status": {"enum": ["feasible", "blocked", "undetermined", "not_applicable"]},
                    "reasons": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["text", "facts", "kind", "met", "confidence"],
                            "properties": {
                                "text": {"type": "string"},
                                "facts": _STR_LIST,
                                "kind": {"enum": ["requires", "blocked_if", "applies_if", "effective", "conditional_block"]},
                                "met": {"type": "boolean"},
                                "confidence": _CONF,
                            },
                            "additionalProperties": False,
                        },
                    },
                    "deciding_facts": _STR_LIST,
                    "opens_if": {"type": "array", "items": {"type": "object", "minProperties": 1}},
                    "risks": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "severity", "status", "text", "legal_basis", "sources", "confidence"],
                            "properties": {
                                "id": {"type": "string"},
                                "severity": {"enum": ["low", "medium", "high", "critical"]},
                                "status": {"enum": ["applies", "possible"]},
                                "text": {"type": "string", "minLength": 1},
                                "legal_basis": _STR_LIST,
                                "sources": _STR_LIST,
                                "confidence": _CONF,
                            },
                            "additionalProperties": False,
                        },
                    },
                    "steps": _STR_LIST,
                    "deadlines": {"type": "array", "items": _DEADLINE},
                    "legal_basis": _STR_LIST,
                    "sources": _STR_LIST,
                    "confidence": _CONF,
                    "reviewed": _DATE,
                },
            },
        },
        "deadlines": {"type": "array", "items": _DEADLINE},
        "next_questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fact", "question"],
                "properties": {"fact": {"type": "string"}, "question": {"type": "string"}},
                "additionalProperties": False,
            },
        },
    },
}
