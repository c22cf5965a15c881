"""The pure core imports no yaml, rich or typer, and does no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "legalcli"
PURE = ["model", "conditions", "engine", "checks", "calendar"]
FORBIDDEN = {"yaml", "rich", "typer", "click", "os", "subprocess", "socket", "pathlib", "shutil", "tempfile"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_import_no_io_or_ui_libraries(module: str) -> None:
    found = _imports(PACKAGE / f"{module}.py") & FORBIDDEN
    assert not found, f"legalcli/{module}.py imports {sorted(found)}"


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_never_open_files(module: str) -> None:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & {"open", "print", "input", "eval", "exec"}


def test_core_does_not_import_the_cli_or_renderers() -> None:
    for module in PURE:
        imported = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(imported):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(
                    ("legalcli.cli", "legalcli.render", "legalcli.loading", "legalcli.interview")
                ), f"{module} imports {node.module}"


def test_cli_module_top_imports_only_typer_and_the_package() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            top.add(node.module)
    assert top <= {
        "__future__",
        "contextlib",
        "datetime",
        "os",
        "sys",
        "typing",
        "typer",
        "legalcli",
        "legalcli.boundary",
        "legalcli.commands",
        "legalcli.errors",
        "legalcli.i18n",
    }, top


TYPER_FREE = ["entry", "fastpath", "commands", "boundary", "errors", "i18n", "paths"]


@pytest.mark.parametrize("module", TYPER_FREE)
def test_fast_path_modules_never_import_typer(module: str) -> None:
    """The fast path (entry -> fastpath -> commands -> boundary) is fast only while none
    of it imports Typer or Click, at the top or inside a function."""
    found = _imports(PACKAGE / f"{module}.py") & {"typer", "click"}
    assert not found, f"legalcli/{module}.py imports {sorted(found)}"
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "legalcli.cli" not in modules or module == "entry", f"legalcli/{module}.py imports legalcli.cli"
