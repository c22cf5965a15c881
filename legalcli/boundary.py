"""The single error boundary: every failure becomes one line on stderr and an exit code
(contracts.md), never a traceback and never a case's values.  Used by the Typer app
(`cli.main`) and by the fast path (`fastpath.py`), so both fail alike."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from legalcli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, Interrupted, LegalcliError
from legalcli.i18n import MESSAGES, choose_lang


def message_lang(args: list[str]) -> str:
    """The language for messages printed before or instead of a command's output:
    --lang from the command line if given, else the environment."""
    option = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            option = args[index + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    return choose_lang(option if option in ("en", "ru") else None)


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    sys.exit(code)


def interrupted(lang: str) -> NoReturn:
    fail(f"legalcli: {MESSAGES['interrupted'][lang == 'ru']}", EXIT_INTERRUPTED)


def guarded(run: Callable[[], int], *, lang: str, debug: bool = False) -> NoReturn:
    """Run a command and exit with its code, or with the code of what went wrong."""
    try:
        code = run()
    except Interrupted:
        interrupted(lang)
    except LegalcliError as exc:
        fail(f"legalcli: {MESSAGES['error_prefix'][lang == 'ru']}: {exc.render(lang)}", exc.exit_code)
    except KeyboardInterrupt:
        interrupted(lang)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except SystemExit:
        raise
    except BaseException:
        if debug:
            import traceback

            traceback.print_exc()
        fail(f"legalcli: {MESSAGES['internal_error'][lang == 'ru']}", EXIT_INTERNAL)
    if code == EXIT_INTERRUPTED:
        # Typer turns Ctrl-C into a bare exit code 130; say what happened.
        interrupted(lang)
    sys.exit(code)
