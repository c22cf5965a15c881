"""The JSON Schemas of rule files, case files and a pack's side files, as data.

One definition serves both ends: `legalcli rules schema` prints these dictionaries for
editors (`# yaml-language-server: $schema=…`), and `schema.validate` checks every file
against the very same dictionaries.  Only keywords the validator knows are used here
(see schema.py).  This module holds data and the documents built from it; it reads no
file and validates nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legalcli.core.values import NUMBER_MAX
from legalcli.core.vocabulary import CONFIDENCES, SEVERITIES

if TYPE_CHECKING:
    from legalcli.core.model import Pack

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SNAKE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
DATE = {"type": "string", "format": "date"}


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
CONFIDENCE = {"enum": list(CONFIDENCES)}

# Every text people read is written in both languages; a blank one is as missing as an
# absent one (the validator reports both as a missing translation, and keeps the rest).
LANGUAGE_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
TEXT: dict[str, Any] = {
    "description": "A text in both languages: {en: …, ru: …}.",
    "type": "object",
    "properties": {"en": LANGUAGE_TEXT, "ru": LANGUAGE_TEXT},
    "required": ["en", "ru"],
    "additionalProperties": False,
}
# A text that states something of the law by itself (a route's summary, a step, a
# document to gather) may carry a mark of its own: the sentence is weaker than the
# sources of what it belongs to.  Risks, reasons and deadlines carry `confidence` whole.
MARKED_TEXT: dict[str, Any] = {
    "description": "A text in both languages, {en: …, ru: …}, with an optional mark of its own: "
    "confidence: unconfirmed (or seed-only) shows this sentence as not confirmed.",
    "type": "object",
    # Only a weaker mark: a text has no sources of its own, so "confirmed" would say nothing.
    "properties": {"en": LANGUAGE_TEXT, "ru": LANGUAGE_TEXT, "confidence": {"enum": ["unconfirmed", "seed-only"]}},
    "required": ["en", "ru"],
    "additionalProperties": False,
}

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
        "severity": {"enum": list(SEVERITIES)},
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
    "marked-text": MARKED_TEXT,
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
        "summary": {"$ref": "#/$defs/marked-text"},
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
        "steps": {"type": "array", "items": {"$ref": "#/$defs/marked-text"}},
        "documents": {"type": "array", "items": {"$ref": "#/$defs/marked-text"}, "description": "documents to gather"},
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
                                "steps": {"type": "array", "items": {"$ref": "#/$defs/marked-text"}},
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


# Every number fact counts something (days, months): whole and 0 or more, as the printed
# schema tells editors and as parse_value and the interview read them.
WHOLE_NUMBER = {"type": "integer", "minimum": 0, "maximum": NUMBER_MAX}


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
            value = WHOLE_NUMBER
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


# --- files of a pack that are not rules ------------------------------------------------
# The loader does not read them; mutation testing and the review records do.

ALLOWED_SCHEMA: dict[str, Any] = {
    "title": "legalcli mutants-allowed.yaml",
    "type": "object",
    "properties": {
        "mutants": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "string", "minLength": 1}, "reason": {"$ref": "#/$defs/text"}},
                "required": ["id", "reason"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["mutants"],
    "additionalProperties": False,
}

RECORDS_SCHEMA: dict[str, Any] = {
    "title": "legalcli reviews.yaml",
    "type": "object",
    "properties": {
        "pack": {
            "type": "object",
            "properties": {"version": {"type": "string"}, "fingerprint": {"type": "string"}},
            "required": ["version", "fingerprint"],
            "additionalProperties": False,
        },
        "records": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "route": {"type": "string"},
                    "situation": {"type": "string"},
                    "country": {"type": "string"},
                    "reviewed": {"type": "string", "format": "date"},
                    "fingerprint": {"type": "string"},
                },
                "required": ["reviewed", "fingerprint"],
                "additionalProperties": False,
                "minProperties": 3,
                "maxProperties": 3,
            },
        },
    },
    "required": ["pack", "records"],
    "additionalProperties": False,
}

SIDE_FILE_SCHEMAS: dict[str, dict[str, Any]] = {"mutants-allowed": ALLOWED_SCHEMA, "reviews": RECORDS_SCHEMA}


# --- the documents `legalcli rules schema KIND` prints ---------------------------------

# Every kind but `assessment`, whose schema belongs to the JSON output (render layer).
SCHEMA_KINDS: tuple[str, ...] = ("all", *RULE_FILE_SCHEMAS, *SIDE_FILE_SCHEMAS, "case")
# The kinds whose document depends on the pack (its facts and their values); the others
# are the same for every pack, and need none loaded.
PACK_SCHEMA_KINDS: tuple[str, ...] = ("all", "case")


def pack_case_schema(pack: Pack) -> dict[str, Any]:
    """The case-file schema of a pack: its facts, their types and values."""
    return case_file_schema([(f.id, f.type, f.choice_values()) for f in pack.fact_list])


def schema_document(kind: str, pack: Pack | None = None) -> dict[str, Any]:
    """The JSON Schema document of one kind of file, as editors read it.  `pack` is
    needed for the kinds of PACK_SCHEMA_KINDS only; a kind not in SCHEMA_KINDS is a
    ValueError (the command line offers only these)."""
    if kind in PACK_SCHEMA_KINDS and pack is None:
        raise ValueError(f"the {kind} schema needs the pack")
    if kind == "case":
        assert pack is not None
        return published(pack_case_schema(pack), "legalcli:case")
    if kind == "all":
        assert pack is not None
        defs: dict[str, Any] = dict(DEFS)
        defs.update({f"{name}-file": schema for name, schema in RULE_FILE_SCHEMAS.items()})
        defs["case-file"] = pack_case_schema(pack)
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": "legalcli:all",
            "title": "legalcli rule files and case files",
            "anyOf": [{"$ref": f"#/$defs/{name}"} for name in [*(f"{n}-file" for n in RULE_FILE_SCHEMAS), "case-file"]],
            "$defs": defs,
        }
    if kind in RULE_FILE_SCHEMAS:
        return published(RULE_FILE_SCHEMAS[kind], f"legalcli:{kind}")
    if kind in SIDE_FILE_SCHEMAS:
        return published(SIDE_FILE_SCHEMAS[kind], f"legalcli:{kind}")
    raise ValueError(f"no schema of the kind {kind!r}; the kinds are {', '.join(SCHEMA_KINDS)}")
