"""What an editor and a pack's repository get: the JSON Schemas in docs/schema (fresh),
the schema line of every shipped rule file, the .vscode mapping, the pre-commit hooks."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import schemas  # noqa: E402

sys.path.remove(str(ROOT / "tools"))

SCHEMA_DIR = ROOT / "docs" / "schema"
RULE_FILES = [(kind, Path(path)) for kind, path in schemas.rule_files()]


def _id(item: tuple[str, Path]) -> str:
    return str(item[1].relative_to(ROOT))


def test_schemas_modelines_and_vscode_mapping_are_fresh() -> None:
    """Regenerate with `python tools/schemas.py` after a schema (or a kind) changes."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "schemas.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_there_is_one_schema_file_per_kind_the_command_prints() -> None:
    kinds = schemas.kinds()
    assert {"pack", "facts", "situation", "route", "laws", "sources", "countries", "cases", "case"} <= set(kinds)
    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.json")) == sorted(kinds)
    for kind in kinds:
        document = json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))
        assert document["$schema"].startswith("https://json-schema.org/")
        jsonschema.Draft202012Validator.check_schema(document)


def test_a_stale_missing_or_extra_schema_file_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "schema"
    copy.mkdir()
    for path in SCHEMA_DIR.glob("*.json"):
        (copy / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(schemas, "SCHEMA_DIR", str(copy))
    assert schemas.stale_schemas(check=True) == []
    route = json.loads((copy / "route.json").read_text(encoding="utf-8"))
    route["required"] = route["required"][:-1]
    (copy / "route.json").write_text(json.dumps(route, indent=2) + "\n", encoding="utf-8")
    (copy / "cases.json").unlink()
    (copy / "gone.json").write_text("{}", encoding="utf-8")
    assert sorted(Path(p).name for p in schemas.stale_schemas(check=True)) == ["cases.json", "gone.json", "route.json"]
    schemas.stale_schemas(check=False)
    assert schemas.stale_schemas(check=True) == []
    assert not (copy / "gone.json").exists()
    assert (copy / "route.json").read_text(encoding="utf-8") == (SCHEMA_DIR / "route.json").read_text(encoding="utf-8")


def _plain(value: Any) -> Any:
    """YAML's dates as the text they were written as (the schemas type them as strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


@pytest.mark.parametrize("item", RULE_FILES, ids=_id)
def test_every_shipped_rule_file_names_the_schema_of_its_kind(item: tuple[str, Path]) -> None:
    kind, path = item
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(schemas.MODELINE), f"{path}: no schema line"
    target = (path.parent / first[len(schemas.MODELINE) :]).resolve()
    assert target == SCHEMA_DIR / f"{kind}.json"
    assert target.is_file()
    # The right kind: the file is valid against the schema its line names.
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))), document)


def test_every_yaml_file_of_the_shipped_pack_has_a_kind() -> None:
    found = {p for p in (ROOT / "rules").rglob("*") if p.suffix in (".yaml", ".yml")}
    assert found == {path for _, path in RULE_FILES}
    assert {kind for kind, _ in RULE_FILES} >= {"pack", "facts", "situation", "route", "laws", "sources", "countries", "cases"}


def test_a_schema_line_is_added_or_replaced_never_doubled() -> None:
    line = schemas.modeline("route", str(ROOT / "rules" / "routes" / "x.yaml"))
    assert line == "# yaml-language-server: $schema=../../docs/schema/route.json"
    assert schemas.stamped("id: x\n", line) == line + "\nid: x\n"
    assert schemas.stamped("# yaml-language-server: $schema=old.json\nid: x\n", line) == line + "\nid: x\n"
    assert schemas.stamped("# a comment\nid: x\n", line) == line + "\n# a comment\nid: x\n"


def test_vscode_maps_every_rule_folder_to_its_schema() -> None:
    mapping: dict[str, list[str]] = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    for kind, path in RULE_FILES:
        relative = str(path.relative_to(ROOT))
        matching = {schema for schema, globs in mapping.items() if any(fnmatch.fnmatch(relative, g) for g in globs)}
        assert matching == {f"./docs/schema/{kind}.json"}, relative
    folders = {p.parent for _, p in RULE_FILES if p.parent != ROOT / "rules"}
    for folder in folders:
        # A file added to the folder tomorrow is covered too.
        new = str((folder / "zz-new.yaml").relative_to(ROOT))
        assert any(fnmatch.fnmatch(new, g) for globs in mapping.values() for g in globs), folder
    example = "examples/pavel.yaml"
    assert any(fnmatch.fnmatch(example, g) for g in mapping["./docs/schema/case.json"])


def _hooks() -> list[dict[str, Any]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_pre_commit_hooks_name_real_commands_and_pass_on_the_shipped_pack() -> None:
    import typer

    from legalcli.cli.app import app

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    hooks = _hooks()
    assert {h["id"] for h in hooks} == {"legalcli-rules-check", "legalcli-rules-test"}
    root = typer.main.get_command(app)
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)  # pre-commit's required keys
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        program, *words = hook["entry"].split()
        assert program in scripts
        command: Any = root
        ctx = typer.Context(root, info_name=program)
        for word in words:
            command = command.get_command(ctx, word)
            assert command is not None, hook["entry"]
            ctx = typer.Context(command, info_name=word, parent=ctx)
        files = re.compile(hook["files"])
        for _, path in RULE_FILES:
            assert files.search(str(path.relative_to(ROOT))), (hook["id"], path)
        assert not files.search("legalcli/api.py") and not files.search("docs/schema/route.json")
        proc = subprocess.run(
            [sys.executable, "-m", "legalcli", *words, *hook.get("args", [])],
            cwd=ROOT,
            env={**os.environ, "LEGALCLI_LANG": "en"},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert proc.returncode == 0, hook["id"] + ": " + proc.stdout[-2000:] + proc.stderr[-2000:]
