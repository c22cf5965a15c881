"""Hardened reading of YAML and JSON into location-carrying nodes.

Every document legalcli reads (rule packs, case files, stdin) is parsed by `parse_bytes`
or `parse_text`; a file is read first by `read_bytes`, under its size cap.  It parses with
libyaml's event stream (the C parser) and composes the tree itself, so that it can keep a
location for every key and value, refuse duplicate keys, explicit tags and deep nesting,
and count aliases before anything expands them.  Scalars are not typed here: YAML 1.1
turns `no` into False and `012` into 10 without a word, so a scalar stays text until the
schema says what it must be (see `schema.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from legalcli.core.errors import InputError, Location

MAX_DEPTH = 64
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MAX_SCALAR_CHARS = 100_000
_tuple_new = tuple.__new__


class Limits(NamedTuple):
    """Caps applied before and while parsing; a hostile file meets them early.  (A
    record nobody changes: a NamedTuple, cheaper to make at import than a dataclass.)"""

    max_bytes: int
    max_aliases: int
    max_depth: int = MAX_DEPTH
    max_nodes: int = 200_000


RULE_LIMITS = Limits(max_bytes=1_000_000, max_aliases=50)
CASE_LIMITS = Limits(max_bytes=256_000, max_aliases=0, max_nodes=20_000)


@dataclass(slots=True)
class Scalar:
    """A scalar as written: its text, whether it was plain (unquoted), where it stood."""

    text: str
    plain: bool
    loc: Location
    value: Any = None  # filled by the schema validator with the typed value

    kind = "scalar"


@dataclass(slots=True)
class Seq:
    items: list[Node]
    loc: Location
    kind = "sequence"


@dataclass(slots=True)
class Map:
    """A mapping; `keys` keeps each key's own location for messages."""

    items: dict[str, Node]
    loc: Location
    keys: dict[str, Location] = field(default_factory=dict)
    kind = "mapping"

    def get(self, key: str) -> Node | None:
        return self.items.get(key)


Node = Scalar | Seq | Map


def decode(data: bytes, path: str) -> str:
    """UTF-8 only (a BOM is fine); a bad byte is reported by line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        line = good.count(b"\n") + 1
        column = len(good) - (good.rfind(b"\n") + 1) + 1
        raise InputError(
            "the file is not UTF-8 text (save it as UTF-8; cp1251 and UTF-16 are not read)",
            location=Location(path, line, column),
        ) from None


def _not_regular(path: str) -> InputError:
    return InputError(
        "is not a regular file (a FIFO, a device or a socket); only regular files are read", location=Location(path)
    )


def read_bytes(path: str, limits: Limits) -> bytes:
    """Read a file, refusing it before reading when it is larger than the cap, and
    refusing anything but a regular file: a FIFO would block for ever, a device never
    ends."""
    import os
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path)
        if info.st_size > limits.max_bytes:
            raise InputError(
                "the file is {size:,} bytes; at most {cap:,} are read",
                location=Location(path),
                size=info.st_size,
                cap=limits.max_bytes,
            )
        # The file may be swapped for a FIFO between the stat and the open: O_NONBLOCK
        # makes that open return at once (a FIFO's would wait for a writer), and the
        # fstat of what was opened decides.  On a regular file O_NONBLOCK changes nothing.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise _not_regular(path)
            data = _read_upto(fd, limits.max_bytes + 1, opened.st_size)
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", location=Location(path)) from None
    except FileNotFoundError:
        raise InputError("no such file", location=Location(path)) from None
    except PermissionError:
        raise InputError("permission denied", location=Location(path)) from None
    except OSError as exc:
        raise InputError("cannot be read ({reason})", location=Location(path), reason=exc.strerror or "") from None
    if len(data) > limits.max_bytes:
        raise InputError("the file is larger than {cap:,} bytes", location=Location(path), cap=limits.max_bytes)
    return data


def _read_upto(fd: int, cap: int, size: int) -> bytes:
    """At most `cap` bytes of an open regular file, `size` (its size when opened) asked
    for first.  Not a buffered file's read(cap): that makes a buffer of the whole cap
    (a quarter of a megabyte for a case file) on every read, and batch reads thousands
    of small files.  A file that grew since is read on in blocks, up to the cap."""
    import os

    chunks: list[bytes] = []
    total = 0
    want = size + 1  # one more than there should be: a file that grew shows it
    while total < cap:
        chunk = os.read(fd, min(want, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 65536
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def parse_bytes(data: bytes, path: str, limits: Limits) -> Node:
    if len(data) > limits.max_bytes:
        raise InputError("the input is larger than {cap:,} bytes", location=Location(path), cap=limits.max_bytes)
    return parse_text(decode(data, path), path, limits)


def parse_text(text: str, path: str, limits: Limits) -> Node:
    """Parse one YAML (or JSON) document into nodes; every failure is an InputError."""
    import yaml

    if len(text) > limits.max_bytes:
        raise InputError("the input is larger than {cap:,} characters", location=Location(path), cap=limits.max_bytes)
    # libyaml reports these by offset only; name the line and column ourselves.
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        raise InputError(
            "the file contains a control character or a broken code point",
            location=_offset_location(text, bad.start(), path),
        )
    if not text.strip():
        raise InputError("the file is empty; expected a mapping", location=Location(path, 1, 1))
    try:
        root = yaml.compose(text, Loader=_loader_class())
        if root is None:
            raise InputError("the file is empty; expected a mapping", location=Location(path, 1, 1))
        return _Converter(path, limits).convert(root, 1)
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark is not None else Location(path)
        problem = exc.problem or exc.context or "malformed YAML"
        if "expected a single document" in (exc.context or "") or "another document" in problem:
            raise InputError("the file holds more than one YAML document; expected one", location=where) from None
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            problem = "a tab character where YAML needs spaces (indent with spaces)"
        raise InputError("not valid YAML: {problem}", location=where, problem=problem) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(
            "not valid YAML: {problem}", location=_offset_location(text, exc.position, path), problem=exc.reason
        ) from None
    except yaml.YAMLError:
        raise InputError("not valid YAML", location=Location(path)) from None
    except (RecursionError, MemoryError):
        raise InputError("the document is too deeply nested or too large", location=Location(path)) from None
    except (ValueError, KeyError, AttributeError, TypeError, UnicodeError, OverflowError):
        # libyaml's own parser should not raise these, but PyYAML's do on odd input
        # (hazards.md); whatever reaches here is still bad input, not a bug of ours.
        raise InputError("not valid YAML", location=Location(path)) from None


def _offset_location(text: str, offset: int, path: str) -> Location:
    before = text[:offset]
    line = before.count("\n") + 1
    return Location(path, line, offset - (before.rfind("\n") + 1) + 1)


_PLAIN, _QUOTED, _SEQ, _MAP = "!legalcli/plain", "!legalcli/quoted", "!legalcli/seq", "!legalcli/map"
_LOADER: list[type[Any]] = []


def _loader_class() -> type[Any]:
    """libyaml's C parser and composer, with a resolver that marks what it saw instead
    of guessing types: YAML 1.1's `no` is False and `012` is 10; here both stay text
    until the schema says what they must be.  A node keeps an explicit tag only when the
    file wrote one, so explicit tags can be refused."""
    if not _LOADER:
        import yaml

        class Loader(yaml.CSafeLoader):
            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                if kind is yaml.ScalarNode:
                    return _PLAIN if implicit[0] else _QUOTED
                return _SEQ if kind is yaml.SequenceNode else _MAP

        _LOADER.append(Loader)
    return _LOADER[0]


class _Converter:
    """Turns libyaml's composed nodes into ours, enforcing the limits: depth, number of
    values, aliases (a node met twice was reached through an alias), duplicate and merge
    keys, explicit tags, scalar length."""

    def __init__(self, path: str, limits: Limits) -> None:
        self._path = path
        self._limits = limits
        self._seen: dict[int, Node] = {}
        self._aliases = 0
        self._nodes = 0

    def _loc(self, node: Any) -> Location:
        mark = node.start_mark
        # tuple.__new__ skips the NamedTuple's Python-level __new__: one per value read.
        return _tuple_new(Location, (self._path, mark.line + 1, mark.column + 1))

    def convert(self, node: Any, depth: int, loc: Location | None = None) -> Node:
        """Our node for libyaml's; `loc` is its location when the caller has made it
        already (a key's, which its mapping keeps too)."""
        self._nodes += 1
        if self._nodes > self._limits.max_nodes:
            raise InputError("the document has more than {cap:,} values", location=self._loc(node), cap=self._limits.max_nodes)
        if depth > self._limits.max_depth:
            raise InputError("nested deeper than {cap} levels", location=self._loc(node), cap=self._limits.max_depth)
        key = id(node)
        known = self._seen.get(key)
        if known is not None:
            self._aliases += 1
            if self._limits.max_aliases == 0:
                raise InputError("aliases (*name) are not accepted here", location=self._loc(node))
            if self._aliases > self._limits.max_aliases:
                raise InputError("more than {cap} aliases", location=self._loc(node), cap=self._limits.max_aliases)
            if not isinstance(known, Scalar):
                # A shared collection is how alias bombs grow; rules need only scalar reuse.
                raise InputError("an alias may only name a scalar value", location=self._loc(node))
            return known
        tag = node.tag
        if loc is None:
            loc = self._loc(node)
        result: Node
        if tag in (_PLAIN, _QUOTED):
            value = node.value
            if len(value) > MAX_SCALAR_CHARS:
                raise InputError("a value longer than {cap:,} characters", location=loc, cap=MAX_SCALAR_CHARS)
            result = Scalar(value, tag == _PLAIN, loc)
        elif tag == _SEQ:
            result = Seq([self.convert(item, depth + 1) for item in node.value], loc)
        elif tag == _MAP:
            result = self._mapping(node, depth, loc)
        else:
            raise InputError("explicit YAML tags (such as !!str or !!python/...) are not accepted", location=loc)
        self._seen[key] = result
        return result

    def _mapping(self, node: Any, depth: int, loc: Location) -> Map:
        result = Map({}, loc)
        items, keys, convert = result.items, result.keys, self.convert
        depth += 1
        for key_node, value_node in node.value:
            key_loc = self._loc(key_node)  # where this key stands, even when it is an alias
            key = convert(key_node, depth, key_loc)
            if not isinstance(key, Scalar):
                raise InputError("a key must be a plain word, not a list or mapping", location=key_loc)
            text = key.text
            if text == "<<" and key.plain:
                raise InputError("merge keys (<<) are not accepted", location=key_loc)
            if text in items:
                first = keys[text]
                raise InputError(
                    "duplicate key '{name}' (first at line {line}, column {column})",
                    location=key_loc,
                    name=text,
                    line=first.line,
                    column=first.column,
                )
            items[text] = convert(value_node, depth)
            keys[text] = key_loc
        return result
