"""Shared helpers: the shipped pack, and running the CLI in-process or as a process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from legalcli.cli import main
from legalcli.core.model import Pack
from legalcli.loading.pack import default_rules_dir, load_pack

ROOT = Path(__file__).resolve().parent.parent
RULES = Path(default_rules_dir())
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, stdin: str = "", env: dict[str, str] | None = None, entry: Callable[[list[str]], None] = main) -> Result:
    """Run `legalcli ARGS` in this process through the Typer app (or through `entry`,
    e.g. the console script's entry point, which answers `--version` before Typer is imported)."""
    old = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    saved_env = dict(os.environ)
    if env:
        os.environ.update(env)
    sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
    code = 0
    try:
        entry(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
        os.environ.clear()
        os.environ.update(saved_env)
    return Result(code, out.getvalue(), err.getvalue())


def not_installed(what: str) -> NoReturn:
    """A program a test needs (a shell, man) is missing: skip, except in CI
    (LEGALCLI_REQUIRE_SHELLS=1, where the workflow installs them), where the test must
    fail rather than pass unseen.  `what` says what is missing ("zsh is not installed")."""
    if os.environ.get("LEGALCLI_REQUIRE_SHELLS") == "1":
        pytest.fail(f"{what}, and CI requires it")
    pytest.skip(what)


def run_process(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None, timeout: float = 60) -> Result:
    """Run `python -m legalcli ARGS` as a separate process."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the processes they start) use a cache of their own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack(str(RULES))
