"""The package as a user gets it: the wheel built from this checkout, installed with its
declared dependencies into a fresh virtual environment, run from `/`.  The shipped rules
must come from the installed package (legalcli/rules inside the wheel), never from the
checkout, and the wheel must carry what the package promises (py.typed, the pack).

Built with `pip wheel` (the hatchling build backend comes from the package index pip is
configured with, as for any install) and installed with `pip install WHEEL`, dependencies
included: a dependency missing from pyproject.toml fails here.  ~15 s.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from legalcli import __version__
from legalcli.core.model import Pack

ROOT = Path(__file__).resolve().parent.parent
PAVEL = ROOT / "examples" / "pavel.yaml"


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600, **kwargs)  # type: ignore[call-overload]
    assert proc.returncode == 0, f"{' '.join(command)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the bin folder of a fresh venv with it installed)."""
    base = tmp_path_factory.mktemp("installed")
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(dist)], cwd=base)
    wheels = list(dist.glob("legalcli-*.whl"))
    assert len(wheels) == 1, wheels
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])], cwd=base)
    return wheels[0], bindir


def _env(bindir: Path, home: Path) -> dict[str, str]:
    """A user's environment: the venv on PATH, nothing pointing at the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCLI_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(
        PATH=str(bindir) + os.pathsep + env.get("PATH", ""),
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        LEGALCLI_LANG="en",
        NO_COLOR="1",
    )
    return env


def test_the_wheel_carries_the_pack_and_its_type_marker(installed: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(installed[0]).namelist())
    assert "legalcli/py.typed" in names
    assert "legalcli/rules/pack.yaml" in names
    shipped = {str(p.relative_to(ROOT)) for p in (ROOT / "rules").rglob("*.yaml")}
    assert {f"legalcli/{name}" for name in shipped} <= names
    assert not any(name.startswith(("tests/", "docs/", "rules/")) for name in names)
    assert "legalcli/i18n/locale/ru/LC_MESSAGES/legalcli.mo" in names  # the Russian messages


def test_the_man_page_is_installed_where_man_finds_it(installed: tuple[Path, Path]) -> None:
    _, bindir = installed
    page = bindir.parent / "share" / "man" / "man1" / "legalcli.1"
    assert page.read_text(encoding="utf-8") == (ROOT / "docs" / "legalcli.1").read_text(encoding="utf-8")


def test_the_installed_command_runs_from_root_with_the_shipped_pack(
    installed: tuple[Path, Path], tmp_path: Path, pack: Pack
) -> None:
    _, bindir = installed
    env = _env(bindir, tmp_path)
    legalcli = str(bindir / "legalcli")

    where = _run(
        [str(bindir / "python"), "-c", "import legalcli.loading.paths as p; print(p.default_rules_dir())"], cwd="/", env=env
    )
    rules_dir = Path(where.stdout.strip())
    assert rules_dir.is_relative_to(bindir.parent), rules_dir  # inside the venv, not the checkout
    assert (rules_dir / "pack.yaml").is_file()

    version = _run([legalcli, "--version"], cwd="/", env=env).stdout
    pack_version = re.search(r"^version:\s*(\S+)", (ROOT / "rules" / "pack.yaml").read_text(encoding="utf-8"), re.MULTILINE)
    assert pack_version is not None
    assert version == f"legalcli {__version__}, rule pack {pack_version.group(1)} (shipped)\n"

    routes = _run([legalcli, "routes"], cwd="/", env=env).stdout.splitlines()
    assert [line.split()[0] for line in routes] == [r.id for r in pack.route_list]

    assessed = _run([legalcli, "assess", str(PAVEL), "--no-input", "--format", "json"], cwd="/", env=env).stdout
    data = json.loads(assessed)
    assert data["schema"] == "legalcli.assessment/1"
    assert data["pack"]["version"] == pack.version and data["pack"]["fingerprint"] == pack.fingerprint
    # The same answer as the checkout gives: same code, same rules, found another way.
    here = subprocess.run(
        [sys.executable, "-m", "legalcli", "assess", str(PAVEL), "--no-input", "--format", "json"],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "LEGALCLI_RULES"}, "LEGALCLI_LANG": "en", "NO_COLOR": "1"},
        check=True,
    ).stdout
    assert assessed == here
