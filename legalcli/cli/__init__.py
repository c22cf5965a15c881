"""The console script: `legalcli --version` is answered here, before Typer is imported
(it is the one answer a script may want from the program without running a command);
everything else goes to the Typer app, `legalcli.cli.app`."""

from __future__ import annotations

import os
import re
import sys

from legalcli import __version__
from legalcli.loading.paths import resolve_rules_dir


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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from legalcli.cli.boundary import guarded, message_lang

        def run() -> int:
            sys.stdout.write(version_line() + "\n")
            return 0

        guarded(run, lang=message_lang(args))  # a closed pipe, Ctrl-C, a bug: as every command
    if argv is None:
        # The console script.  Importing Typer, Click and the command modules allocates
        # tens of thousands of objects, none of them garbage, and the cyclic collector
        # walked them again and again while they loaded (~5 ms of a ~85 ms run).  It is
        # paused while they load, and what they made is frozen out of later collections;
        # the command itself runs with the collector on.  Not done for a caller that passes
        # argv (tests, scripts running many commands in one process): frozen objects are
        # never collected.
        import gc

        gc.disable()
        from legalcli.cli.app import main as app_main

        gc.freeze()
        gc.enable()
    else:
        from legalcli.cli.app import main as app_main

    app_main(args)
