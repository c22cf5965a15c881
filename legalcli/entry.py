"""The console script's entry point.

`legalcli --version` and bash TAB completion are answered here without importing Typer,
YAML or the engine: a lawyer presses TAB far more often than Enter, and each press is a
whole Python start-up.  `assess` and `batch` go to `fastpath.py` when it can read the
arguments without Typer; everything else goes to `legalcli.cli.app.main`.  The command tree
below is checked against the real Typer app by tests/test_entry.py.
"""

from __future__ import annotations

import os
import re
import sys

from legalcli import __version__
from legalcli.loading.paths import resolve_rules_dir

_LANG = ["en", "ru"]
_COMMON = ["--lang", "--rules", "--help", "-h"]
# command -> (subcommands, options, {option: values})
TREE: dict[str, tuple[list[str], list[str], dict[str, list[str]]]] = {
    "": (["assess", "batch", "impact", "routes", "countries", "explain", "tree", "rules", "vault"],
         ["--version", "--debug", "--help", "-h", "--install-completion", "--show-completion"], {}),
    "assess": ([], ["--fact", "-f", "--no-input", "--format", "--lang", "--as-of", "--rules", "-o", "--output", "--why",
                    "--all", "--summary", "--redact", "--plaintext", "--save", "--help", "-h"],
               {"--format": ["text", "json", "markdown", "html", "pdf"], "--lang": _LANG}),
    "batch": ([], ["--format", "-o", "--output", "--lang", "--as-of", "--rules", "--jobs", "-j", "--help", "-h"],
              {"--format": ["csv", "jsonl"], "--lang": _LANG}),
    "impact": ([], ["--format", "-o", "--output", "--lang", "--as-of", "--jobs", "-j", "--help", "-h"],
               {"--format": ["text", "json", "csv"], "--lang": _LANG}),
    "routes": ([], _COMMON, {"--lang": _LANG}),
    "countries": ([], ["--format", "--lang", "--as-of", "--rules", "--help", "-h"],
                  {"--format": ["text", "json"], "--lang": _LANG}),
    "explain": ([], _COMMON, {"--lang": _LANG}),
    "tree": ([], ["--format", "--depth", "--lang", "--as-of", "--rules", "--help", "-h"],
             {"--format": ["text", "mermaid", "dot"], "--lang": _LANG}),
    "rules": (["check", "test", "new", "diff", "review", "schema"], ["--help", "-h"], {}),
    "rules check": ([], ["--format", "--today", "--lang", "--help", "-h"], {"--format": ["text", "json"], "--lang": _LANG}),
    "rules test": ([], ["--mutate", "--only", "--format", "--verbose", "-v", "--lang", "--help", "-h"],
                   {"--format": ["text", "json"], "--lang": _LANG}),
    "rules new": ([], ["--rules", "--lang", "--help", "-h"], {"--lang": _LANG}),
    "rules diff": ([], ["--format", "--lang", "--help", "-h"], {"--format": ["text", "json"], "--lang": _LANG}),
    "rules review": ([], ["--format", "--today", "--record", "--again", "--lang", "--help", "-h"],
                     {"--format": ["text", "json"], "--lang": _LANG}),
    "rules schema": ([], ["--rules", "--help", "-h"], {}),
    "vault": (["open", "lock", "rekey"], ["--help", "-h"], {}),
    "vault open": ([], ["-o", "--output", "--lang", "--rules", "--help", "-h"], {"--lang": _LANG}),
    "vault lock": ([], ["-o", "--output", "--lang", "--rules", "--help", "-h"], {"--lang": _LANG}),
    "vault rekey": ([], ["--lang", "--help", "-h"], {"--lang": _LANG}),
}  # fmt: skip
SCHEMA_KINDS = [
    "all",
    "pack",
    "facts",
    "situation",
    "route",
    "laws",
    "sources",
    "countries",
    "cases",
    "mutants-allowed",
    "reviews",
    "case",
    "assessment",
]


def version_line() -> str:
    """`legalcli X, rule pack Y (shipped|DIR)`; the pack version is read with a regular
    expression: this only prints it, the hardened reader validates the pack when used."""
    root = resolve_rules_dir(None)
    try:
        path = os.path.join(root, "pack.yaml")
        if not os.path.isfile(path):  # a FIFO would block for ever (reader.read_bytes)
            raise FileNotFoundError(path)
        with open(path, encoding="utf-8") as handle:
            match = re.search(r"^version:\s*[\"']?([^\"'\s#]+)", handle.read(65536), re.MULTILINE)
        pack_version = match.group(1) if match else "unknown"
    except (OSError, UnicodeDecodeError):
        pack_version = "unavailable"
    shown = root if os.environ.get("LEGALCLI_RULES") else "shipped"
    return f"legalcli {__version__}, rule pack {pack_version} ({shown})"


def complete_bash(words: list[str], cword: int) -> list[str]:
    """The bash completions for `words` with the cursor in word `cword`."""
    args = words[1:cword]
    incomplete = words[cword] if cword < len(words) else ""
    path = ""
    for arg in args:
        child = f"{path} {arg}".strip()
        if child in TREE:
            path = child
    commands, options, values = TREE[path]
    previous = args[-1] if args else ""
    if previous in values:
        candidates = values[previous]
    elif incomplete.startswith("-"):
        candidates = options
    elif path == "explain":
        folder = os.path.join(resolve_rules_dir(None), "routes")
        candidates = sorted(n[:-5] for n in os.listdir(folder) if n.endswith(".yaml")) if os.path.isdir(folder) else []
    elif path == "rules schema":
        candidates = SCHEMA_KINDS
    else:
        candidates = commands
    return [c for c in candidates if c.startswith(incomplete)]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        try:
            sys.stdout.write(version_line() + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            from legalcli.cli.boundary import closed_stdout

            closed_stdout()  # `legalcli --version | true`: as quiet as every command
        sys.exit(0)
    if os.environ.get("_LEGALCLI_COMPLETE") == "complete_bash" and "COMP_WORDS" in os.environ:
        try:
            words = os.environ["COMP_WORDS"].split()
            cword = int(os.environ.get("COMP_CWORD", "0"))
        except ValueError:
            sys.exit(0)
        if os.environ["COMP_WORDS"].endswith(" "):
            words.append("")
        sys.stdout.write("\n".join(complete_bash(words, cword)))
        sys.exit(0)
    if args[:1] in (["assess"], ["batch"]):
        from legalcli.fastpath import run

        command = run(args)
        if command is not None:
            from legalcli.cli.boundary import guarded, message_lang

            guarded(command, lang=message_lang(args))
    from legalcli.cli.app import main as cli_main

    cli_main(args)
