"""`legalcli facts`: every fact of a pack, for whoever writes a case file, a `--fact`
or a bot's questions: its id, type, allowed values with their labels, its question in
both languages, its short name and where it is declared.

`facts_data` is the one description; the text, the JSON and docs/facts.md
(tools/facts_doc.py) are made from it."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from legalcli.core.model import Fact, Pack, Text
from legalcli.core.safetext import safe
from legalcli.core.values import DATE_RANGE, NUMBER_MAX
from legalcli.i18n import LANGS, Lang, t

SCHEMA_ID = "legalcli.facts/1"


def _w(key: str, lang: Lang, **values: object) -> str:
    """A word of this listing: `facts.*` in the message catalogue."""
    return t(f"facts.{key}", lang, **values)


def _both(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {lang: text.get(lang) for lang in LANGS}


def fact_type(fact: Fact) -> str:
    """The type as a rule file writes it (`country` is a choice among the country table)."""
    return "country" if fact.country else fact.type


def _values(fact: Fact) -> list[dict[str, Any]] | None:
    """The allowed values with their labels; None where any value of the type will do."""
    if fact.type == "bool":
        return [{"value": v, "label": {lang: fact.label(v, lang) for lang in LANGS}} for v in (True, False)]
    if fact.type == "choice":
        return [{"value": safe(c.value), "label": _both(c.label)} for c in fact.choices]
    return None


def _range(fact: Fact) -> dict[str, Any] | None:
    if fact.type == "date":
        return {"minimum": DATE_RANGE[0].isoformat(), "maximum": DATE_RANGE[1].isoformat()}
    if fact.type == "number":
        return {"minimum": 0, "maximum": NUMBER_MAX}
    return None


def facts_data(pack: Pack) -> dict[str, Any]:
    """Every fact in pack order (the first of an id declared twice, as the engine reads)."""
    return {
        "schema": SCHEMA_ID,
        "pack": {"name": safe(pack.name), "version": safe(pack.version)},
        "facts": [
            {
                "id": safe(fact.id),
                "type": fact_type(fact),
                "short": _both(fact.short),
                "question": _both(fact.question),
                "help": _both(fact.help),
                "values": _values(fact),
                "range": _range(fact),
                "sensitive": fact.sensitive,
                "declared": {"path": safe(fact.loc.path), "line": fact.loc.line},
            }
            for fact in pack.facts.values()
        ],
    }


def render_facts_json(pack: Pack) -> str:
    return json.dumps(facts_data(pack), ensure_ascii=False, indent=2) + "\n"


def values_words(item: dict[str, Any], lang: Lang) -> str:
    """What a fact accepts, in words (the line before the list of values, if any)."""
    low_high = item["range"] or {}
    return _w(f"values.{item['type']}", lang, low=low_high.get("minimum"), high=low_high.get("maximum"))


def render_facts_text(pack: Pack, lang: Lang, *, width: int = 80) -> str:
    """One block per fact: its id and short name, its type and values (labels in
    `lang`), its question in both languages, where it is declared."""
    data = facts_data(pack)
    out = [_w("heading", lang, **data["pack"]), _w("unknown", lang)]

    def add(label: str, text: str, indent: int = 2, hang: int = 4) -> None:
        lead = " " * indent + (f"{label}: " if label else "")
        lines = textwrap.wrap(
            text,
            width,
            initial_indent=lead,
            subsequent_indent=" " * (indent + hang),
            break_on_hyphens=False,
            break_long_words=False,
        )
        out.extend(lines or [lead.rstrip()])

    for item in data["facts"]:
        out.append("")
        short = item["short"][lang] if item["short"] else ""
        out.append(f"{item['id']} — {short}" if short else item["id"])
        add(_w("type", lang), item["type"])
        for q_lang in LANGS:
            add(f"{_w('question', lang)} ({q_lang})", item["question"][q_lang])
        add(_w("values", lang), values_words(item, lang))
        values = item["values"] or []
        shown = [json.dumps(v["value"]) if isinstance(v["value"], bool) else v["value"] for v in values]
        column = max(map(len, shown), default=0)
        for text, value in zip(shown, values, strict=True):
            # A long label continues under itself, not under the value.
            add("", f"{text.ljust(column)}  {value['label'][lang]}", indent=4, hang=column + 2)
        add(_w("declared", lang), f"{item['declared']['path']}:{item['declared']['line']}")
    return "\n".join(out) + "\n"
