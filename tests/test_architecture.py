"""The layers, stated by package: each package imports only from the layers below it,
the pure core does no I/O, and no module imports another in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "legalcli"

# Lowest first.  A package may import from its own layer and the layers below it.
LAYERS: list[set[str]] = [
    {"i18n"},
    {"core"},
    {"loading"},
    {"render", "authoring", "bulk"},
    {"cli", "api"},
]
# Top-level modules of the package itself and the layer they belong to.
TOP = {"__init__": 0, "__main__": 4}
FORBIDDEN_IN_CORE = {"yaml", "rich", "typer", "click", "os", "subprocess", "socket", "pathlib", "shutil", "tempfile", "jinja2"}


def _layer_of(module: str) -> int | None:
    """The layer of `legalcli.X...`, or None for a module outside the package."""
    parts = module.split(".")
    if parts[0] != "legalcli":
        return None
    if len(parts) == 1:
        return 0  # `from legalcli import __version__`
    for index, layer in enumerate(LAYERS):
        if parts[1] in layer:
            return index
    return TOP.get(parts[1])


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> list[tuple[str, bool]]:
    """Every module `path` imports, and whether the import is at module top (paid on
    import) rather than inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top))
            # `from legalcli.core import engine` imports legalcli.core.engine
            found += [(f"{node.module}.{alias.name}", id(node) in top) for alias in node.names]
    return found


def _upward(path: Path, own: int) -> list[str]:
    """The modules `path` imports from a layer above its own."""
    return [
        f"{module} (layer {layer})" for module, _ in _imported(path) if (layer := _layer_of(module)) is not None and layer > own
    ]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_imports_only_from_its_layer_and_below(path: Path) -> None:
    own = _layer_of(_name(path))
    assert own is not None, f"{path} is in no layer: add its package to LAYERS"
    assert _upward(path, own) == [], f"{_name(path)} (layer {own}) imports from above"


def test_the_layers_are_what_the_package_holds() -> None:
    """A new package must be placed in a layer, and a layer must exist."""
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert packages | (modules - set(TOP)) == set().union(*LAYERS)


def test_no_import_cycles_at_module_top() -> None:
    """Imports at module top form no cycle (a cycle works only by import order)."""
    graph: dict[str, set[str]] = {}
    names = {_name(p) for p in _modules()}
    for path in _modules():
        edges = {m for m, at_top in _imported(path) if at_top and m in names and m != _name(path)}
        graph[_name(path)] = edges
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


CORE = sorted(p for p in (PACKAGE / "core").rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_imports_no_io_or_ui_libraries(path: Path) -> None:
    found = {m.split(".")[0] for m, _ in _imported(path)} & FORBIDDEN_IN_CORE
    assert not found, f"{path.relative_to(PACKAGE)} imports {sorted(found)}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_opens_files_or_prints(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & {"open", "print", "input", "eval", "exec"}


def test_the_layer_test_can_fail(tmp_path: Path) -> None:
    """A core module importing the CLI is caught (the test above is not vacuous)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from legalcli.cli.app import app\n", encoding="utf-8")
    core = _layer_of("legalcli.core.engine")
    assert core is not None
    assert "legalcli.cli.app (layer 4)" in _upward(bad, core)
