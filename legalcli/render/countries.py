"""`legalcli countries`: the country table as it stands on a date, for a lawyer who
checks the practice a route about "the country he is in" rests on.

For each country: its name, review date and what the review checked; for each
attribute, its title, its value on the as-of date (as a label), the date that value
holds from, the note and the sources (publisher and date in text; ids too in JSON),
marked where the entry is unconfirmed or rests only on unconfirmed or single-report
sources (`Pack.confidence_of`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from legalcli.core.engine import STALE_DAYS
from legalcli.core.model import AttributeDecl, AttributeValue, Country, Pack, Source
from legalcli.core.safetext import safe
from legalcli.i18n import Lang, t, tn

SCHEMA_ID = "legalcli.countries/1"


def _w(key: str, lang: Lang, **values: object) -> str:
    """A word of this view: `countries.*` in the message catalogue."""
    return t(f"countries.{key}", lang, **values)


class Row(NamedTuple):
    """One attribute of one country, as it stands on the as-of date."""

    id: str
    title: str
    entry: AttributeValue | None  # None: no value holds on the as-of date
    label: str
    confidence: str  # the entry's mark, else that of its surest source


def value_label(decl: AttributeDecl | None, entry: AttributeValue | None, lang: Lang) -> str:
    """An attribute's value as people read it: yes/no, the choice's label, or "unknown"."""
    if entry is None:
        return _w("none", lang)
    value = entry.value
    if value is None:
        return f"{t('value.unknown', lang)} ({_w('open', lang)})"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if decl is not None:
        for choice in decl.choices:
            if choice.value == value:
                return choice.label.get(lang)
    return str(value)


def rows(pack: Pack, country: Country, as_of: dt.date, lang: Lang) -> list[Row]:
    """The country's attributes in the table's declared order (any it gives that the
    table does not declare come last, under their ids)."""
    found: list[Row] = []
    order = [d.id for d in pack.attribute_list]
    order += [a.id for a in country.attributes if a.id not in pack.attributes]
    for attribute_id in dict.fromkeys(order):
        decl = pack.attributes.get(attribute_id)
        if not any(a.id == attribute_id for a in country.attributes):
            continue  # rules check reports an attribute a country does not give
        entry = country.finding(attribute_id, as_of)
        confidence = pack.confidence_of(entry.confidence, entry.sources) if entry is not None else "unconfirmed"
        title = decl.title.get(lang) if decl is not None else attribute_id
        found.append(Row(attribute_id, title, entry, value_label(decl, entry, lang), confidence))
    return found


def is_stale(country: Country, as_of: dt.date) -> bool:
    return (as_of - country.reviewed).days > STALE_DAYS


def _source_words(source: Source | None, source_id: str, lang: Lang) -> str:
    if source is None:
        return source_id  # rules check reports a source the pack does not have
    return f"{safe(source.publisher)}, {source.date or t('not_dated', lang)}"


def _against_words(pack: Pack, item: str, lang: Lang) -> str:
    """An entry of reviewed_against: a source as publisher and date, else as written
    (a brief entry such as X1)."""
    source = pack.sources.get(item)
    return _source_words(source, item, lang) if source is not None else item


def _mark(confidence: str, lang: Lang) -> str:
    return "" if confidence == "confirmed" else f" [{t('conf.' + confidence, lang)}]"


def render_countries_text(pack: Pack, as_of: dt.date, lang: Lang, *, width: int = 80) -> str:
    import textwrap

    out: list[str] = []

    def add(line: str, indent: int = 0, hang: int = 2) -> None:
        # Wrapped at the width; continuation lines `hang` further in than the first.
        if not line:
            out.append("")
            return
        out.append(
            textwrap.fill(
                line, width=width, initial_indent=" " * indent, subsequent_indent=" " * (indent + hang), break_on_hyphens=False
            )
        )

    add(_w("heading", lang))
    add(f"{t('as_of', lang)}: {as_of.isoformat()}")
    if not pack.country_list:
        add("")
        add(_w("empty", lang))
    for country in pack.country_list:
        add("")
        add(f"{country.name.get(lang)} [{country.id}]")
        stale = f" ({tn('countries.stale', STALE_DAYS, lang)})" if is_stale(country, as_of) else ""
        add(f"{t('reviewed', lang)}: {country.reviewed.isoformat()}{stale}", 2)
        if country.reviewed_against:
            against = "; ".join(_against_words(pack, item, lang) for item in country.reviewed_against)
            add(f"{_w('against', lang)}: {against}", 2)
        for row in rows(pack, country, as_of, lang):
            entry = row.entry
            since = f" ({_w('since', lang)} {entry.since.isoformat()})" if entry is not None and entry.since else ""
            add(f"- {row.title}: {row.label}{since}{_mark(row.confidence, lang)}", 2)
            if entry is None:
                continue
            note = entry.note.get(lang)
            if note:
                add(note, 6, 0)
            if entry.sources:
                cited = "; ".join(_source_words(pack.sources.get(s), s, lang) for s in entry.sources)
                add(f"{t('sources', lang)}: {cited}", 6)
    add("")
    add(t("disclaimer", lang))
    return "\n".join(out) + "\n"


def _source_json(pack: Pack, source_id: str) -> dict[str, Any]:
    source = pack.sources.get(source_id)
    if source is None:
        return {"id": source_id, "publisher": None, "date": None, "title": None, "url": None, "confidence": None}
    return {
        "id": source.id,
        "publisher": safe(source.publisher),
        "date": source.date or None,
        "title": safe(source.title),
        "url": safe(source.url) or None,
        "confidence": source.confidence,
    }


def _entry_json(pack: Pack, entry: AttributeValue, decl: AttributeDecl | None, lang: Lang) -> dict[str, Any]:
    confidence = pack.confidence_of(entry.confidence, entry.sources)
    return {
        "value": entry.value if entry.value is not None else "unknown",
        "label": value_label(decl, entry, lang),
        "since": entry.since.isoformat() if entry.since else None,
        "note": entry.note.get(lang),
        "confidence": confidence,
        "unconfirmed": confidence != "confirmed",
        "sources": [_source_json(pack, s) for s in entry.sources],
    }


def countries_data(pack: Pack, as_of: dt.date, lang: Lang) -> dict[str, Any]:
    """The table as plain data: what `--format json` prints."""
    countries = []
    for country in pack.country_list:
        attributes = []
        for row in rows(pack, country, as_of, lang):
            decl = pack.attributes.get(row.id)
            given = next(a for a in country.attributes if a.id == row.id)
            item: dict[str, Any] = {"id": row.id, "title": row.title}
            if row.entry is None:
                item.update({"value": None, "label": row.label, "since": None, "note": None, "confidence": row.confidence})
                item.update({"unconfirmed": True, "sources": []})
            else:
                item.update(_entry_json(pack, row.entry, decl, lang))
            # Every dated value, newest first: what held before, and what will from a later date.
            item["history"] = [_entry_json(pack, entry, decl, lang) for entry in given.values]
            attributes.append(item)
        countries.append(
            {
                "id": country.id,
                "name": country.name.get(lang),
                "reviewed": country.reviewed.isoformat(),
                "stale": is_stale(country, as_of),
                "reviewed_against": [
                    _source_json(pack, item) if item in pack.sources else {"id": item} for item in country.reviewed_against
                ],
                "attributes": attributes,
                "topics": [topic.id for topic in country.topics],
            }
        )
    return {
        "schema": SCHEMA_ID,
        "as_of": as_of.isoformat(),
        "lang": lang,
        "disclaimer": t("disclaimer", lang),
        "pack": {"name": pack.name, "version": pack.version},
        "attributes": [
            {
                "id": decl.id,
                "type": decl.type,
                "title": decl.title.get(lang),
                "choices": [{"value": c.value, "label": c.label.get(lang)} for c in decl.choices],
            }
            for decl in pack.attribute_list
        ],
        "countries": countries,
    }


def render_countries_json(pack: Pack, as_of: dt.date, lang: Lang) -> str:
    return json.dumps(countries_data(pack, as_of, lang), indent=2, ensure_ascii=False) + "\n"
