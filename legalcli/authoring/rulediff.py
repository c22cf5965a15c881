"""`legalcli rules diff OLD NEW`: what changed in the rules themselves, for the reviewer
who signs a release off (docs/review.md, "Releasing a pack").

Both packs are loaded as the engine sees them, and compared entity by entity (facts,
situations, routes, laws, sources, the country table, pack.yaml): what was added,
removed or renamed (a route that keeps its old id as an alias, or any entity whose
content is unchanged under a new id), and for the rest every field that differs —
conditions, texts (each language), sources and legal bases, effective dates, deadlines,
review dates — grouped by the file it is in.  Locations are ignored: moving a rule
within its file is no change.  Pure: it takes two packs and returns values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from legalcli.core.checks.base import Problem, WarningCheck, _warning
from legalcli.core.conditions import AllOf, AnyOf, CountryTest, FactTest, Not, Period, SituationRef
from legalcli.core.errors import Location, Owner
from legalcli.core.model import Pack, Text

# What `rules check` reports of the review records and the release (review_problems;
# docs/rule-format.md's table of checks lists them: tools/checks_doc.py).
REVIEW_RECORD = WarningCheck(
    "review-record",
    "a rule changed after its recorded review, a review date with no record, or a record that names nothing in the pack",
)
RELEASE = WarningCheck(
    "release",
    "rules changed while the pack's version stayed, or no `CHANGELOG.md` entry for the version (or no `CHANGELOG.md`)",
)

_CONDITIONS = (FactTest, CountryTest, SituationRef, AllOf, AnyOf, Not)
# What each field is, for a reviewer: the categories of the list.
_CATEGORY = {
    "applies_if": "condition",
    "when": "condition",
    "ask_if": "condition",
    "sources": "sources",
    "legal_basis": "sources",
    "reviewed_against": "review",
    "reviewed": "review",
    "confidence": "sources",
    "url": "sources",
    "publisher": "sources",
    "brief": "sources",
    "kind": "other",
    "effective_from": "dates",
    "effective_until": "dates",
    "since": "dates",
    "date": "sources",
    "amount": "deadline",
    "unit": "deadline",
    "from_fact": "deadline",
    "severity": "risk",
    "value": "value",
    "version": "pack",
}


class Change(NamedTuple):
    """One difference.  `change`: added, removed, renamed or changed; `path`: the field
    within the entity ("requires[1].when", "title.ru"); `old`/`new` as the rule file
    would write them ("" where there is nothing)."""

    file: str
    change: str
    kind: str
    id: str
    path: str = ""
    category: str = ""
    old: str = ""
    new: str = ""


def diff_packs(old: Pack, new: Pack) -> list[Change]:
    """Every change from `old` to `new`, by file, then in the order of the files."""
    changes: list[Change] = []
    meta_fields = ("name", "version", "title", "jurisdiction", "reviewed")
    for field in meta_fields:
        for path, before, after in _diff(getattr(old, field), getattr(new, field), field):
            changes.append(Change(_file(new.loc), "changed", "pack", new.name, path, _category(path), before, after))
    for kind, olds, news in (
        ("fact", old.fact_list, new.fact_list),
        ("situation", old.situation_list, new.situation_list),
        ("route", old.route_list, new.route_list),
        ("law", old.law_list, new.law_list),
        ("source", old.source_list, new.source_list),
        ("attribute", old.attribute_list, new.attribute_list),
        ("country", old.country_list, new.country_list),
    ):
        changes += _entities(kind, olds, news)
    return sorted(changes, key=lambda c: c.file)  # stable: within a file, in pack order


def _entities(kind: str, olds: tuple[Any, ...], news: tuple[Any, ...]) -> Iterator[Change]:
    before = {item.id: item for item in olds}
    after = {item.id: item for item in news}
    gone = [i for i in before if i not in after]
    came = [i for i in after if i not in before]
    renamed: dict[str, str] = {}
    for old_id in gone:
        match = next((i for i in came if i not in renamed.values() and _same_but_id(before[old_id], after[i])), None)
        if match is not None:
            renamed[old_id] = match
    for ident, item in after.items():
        if ident in before:
            yield from _changed(kind, ident, before[ident], item)
        elif ident in renamed.values():
            old_id = next(o for o, n in renamed.items() if n == ident)
            yield Change(_file(item.loc), "renamed", kind, ident, "id", "id", old_id, ident)
            yield from _changed(kind, ident, before[old_id], item, skip=("id", "aliases"))
        else:
            yield Change(_file(item.loc), "added", kind, ident)
    for ident in gone:
        if ident not in renamed:
            yield Change(_file(before[ident].loc), "removed", kind, ident)


def _same_but_id(old: Any, new: Any) -> bool:
    """The new entity is the old one under another id: a route that names the old id
    among its aliases, or anything whose content is otherwise unchanged."""
    if old.id in getattr(new, "aliases", ()):
        return True
    return bool(_plain(old._replace(id="")) == _plain(new._replace(id="")))


def _changed(kind: str, ident: str, old: Any, new: Any, skip: tuple[str, ...] = ()) -> Iterator[Change]:
    for path, before, after in _diff(old, new, ""):
        if path.split(".", 1)[0].split("[", 1)[0] in skip:
            continue
        yield Change(_file(new.loc), "changed", kind, ident, path, _category(path), before, after)


def _diff(old: Any, new: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """(path, old, new) for each leaf that differs.  A condition is one leaf (shown
    whole); a text, one leaf per language; lists of things with ids are matched by id."""
    if isinstance(old, _CONDITIONS) or isinstance(new, _CONDITIONS):
        if _plain(old) != _plain(new):
            yield path, render(old), render(new)
        return
    if isinstance(old, Text) or isinstance(new, Text):
        for field in ("en", "ru", "confidence"):  # a text's own mark is content too
            before = (getattr(old, field, "") if old is not None else "") or ""
            after = (getattr(new, field, "") if new is not None else "") or ""
            if before != after:
                yield _join(path, field), before, after
        return
    if _is_record(old) and _is_record(new) and type(old) is type(new):
        for field in old._fields:
            if field == "loc":
                continue
            yield from _diff(getattr(old, field), getattr(new, field), _join(path, field))
        return
    if isinstance(old, tuple) and isinstance(new, tuple) and not _is_record(old) and not _is_record(new):
        if _has_ids(old + new):
            before = {item.id: item for item in old}
            after = {item.id: item for item in new}
            for ident in dict.fromkeys([*before, *after]):
                where = f"{path}[{ident}]"
                if ident not in after:
                    yield where, render(before[ident]), ""
                elif ident not in before:
                    yield where, "", render(after[ident])
                else:
                    yield from _diff(before[ident], after[ident], where)
            return
        if any(_is_record(x) or isinstance(x, Text) for x in (*old, *new)):
            for index in range(max(len(old), len(new))):
                where = f"{path}[{index}]"
                if index >= len(new):
                    yield where, render(old[index]), ""
                elif index >= len(old):
                    yield where, "", render(new[index])
                else:
                    yield from _diff(old[index], new[index], where)
            return
    if _plain(old) != _plain(new):
        yield path, render(old), render(new)


def _join(path: str, field: str) -> str:
    return f"{path}.{field}" if path else field


def _is_record(value: object) -> bool:
    return isinstance(value, tuple) and hasattr(value, "_fields") and not isinstance(value, (Location, Period))


def _has_ids(items: tuple[Any, ...]) -> bool:
    return bool(items) and all(_is_record(x) and "id" in x._fields for x in items)


def _plain(value: Any) -> Any:
    """A value without its locations, for comparison."""
    if isinstance(value, Location):
        return None
    if isinstance(value, Text):
        # The mark only when there is one: a text without it keeps the fingerprint it
        # had before texts could carry a mark, so recorded reviews stay valid.
        return (value.en, value.ru) if value.confidence is None else (value.en, value.ru, value.confidence)
    if _is_record(value):
        return (type(value).__name__, *(_plain(getattr(value, f)) for f in value._fields if f != "loc"))
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _category(path: str) -> str:
    leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if leaf in ("en", "ru"):
        return "text"
    if path.endswith("]"):
        return "list"
    return _CATEGORY.get(leaf, "other")


def _file(loc: Location) -> str:
    """The file inside the pack (display paths start with the pack's folder name, which
    differs between two copies of a pack)."""
    parts = loc.path.replace("\\", "/").split("/", 1)
    return parts[1] if len(parts) == 2 else parts[0]


def render(value: Any) -> str:
    """A value as the rule file writes it (a condition in the YAML flow form)."""
    if value is None:
        return ""
    if isinstance(value, FactTest):
        return f"{{fact: {value.fact}, {value.op}: {_operand(value.operand)}}}"
    if isinstance(value, CountryTest):
        if value.op == "has":
            return f"{{country: {value.fact}, has: {value.attribute}}}"
        return f"{{country: {value.fact}, attribute: {value.attribute}, {value.op}: {_operand(value.operand)}}}"
    if isinstance(value, SituationRef):
        return f"{{situation: {value.situation}}}"
    if isinstance(value, Not):
        return f"{{not: {render(value.item)}}}"
    if isinstance(value, (AllOf, AnyOf)):
        name = "all" if isinstance(value, AllOf) else "any"
        return f"{{{name}: [{', '.join(render(item) for item in value.items)}]}}"
    if isinstance(value, Text):
        mark = f", confidence: {value.confidence}" if value.confidence is not None else ""
        return f"{{en: {value.en}, ru: {value.ru}{mark}}}"
    if _is_record(value):
        return "{" + ", ".join(f"{f}: {render(getattr(value, f))}" for f in value._fields if f != "loc") + "}"
    return _operand(value)


def _operand(value: Any) -> str:
    if isinstance(value, (Text, *_CONDITIONS)) or _is_record(value):
        return render(value)
    if isinstance(value, Period):
        return f"{{{value.unit}: {value.amount}}}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_operand(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- output ----------------------------------------------------------------------------

_MARK = {"added": "+", "removed": "-", "renamed": ">", "changed": "~"}


def render_text(changes: list[Change], lang: str) -> str:
    from legalcli.core.safetext import safe
    from legalcli.i18n import t, tn

    if not changes:
        return t("diff.none", lang) + "\n"
    lines: list[str] = []
    current = None
    for change in changes:
        if change.file != current:
            current = change.file
            lines.append(("" if not lines else "\n") + safe(change.file))
        owner = Owner(change.kind, change.id).render(lang)
        head = f"  {_MARK[change.change]} {owner}"
        if change.change in ("added", "removed"):
            lines.append(head)
        elif change.change == "renamed" and change.path == "id":
            lines.append(f"{head}: {change.old} -> {change.new}")
        elif change.old and change.new and max(len(change.old), len(change.new)) <= 60:
            lines.append(f"{head}: {change.path}: {safe(change.old)} -> {safe(change.new)}")
        else:
            lines.append(f"{head}: {change.path}")
            if change.old:
                lines.append(f"      - {safe(change.old)}")
            if change.new:
                lines.append(f"      + {safe(change.new)}")
    files = len({c.file for c in changes})
    lines.append("")
    lines.append(f"{tn('diff.files', files, lang)}, {tn('diff.changes', len(changes), lang)}")
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change]) -> str:
    import json

    files: dict[str, list[dict[str, str]]] = {}
    for change in changes:
        files.setdefault(change.file, []).append({k: v for k, v in change._asdict().items() if k != "file"})
    return json.dumps({"files": files, "changes": len(changes)}, indent=2, ensure_ascii=False) + "\n"


# --- review records --------------------------------------------------------------------
# A review date says when a lawyer read a rule, not what he read.  A review record keeps,
# beside the date, a fingerprint of the content as it stood (the same location-free form
# the diff compares), so that `rules check` can say when a rule changed after its review.
# Records live in <pack>/reviews.yaml, written only by `legalcli rules review --record`;
# its format is in docs/rule-format.md, "Review records".

REVIEWS_FILE = "reviews.yaml"
CHANGELOG_FILE = "CHANGELOG.md"
_REVIEW_META = ("reviewed", "reviewed_against")  # the review itself, not what it reviewed


class Record(NamedTuple):
    kind: str  # route, situation or country
    id: str
    reviewed: dt.date
    fingerprint: str
    loc: Location


class Records(NamedTuple):
    entries: tuple[Record, ...]
    version: str  # the pack version whose content `content` fingerprints ("" if none)
    content: str
    loc: Location


def fingerprint(entity: Any) -> str:
    """A short stable hash of an entity's content, its review fields and locations left
    out: the same content gives the same fingerprint wherever the rule stands."""
    import hashlib
    import json

    fields = {f: None for f in _REVIEW_META if f in entity._fields}
    plain = _plain(entity._replace(**fields))
    return "sha256:" + hashlib.sha256(json.dumps(plain, default=str, ensure_ascii=False).encode()).hexdigest()[:16]


def pack_fingerprint(pack: Pack) -> str:
    """The content of the whole pack, its version and review date left out: what a new
    version number must follow."""
    import hashlib

    parts = [f"{pack.name}\0{pack.title.en}\0{pack.title.ru}\0{pack.jurisdiction}"]
    for items in (
        pack.fact_list,
        pack.situation_list,
        pack.route_list,
        pack.law_list,
        pack.source_list,
        pack.attribute_list,
        pack.country_list,
    ):
        parts += [fingerprint(item) for item in items]
    return "sha256:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def reviewed_entities(pack: Pack) -> list[tuple[str, Any]]:
    """(kind, entity) of everything that carries a review: routes, situations, countries."""
    found: list[tuple[str, Any]] = [("route", r) for r in pack.route_list]
    found += [("situation", s) for s in pack.situation_list]
    found += [("country", c) for c in pack.country_list]
    return found


class Standing(NamedTuple):
    """One rule's review as it stands: its age and whether its content changed since."""

    kind: str
    id: str
    reviewed: dt.date
    age: int  # days before `today`
    state: str  # ok, changed (content differs from the record), unrecorded (no record of this review)
    loc: Location


def standings(pack: Pack, records: Records | None, today: dt.date) -> list[Standing]:
    """Everything with a review, oldest review first."""
    known = {(r.kind, r.id): r for r in records.entries} if records else {}
    found = []
    for kind, entity in reviewed_entities(pack):
        record = known.get((kind, entity.id))
        if record is None or record.reviewed != entity.reviewed:
            state = "unrecorded"
        elif record.fingerprint != fingerprint(entity):
            state = "changed"
        else:
            state = "ok"
        found.append(Standing(kind, entity.id, entity.reviewed, (today - entity.reviewed).days, state, entity.loc))
    return sorted(found, key=lambda s: (s.reviewed, s.kind, s.id))


def review_problems(pack: Pack, records: Records | None, changelog: str | None, *, today: dt.date) -> Iterator[Problem]:
    """Warnings of `rules check` about review records, the version and the changelog.
    Nothing when the pack keeps no records (reviews.yaml): small and test packs."""
    if records is None:
        return
    for standing in standings(pack, records, today):
        if standing.state == "changed":
            yield _warning(
                standing.loc,
                "'{name}' changed after its review of {date}: review it again, then run `legalcli rules review --record`",
                REVIEW_RECORD,
                name=standing.id,
                date=standing.reviewed.isoformat(),
            )
        elif standing.state == "unrecorded":
            yield _warning(
                standing.loc,
                "the review of '{name}' ({date}) has no record of what it reviewed: run `legalcli rules review --record`",
                REVIEW_RECORD,
                name=standing.id,
                date=standing.reviewed.isoformat(),
            )
    present = {(kind, e.id) for kind, e in reviewed_entities(pack)}
    for record in records.entries:
        if (record.kind, record.id) not in present:
            yield _warning(
                record.loc,
                "the review record of '{name}' names nothing in the pack: run `legalcli rules review --record`",
                REVIEW_RECORD,
                name=record.id,
            )
    if records.version == pack.version and records.content and records.content != pack_fingerprint(pack):
        yield _warning(
            pack.loc,
            "the rules changed since version {version} was recorded: "
            "raise the version in pack.yaml and say what changed in CHANGELOG.md",
            RELEASE,
            version=pack.version,
        )
    if changelog is None:
        yield _warning(
            pack.loc, "the pack keeps review records but no CHANGELOG.md: say there what each version changed", RELEASE
        )
    elif pack.version not in changelog_versions(changelog):
        yield _warning(pack.loc, "CHANGELOG.md has no entry for version {version}", RELEASE, version=pack.version)


def changelog_versions(text: str) -> list[str]:
    """The versions CHANGELOG.md has entries for: its `## VERSION …` headings."""
    import re

    return re.findall(r"^##\s+\[?v?([0-9][0-9A-Za-z.+\-]*)\]?", text, re.MULTILINE)


def updated_records(pack: Pack, records: Records | None, again: Sequence[str] = ()) -> tuple[Records, list[str]]:
    """The records after `rules review --record`: each rule whose review date is not yet
    recorded gets its fingerprint (and the pack's content its version, when the version
    is new).  A rule that changed after a recorded review is left as it is: recording it
    without a new review date would bless a change nobody reviewed, unless the reviewer
    names it in `again` (read again the same day, so the date cannot move)."""
    known = {(r.kind, r.id): r for r in records.entries} if records else {}
    entries: list[Record] = []
    written: list[str] = []
    for kind, entity in reviewed_entities(pack):
        old = known.get((kind, entity.id))
        if old is not None and old.reviewed == entity.reviewed and entity.id not in again:
            entries.append(old)
        else:
            entries.append(Record(kind, entity.id, entity.reviewed, fingerprint(entity), entity.loc))
            written.append(f"{kind} {entity.id}")
    version, content = (records.version, records.content) if records else ("", "")
    if version != pack.version:
        version, content = pack.version, pack_fingerprint(pack)
        written.append(f"pack {pack.version}")
    return Records(tuple(entries), version, content, Location("")), written


def dump_records(records: Records) -> str:
    """reviews.yaml's text (written by rules review --record, read by read_records)."""
    lines = [
        "# yaml-language-server: $schema=../docs/schema/reviews.json",  # the editor's schema, as every rule file
        '# Review records (docs/rule-format.md, "Review records"): for each route, situation and',
        "# country, the date of its last review and a fingerprint of the content that review read;",
        "# and the pack version with a fingerprint of its content.  Written by",
        "# `legalcli rules review --record`; never edit it by hand.",
        f'pack: {{version: "{records.version}", fingerprint: "{records.content}"}}',
        "records:",
    ]
    for record in sorted(records.entries, key=lambda r: (r.kind, r.id)):
        lines.append(
            f'  - {{{record.kind}: {record.id}, reviewed: {record.reviewed.isoformat()}, fingerprint: "{record.fingerprint}"}}'
        )
    return "\n".join(lines) + "\n"


def read_records(root: str) -> Records | None:
    """The pack's review records, or None when it keeps none (the edge: reads a file)."""
    import os

    from legalcli.loading.pack import display_path
    from legalcli.loading.reader import RULE_LIMITS, Map, Scalar, Seq, parse_bytes, read_bytes
    from legalcli.loading.schema import validate
    from legalcli.loading.schema_data import RECORDS_SCHEMA

    path = os.path.join(root, REVIEWS_FILE)
    if not os.path.exists(path):
        return None
    shown = display_path(path, root)
    node = parse_bytes(read_bytes(path, RULE_LIMITS), shown, RULE_LIMITS)
    validate(node, RECORDS_SCHEMA)
    assert isinstance(node, Map)
    head, items = node.items["pack"], node.items["records"]
    assert isinstance(head, Map) and isinstance(items, Seq)

    def text(item: Map, key: str) -> Any:
        child = item.items.get(key)
        return child.value if isinstance(child, Scalar) else None

    entries = []
    for item in items.items:
        assert isinstance(item, Map)
        kind = next(k for k in ("route", "situation", "country") if k in item.items)
        entries.append(Record(kind, str(text(item, kind)), text(item, "reviewed"), str(text(item, "fingerprint")), item.loc))
    return Records(tuple(entries), str(text(head, "version")), str(text(head, "fingerprint")), head.loc)


def read_changelog(root: str) -> str | None:
    import os

    path = os.path.join(root, CHANGELOG_FILE)
    if not os.path.exists(path):
        return None
    from legalcli.loading.reader import RULE_LIMITS, decode, read_bytes

    return decode(read_bytes(path, RULE_LIMITS), path)
