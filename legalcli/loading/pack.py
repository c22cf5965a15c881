"""Rule pack files -> the frozen model.  `load_pack` stops at the first structural fault
(exit 2); `load_pack_problems` and `check_pack_files` go on past faults, so that
`rules check` shows every problem of every file at once; meaning is left to `checks`."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from legalcli.core.calendar import UNITS
from legalcli.core.conditions import (
    COUNTRY_OPERATORS,
    OPERATORS,
    AllOf,
    AnyOf,
    Condition,
    CountryTest,
    FactTest,
    Not,
    Period,
    SituationRef,
)
from legalcli.core.errors import InputError, Location
from legalcli.core.model import (
    AttributeDecl,
    AttributeValue,
    Choice,
    Clause,
    Country,
    CountryAttribute,
    CountryTopic,
    Deadline,
    Fact,
    Law,
    Pack,
    Risk,
    Route,
    Situation,
    Source,
    Text,
)
from legalcli.loading.paths import default_rules_dir, resolve_rules_dir
from legalcli.loading.reader import RULE_LIMITS, Map, Node, Scalar, Seq, decode, parse_text, read_bytes
from legalcli.loading.schema import RULE_FILE_SCHEMAS, Fault, validate, validate_all

if TYPE_CHECKING:
    from legalcli.core.checks import Problem

T = TypeVar("T")

__all__ = [
    "build_pack",
    "check_pack_files",
    "default_rules_dir",
    "load_pack",
    "load_pack_problems",
    "read_pack",
    "resolve_rules_dir",
]


def pack_files(root: str) -> list[tuple[str, str]]:
    """(kind, path) of every file of a pack, in a stable order; InputError when `root` is
    no pack or a file is a link that leads out of it."""
    files, outside = _pack_files(root)
    if outside:
        raise outside[0]
    return files


def _pack_files(root: str) -> tuple[list[tuple[str, str]], list[InputError]]:
    """The files of a pack, and an error for each link that leads out of it (left out)."""
    if not os.path.isdir(root):
        raise InputError("is not a rule pack directory", location=Location(root))
    if not os.path.isfile(os.path.join(root, "pack.yaml")):
        raise InputError("has no pack.yaml; is this a rule pack?", location=Location(root))
    files = [("pack", os.path.join(root, "pack.yaml"))]
    for sub, kind in (("facts", "facts"), ("situations", "situation"), ("routes", "route")):
        folder = os.path.join(root, sub)
        if os.path.isdir(folder):
            names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml") and not n.endswith(".cases.yaml"))
            files.extend((kind, os.path.join(folder, n)) for n in names)
    for name, kind in (("laws.yaml", "laws"), ("sources.yaml", "sources"), ("countries.yaml", "countries")):
        if os.path.isfile(os.path.join(root, name)):
            files.append((kind, os.path.join(root, name)))
    # Large registries may be split by topic: laws/*.yaml, sources/*.yaml.
    for kind in ("laws", "sources"):
        folder = os.path.join(root, kind)
        if os.path.isdir(folder):
            files.extend((kind, os.path.join(folder, n)) for n in sorted(os.listdir(folder)) if n.endswith(".yaml"))
    # A link inside the pack that leads out of it would let whoever controls the place it
    # points to change the rules: every file must resolve to a place under the pack.
    # (Non-regular files are refused when read: reader.read_bytes.)
    inside = os.path.join(os.path.realpath(root), "")
    kept: list[tuple[str, str]] = []
    outside: list[InputError] = []
    for kind, path in files:
        if os.path.realpath(path).startswith(inside):
            kept.append((kind, path))
        else:
            outside.append(
                InputError(
                    "is a link that leads outside the rule pack; copy the file into the pack",
                    location=Location(display_path(path, root)),
                )
            )
    return kept, outside


def display_path(path: str, root: str) -> str:
    """A path as messages show it: relative to the pack's parent when inside it."""
    try:
        return os.path.relpath(path, os.path.dirname(os.path.abspath(root)))
    except ValueError:
        return path


def read_pack(root: str) -> list[tuple[str, str, bytes]]:
    """(kind, path, bytes) of every file of a pack, read under the size caps."""
    return [(kind, path, read_bytes(path, RULE_LIMITS)) for kind, path in pack_files(root)]


def load_pack(root: str) -> Pack:
    """Read, validate and build a pack; InputError on the first structural problem."""
    return build_pack(root, read_pack(root))


def build_pack(root: str, files: list[tuple[str, str, bytes]]) -> Pack:
    """The pack from its files' bytes (see read_pack); InputError on the first
    structural problem."""
    return _build(root, files, None)


# --- every problem at once, for `rules check` -----------------------------------------
# A fault in one rule must neither stop the reading of the others nor let a rule that
# does not fit its schema into the pack (the engine and the checks rely on the schema).
# So each file is validated whole, every fault reported, and the rules without a fault
# built: a fact, law, source or country entry of a list file, a whole route, situation
# or pack.yaml.  A text missing a language is the one fault that keeps its rule: the text
# is built with '' and check_pack's missing-translation reports it, once.


def load_pack_problems(root: str) -> tuple[Pack, list[Problem]]:
    """The pack, built of every rule that fits its schema, and a problem for each file
    that cannot be read and each schema fault of the rest (file:line:col, check
    `file` or `schema`).  InputError only when `root` is no pack at all (no folder, no
    pack.yaml): then nothing can be checked."""
    pack, problems, _left_out = _load_all(root)
    return pack, problems


def check_pack_files(root: str, *, today: dt.date) -> tuple[Pack, list[Problem]]:
    """Every problem of a pack's rule files, sorted by location: what keeps a part from
    being read (load_pack_problems) and what check_pack finds in the rest; a reference
    to a rule that was left out for a fault of its own is not reported again as
    unknown."""
    from legalcli.core.checks import check_pack
    from legalcli.core.checks.references import UNKNOWN_ATTRIBUTE, UNKNOWN_FACT, UNKNOWN_LAW, UNKNOWN_SITUATION, UNKNOWN_SOURCE

    pack, problems, left_out = _load_all(root)
    echoes = {c.id for c in (UNKNOWN_FACT, UNKNOWN_SITUATION, UNKNOWN_LAW, UNKNOWN_SOURCE, UNKNOWN_ATTRIBUTE)}
    found = [p for p in check_pack(pack, today=today) if not (p.check in echoes and dict(p.params).get("name") in left_out)]
    return pack, sorted({*problems, *found}, key=lambda p: (*p.loc.sort_key(), p.check, p.message))


def _load_all(root: str) -> tuple[Pack, list[Problem], set[str]]:
    files, outside = _pack_files(root)
    faults: list[Fault] = [Fault(e, "file", False) for e in outside]
    read: list[tuple[str, str, bytes]] = []
    for kind, path in files:
        try:
            read.append((kind, path, read_bytes(path, RULE_LIMITS)))
        except InputError as exc:
            # Named as every other problem names its file: from the pack's folder.
            shown = Location(display_path(path, root))
            error = InputError(exc.template, location=shown, key=exc.key, suggestion=exc.suggestion, **exc.params)
            faults.append(Fault(error, "file", False))
    collected = _Collected(faults)
    pack = _build(root, read, collected)
    return pack, [as_problem(f.error, f.check) for f in collected.faults], collected.left_out


def as_problem(error: InputError, check: str) -> Problem:
    """An InputError as a problem of `rules check`: its location, its key path and its
    message (in either language).  `check` is the id schema.Fault gives it."""
    from legalcli.core.checks import Problem

    return Problem(error.location or Location(""), "error", "{detail}", check, (("detail", Stated(error)),))


class Stated(NamedTuple):
    """An error's key path and message, put into words in the language asked for: the
    `detail` of a problem made of an InputError (here, and of a scenario case file's)."""

    error: InputError

    def render(self, lang: str = "en") -> str:
        from legalcli.i18n import error_text

        key = f"{self.error.key}: " if self.error.key else ""
        return key + error_text(self.error.template, lang, self.error.params, self.error.suggestion)


class _Collected:
    """What `_build` gathers when it goes on past faults: the faults to report, and the
    ids of the rules left out for a fault of their own."""

    def __init__(self, faults: list[Fault]) -> None:
        self.faults = faults
        self.left_out: set[str] = set()
        # A text missing a language in a rule that is built: check_pack reports it, so
        # it is held back here, and reported only if the rule fails to build after all.
        self._held: dict[int, list[Fault]] = {}

    def validate(self, node: Node, kind: str) -> bool:
        """Validate a file, keep its faults and leave out of its lists the entries that
        have one; False when the file cannot be built at all."""
        found = validate_all(node, RULE_FILE_SCHEMAS[kind])
        bad: dict[str, set[int]] = {name: set() for name in _ENTITY_LISTS.get(kind, ())}
        whole = True
        for fault in found:
            entry = _entry(fault.error.key, bad)
            if fault.kept:
                continue
            if entry is None:
                whole = False
            else:
                bad[entry[0]].add(entry[1])
        for fault in found:
            entry = _entry(fault.error.key, bad)
            if not fault.kept or not whole or (entry is not None and entry[1] in bad[entry[0]]):
                self.faults.append(fault)
            else:
                held = _entries(node, entry[0])[entry[1]] if entry is not None else node
                self._held.setdefault(id(held), []).append(fault)
        if not whole:
            self.leave_out(node)
            return False
        for name, indexes in bad.items():
            if indexes:
                entries = _entries(node, name)
                for index in indexes:
                    self.leave_out(entries[index])
                # Only the list of entries changes; nothing else reads it.
                container = node.items[name] if isinstance(node, Map) else None
                assert isinstance(container, Seq)
                container.items = [n for i, n in enumerate(entries) if i not in indexes]
        return True

    def leave_out(self, node: Node) -> None:
        """Note the id of a rule left out, so that references to it are not reported as
        unknown: the rule exists, it has a fault."""
        if isinstance(node, Map):
            ident = node.items.get("id")
            if isinstance(ident, Scalar):
                self.left_out.add(ident.text)

    def failed(self, error: InputError, node: Node) -> None:
        """A rule that fits its schema but breaks a rule of the grammar the schema cannot
        express (one operator per fact test, one period per deadline)."""
        self.faults.append(Fault(error, "schema", False))
        self.faults.extend(self._held.pop(id(node), []))
        self.leave_out(node)


def _entry(key: str, lists: dict[str, set[int]]) -> tuple[str, int] | None:
    """The entry of a list of rules a key path lies in ("facts[3].question" -> facts, 3),
    or None when it lies outside every entry (the file as a whole)."""
    match = _ENTRY.match(key)
    if match is None or match.group(1) not in lists:
        return None
    return match.group(1), int(match.group(2))


def _entries(node: Node, name: str) -> list[Node]:
    items = node.items.get(name) if isinstance(node, Map) else None
    return items.items if isinstance(items, Seq) else []


# The lists of rules in a file of each kind: an entry with a fault is left out alone.
_ENTITY_LISTS = {"facts": ("facts",), "laws": ("laws",), "sources": ("sources",), "countries": ("attributes", "countries")}
_ENTRY = re.compile(r"([a-z_]+)\[([0-9]+)\]")


def _build(root: str, files: list[tuple[str, str, bytes]], collected: _Collected | None) -> Pack:
    """The pack from its files' bytes.  With `collected` None the first fault raises;
    else each fault is collected and the rules that have none are built."""
    import hashlib

    digest = hashlib.sha256()
    builder = _Builder()
    pack_meta: dict[str, Any] | None = None
    pack_loc = Location("")

    def each(make: Callable[[Map], T], nodes: list[Map], into: list[T]) -> None:
        for n in nodes:
            try:
                into.append(make(n))
            except InputError as exc:
                if collected is None:
                    raise
                collected.failed(exc, n)

    for kind, path, data in files:
        shown = display_path(path, root)
        digest.update(os.path.relpath(path, root).encode() + b"\0" + data + b"\0")
        try:
            node = parse_text(decode(data, shown), shown, RULE_LIMITS)
        except InputError as exc:
            if collected is None:
                raise
            collected.faults.append(Fault(exc, "file", False))
            continue
        if collected is None:
            validate(node, RULE_FILE_SCHEMAS[kind])
        elif not collected.validate(node, kind):
            continue
        assert isinstance(node, Map)
        if kind == "pack":
            pack_meta, pack_loc = _meta(node), node.loc
        elif kind == "facts":
            each(builder.fact, _seq(node, "facts"), builder.facts)
        elif kind == "situation":
            each(builder.situation, [node], builder.situations)
        elif kind == "route":
            each(builder.route, [node], builder.routes)
        elif kind == "laws":
            each(builder.law, _seq(node, "laws"), builder.laws)
        elif kind == "sources":
            each(builder.source, _seq(node, "sources"), builder.sources)
        elif kind == "countries":
            each(builder.attribute, _seq(node, "attributes"), builder.attributes)
            each(lambda n: builder.country(n, builder.attributes), _seq(node, "countries"), builder.countries)
    if pack_meta is None:
        # Only when collecting, with pack.yaml unreadable: its fault is reported, and the
        # rest of the pack is still checked under its folder's name.
        assert collected is not None
        name = os.path.basename(os.path.abspath(root))
        pack_meta = {
            "name": name,
            "version": "",
            "title": Text(name, name),  # not a text a client reads: nothing to report of it
            "jurisdiction": "RU",
            "reviewed": dt.date.min,
        }
    return Pack(
        name=pack_meta["name"],
        version=pack_meta["version"],
        title=pack_meta["title"],
        jurisdiction=pack_meta["jurisdiction"],
        reviewed=pack_meta["reviewed"],
        root=root,
        fingerprint="sha256:" + digest.hexdigest(),
        fact_list=tuple(builder.country_facts()),
        situation_list=tuple(builder.situations),
        route_list=tuple(builder.routes),
        law_list=tuple(builder.laws),
        source_list=tuple(builder.sources),
        loc=pack_loc,
        country_list=tuple(builder.countries),
        attribute_list=tuple(builder.attributes),
    )


def _seq(node: Map, key: str) -> list[Map]:
    items = node.items[key]
    assert isinstance(items, Seq)
    return [n for n in items.items if isinstance(n, Map)]


def _meta(node: Map) -> dict[str, Any]:
    return {
        "name": _str(node, "name"),
        "version": _str(node, "version"),
        "title": _text(node.items["title"]),
        "jurisdiction": _str(node, "jurisdiction", "RU"),
        "reviewed": _date(node, "reviewed"),
    }


def _value(node: Map, key: str, default: Any = None) -> Any:
    child = node.items.get(key)
    if child is None:
        return default
    assert isinstance(child, Scalar)
    return child.value


def _str(node: Map, key: str, default: str = "") -> str:
    value = _value(node, key, default)
    return str(value)


def _date(node: Map, key: str) -> dt.date:
    value = _value(node, key)
    assert isinstance(value, dt.date)
    return value


def _opt_date(node: Map | None, key: str) -> dt.date | None:
    if node is None:
        return None
    value = _value(node, key)
    return value if isinstance(value, dt.date) else None


def _ids(node: Map, key: str) -> tuple[str, ...]:
    child = node.items.get(key)
    if child is None:
        return ()
    assert isinstance(child, Seq)
    return tuple(str(n.value) for n in child.items if isinstance(n, Scalar))


def _text(node: Node) -> Text:
    """A text; the mark of its own, where the schema lets it carry one (a marked text)."""
    assert isinstance(node, Map)
    return Text(en=_str(node, "en"), ru=_str(node, "ru"), loc=node.loc, confidence=_value(node, "confidence"))


def _opt_text(node: Map, key: str) -> Text | None:
    child = node.items.get(key)
    return _text(child) if child is not None else None


def parse_condition(node: Node) -> Condition:
    """A validated condition mapping -> its tree; the combinations the schema cannot
    express (one operator per fact test, nothing beside all/any/not) are checked here."""
    assert isinstance(node, Map)
    keys = set(node.items)
    loc = node.loc
    if "country" in keys:
        return _country_test(node)
    if "fact" in keys:
        ops = [k for k in node.items if k in OPERATORS]
        others = keys - {"fact"} - set(ops)
        if len(ops) != 1 or others:
            raise InputError(
                "a fact test needs exactly one of: {allowed}", location=loc, key="condition", allowed=", ".join(OPERATORS)
            )
        op = ops[0]
        operand_node = node.items[op]
        operand: Any
        if op in ("passed", "ended"):
            assert isinstance(operand_node, Map)
            ((unit, amount),) = ((k, _value(operand_node, k)) for k in operand_node.items)
            operand = Period(int(amount), unit)
        elif isinstance(operand_node, Seq):
            operand = tuple(n.value for n in operand_node.items if isinstance(n, Scalar))
        else:
            assert isinstance(operand_node, Scalar)
            operand = operand_node.value
        return FactTest(fact=_str(node, "fact"), op=op, operand=operand, loc=loc)
    if len(keys) != 1:
        raise InputError(
            "'situation', 'all', 'any' and 'not' each stand alone; an operator needs 'fact'",
            location=loc,
            key="condition",
        )
    (key,) = keys
    child = node.items[key]
    if key == "situation":
        return SituationRef(situation=_str(node, "situation"), loc=loc)
    if key == "not":
        return Not(item=parse_condition(child), loc=loc)
    if key in ("all", "any"):
        assert isinstance(child, Seq)
        items = tuple(parse_condition(n) for n in child.items)
        return AllOf(items, loc) if key == "all" else AnyOf(items, loc)
    raise InputError("'{name}' needs 'fact' beside it", location=loc, key="condition", name=key)


def _country_test(node: Map) -> CountryTest:
    """`{country: F, has: A}` or `{country: F, attribute: A, is|in: V}`."""
    keys = set(node.items) - {"country"}
    loc = node.loc
    if keys == {"has"}:
        return CountryTest(_str(node, "country"), _str(node, "has"), "has", True, loc)
    ops = keys - {"attribute"}
    if "attribute" not in keys or len(ops) != 1 or not ops <= set(COUNTRY_OPERATORS) - {"has"}:
        raise InputError(
            "a country test is {country: F, has: A} or {country: F, attribute: A, is: V} (or in: [V, ...])",
            location=loc,
            key="condition",
        )
    (op,) = ops
    operand_node = node.items[op]
    operand: Any
    if isinstance(operand_node, Seq):
        operand = tuple(n.value for n in operand_node.items if isinstance(n, Scalar))
    else:
        assert isinstance(operand_node, Scalar)
        operand = operand_node.value
    return CountryTest(_str(node, "country"), _str(node, "attribute"), op, operand, loc)


def _cond(node: Map, key: str) -> Condition | None:
    child = node.items.get(key)
    return parse_condition(child) if child is not None else None


class _Builder:
    def __init__(self) -> None:
        self.facts: list[Fact] = []
        self.situations: list[Situation] = []
        self.routes: list[Route] = []
        self.laws: list[Law] = []
        self.sources: list[Source] = []
        self.countries: list[Country] = []
        self.attributes: list[AttributeDecl] = []

    def country_facts(self) -> list[Fact]:
        """Facts as read, a `type: country` fact given the country table's ids and names."""
        if not self.countries:
            return self.facts
        choices = tuple(Choice(c.id, c.name) for c in self.countries)
        return [f._replace(choices=choices) if f.country else f for f in self.facts]

    def attribute(self, node: Map) -> AttributeDecl:
        choices = node.items.get("choices")
        return AttributeDecl(
            id=_str(node, "id"),
            type=_value(node, "type"),
            title=_text(node.items["title"]),
            choices=tuple(Choice(_str(n, "value"), _text(n.items["label"])) for n in choices.items if isinstance(n, Map))
            if isinstance(choices, Seq)
            else (),
            loc=node.loc,
        )

    def country(self, node: Map, declared: list[AttributeDecl]) -> Country:
        attributes = []
        raw = node.items.get("attributes")
        assert isinstance(raw, Map)
        for name, child in raw.items.items():
            entries = child.items if isinstance(child, Seq) else [child]
            values = []
            for entry in entries:
                assert isinstance(entry, Map)
                value = _value(entry, "value")
                values.append(
                    AttributeValue(
                        value=None if value == "unknown" else value,
                        since=_opt_date(entry, "from"),
                        note=_text(entry.items["note"]),
                        sources=_ids(entry, "sources"),
                        confidence=_value(entry, "confidence"),
                        loc=entry.loc,
                    )
                )
            attributes.append(CountryAttribute(name, tuple(values)))
        topics = []
        raw_topics = node.items.get("topics")
        if isinstance(raw_topics, Map):
            for name, child in raw_topics.items.items():
                assert isinstance(child, Map)
                steps = child.items.get("steps")
                topics.append(
                    CountryTopic(
                        name,
                        tuple(_text(n) for n in steps.items) if isinstance(steps, Seq) else (),
                        self._deadlines(child),
                    )
                )
        return Country(
            id=_str(node, "id"),
            name=_text(node.items["name"]),
            reviewed=_date(node, "reviewed"),
            reviewed_against=_ids(node, "reviewed_against"),
            attributes=tuple(attributes),
            topics=tuple(topics),
            loc=node.loc,
        )

    def fact(self, node: Map) -> Fact:
        choices: list[Choice] = []
        raw = node.items.get("choices")
        if isinstance(raw, Seq):
            for item in raw.items:
                assert isinstance(item, Map)
                choices.append(Choice(value=_str(item, "value"), label=_text(item.items["label"])))
        declared = _value(node, "type")
        return Fact(
            id=_str(node, "id"),
            type="choice" if declared == "country" else declared,
            question=_text(node.items["question"]),
            help=_opt_text(node, "help"),
            choices=tuple(choices),
            ask_if=_cond(node, "ask_if"),
            changeable=bool(_value(node, "changeable", False)),
            sensitive=bool(_value(node, "sensitive", False)),
            loc=node.loc,
            country=declared == "country",
            short=_opt_text(node, "short"),
        )

    def deadline(self, node: Node) -> Deadline:
        assert isinstance(node, Map)
        periods = [unit for unit in ("days", "months", "years") if unit in node.items]
        if len(periods) != 1:
            raise InputError("a deadline needs exactly one of: days, months, years", location=node.loc, key="deadline")
        unit: str = periods[0]
        if _value(node, "working_days", False):
            if unit != "days":
                raise InputError("working_days goes with days, not months or years", location=node.loc, key="deadline")
            unit = "working_days"
        assert unit in UNITS
        return Deadline(
            id=_str(node, "id"),
            from_fact=_str(node, "from_fact"),
            amount=int(_value(node, periods[0])),
            unit=unit,
            text=_text(node.items["text"]),
            legal_basis=_ids(node, "legal_basis"),
            sources=_ids(node, "sources"),
            confidence=_value(node, "confidence"),
            loc=node.loc,
            kind=_value(node, "kind", "duty"),
        )

    def _deadlines(self, node: Map) -> tuple[Deadline, ...]:
        raw = node.items.get("deadlines")
        return tuple(self.deadline(n) for n in raw.items) if isinstance(raw, Seq) else ()

    def situation(self, node: Map) -> Situation:
        when = _cond(node, "when")
        assert when is not None
        return Situation(
            id=_str(node, "id"),
            title=_text(node.items["title"]),
            summary=_opt_text(node, "summary"),
            when=when,
            deadlines=self._deadlines(node),
            legal_basis=_ids(node, "legal_basis"),
            sources=_ids(node, "sources"),
            confidence=_value(node, "confidence"),
            reviewed=_date(node, "reviewed"),
            loc=node.loc,
            reviewed_against=_ids(node, "reviewed_against"),
        )

    def _clauses(self, node: Map, key: str) -> tuple[Clause, ...]:
        raw = node.items.get(key)
        if not isinstance(raw, Seq):
            return ()
        result = []
        for item in raw.items:
            assert isinstance(item, Map)
            when = _cond(item, "when")
            assert when is not None
            result.append(
                Clause(
                    when=when,
                    because=_text(item.items["because"]),
                    confidence=_value(item, "confidence"),
                    sources=_ids(item, "sources"),
                    loc=item.loc,
                    legal_basis=_ids(item, "legal_basis"),
                )
            )
        return tuple(result)

    def route(self, node: Map) -> Route:
        risks = []
        raw = node.items.get("risks")
        if isinstance(raw, Seq):
            for item in raw.items:
                assert isinstance(item, Map)
                risks.append(
                    Risk(
                        id=_str(item, "id"),
                        when=_cond(item, "when"),
                        severity=_value(item, "severity"),
                        text=_text(item.items["text"]),
                        legal_basis=_ids(item, "legal_basis"),
                        sources=_ids(item, "sources"),
                        confidence=_value(item, "confidence"),
                        loc=item.loc,
                    )
                )
        steps = node.items.get("steps")
        documents = node.items.get("documents")
        effective = node.items.get("effective")
        eff = effective if isinstance(effective, Map) else None
        return Route(
            id=_str(node, "id"),
            kind=_value(node, "kind", "option"),
            title=_text(node.items["title"]),
            summary=_text(node.items["summary"]),
            applies_if=_cond(node, "applies_if"),
            requires=self._clauses(node, "requires"),
            blocked_if=self._clauses(node, "blocked_if"),
            risks=tuple(risks),
            steps=tuple(_text(n) for n in steps.items) if isinstance(steps, Seq) else (),
            documents=tuple(_text(n) for n in documents.items) if isinstance(documents, Seq) else (),
            deadlines=self._deadlines(node),
            legal_basis=_ids(node, "legal_basis"),
            sources=_ids(node, "sources"),
            confidence=_value(node, "confidence"),
            reviewed=_date(node, "reviewed"),
            effective_from=_opt_date(eff, "from"),
            effective_until=_opt_date(eff, "until"),
            loc=node.loc,
            unsettled_if=self._clauses(node, "unsettled_if"),
            reviewed_against=_ids(node, "reviewed_against"),
            country_topic=_str(node, "country_topic"),
            aliases=_ids(node, "aliases"),
        )

    def law(self, node: Map) -> Law:
        effective = node.items.get("effective")
        eff = effective if isinstance(effective, Map) else None
        return Law(
            id=_str(node, "id"),
            title=_text(node.items["title"]),
            summary=_text(node.items["summary"]),
            penalties=_opt_text(node, "penalties"),
            effective_from=_opt_date(eff, "from"),
            effective_until=_opt_date(eff, "until"),
            sources=_ids(node, "sources"),
            confidence=_value(node, "confidence"),
            loc=node.loc,
        )

    def source(self, node: Map) -> Source:
        return Source(
            id=_str(node, "id"),
            title=_str(node, "title"),
            publisher=_str(node, "publisher"),
            url=_str(node, "url"),
            date=_str(node, "date"),
            kind=_str(node, "kind"),
            confidence=_value(node, "confidence"),
            brief=_str(node, "brief"),
            note=_opt_text(node, "note"),
            loc=node.loc,
        )
