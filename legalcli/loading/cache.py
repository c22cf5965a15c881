"""The compiled-pack cache: a pack parsed, validated and checked once, kept as JSON.

Only rule data goes here, never case data.  The file is keyed by a hash of every pack
file's name and bytes and of legalcli's version, so any change to a rule file (or an
upgrade) misses the cache.  A cache that cannot be read, parsed or rebuilt into the
model is ignored and rebuilt; a cache that cannot be written is simply not written.
JSON rather than pickle: reading a cache must never run code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

from legalcli import __version__
from legalcli.conditions import AllOf, AnyOf, CountryTest, FactTest, Not, Period, SituationRef
from legalcli.errors import Location
from legalcli.model import (
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


# The format: two lines of JSON.  The head says the format, the version, the number of
# errors and the paths; the body is [first error, pack].  A record is {"t": class name,
# "v": [its fields in order]}, a date {"d": "YYYY-MM-DD"}, a location {"l": [path
# number, line, column]} into the head's paths (a large pack has tens of thousands of
# locations in a few hundred files).  Positional fields keep the file small and the
# decoding a plain loop; a record whose field count does not match its class, as after
# a change of the model within one version, makes the whole cache unreadable, and it is
# rebuilt.


_PACK_FIELDS = tuple(f.name for f in dataclasses.fields(Pack) if f.name not in _INDEXES)


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
    def hook(data: dict[str, Any]) -> Any:
        if len(data) == 1:
            if "l" in data:
                number, line, column = data["l"]
                return _tuple_new(Location, (paths[number], line, column))
            if "d" in data:
                return dt.date.fromisoformat(data["d"])
        if len(data) != 2 or "t" not in data:
            return data
        name, values = data["t"], data["v"]
        # object_hook works bottom up, so inner records are built already: one level of
        # list-to-tuple is all the model needs.
        fields = [tuple(v) if type(v) is list else v for v in values]
        if name == "Pack":
            if len(fields) != len(_PACK_FIELDS):
                raise TypeError("stale cache")
            named: dict[str, Any] = dict(zip(_PACK_FIELDS, fields, strict=True))
            return Pack(**named)
        cls = _CLASSES[name]
        if len(fields) != len(cls._fields):
            raise TypeError("stale cache")
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
    """The cached pack, or None when the text is not a cache of this version."""
    import gc

    try:
        head_text, _, body = text.partition("\n")
        head = json.loads(head_text)
        if head.get("format") != FORMAT or head.get("version") != __version__:
            return None
        paths = head["paths"]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
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
        if not isinstance(pack, Pack):
            return None
        return Compiled(pack, int(head["errors"]), first if isinstance(first, Location) else None)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def read_cache(key: str) -> Compiled | None:
    path = os.path.join(cache_dir(), f"pack-{key}.json")
    try:
        with open(path, encoding="utf-8") as handle:
            return loads(handle.read())
    except (OSError, UnicodeDecodeError):
        return None


def write_cache(key: str, compiled: Compiled) -> None:
    """Write the cache atomically; any failure (read-only home, full disk) is ignored:
    the cache only saves time."""
    import tempfile

    folder = cache_dir()
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(dumps(compiled))
            os.replace(tmp, os.path.join(folder, f"pack-{key}.json"))
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return


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
    from legalcli.checks import check_pack

    errors = [p for p in check_pack(pack, today=today) if p.severity == "error"]
    compiled = Compiled(pack, len(errors), errors[0].loc if errors else None)
    if use_cache:
        write_cache(key, compiled)
    return compiled


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
            return name[len("holidays-") : -len(".dist-info")]
    return None


def calendar_loader(year: int) -> frozenset[dt.date]:
    """A year's Russian non-working days from the cache, keyed by the holidays package's
    version (a new release may add a substituted day off), else computed and cached."""
    from legalcli.calendar import non_working_days

    version = _holidays_version()
    if version is None or os.environ.get("LEGALCLI_NO_CACHE") == "1":
        return non_working_days(year)
    path = os.path.join(cache_dir(), f"calendar-ru-{version}-{year}.json")
    try:
        with open(path, encoding="utf-8") as handle:
            days = json.load(handle)
        return frozenset(dt.date.fromisoformat(d) for d in days)
    except (OSError, ValueError, TypeError):
        pass
    computed = non_working_days(year)
    try:
        os.makedirs(cache_dir(), mode=0o700, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".calendar-", dir=cache_dir())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(sorted(d.isoformat() for d in computed), handle)
        os.replace(tmp, path)
    except OSError:
        pass
    return computed
