"""The compiled-pack cache and the calendar cache: rule data worked out once and kept.

Only rule data goes here, never case data.  A pack's file is keyed by a hash of every
pack file's name and bytes, of legalcli's version and of the model's shape, so any
change to a rule file (or an upgrade, or a change of the model) misses the cache.

A cache must never change a conclusion (docs/security.md, "The cache"):
- the folder is used only when it is owned by this user and writable by no one else;
  otherwise it is ignored (one line on stderr) and the pack is read from its YAML;
- every file carries a MAC (keyed BLAKE2b) of its name and contents under a per-user secret
  kept beside it (`key`, mode 0600), so an edited, planted or renamed file is ignored
  and rebuilt;
- reading a compiled pack can build the model's records and nothing else (see "the
  pack's format" below): reading a cache never runs code.
A cache that cannot be read is rebuilt; one that cannot be written is simply not
written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

try:  # BLAKE2 without OpenSSL: hashlib's import costs ~3 ms of every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

from legalcli import __version__
from legalcli.core.conditions import (
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

FORMAT = 4


class Compiled(NamedTuple):
    pack: Pack
    errors: int
    first_error: Location | None


# Every class a compiled pack is made of: the only ones its reader may build, and what
# the model's fingerprint describes.
RECORDS: dict[tuple[str, str], type[Any]] = {
    (cls.__module__, cls.__name__): cls
    for cls in (
        Location, Text, Choice, Fact, Clause, Risk, Deadline, Situation, Route, Law, Source,
        FactTest, SituationRef, AllOf, AnyOf, Not, CountryTest, Period,
        AttributeDecl, AttributeValue, CountryAttribute, CountryTopic, Country,
        Pack, Compiled, dt.date,
    )
}  # fmt: skip


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "legalcli")


def cache_key(files: list[tuple[str, str, bytes]], root: str) -> str:
    digest = blake2b(digest_size=20)
    digest.update(f"legalcli {__version__} format {FORMAT}\0{model_fingerprint()}\0{os.path.abspath(root)}\0".encode())
    for kind, path, data in files:
        digest.update(f"{kind}\0{os.path.relpath(path, root)}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# --- the folder, the key and the sealed files ----------------------------------------
# Everything below works through a descriptor of the folder opened once and checked
# (owner, mode): a folder swapped for another between the check and the use is never
# read.  A sealed file is one line `legalcli-blake2b-mac <hex>` and then the payload;
# the MAC covers the file's name too, so a genuine cache of another pack (or of an older
# pack where a route was feasible) cannot be renamed into place.

KEY_NAME = "key"
KEY_BYTES = 32
_SEAL = b"legalcli-blake2b-mac "
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
    """BLAKE2b in its keyed mode, which is a MAC by design (RFC 7693; Python's hashlib
    documentation offers it "as a faster and simpler replacement for HMAC").  The same
    built-in module hashes the pack for the cache's name; OpenSSL's HMAC cost ~2 ms of
    every run just to load."""
    mac = blake2b(key=key, digest_size=32, person=b"legalcli-cache")
    mac.update(name.encode("utf-8") + b"\0")
    mac.update(payload)
    return mac.digest()


def seal(key: bytes, name: str, payload: bytes) -> bytes:
    """A cache file's bytes: the MAC line, then the payload."""
    return _SEAL + _mac(key, name, payload).hex().encode("ascii") + b"\n" + payload


def unseal(key: bytes, name: str, data: bytes) -> bytes | None:
    """The payload of a cache file named `name`, or None unless its MAC is right."""
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is, without hashlib

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
# The compiled pack is pickled, and read back by an unpickler that can build nothing but
# the model's records, `Compiled` and dates (`Records.find_class` in `loads`, the way the pickle
# documentation restricts globals): a pickle naming any other class or function — the
# way pickle runs code — is refused before anything is called, so reading a cache still
# never runs code.  The other guarantees come from where the file is and what it is
# named, not from looking at every record: the MAC says legalcli wrote it under this
# name; the name (cache_key) covers legalcli's version, this format and the model's
# fingerprint (every record class with its fields and their annotations), so a model
# that changed, even within one version, never reads a file written for another.  The
# JSON decoder this replaced checked each of ~100,000 records' field types on every
# run; the pickle is read 4x faster (docs/decisions.md, "The compiled pack is pickled").


def model_fingerprint() -> str:
    """The model's shape: each record class's name and its fields with their annotations,
    in order (a pickled record's fields are positional)."""
    import inspect

    return "\n".join(
        f"{module}.{name}: {list(inspect.get_annotations(cls).items())}"
        for (module, name), cls in sorted(RECORDS.items())
        if cls is not dt.date
    )


def dumps(compiled: Compiled) -> bytes:
    import pickle

    return pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Compiled | None:
    """The cached pack, or None when the bytes are not a pickle of a compiled pack made
    of the model's records."""
    import gc
    import io

    try:  # the C unpickler itself: the `pickle` module around it is ~1 ms of start-up
        from _pickle import Unpickler, UnpicklingError
    except ImportError:  # pragma: no cover - a Python without the C accelerator
        from pickle import Unpickler, UnpicklingError

    class Records(Unpickler):
        """Builds the model's records and nothing else."""

        def find_class(self, module: str, name: str) -> Any:
            try:
                return RECORDS[module, name]
            except KeyError:
                raise UnpicklingError(f"{module}.{name} is not a record of the model") from None

    # Loading builds ~100,000 small objects for a large pack, none of them in a cycle:
    # the cyclic collector would only walk them over and over.
    paused = gc.isenabled()
    gc.disable()
    try:
        compiled = Records(io.BytesIO(data)).load()
    except (UnpicklingError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    finally:
        if paused:
            gc.enable()
    if type(compiled) is not Compiled or type(compiled.pack) is not Pack or type(compiled.errors) is not int:
        return None
    if not (compiled.first_error is None or type(compiled.first_error) is Location):
        return None
    return compiled


def _pack_name(key: str) -> str:
    return f"pack-{key}.pickle"


def read_cache(key: str) -> Compiled | None:
    payload = read_sealed(_pack_name(key))
    return None if payload is None else loads(payload)


def write_cache(key: str, compiled: Compiled) -> None:
    write_sealed(_pack_name(key), dumps(compiled))


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
    import json  # here: only a case with a working-day deadline reads the calendar

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
