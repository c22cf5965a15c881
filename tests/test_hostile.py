"""Hostile case files: each is refused with exit 2 and a location, quickly and in
little memory, and nothing in them is ever run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA

HOSTILE = DATA / "hostile"
FILES = sorted(p.name for p in HOSTILE.iterdir())
MARKER = Path("/tmp/legalcli-hostile-marker")
# legalcli: error: <path>[:line:col]: ...
LOCATED = re.compile(r"^legalcli: error: (?P<path>[^:]+\.(yaml|json))(:(?P<line>\d+):(?P<col>\d+))?: ")


def _run_measured(path: Path) -> tuple[int, str, float, int]:
    """Exit code, stderr, wall seconds and peak memory (MiB) of one `assess` run; the
    child is reaped with wait4 so that its own peak memory is known."""
    env = {**os.environ, "LEGALCLI_LANG": "en"}
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        err_r, err_w = os.pipe()
        proc = subprocess.Popen(
            [sys.executable, "-m", "legalcli", "assess", str(path), "--no-input", "--format", "json"],
            stdout=devnull, stderr=err_w, env=env,
        )  # fmt: skip
        os.close(err_w)
        chunks = []
        while chunk := os.read(err_r, 65536):
            chunks.append(chunk)
        os.close(err_r)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), wall, usage.ru_maxrss // 1024


def _check(path: Path) -> str:
    code, err, wall, peak_mib = _run_measured(path)
    assert code == 2, err
    first = err.strip().splitlines()[0]
    match = LOCATED.match(first)
    assert match, first
    assert match.group("path").endswith(path.name)
    assert "Traceback" not in err
    assert wall < 1.0, f"{path.name}: {wall:.2f} s"
    assert peak_mib < 200, f"{path.name}: {peak_mib} MiB"
    return first


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 30


@pytest.mark.parametrize("name", FILES)
def test_hostile_case_file_is_refused(name: str) -> None:
    first = _check(HOSTILE / name)
    if name not in ("empty.yaml", "empty.json", "binary.yaml") and "larger" not in first:
        assert LOCATED.match(first).group("line") is not None, first  # type: ignore[union-attr]
    assert not MARKER.exists()


@pytest.mark.parametrize("megabytes", [5, 50])
def test_big_files_are_refused_before_reading(megabytes: int, tmp_path: Path) -> None:
    big = tmp_path / f"big-{megabytes}.yaml"
    with big.open("wb") as handle:
        handle.write(b"facts:\n")
        line = b"  # " + b"x" * 1020 + b"\n"
        for _ in range(megabytes * 1024):
            handle.write(line)
    first = _check(big)
    assert f"the file is {big.stat().st_size:,} bytes; at most 258,048 are read" in first
