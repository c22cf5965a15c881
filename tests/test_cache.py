"""The compiled-pack cache: same pack back, invalidated by any change, corrupt caches
ignored, rule data only."""

from __future__ import annotations

import datetime as dt
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
    return sorted(home.glob("pack-*.json"))


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
    garbage_texts = ["", "{", '{"format": 1, "version": "0.1.0", "errors": 0, "pack": {"__t": "Pack"}}', "\x00" * 10]
    garbage_texts += ['{"format": 2, "version": "0.1.0", "errors": 0, "paths": [1]}\n[null, {"t": "Pack", "v": []}]']
    for garbage in garbage_texts:
        path.write_text(garbage, encoding="utf-8")
        result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json")
        assert result.code == 0, result.err
        assert cache.read_cache(path.stem.removeprefix("pack-")) is not None  # rebuilt


def test_a_cache_whose_records_do_not_fit_the_model_is_rebuilt(cache_home: Path) -> None:
    """As after a change of the model within one version: one field too many in one
    location, one missing in a route, a path number out of range.  Such a file is
    sealed with the right key (legalcli wrote it), so only the decoder can refuse it."""
    cache.load_compiled(default_rules_dir(), today=TODAY)
    (path,) = _packs(cache_home)
    key = (cache_home / "key").read_bytes()
    good = path.read_bytes()
    payload = cache.unseal(key, path.name, good)
    assert payload is not None
    head, body = payload.decode("utf-8").split("\n", 1)
    broken = [
        body.replace('{"l":[0,', '{"l":[0,0,', 1),
        body.replace('{"t":"Route","v":[', '{"t":"Route","v":[null,', 1),
        body.replace('{"l":[0,', '{"l":[99999,', 1),
        body.replace('{"t":"Route"', '{"t":"Nowhere"', 1),
    ]
    for text in broken:
        assert text != body
        assert cache.loads(head + "\n" + text) is None
        path.write_bytes(cache.seal(key, path.name, (head + "\n" + text).encode("utf-8")))
        result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json")
        assert result.code == 0, result.err
        assert path.read_bytes() == good  # rebuilt as it was


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
