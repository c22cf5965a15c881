"""Hostile case files: each is refused with exit 2 and a location, quickly and in
little memory, and nothing in them is ever run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

HOSTILE = DATA / "hostile"
FILES = sorted(p.name for p in HOSTILE.iterdir())
MARKER = Path("/tmp/legalcli-hostile-marker")
# legalcli: error: <path>[:line:col]: ...
LOCATED = re.compile(r"^legalcli: error: (?P<path>[^:]+\.(yaml|json))(:(?P<line>\d+):(?P<col>\d+))?: ")


# The child is measured by a small intermediate Python process: ru_maxrss is a high-water
# mark that survives exec, so a child forked straight from a large pytest process would
# report pytest's own size.
_MEASURE = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "legalcli", *sys.argv[1:]], os.environ)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, time.perf_counter() - start)
"""


def _run_measured(path: Path) -> tuple[int, str, float, int]:
    """Exit code, stderr, wall seconds and peak memory (MiB) of one `assess` run."""
    env = {**os.environ, "LEGALCLI_LANG": "en"}
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, "assess", str(path), "--no-input", "--format", "json"],
        capture_output=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    lines = proc.stdout.decode().split()
    code, peak_kib, wall = int(lines[-3]), int(lines[-2]), float(lines[-1])
    assert len(lines) == 3, lines  # the child printed nothing to stdout
    return code, proc.stderr.decode("utf-8", "replace"), wall, peak_kib // 1024


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
