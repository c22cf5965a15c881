"""The JSON Schema of `assess --format json` (legalcli.assessment/1)."""

from __future__ import annotations

from typing import Any

from legalcli.core.vocabulary import CONFIDENCES, SEVERITIES

_STR_LIST = {"type": "array", "items": {"type": "string"}}
_CONF = {"enum": list(CONFIDENCES)}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_VALUE = {"type": ["string", "boolean", "number"]}
# Ids as the pack names them, and beside each list the words people read.
_CITED: dict[str, Any] = {
    "legal_basis": _STR_LIST,
    "legal_basis_titles": _STR_LIST,
    "sources": _STR_LIST,
    "source_labels": _STR_LIST,
}
_CITED_KEYS = ["legal_basis", "legal_basis_titles", "sources", "source_labels"]
_FINDINGS: dict[str, Any] = {
    "type": "array",
    "description": "what the country table says of the country he is in, where the reason or risk reads it",
    "items": {
        "type": "object",
        "required": [
            "country",
            "country_name",
            "attribute",
            "attribute_title",
            "value",
            "value_label",
            "since",
            "note",
            "sources",
            "source_labels",
            "confidence",
            "text",
        ],
        "properties": {
            "country": {"type": "string"},
            "country_name": {"type": "string"},
            "attribute": {"type": "string"},
            "attribute_title": {"type": "string"},
            "value": {**_VALUE, "description": "'unknown' where the sources do not settle it"},
            "value_label": {"type": "string"},
            "since": {"anyOf": [_DATE, {"type": "null"}]},
            "note": {"type": "string"},
            "sources": _STR_LIST,
            "source_labels": _STR_LIST,
            "confidence": _CONF,
            "text": {"type": "string", "minLength": 1},
        },
        "additionalProperties": False,
    },
}

_DEADLINE: dict[str, Any] = {
    "type": "object",
    "required": ["id", "date", "days_left", "overdue", "applies", "text", *_CITED_KEYS, "confidence"],
    "properties": {
        "id": {"type": "string"},
        "from": {"type": "string"},
        "date": {"anyOf": [_DATE, {"type": "null"}]},
        "days_left": {"type": ["integer", "null"]},
        "overdue": {"type": "boolean", "description": "a duty whose date has passed"},
        "passed": {"type": "boolean", "description": "the date has passed (a duty's, or a date the law fixes)"},
        "kind": {"enum": ["duty", "date"]},
        "applies": {"enum": ["applies", "possible"]},
        "working_days": {"type": "boolean"},
        "from_fact": {"type": "string"},
        "from_fact_name": {"type": "string"},
        "period": {
            "type": "object",
            "required": ["amount", "unit"],
            "properties": {"amount": {"type": "integer"}, "unit": {"enum": ["days", "working_days", "months", "years"]}},
            "additionalProperties": False,
        },
        "text": {"type": "string", "minLength": 1},
        **_CITED,
        "confidence": _CONF,
    },
    "additionalProperties": False,
}

ASSESSMENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "legalcli:assessment/1",
    "title": "legalcli assessment (assess --format json)",
    "type": "object",
    "required": [
        "schema",
        "as_of",
        "lang",
        "disclaimer",
        "warnings",
        "confidence_labels",
        "pack",
        "facts",
        "situations",
        "routes",
        "deadlines",
        "next_questions",
    ],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": "legalcli.assessment/1"},
        "as_of": _DATE,
        "lang": {"enum": ["en", "ru"]},
        "disclaimer": {"type": "string", "minLength": 1},
        "warnings": {
            "type": "array",
            "description": "what the reader must know first, e.g. routes reviewed more than 180 days before the as-of date",
            "items": {
                "type": "object",
                "required": ["kind", "text", "routes"],
                "properties": {
                    "kind": {"enum": ["stale_review"]},
                    "text": {"type": "string", "minLength": 1},
                    "routes": _STR_LIST,
                },
                "additionalProperties": False,
            },
        },
        "confidence_labels": {
            "type": "object",
            "description": "each confidence value in words",
            "required": list(CONFIDENCES),
            "additionalProperties": {"type": "string", "minLength": 1},
        },
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
                    "summary_confidence",
                    "status",
                    "reasons",
                    "deciding_facts",
                    "deciding_fact_names",
                    "opens_if",
                    "opens_if_words",
                    "risks",
                    "steps",
                    "step_confidences",
                    "deadlines",
                    *_CITED_KEYS,
                    "confidence",
                    "reviewed",
                    "reviewed_against",
                    "reviewed_against_words",
                    "stale",
                ],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "aliases": {"type": "array", "items": {"type": "string"}, "description": "former ids of the route"},
                    "kind": {"enum": ["option", "risk-entry"]},
                    "title": {"type": "string", "minLength": 1},
                    "summary": {"type": "string", "minLength": 1},
                    "summary_confidence": {**_CONF, "description": "the summary's own mark; the route's is `confidence`"},
                    "status": {"enum": ["feasible", "blocked", "undetermined", "not_applicable"]},
                    "reasons": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "text",
                                "words",
                                "facts",
                                "fact_names",
                                "kind",
                                "met",
                                "confidence",
                                "sources",
                                "source_labels",
                                "findings",
                            ],
                            "properties": {
                                "text": {"type": "string"},
                                "words": {"type": "string", "description": "the text as printed (with Met:/Not met:)"},
                                "facts": _STR_LIST,
                                "fact_names": _STR_LIST,
                                "kind": {
                                    "enum": [
                                        "requires",
                                        "blocked_if",
                                        "applies_if",
                                        "effective",
                                        "conditional_block",
                                        "unsettled",
                                    ],
                                    "description": "unsettled: the sources leave this point open (the route stays undetermined)",
                                },
                                "met": {"type": "boolean"},
                                "confidence": _CONF,
                                "sources": _STR_LIST,
                                "source_labels": _STR_LIST,
                                "findings": _FINDINGS,
                            },
                            "additionalProperties": False,
                        },
                    },
                    "deciding_facts": _STR_LIST,
                    "deciding_fact_names": _STR_LIST,
                    "opens_if": {"type": "array", "items": {"type": "object", "minProperties": 1}},
                    "opens_if_words": _STR_LIST,
                    "risks": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "severity", "status", "text", *_CITED_KEYS, "confidence", "findings"],
                            "properties": {
                                "id": {"type": "string"},
                                "severity": {"enum": list(SEVERITIES)},
                                "status": {"enum": ["applies", "possible"]},
                                "text": {"type": "string", "minLength": 1},
                                **_CITED,
                                "confidence": _CONF,
                                "findings": _FINDINGS,
                            },
                            "additionalProperties": False,
                        },
                    },
                    "steps": _STR_LIST,
                    "step_confidences": {
                        "type": "array",
                        "items": _CONF,
                        "description": "each step's own mark, in the order of `steps` ('confirmed' where it has none)",
                    },
                    "deadlines": {"type": "array", "items": _DEADLINE},
                    **_CITED,
                    "confidence": _CONF,
                    "reviewed": _DATE,
                    "reviewed_against": {**_STR_LIST, "description": "what the review checked: source ids or brief entries"},
                    "reviewed_against_words": {"type": "string"},
                    "stale": {"type": "boolean", "description": "reviewed more than 180 days before the as-of date"},
                },
            },
        },
        "deadlines": {"type": "array", "items": _DEADLINE},
        "next_questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fact", "name", "question"],
                "properties": {"fact": {"type": "string"}, "name": {"type": "string"}, "question": {"type": "string"}},
                "additionalProperties": False,
            },
        },
    },
}
