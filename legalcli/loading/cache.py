"""The compiled-pack cache and the calendar cache: rule data worked out once, kept as JSON.

Only rule data goes here, never case data.  A pack's file is keyed by a hash of every
pack file's name and bytes and of legalcli's version, so any change to a rule file (or
an upgrade) misses the cache.

A cache must never change a conclusion (docs/security.md, "The cache"):
- the folder is used only when it is owned by this user and writable by no one else;
  otherwise it is ignored (one line on stderr) and the pack is read from its YAML;
- every file carries an HMAC-SHA256 of its name and contents under a per-user secret
  kept beside it (`key`, mode 0600), so an edited, planted or renamed file is ignored
  and rebuilt;
- a decoded record whose shape or field types do not fit the model is "unreadable,
  rebuilt", never a crash later in the engine.
A cache that cannot be read is rebuilt; one that cannot be written is simply not
written.  JSON rather than pickle: reading a cache must never run code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from legalcli import __version__
from legalcli.core.conditions import (
    COUNTRY_OPERATORS,
    OPERATORS,
    AllOf,
    AnyOf,
    CountryTest,
    FactTest,
    Not,
    Period,
    SituationRef,
)
from legalcli.core.errors import Location
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
from legalcli.core.vocabulary import CONFIDENCES, SEVERITIES

FORMAT = 3
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        Location, Text, Choice, Fact, Clause, Risk, Deadline, Situation, Route, Law, Source,
        FactTest, SituationRef, AllOf, AnyOf, Not, CountryTest, Period,
        AttributeDecl, AttributeValue, CountryAttribute, CountryTopic, Country,
    )
}  # fmt: skip
_INDEXES = {
    "facts",
    "situations",
    "routes",
    "laws",
    "sources",
    "situation_whens",
    "thresholds",
    "fact_order",
    "_confidence",
    "countries",
    "attributes",
    "law_windows",
    "periods",
}  # rebuilt by Pack itself


@dataclasses.dataclass(frozen=True, slots=True)
class Compiled:
    pack: Pack
    errors: int
    first_error: Location | None


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "legalcli")


def cache_key(files: list[tuple[str, str, bytes]], root: str) -> str:
    try:
        # BLAKE2 without loading OpenSSL: hashlib's import costs ~3 ms of every start-up.
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    digest = blake2b(digest_size=20)
    digest.update(f"legalcli {__version__} format {FORMAT}\0{os.path.abspath(root)}\0".encode())
    for kind, path, data in files:
        digest.update(f"{kind}\0{os.path.relpath(path, root)}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# --- the folder, the key and the sealed files ----------------------------------------
# Everything below works through a descriptor of the folder opened once and checked
# (owner, mode): a folder swapped for another between the check and the use is never
# read.  A sealed file is one line `legalcli-hmac-sha256 <hex>` and then the payload;
# the MAC covers the file's name too, so a genuine cache of another pack (or of an older
# pack where a route was feasible) cannot be renamed into place.

KEY_NAME = "key"
KEY_BYTES = 32
_SEAL = b"legalcli-hmac-sha256 "
_WARNED: set[str] = set()  # folders already reported in this run: one line each
_OPEN_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FILE = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(*, create: bool) -> int | None:
    """A descriptor of the cache folder when it is private to this user, else None (and,
    the first time in a run, one line on stderr saying that it is not used)."""
    folder = cache_dir()
    if create:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except OSError:
            return None
    try:
        fd = os.open(folder, _OPEN_DIR)
    except OSError:
        return None  # missing, or not a folder: nothing to read, nowhere to write
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode) and _private(info):
        return fd
    os.close(fd)
    if folder not in _WARNED:
        _WARNED.add(folder)
        from legalcli.core.safetext import safe
        from legalcli.i18n import choose_lang, t

        text = t("cache_not_private", choose_lang(None), path=safe(folder))
        sys.stderr.write(f"legalcli: {text}\n")  # the path is the environment's
        sys.stderr.flush()
    return None


def _read_key(folder: int) -> bytes | None:
    """The per-user secret, or None when it is missing or not private (a key others
    could read or have written proves nothing)."""
    try:
        fd = os.open(KEY_NAME, _OPEN_FILE, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _make_key(folder: int) -> bytes | None:
    """The secret for writing: the one there, else a new one.  A new key is written whole
    under a private name (O_CREAT|O_EXCL, mode 0600) and then linked into place, so no
    other run ever reads half a key; when another run linked one first, that one wins.
    A key that is not private (or not 32 bytes) is replaced: every file sealed with it
    then reads as unsealed and is rebuilt."""
    key = _read_key(folder)
    if key is not None:
        return key
    new = os.urandom(KEY_BYTES)
    temporary = f".key-{os.urandom(6).hex()}"
    try:
        fd = os.open(temporary, _CREATE, 0o600, dir_fd=folder)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
        for _ in range(2):
            try:
                os.link(temporary, KEY_NAME, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
                return new
            except FileExistsError:
                key = _read_key(folder)
                if key is not None:
                    return key  # another run made it first
                os.unlink(KEY_NAME, dir_fd=folder)
        return None
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)


def _mac(key: bytes, name: str, payload: bytes) -> bytes:
    try:
        # OpenSSL's HMAC directly: the `hmac` module would import `hashlib` as well.
        from _hashlib import hmac_new
    except ImportError:  # pragma: no cover - a Python without OpenSSL
        from hmac import new as hmac_new  # type: ignore[assignment]
    mac = hmac_new(key, digestmod="sha256")
    mac.update(name.encode("utf-8") + b"\0")
    mac.update(payload)
    return mac.digest()


def seal(key: bytes, name: str, payload: bytes) -> bytes:
    """A cache file's bytes: the MAC line, then the payload."""
    return _SEAL + _mac(key, name, payload).hex().encode("ascii") + b"\n" + payload


def unseal(key: bytes, name: str, data: bytes) -> bytes | None:
    """The payload of a cache file named `name`, or None unless its MAC is right."""
    try:
        from _hashlib import compare_digest
    except ImportError:  # pragma: no cover - a Python without OpenSSL
        from hmac import compare_digest

    line_end = data.find(b"\n")
    if line_end < 0 or not data.startswith(_SEAL):
        return None
    try:
        given = bytes.fromhex(data[len(_SEAL) : line_end].decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    payload = data[line_end + 1 :]
    return payload if compare_digest(given, _mac(key, name, payload)) else None


def read_sealed(name: str) -> bytes | None:
    """A cache file's payload, or None when the folder is not private, the key or the
    file is missing, or the file was not written by us under this name."""
    folder = _open_folder(create=False)
    if folder is None:
        return None
    try:
        key = _read_key(folder)
        if key is None:
            return None
        try:
            fd = os.open(name, _OPEN_FILE, dir_fd=folder)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None  # a FIFO or a device would hang or never end
            data = handle.read()
        return unseal(key, name, data)
    except OSError:
        return None
    finally:
        os.close(folder)


def write_sealed(name: str, payload: bytes, *, tidy: Callable[[str], bool] | None = None) -> None:
    """Write a cache file atomically, sealed with the key; any failure (read-only home,
    full disk) is ignored: the cache only saves time.  The temporary file is removed on
    every failure path.  `tidy`: names of stale files to remove once this one is in."""
    folder = _open_folder(create=True)
    if folder is None:
        return
    try:
        key = _make_key(folder)
        if key is None:
            return
        temporary = f".{name}-{os.urandom(6).hex()}"
        try:
            fd = os.open(temporary, _CREATE, 0o600, dir_fd=folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(seal(key, name, payload))
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            if not isinstance(exc, OSError):
                raise
            return
        if tidy is not None:
            with contextlib.suppress(OSError):
                for other in os.listdir(folder):
                    if other != name and tidy(other):
                        os.unlink(other, dir_fd=folder)
    finally:
        os.close(folder)


# --- the pack's format ----------------------------------------------------------------
# Two lines of JSON.  The head says the format, the version, the number of errors and
# the paths; the body is [first error, pack].  A record is {"t": class name, "v": [its
# fields in order]}, a date {"d": "YYYY-MM-DD"}, a location {"l": [path number, line,
# column]} into the head's paths (a large pack has tens of thousands of locations in a
# few hundred files).  Positional fields keep the file small and the decoding a plain
# loop.  A record whose field count or field types do not match its class, as after a
# change of the model within one version, makes the whole cache unreadable, and it is
# rebuilt: a wrong type would otherwise surface much later, as a crash in the engine
# (an int where a tuple of clauses is iterated) or a wrong answer.


_PACK_FIELDS = tuple(f.name for f in dataclasses.fields(Pack) if f.name not in _INDEXES)


class FieldType(NamedTuple):
    """What one field of a record may hold: exact types (bool is not an int here), the
    exact types of the items when it is a tuple, the words allowed when it is a Literal."""

    types: frozenset[type]
    items: frozenset[type] | None = None
    words: frozenset[object] | None = None


def _of(*types: type) -> FieldType:
    return FieldType(frozenset(types))


def _tuple_of(*types: type) -> FieldType:
    return FieldType(frozenset({tuple}), frozenset(types))


def _word(words: tuple[str, ...], *, optional: bool = False) -> FieldType:
    extra: tuple[object, ...] = (None,) if optional else ()
    return FieldType(frozenset({str, type(None)} if optional else {str}), None, frozenset((*words, *extra)))


_NONE = type(None)
_VALUE = (bool, str, int, float, dt.date)
_CONDITION = (FactTest, CountryTest, SituationRef, AllOf, AnyOf, Not)
_UNITS = ("days", "working_days", "months", "years")  # calendar.UNITS, without importing it
_S, _I, _B, _D, _T, _L = _of(str), _of(int), _of(bool), _of(dt.date), _of(Text), _of(Location)
_T_OPT, _D_OPT, _COND, _COND_OPT = _of(Text, _NONE), _of(dt.date, _NONE), _of(*_CONDITION), _of(*_CONDITION, _NONE)
_IDS, _TEXTS, _CONF = _tuple_of(str), _tuple_of(Text), _word(CONFIDENCES, optional=True)
_OPERAND = FieldType(frozenset({*_VALUE, tuple}), frozenset(_VALUE))

# Each class's fields, in order, as its annotations say (derived_field_types), with the
# closer looks those cannot say: a few plain-str fields are one of a few words, and the
# operand of `passed` is a Period.  Written out because deriving it from the annotations
# on every run costs ~1 ms of start-up; tests/test_cache_trust.py checks that the two
# agree, and a class whose field count no longer matches (a field added by a change of
# the model) is derived at import instead, so the cache stays both used and checked.
_WORDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Deadline", "unit"): _UNITS,
    ("Period", "unit"): _UNITS,
    ("FactTest", "op"): OPERATORS,
    ("CountryTest", "op"): COUNTRY_OPERATORS,
}
_ALSO: dict[tuple[str, str], type] = {("FactTest", "operand"): Period}

_WRITTEN: dict[str, tuple[FieldType, ...]] = {
    "Location": (_S, _I, _I),
    "Text": (_S, _S, _L, _CONF),
    "Choice": (_S, _T),
    "Fact": (_S, _word(("bool", "choice", "date", "number")), _T, _T_OPT, _tuple_of(Choice), _COND_OPT, _B, _B, _L, _B, _T_OPT),
    "Clause": (_COND, _T, _CONF, _IDS, _L, _IDS),
    "Risk": (_S, _COND_OPT, _word(SEVERITIES), _T, _IDS, _IDS, _CONF, _L),
    "Deadline": (_S, _S, _I, _word(_UNITS), _T, _IDS, _IDS, _CONF, _L, _word(("duty", "date"))),
    "Situation": (_S, _T, _T_OPT, _COND, _tuple_of(Deadline), _IDS, _IDS, _CONF, _D, _L, _IDS),
    "Route": (
        _S, _word(("option", "risk-entry")), _T, _T, _COND_OPT, _tuple_of(Clause), _tuple_of(Clause), _tuple_of(Risk),
        _TEXTS, _TEXTS, _tuple_of(Deadline), _IDS, _IDS, _CONF, _D, _D_OPT, _D_OPT, _L, _tuple_of(Clause), _IDS, _S, _IDS,
    ),
    "Law": (_S, _T, _T, _T_OPT, _D_OPT, _D_OPT, _IDS, _CONF, _L),
    "Source": (_S, _S, _S, _S, _S, _S, _word(CONFIDENCES), _S, _T_OPT, _L),
    "FactTest": (_S, _word(OPERATORS), FieldType(_OPERAND.types | {Period}, _OPERAND.items), _L),
    "CountryTest": (_S, _S, _word(COUNTRY_OPERATORS), _OPERAND, _L),
    "SituationRef": (_S, _L),
    "AllOf": (_tuple_of(*_CONDITION), _L),
    "AnyOf": (_tuple_of(*_CONDITION), _L),
    "Not": (_COND, _L),
    "Period": (_I, _word(_UNITS)),
    "AttributeDecl": (_S, _word(("bool", "choice")), _T, _tuple_of(Choice), _L),
    "AttributeValue": (_of(*_VALUE, _NONE), _D_OPT, _T, _IDS, _CONF, _L),
    "CountryAttribute": (_S, _tuple_of(AttributeValue)),
    "CountryTopic": (_S, _TEXTS, _tuple_of(Deadline)),
    "Country": (_S, _T, _D, _IDS, _tuple_of(CountryAttribute), _tuple_of(CountryTopic), _L),
    "Pack": (
        _S, _S, _T, _S, _D, _S, _S, _tuple_of(Fact), _tuple_of(Situation), _tuple_of(Route), _tuple_of(Law),
        _tuple_of(Source), _L, _tuple_of(Country), _tuple_of(AttributeDecl),
    ),
}  # fmt: skip


def _field_names(name: str) -> tuple[str, ...]:
    return _PACK_FIELDS if name == "Pack" else tuple(_CLASSES[name]._fields)


def _annotated(hint: Any) -> FieldType:
    """What an annotation allows: its union's exact types, a tuple's item types, a
    Literal's words."""
    import types
    import typing

    union = typing.get_origin(hint) is typing.Union or isinstance(hint, types.UnionType)
    kinds: set[type] = set()
    items: frozenset[type] | None = None
    words: set[object] = set()
    for arg in typing.get_args(hint) if union else (hint,):
        origin = typing.get_origin(arg)
        if origin is typing.Literal:
            kinds.add(str)
            words.update(typing.get_args(arg))
        elif origin is tuple:
            kinds.add(tuple)
            items = _annotated(typing.get_args(arg)[0]).types
        else:
            kinds.add(arg)
    if words and _NONE in kinds:
        words.add(None)
    return FieldType(frozenset(kinds), items, frozenset(words) if words else None)


def derived_field_types(name: str) -> tuple[FieldType, ...]:
    """A class's field types from its annotations, with _WORDS and _ALSO applied."""
    import typing

    hints = typing.get_type_hints(Pack if name == "Pack" else _CLASSES[name])
    fields = []
    for field in _field_names(name):
        found = _annotated(hints[field])
        if (name, field) in _WORDS:
            found = found._replace(words=frozenset(_WORDS[name, field]))
        if (name, field) in _ALSO:
            found = found._replace(types=found.types | {_ALSO[name, field]})
        fields.append(found)
    return tuple(fields)


def healed(written: dict[str, tuple[FieldType, ...]]) -> dict[str, tuple[FieldType, ...]]:
    """The table, with each class whose field count does not match (the model changed
    and the table has not yet) derived from its annotations instead."""
    return {name: f if len(f) == len(_field_names(name)) else derived_field_types(name) for name, f in written.items()}


FIELD_TYPES = healed(_WRITTEN)

# The same table, arranged for speed: the decoder runs for each of the ~100,000 records
# and locations of a large pack.  Per class: the class, the field types, and the fields
# whose words (a Literal) or tuple items need a closer look.  A record's field types are
# checked once per distinct combination (its signature), then looked up.
_Check = tuple[
    type[Any],
    tuple[frozenset[type], ...],
    tuple[tuple[int, frozenset[object]], ...],
    tuple[tuple[int, Callable[[type], bool]], ...],
]
_CHECKS: dict[str, _Check] = {
    name: (
        Pack if name == "Pack" else _CLASSES[name],
        tuple(f.types for f in fields),
        tuple((i, f.words) for i, f in enumerate(fields) if f.words is not None),
        tuple((i, f.items.__contains__) for i, f in enumerate(fields) if f.items is not None),
    )
    for name, fields in FIELD_TYPES.items()
}


def _types_fit(types: tuple[frozenset[type], ...], signature: tuple[type, ...]) -> bool:
    return len(signature) == len(types) and all(map(frozenset.__contains__, types, signature))


class _Encoder:
    def __init__(self) -> None:
        self.paths: dict[str, int] = {}

    def encode(self, value: Any) -> Any:
        if type(value) is Location:
            number = self.paths.setdefault(value.path, len(self.paths))
            return {"l": [number, value.line, value.column]}
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple record
            return {"t": type(value).__name__, "v": [self.encode(v) for v in value]}
        if isinstance(value, Pack):
            return {"t": "Pack", "v": [self.encode(getattr(value, name)) for name in _PACK_FIELDS]}
        if isinstance(value, tuple):
            return [self.encode(v) for v in value]
        if isinstance(value, dt.date):
            return {"d": value.isoformat()}
        if value is None or isinstance(value, (str, int, float)):
            return value
        raise TypeError(f"the pack cache cannot hold a {type(value).__name__}")  # a model change this format misses


_tuple_new = tuple.__new__


def _decoder(paths: list[str]) -> Callable[[dict[str, Any]], Any]:
    fitting: set[tuple[object, ...]] = set()  # (class name, *field types) seen to fit

    def hook(data: dict[str, Any]) -> Any:
        if len(data) == 1:
            if "l" in data:
                number, line, column = data["l"]
                if type(line) is not int or type(column) is not int:
                    raise TypeError("unreadable cache")
                return _tuple_new(Location, (paths[number], line, column))
            if "d" in data:
                return dt.date.fromisoformat(data["d"])
        if len(data) != 2 or "t" not in data:
            return data
        name = data["t"]
        # object_hook works bottom up, so inner records are built already: one level of
        # list-to-tuple is all the model needs.
        fields = [tuple(v) if type(v) is list else v for v in data["v"]]
        cls, types, words, items = _CHECKS[name]
        # A field count, a field type, a word or an item that does not fit: a change of
        # the model within one version, or a file that is not ours.
        signature = (name, *map(type, fields))
        if signature not in fitting:
            if not _types_fit(types, signature[1:]):
                raise TypeError("unreadable cache")
            fitting.add(signature)
        for index, allowed in words:
            if fields[index] not in allowed:
                raise TypeError("unreadable cache")
        for index, allows in items:
            value = fields[index]
            if value and type(value) is tuple and not all(map(allows, map(type, value))):
                raise TypeError("unreadable cache")
        if cls is Pack:
            named: dict[str, Any] = dict(zip(_PACK_FIELDS, fields, strict=True))
            return Pack(**named)
        return _tuple_new(cls, fields)

    return hook


def dumps(compiled: Compiled) -> str:
    encoder = _Encoder()
    pack = encoder.encode(compiled.pack)
    first = encoder.encode(compiled.first_error)
    head = {"format": FORMAT, "version": __version__, "errors": compiled.errors, "paths": list(encoder.paths)}
    # Two lines: the head (with the paths the records refer to), then the records.
    return json.dumps(head, ensure_ascii=False) + "\n" + json.dumps([first, pack], ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Compiled | None:
    """The cached pack, or None when the text is not a readable cache of this version."""
    import gc

    try:
        head_text, _, body = text.partition("\n")
        head = json.loads(head_text)
        if type(head) is not dict or head.get("format") != FORMAT or head.get("version") != __version__:
            return None
        paths, errors = head["paths"], head["errors"]
        if type(paths) is not list or not all(type(p) is str for p in paths) or type(errors) is not int or errors < 0:
            return None
        # Decoding builds ~100,000 small objects for a large pack, none of them in a
        # cycle: the cyclic collector would only walk them over and over (−15 % or more).
        paused = gc.isenabled()
        gc.disable()
        try:
            first, pack = json.loads(body, object_hook=_decoder(paths))
        finally:
            if paused:
                gc.enable()
        if type(pack) is not Pack or not (first is None or type(first) is Location):
            return None
        return Compiled(pack, errors, first)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def _pack_name(key: str) -> str:
    return f"pack-{key}.json"


def read_cache(key: str) -> Compiled | None:
    payload = read_sealed(_pack_name(key))
    if payload is None:
        return None
    try:
        return loads(payload.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def write_cache(key: str, compiled: Compiled) -> None:
    write_sealed(_pack_name(key), dumps(compiled).encode("utf-8"))


def load_compiled(root: str, *, today: dt.date) -> Compiled:
    """The pack at `root`, from the cache when its files are unchanged, else read,
    validated and checked (and cached).  LEGALCLI_NO_CACHE=1 turns the cache off."""
    from legalcli.loading.pack import build_pack, read_pack

    files = read_pack(root)
    use_cache = os.environ.get("LEGALCLI_NO_CACHE") != "1"
    key = cache_key(files, root)
    if use_cache:
        hit = read_cache(key)
        if hit is not None:
            return hit
    pack = build_pack(root, files)
    from legalcli.core.checks import check_pack

    errors = [p for p in check_pack(pack, today=today) if p.severity == "error"]
    compiled = Compiled(pack, len(errors), errors[0].loc if errors else None)
    if use_cache:
        write_cache(key, compiled)
    return compiled


# --- the production calendar ----------------------------------------------------------
# One file for every year a case's dates may fall in (calendar.FIRST_YEAR..LAST_YEAR),
# computed once per holidays release: its name says nothing about any case (a file per
# year named the year of a summons).  Each year is a hex bitmap of its days, bit i set
# when 1 January + i days is a non-working day: ~10 KB for 111 years, one year decoded
# per use.


def _holidays_version() -> str | None:
    """The installed holidays package's version, read from its dist-info folder name
    (importing the package, or importlib.metadata, costs more than the cache saves)."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    site = os.path.dirname(os.path.dirname(spec.origin))
    try:
        names = os.listdir(site)
    except OSError:
        return None
    for name in names:
        if name.startswith("holidays-") and name.endswith(".dist-info"):
            version = name[len("holidays-") : -len(".dist-info")]
            return version if version and "/" not in version else None
    return None


def calendar_name(version: str) -> str:
    return f"calendar-ru-{version}.json"


def _is_year_file(name: str) -> bool:
    """A calendar file of the old layout, named after one year (calendar-ru-V-YYYY.json)."""
    return name.startswith("calendar-ru-") and name.endswith(".json") and name[-10] == "-" and name[-9:-5].isdigit()


def _days_of(year: int, bits: object) -> frozenset[dt.date] | None:
    start = dt.date(year, 1, 1)
    length = (dt.date(year + 1, 1, 1) - start).days
    if type(bits) is not str or len(bits) > 92:
        return None
    mask = int(bits, 16)
    if mask >> length:
        return None  # days past the end of the year: not a file of ours
    return frozenset(start + dt.timedelta(days=i) for i in range(length) if mask >> i & 1)


def _bits_of(year: int, days: frozenset[dt.date]) -> str:
    start = dt.date(year, 1, 1)
    return format(sum(1 << (day - start).days for day in days if day.year == year), "x")


def calendar_loader(year: int) -> frozenset[dt.date]:
    """A year's Russian non-working days, from the cache keyed by the holidays package's
    version (a new release may add a substituted day off), else computed for every year
    of the range and cached.  Years outside the range are computed, never cached."""
    from legalcli.core.calendar import FIRST_YEAR, LAST_YEAR, non_working_days

    version = _holidays_version()
    if version is None or os.environ.get("LEGALCLI_NO_CACHE") == "1" or not FIRST_YEAR <= year <= LAST_YEAR:
        return non_working_days(year)
    name = calendar_name(version)
    payload = read_sealed(name)
    if payload is not None:
        try:
            data = json.loads(payload)
            if type(data) is dict and data.get("years") == [FIRST_YEAR, LAST_YEAR]:
                days = _days_of(year, data["days"][str(year)])
                if days is not None:
                    return days
        except (ValueError, TypeError, KeyError):
            pass
    every = {y: non_working_days(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    body = {"years": [FIRST_YEAR, LAST_YEAR], "days": {str(y): _bits_of(y, d) for y, d in every.items()}}
    write_sealed(name, json.dumps(body, separators=(",", ":")).encode("ascii"), tidy=_is_year_file)
    return every[year]


def pack_from(rules: str | None, *, checked: bool) -> Pack:
    """The pack `--rules`/LEGALCLI_RULES/the shipped one names, through the cache, with
    the production calendar read from the cache too.  `checked`: refuse a pack with
    errors (what assesses a case must not run on one)."""
    from legalcli.core import calendar
    from legalcli.core.errors import InputError
    from legalcli.loading.paths import resolve_rules_dir

    calendar.use_loader(calendar_loader)
    result = load_compiled(resolve_rules_dir(rules), today=dt.date.today())
    if checked and result.errors:
        raise InputError(
            "the rule pack has {count} error(s); run `legalcli rules check` to see them",
            location=result.first_error,
            count=result.errors,
        )
    return result.pack
