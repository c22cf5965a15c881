"""The cache cannot change a conclusion: an edited, planted or renamed cache file is
ignored and rebuilt, a folder others can write is not used, the cache's name follows the
model's shape, and the calendar file names no case's year.

The tests use a small pack of their own (one route blocked for a man barred from
leaving, with a deadline in working days), so that they do not move with the shipped
rules; each runs on a cache folder of its own under tmp_path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from legalcli.core import calendar
from legalcli.core.engine import assess
from legalcli.core.model import Pack, Route
from legalcli.loading import cache
from legalcli.loading.pack import load_pack
from tests.conftest import ROOT, run_cli

TODAY = dt.date(2026, 11, 24)
FORGED = "legalcli-blake2b-mac " + "00" * 32  # a MAC line made without the key


def write_mini_pack(
    folder: Path, *, question: str = "Is he barred from leaving?", route_id: str = "leave", barred_is: str = "true"
) -> Path:
    """A valid pack: route `leave` is blocked when `barred` is true and runs a deadline
    of 5 working days from `notice_date`."""
    (folder / "facts").mkdir(parents=True)
    (folder / "routes").mkdir()
    (folder / "pack.yaml").write_text(
        "name: mini\nversion: 1.0.0\ntitle: {en: Mini pack, ru: Мини}\nreviewed: 2026-11-24\n", encoding="utf-8"
    )
    (folder / "sources.yaml").write_text(
        "sources:\n  - {id: made-up, title: A made-up source, publisher: legalcli tests, kind: seed, confidence: confirmed}\n",
        encoding="utf-8",
    )
    (folder / "facts" / "facts.yaml").write_text(
        "facts:\n"
        "  - id: barred\n    type: bool\n"
        f"    question: {{en: {json.dumps(question)}, ru: Запрещён ли выезд?}}\n"
        "  - id: notice_date\n    type: date\n    question: {en: When was he notified?, ru: Когда уведомлён?}\n",
        encoding="utf-8",
    )
    (folder / "routes" / "leave.yaml").write_text(
        f"id: {json.dumps(route_id)}\n"
        "title: {en: Leave the country, ru: Выехать}\n"
        "summary: {en: Leave the country., ru: Выехать из страны.}\n"
        "blocked_if:\n"
        f"  - when: {{fact: barred, is: {barred_is}}}\n"
        "    because: {en: He is barred from leaving., ru: Выезд ему запрещён.}\n"
        "    sources: [made-up]\n"
        "deadlines:\n"
        "  - id: hand-in\n    from_fact: notice_date\n    days: 5\n    working_days: true\n"
        "    text: {en: Hand the passport in within five working days., ru: Сдать паспорт в течение пяти рабочих дней.}\n"
        "    sources: [made-up]\n"
        "sources: [made-up]\n"
        "reviewed: 2026-11-24\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LEGALCLI_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_WARNED", set())  # "once per run": each test is a run
    return tmp_path / "cache" / "legalcli"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini_pack(tmp_path / "mini")


def _case(tmp_path: Path, *, barred: bool, notice: str = "2026-11-02") -> Path:
    path = tmp_path / f"case-{barred}-{notice}.yaml"
    path.write_text(f"as_of: 2026-11-24\nfacts:\n  barred: {str(barred).lower()}\n  notice_date: {notice}\n", encoding="utf-8")
    return path


def _route(pack_dir: Path, case: Path) -> dict[str, Any]:
    """Route `leave` as `assess --format json` gives it."""
    result = run_cli("assess", str(case), "--rules", str(pack_dir), "--no-input", "--format", "json")
    assert result.code == 0, result.err
    (route,) = json.loads(result.out)["routes"]
    return dict(route)


def _pack_file(home: Path) -> Path:
    (path,) = home.glob("pack-*.pickle")
    return path


def _payload(home: Path, path: Path) -> bytes:
    payload = cache.unseal((home / "key").read_bytes(), path.name, path.read_bytes())
    assert payload is not None
    return payload


def _flipped(compiled: cache.Compiled) -> cache.Compiled:
    """The pack with route `leave`'s clause flipped: "barred" blocks only a man who is not."""
    (route,) = compiled.pack.route_list
    (clause,) = route.blocked_if
    flipped = route._replace(blocked_if=(clause._replace(when=clause.when._replace(operand=False)),))
    fields = {f.name: getattr(compiled.pack, f.name) for f in dataclasses.fields(compiled.pack) if f.init}
    return compiled._replace(pack=type(compiled.pack)(**{**fields, "route_list": (flipped,)}))


def test_an_edited_cache_cannot_turn_a_blocked_route_feasible(cache_home: Path, mini: Path, tmp_path: Path) -> None:
    barred = _case(tmp_path, barred=True)
    assert _route(mini, barred)["status"] == "blocked"
    path = _pack_file(cache_home)
    good = path.read_bytes()
    compiled = cache.loads(_payload(cache_home, path))
    assert compiled is not None
    # What the attacker did: flip the clause.  The MAC line stays as it was: the
    # key is not theirs.
    tampered = _flipped(compiled)
    (route,) = assess(tampered.pack, {"barred": True}, as_of=TODAY).routes
    assert route.status == "feasible"  # the edit is one that matters: trusted, it would open the route
    edited = good.partition(b"\n")[0] + b"\n" + cache.dumps(tampered)
    for forged in (edited, FORGED.encode() + b"\n" + cache.dumps(tampered)):
        path.write_bytes(forged)
        assert _route(mini, barred)["status"] == "blocked"
        assert path.read_bytes() == good  # detected and rebuilt


def test_a_genuine_cache_of_another_pack_renamed_into_place_is_refused(cache_home: Path, mini: Path, tmp_path: Path) -> None:
    """The MAC covers the file's name: a cache legalcli wrote for another pack (here one
    where the route opens) cannot stand in for this pack's."""
    other = write_mini_pack(tmp_path / "other", barred_is="false")
    barred = _case(tmp_path, barred=True)
    assert _route(other, barred)["status"] == "feasible"
    other_file = _pack_file(cache_home)
    assert _route(mini, barred)["status"] == "blocked"
    (mine,) = set(cache_home.glob("pack-*.pickle")) - {other_file}
    mine.write_bytes(other_file.read_bytes())
    assert _route(mini, barred)["status"] == "blocked"


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_cache_folder_writable_by_others_is_ignored(tmp_path: Path, mini: Path, mode: int) -> None:
    """Pre-created by someone else and left writable: not read, not written, one line on
    stderr per run.  Processes, so that "once per run" is what a user sees."""
    folder = tmp_path / "cache" / "legalcli"
    folder.mkdir(parents=True)
    folder.chmod(mode)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "LEGALCLI_LANG": "en", "LEGALCLI_NO_CACHE": ""}
    case = _case(tmp_path, barred=False)
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "legalcli", "assess", str(case), "--rules", str(mini), "--no-input", "--format", "json"],
            capture_output=True, text=True, env={**os.environ, **env}, timeout=120, check=False, cwd=ROOT,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        # The pack and the calendar both looked at the folder: still one line.
        assert proc.stderr.splitlines() == [
            f"legalcli: the cache folder {folder} is not private (owned by another user, or writable by others); "
            "it is not used, and the rule pack is read from its files"
        ]
        (route,) = json.loads(proc.stdout)["routes"]
        assert route["status"] == "feasible" and route["deadlines"][0]["date"] == "2026-11-10"
    assert list(folder.iterdir()) == []


def test_a_cache_folder_that_stops_being_private_is_no_longer_read(
    cache_home: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache.load_compiled(str(mini), today=TODAY)
    cache_home.chmod(0o777)  # now anyone could have replaced the files in it
    built: list[str] = []
    import legalcli.loading.pack as pack_module

    original = pack_module.build_pack

    def counting(*args: Any) -> Any:
        built.append("built")
        return original(*args)

    monkeypatch.setattr(pack_module, "build_pack", counting)
    cache.load_compiled(str(mini), today=TODAY)
    cache.load_compiled(str(mini), today=TODAY)
    assert built == ["built", "built"]
    assert capsys.readouterr().err.count("is not private") == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_cache_folder_owned_by_another_user_is_ignored(
    cache_home: Path, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_home.mkdir(parents=True, mode=0o700)
    os.chown(cache_home, 65534, 65534)
    compiled = cache.load_compiled(str(mini), today=TODAY)
    assert compiled.errors == 0 and "leave" in compiled.pack.routes
    assert list(cache_home.iterdir()) == []
    assert "is not private" in capsys.readouterr().err


def test_a_key_others_could_read_is_replaced(cache_home: Path, mini: Path) -> None:
    cache.load_compiled(str(mini), today=TODAY)
    key = cache_home / "key"
    old = key.read_bytes()
    key.chmod(0o644)
    assert cache.read_cache(_pack_file(cache_home).stem.removeprefix("pack-")) is None  # not trusted
    cache.load_compiled(str(mini), today=TODAY)
    assert key.read_bytes() != old and oct(key.stat().st_mode & 0o777) == "0o600"
    assert cache.read_cache(_pack_file(cache_home).stem.removeprefix("pack-")) is not None


def test_the_model_fingerprint_follows_the_order_of_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickled record's fields are positional: two fields swapped (same names, same
    types) is a different model, and the cache's name must change with it."""
    fingerprint = cache.model_fingerprint()
    route_line = next(line for line in fingerprint.splitlines() if line.startswith("legalcli.core.model.Route: "))
    assert route_line.index("'id'") < route_line.index("'kind'") < route_line.index("'title'")
    swapped = dict(reversed(list(Route.__annotations__.items())))
    monkeypatch.setattr(Route, "__annotations__", swapped)
    assert cache.model_fingerprint() != fingerprint


def test_the_cache_reader_can_build_only_plain_records() -> None:
    """What the unpickler may build: records that only hold their fields (NamedTuples, the
    frozen Pack dataclass) and dates; nothing that runs code when built."""
    for cls in cache.RECORDS.values():
        assert (issubclass(cls, tuple) and hasattr(cls, "_fields")) or cls in (Pack, dt.date), cls


def test_the_shipped_pack_and_a_large_one_round_trip_through_the_cache(tmp_path: Path) -> None:
    """Every record a real pack has goes through the restricted reader (else the cache
    would never be used)."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import synthetic_pack
    from legalcli.loading.pack import default_rules_dir

    for root in (default_rules_dir(), synthetic_pack(str(tmp_path / "big"), 200, 60)):
        pack = load_pack(root)
        again = cache.loads(cache.dumps(cache.Compiled(pack, 0, None)))
        assert again is not None and again.pack == pack


# --- the calendar ------------------------------------------------------------------------


def _version() -> str:
    version = cache._holidays_version()
    if version is None:  # pragma: no cover - holidays is a dependency
        pytest.skip("the holidays package is not installed")
    return version


def _deadline(pack_dir: Path, tmp_path: Path, notice: str = "2026-11-02") -> str:
    (deadline,) = _route(pack_dir, _case(tmp_path, barred=False, notice=notice))["deadlines"]
    return str(deadline["date"])


def test_a_planted_calendar_file_does_not_move_a_deadline(cache_home: Path, mini: Path, tmp_path: Path) -> None:
    # 2 Nov 2026 + 5 working days: 4 Nov is a holiday, 7–8 Nov a weekend.
    assert _deadline(mini, tmp_path) == "2026-11-10"
    name = cache.calendar_name(_version())
    path = cache_home / name
    # Every day of November 2026 a day off: the deadline would move into December.
    body = json.loads(_payload(cache_home, path))
    start = dt.date(2026, 1, 1)
    body["days"]["2026"] = format(
        int(body["days"]["2026"], 16) | sum(1 << (dt.date(2026, 11, d) - start).days for d in range(1, 31)), "x"
    )
    planted = json.dumps(body).encode()
    # Trusted (sealed with the key), the plant would move the deadline: the test has teeth.
    path.write_bytes(cache.seal((cache_home / "key").read_bytes(), name, planted))
    assert _deadline(mini, tmp_path) > "2026-12-01"
    # Planted by someone without the key, as a file of the new layout or of the old one.
    path.write_bytes(FORGED.encode() + b"\n" + planted)
    old_layout = cache_home / f"calendar-ru-{_version()}-2026.json"
    old_layout.write_text(json.dumps([f"2026-11-{d:02}" for d in range(1, 31)]), encoding="utf-8")
    assert _deadline(mini, tmp_path) == "2026-11-10"
    assert json.loads(_payload(cache_home, path)) != body  # rebuilt
    assert not old_layout.exists()  # and the year-named file of the old layout removed


def test_the_calendar_file_name_carries_no_year(cache_home: Path, mini: Path, tmp_path: Path) -> None:
    assert _deadline(mini, tmp_path, "2019-03-04") == "2019-03-12"  # 8 March a holiday
    names = sorted(p.name for p in cache_home.iterdir())
    assert _deadline(mini, tmp_path, "2026-11-02") == "2026-11-10"
    assert sorted(p.name for p in cache_home.iterdir()) == names  # the same files for any case
    assert [n for n in names if not n.startswith("pack-")] == [cache.calendar_name(_version()), "key"]
    assert not any(year in cache.calendar_name(_version()) for year in ("2019", "2026"))


def test_the_cached_calendar_is_the_holidays_calendar(cache_home: Path) -> None:
    _version()
    for year in (calendar.FIRST_YEAR, 2019, 2024, 2026, calendar.LAST_YEAR):
        assert cache.calendar_loader(year) == calendar.non_working_days(year)
    assert cache.calendar_loader(calendar.LAST_YEAR + 1) == calendar.non_working_days(calendar.LAST_YEAR + 1)  # not cached
    assert [p.name for p in cache_home.glob("calendar*")] == [cache.calendar_name(_version())]


@pytest.mark.parametrize("when", ["write", "close"])
@pytest.mark.parametrize("what", ["key", "pack", "calendar"])
@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names the file being written through /proc")
def test_a_full_disk_leaves_no_temporary_file(
    cache_home: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, what: str, when: str
) -> None:
    """A write that fails (ENOSPC on writing or on closing) removes its temporary file,
    and the run goes on without that cache file."""
    _version()
    real = os.fdopen

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()
            if when == "close":
                raise OSError(errno.ENOSPC, "No space left on device")

        def write(self, data: bytes) -> int:
            if when == "write":
                raise OSError(errno.ENOSPC, "No space left on device")
            return len(data)

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real(fd, mode, *args, **kwargs)
        name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        return Full(handle) if mode == "wb" and name.startswith(f".{what}-") else handle

    if what == "calendar":
        cache.load_compiled(str(mini), today=TODAY)  # the key and the pack are written
    monkeypatch.setattr(os, "fdopen", fdopen)
    if what == "calendar":
        assert cache.calendar_loader(2026) == calendar.non_working_days(2026)
    else:
        assert cache.load_compiled(str(mini), today=TODAY).errors == 0
    names = sorted(p.name for p in cache_home.iterdir())
    assert not [n for n in names if n.startswith(".")], names  # no temporary file left
    written = {"key": [], "pack": ["key"], "calendar": ["key", "pack-"]}[what]
    assert [n[:5] if n.startswith("pack-") else n for n in names] == written


def test_every_record_class_of_the_model_can_be_read_from_the_cache() -> None:
    """A record class left out of RECORDS would make every compiled pack unreadable: the
    cache would be rebuilt on every run, silently."""
    from legalcli.core import conditions, errors, model

    records = set(cache.RECORDS.values())
    for module in (model, conditions):
        for value in vars(module).values():
            named_tuple = isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
            if named_tuple and value.__module__ == module.__name__:
                assert value in records, value
    assert errors.Location in records and Pack in records
