"""Write docs/schema/KIND.json, for editors, by running `legalcli rules schema KIND` for
every kind the command accepts; give every rule file of the shipped pack a first line
naming its schema,

    # yaml-language-server: $schema=../../docs/schema/route.json

and map the pack's folders to the same schemas in .vscode/settings.json (`yaml.schemas`,
read by the YAML extension; the other settings of that file are kept).

The kinds are the allowed values of the command's KIND argument (cli/rules.SchemaKind,
its one declaration); the schemas are what the command prints, run in-process
(typer.testing.CliRunner) on the shipped pack.  Which schema a rule file takes comes from
the loader's own list of a pack's files (loading.pack.pack_files) and the files beside
them (the scenario cases, the accepted mutants, the review records).  `--check` writes
nothing and exits 1 when a schema file or a first line is out of date
(tests/test_editor_tooling.py runs it).

    python tools/schemas.py [--check]
"""

from __future__ import annotations

import json
import os
import sys
from functools import partial

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tools.docfile import update  # noqa: E402

RULES = os.path.join(ROOT, "rules")
SCHEMA_DIR = os.path.join(ROOT, "docs", "schema")
VSCODE = os.path.join(ROOT, ".vscode", "settings.json")
MODELINE = "# yaml-language-server: $schema="
# Besides the pack: the example case files take the schema of a case file.
EXTRA_GLOBS = {"case": ["examples/*.yaml"]}


def kinds() -> list[str]:
    """The values `legalcli rules schema KIND` accepts, as the command declares them."""
    from legalcli.cli.rules import SchemaKind

    return [kind.value for kind in SchemaKind]


def schema_text(kind: str) -> str:
    """What `legalcli rules schema KIND --rules rules/` prints (checked to be JSON)."""
    from typer.testing import CliRunner

    from legalcli.cli.app import app

    result = CliRunner().invoke(app, ["rules", "schema", kind, "--rules", RULES], env={"LEGALCLI_LANG": "en"})
    if result.exit_code != 0:
        raise SystemExit(f"legalcli rules schema {kind} failed ({result.exit_code}): {result.output}{result.exception or ''}")
    json.loads(result.output)
    return str(result.output)


def _side_files() -> list[tuple[str, str]]:
    """(kind, name) of the files a pack may keep beside its rules: the loader does not
    read them, `rules test --mutate` and `rules review` do."""
    from legalcli.authoring.mutate import ALLOWED_FILE
    from legalcli.authoring.rulediff import REVIEWS_FILE

    return [("mutants-allowed", ALLOWED_FILE), ("reviews", REVIEWS_FILE)]


def rule_files(root: str = RULES) -> list[tuple[str, str]]:
    """(schema kind, path) of every file of the pack at `root` that has a schema."""
    from legalcli.loading.pack import pack_files

    files = list(pack_files(root))
    cases = os.path.join(root, "cases")
    if os.path.isdir(cases):
        files += [("cases", os.path.join(cases, n)) for n in sorted(os.listdir(cases)) if n.endswith(".yaml")]
    files += [(kind, os.path.join(root, name)) for kind, name in _side_files() if os.path.isfile(os.path.join(root, name))]
    return files


def schema_globs(root: str = RULES) -> dict[str, list[str]]:
    """`yaml.schemas` for .vscode/settings.json: each schema file and the globs of the
    files that take it.  A file in a folder of the pack gives its folder's glob (a new
    route is covered before it exists); the side files are mapped even when absent."""
    globs: dict[str, list[str]] = {}

    def add(kind: str, pattern: str) -> None:
        patterns = globs.setdefault(f"./docs/schema/{kind}.json", [])
        if pattern not in patterns:
            patterns.append(pattern)

    for kind, path in rule_files(root):
        relative = os.path.relpath(path, ROOT).replace(os.sep, "/")
        folder = os.path.dirname(relative)
        add(kind, f"{folder}/*.yaml" if folder != os.path.relpath(root, ROOT).replace(os.sep, "/") else relative)
    for kind, name in _side_files():
        add(kind, f"{os.path.relpath(root, ROOT).replace(os.sep, '/')}/{name}")
    for kind, patterns in EXTRA_GLOBS.items():
        for pattern in patterns:
            add(kind, pattern)
    return globs


def vscode_settings() -> str:
    """.vscode/settings.json with `yaml.schemas` as schema_globs() makes it."""
    try:
        with open(VSCODE, encoding="utf-8") as handle:
            settings = json.load(handle)
    except FileNotFoundError:
        settings = {}
    settings["yaml.schemas"] = schema_globs()
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def modeline(kind: str, path: str) -> str:
    """The first line naming the schema of `kind`, relative to the file at `path`."""
    target = os.path.relpath(os.path.join(SCHEMA_DIR, f"{kind}.json"), os.path.dirname(os.path.abspath(path)))
    return MODELINE + target.replace(os.sep, "/")


def stamped(text: str, line: str) -> str:
    """The file's text with `line` first: an old schema line is replaced, else it is added."""
    first, newline, rest = text.partition("\n")
    if first.startswith(MODELINE):
        return line + newline + rest
    return line + "\n" + text


def stale_schemas(*, check: bool) -> list[str]:
    """The schema files that differ from what the command prints (or that name a kind
    it no longer has)."""
    wanted = {f"{kind}.json": schema_text(kind) for kind in kinds()}
    present = set(os.listdir(SCHEMA_DIR)) if os.path.isdir(SCHEMA_DIR) else set()
    names = sorted({n for n in present if n.endswith(".json")} | set(wanted))
    return [os.path.join(SCHEMA_DIR, n) for n in names if update(os.path.join(SCHEMA_DIR, n), wanted.get(n), check=check)]


def stale_modelines(*, check: bool) -> list[str]:
    """The rule files whose first line does not name their schema."""
    return [path for kind, path in rule_files() if update(path, partial(stamped, line=modeline(kind, path)), check=check)]


def main() -> None:
    check = "--check" in sys.argv
    stale = stale_schemas(check=check) + stale_modelines(check=check)
    if update(VSCODE, vscode_settings(), check=check):
        stale.append(VSCODE)
    for path in stale:
        print(("out of date: " if check else "written: ") + os.path.relpath(path, ROOT))
    if check and stale:
        print("run: python tools/schemas.py")
        sys.exit(1)


if __name__ == "__main__":
    main()
