"""The compiled-pack cache: same pack back, invalidated by any change, corrupt caches
ignored, rule data only."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from pathlib import Path

import pytest

from legalcli.loading import cache
from legalcli.loading.pack import default_rules_dir, load_pack
from tests.conftest import EXAMPLES, run_cli

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LEGALCLI_NO_CACHE", raising=False)
    return tmp_path / "cache" / "legalcli"


def _packs(home: Path) -> list[Path]:
    """The pack caches in the folder (beside them: the key, and the calendar)."""
    return sorted(home.glob("pack-*.pickle"))


def test_round_trip_gives_an_equal_pack() -> None:
    pack = load_pack(default_rules_dir())
    again = cache.loads(cache.dumps(cache.Compiled(pack, 0, None)))
    assert again is not None
    assert again.pack == pack
    assert again.pack.routes.keys() == pack.routes.keys()
    assert again.pack.situations["passport-surrender-duty"] == pack.situations["passport-surrender-duty"]


def test_warm_load_uses_the_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.load_compiled(default_rules_dir(), today=TODAY)
    assert len(_packs(cache_home)) == 1 and oct(cache_home.stat().st_mode & 0o777) == "0o700"
    assert oct((cache_home / "key").stat().st_mode & 0o777) == "0o600"

    def no_build(*_args: object) -> None:
        raise AssertionError("the pack was rebuilt although the cache was warm")

    monkeypatch.setattr("legalcli.loading.pack.build_pack", no_build)
    second = cache.load_compiled(default_rules_dir(), today=TODAY)
    assert second.pack == first.pack and second.errors == 0


def test_a_changed_rule_file_misses_the_cache(cache_home: Path, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    cache.load_compiled(str(root), today=TODAY)
    route = root / "routes" / "asylum-eu.yaml"
    route.write_text(route.read_text(encoding="utf-8").replace("Dublin III", "Dublin 3"), encoding="utf-8")
    changed = cache.load_compiled(str(root), today=TODAY)
    assert "Dublin 3" in changed.pack.routes["asylum-eu"].risks[0].text.en
    assert len(_packs(cache_home)) == 2


def test_a_corrupt_cache_is_ignored_and_rebuilt(cache_home: Path) -> None:
    cache.load_compiled(default_rules_dir(), today=TODAY)
    (path,) = _packs(cache_home)
    good = path.read_bytes()
    payload = cache.unseal((cache_home / "key").read_bytes(), path.name, good)
    assert payload is not None
    garbage = [b"", b"{", b"\x00" * 10, payload[: len(payload) // 2], b"legalcli-blake2b-mac zz\n" + payload]
    for data in garbage:
        path.write_bytes(data)
        result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json")
        assert result.code == 0, result.err
        assert path.read_bytes() == good  # rebuilt as it was


def test_a_sealed_file_that_is_not_a_compiled_pack_is_rebuilt(cache_home: Path) -> None:
    """Sealed with the right key (as if legalcli had written it), a file cut short, a
    pickle of something else, or a pack whose error count is not a number is refused."""
    cache.load_compiled(default_rules_dir(), today=TODAY)
    (path,) = _packs(cache_home)
    key = (cache_home / "key").read_bytes()
    good = path.read_bytes()
    payload = cache.unseal(key, path.name, good)
    assert payload is not None
    compiled = cache.loads(payload)
    assert compiled is not None
    broken = [
        payload[:-40],
        pickle.dumps(compiled.pack),
        pickle.dumps(compiled._replace(errors="0")),
        pickle.dumps(compiled._replace(first_error="routes/x.yaml:1:1")),
    ]
    for data in broken:
        assert cache.loads(data) is None
        path.write_bytes(cache.seal(key, path.name, data))
        result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json")
        assert result.code == 0, result.err
        assert path.read_bytes() == good  # rebuilt as it was


CANARY: list[str] = []


def _run(word: str) -> None:
    CANARY.append(word)


class _Runs:
    """A pickle that calls `_run` when it is read without restriction."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_run, ("ran",))


def test_reading_a_cache_never_runs_code(cache_home: Path) -> None:
    """A pickle runs code by naming a function; the cache's reader builds the model's
    records and nothing else, so a file naming anything else is refused before it runs."""
    cache.load_compiled(default_rules_dir(), today=TODAY)
    (path,) = _packs(cache_home)
    key = (cache_home / "key").read_bytes()
    good = path.read_bytes()
    for planted in (_Runs(), [1, _Runs()], {"pack": _Runs()}):
        data = pickle.dumps(planted)
        pickle.loads(data)  # unrestricted, it runs: the test's pickle is a real attack
        assert CANARY == ["ran"]
        CANARY.clear()
        assert cache.loads(data) is None
        assert CANARY == []
        path.write_bytes(cache.seal(key, path.name, data))
        assert run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json").code == 0
        assert CANARY == [] and path.read_bytes() == good


def test_a_change_of_the_model_misses_the_cache(cache_home: Path) -> None:
    """The cache's name covers the model's shape: a record class that gains a field (or
    whose field changes type) within one version never reads a file written before."""
    from legalcli.core.model import Deadline

    cache.load_compiled(default_rules_dir(), today=TODAY)
    (before,) = _packs(cache_home)
    fingerprint = cache.model_fingerprint()
    # A field added, then a field's type changed: each writes a cache of its own.
    # (A patch of its own: undoing the test's monkeypatch would undo the cache folder too.)
    for written, change in enumerate(({"added": "str"}, {"amount": "str"}), start=2):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Deadline, "__annotations__", {**Deadline.__annotations__, **change})
            assert cache.model_fingerprint() != fingerprint
            cache.load_compiled(default_rules_dir(), today=TODAY)
            assert before in _packs(cache_home) and len(_packs(cache_home)) == written
        assert cache.model_fingerprint() == fingerprint


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input").code == 0


def test_cache_holds_rule_data_only(cache_home: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("facts: {service_status: mobilised}\nnotes: CACHE-CANARY-1\n", encoding="utf-8")
    assert run_cli("assess", str(case), "--no-input").code == 0
    for path in cache_home.iterdir():
        assert b"CACHE-CANARY" not in path.read_bytes()


def test_a_pack_with_errors_is_refused_from_the_cache_too(cache_home: Path, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    route = root / "routes" / "asylum-eu.yaml"
    route.write_text(
        route.read_text(encoding="utf-8").replace("sources: [connection-ev-3649, dailynewsen-2022]", "sources: [nope]", 1),
        encoding="utf-8",
    )
    for _ in range(2):  # cold, then warm
        result = run_cli("assess", "--no-input", "--rules", str(root))
        assert result.code == 2
        assert "the rule pack has 1 error(s)" in result.err
    assert len(_packs(cache_home)) == 1  # the pack with its error was cached, and refused warm
