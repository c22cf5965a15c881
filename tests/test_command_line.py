"""The fast entry point: --version and bash completion without Typer, kept in step
with the real command tree."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer

from legalcli.cli.app import app
from legalcli.entry import SCHEMA_KINDS, TREE, complete_bash, version_line
from tests.conftest import ROOT, run_cli


def _walk(command: object, path: str = "") -> dict[str, tuple[set[str], set[str]]]:
    found: dict[str, tuple[set[str], set[str]]] = {}
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts) if opt.startswith("-")}  # type: ignore[attr-defined]
    subcommands = getattr(command, "commands", {})
    found[path] = (set(subcommands), options | {"--help", "-h"})
    for name, sub in subcommands.items():
        found.update(_walk(sub, f"{path} {name}".strip()))
    return found


def test_completion_tree_matches_the_app() -> None:
    real = _walk(typer.main.get_command(app))
    fast = {path: (set(commands), set(options)) for path, (commands, options, _values) in TREE.items()}
    assert fast == real


def test_version_matches_the_full_cli() -> None:
    assert version_line() == run_cli("--version").out.strip()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("legalcli ", ["assess", "batch", "impact", "routes", "countries", "explain", "tree", "rules", "vault"]),
        ("legalcli i", ["impact"]),
        ("legalcli impact --format ", ["text", "json", "csv"]),
        ("legalcli rules test --m", ["--mutate"]),
        ("legalcli c", ["countries"]),
        ("legalcli countries --format ", ["text", "json"]),
        ("legalcli r", ["rules", "routes"]),
        ("legalcli ru", ["rules"]),
        ("legalcli rules ", ["check", "test", "new", "diff", "review", "schema"]),
        ("legalcli assess --fo", ["--format"]),
        ("legalcli assess --format ", ["text", "json", "markdown", "html", "pdf"]),
        ("legalcli explain asy", ["asylum-abroad", "asylum-eu"]),
        ("legalcli rules schema ro", ["route"]),
        ("legalcli rules schema ", SCHEMA_KINDS),
        ("legalcli assess --lang r", ["ru"]),
    ],
)
def test_bash_completion(line: str, expected: list[str]) -> None:
    words = line.split() + ([""] if line.endswith(" ") else [])
    assert sorted(complete_bash(words, len(words) - 1)) == sorted(expected)


def test_completion_through_the_console_script() -> None:
    env = {**os.environ, "_LEGALCLI_COMPLETE": "complete_bash", "COMP_WORDS": "legalcli vault ", "COMP_CWORD": "2"}
    proc = subprocess.run([sys.executable, "-m", "legalcli"], env=env, capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0
    assert proc.stdout.split("\n") == ["open", "lock", "rekey"]


def test_fast_paths_do_not_import_typer_or_yaml() -> None:
    code = (
        "import sys; sys.argv=['legalcli','--version']\n"
        "try:\n from legalcli.entry import main; main()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('typer','yaml','rich','legalcli.core.engine') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().endswith("[]")
