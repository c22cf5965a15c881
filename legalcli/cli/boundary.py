"""The single error boundary: every failure becomes one line on stderr and an exit code
(contracts.md), never a traceback and never a case's values."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from legalcli.core.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, InputError, Interrupted, LegalcliError, Location
from legalcli.core.safetext import safe
from legalcli.i18n import LANGS, Lang, choose_lang, t


def message_lang(args: list[str]) -> Lang:
    """The language for messages printed before or instead of a command's output
    (usage errors are raised while Click parses, before --lang is read): the value
    after --lang if it is a language, else the environment.  Only picks a language:
    the option itself is declared, and checked, in cli/options.py."""
    option = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            option = args[index + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    return choose_lang(option if option in LANGS else None)


# A closed stdout (`legalcli … | head -1`) ends every command with the exit code of a
# process killed by SIGPIPE, as a shell reports it: quiet, and a script with pipefail
# still learns that the output was cut short (README, "Exit codes").
EXIT_CLOSED_STDOUT = 141
# Write failures on stdout that the boundary reports as bad input rather than a bug
# (`legalcli routes > /dev/full`, a quota): errors of writing, not of our code.
_WRITE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name))


class Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds the command like Ctrl-C, so that every
    `except BaseException` cleanup (temporary files) runs; exit 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


MAX_ERROR_LINE = 1000  # characters: a hostile key or file name must not flood the terminal


def fail(message: str, code: int) -> NoReturn:
    line = safe(message)
    if len(line) > MAX_ERROR_LINE:
        line = line[: MAX_ERROR_LINE - 1] + "…"
    # stderr may be gone too (SIGHUP from a closed terminal): the exit code still tells.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    sys.exit(code)


def interrupted(lang: Lang) -> NoReturn:
    fail(f"legalcli: {t('interrupted', lang)}", EXIT_INTERRUPTED)


def closed_stdout() -> NoReturn:
    """The reader of stdout went away: end quietly.  Whatever is still buffered for
    stdout goes to the null device, or Python's own flush at exit would fail again and
    print "Exception ignored"."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    sys.exit(EXIT_CLOSED_STDOUT)


def prepare_streams() -> None:
    """Text that the terminal's encoding cannot carry (PYTHONIOENCODING=ascii, a KOI8-R
    locale and a «quote») comes out escaped instead of stopping the run; bytes typed at
    the interview that are not in the terminal's encoding read as U+FFFD, an answer not
    understood and asked again."""
    import io

    for stream, errors in ((sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"), (sys.stdin, "replace")):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=errors)
    # Started with a descriptor closed (`>&-`, `<&-`), Python leaves the stream None.
    # A closed stdout is a pipe nobody reads: printing ends the run as `| head` does,
    # and a command writing only to -o still works; a closed stdin is an empty one.
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stdin is None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = io.StringIO()  # messages to nobody; the exit code still tells


class _ClosedStdout:
    """What stands for a stdout that was never open: every write is a broken pipe."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, _text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


def _catch_signals() -> Callable[[], None]:
    """SIGTERM and SIGHUP raise Signalled in this process; returns what puts the old
    handlers back.  Processes forked from this one (batch's workers) inherit the
    handlers: there they end at once and quietly, and ignore SIGINT (a Ctrl-C reaches
    the whole process group; the parent stops them), so no worker prints a traceback."""
    import signal

    main_pid = os.getpid()
    fired: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        if os.getpid() != main_pid:
            if signum != signal.SIGINT:
                os._exit(128 + signum)
            return
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        if not fired:  # a second signal must not interrupt the cleanup of the first
            fired.append(signum)
            raise Signalled(signum)

    wanted = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    old = {}
    for signum in wanted:
        try:
            previous = signal.getsignal(signum)
            if signum == signal.SIGINT and previous is not signal.default_int_handler:
                continue  # SIGINT ignored by whoever started us (nohup, &): keep it so
            old[signum] = previous
            signal.signal(signum, on_signal)
        except (ValueError, OSError):
            continue  # not the main thread (an embedding program): leave its handlers

    def restore() -> None:
        for signum, handler in old.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)

    return restore


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)


def guarded(run: Callable[[], int], *, lang: Lang, debug: bool = False) -> NoReturn:
    """Run a command and exit with its code, or with the code of what went wrong."""
    prepare_streams()
    restore = _catch_signals()
    try:
        code = run()
        # Surface a failed write of what is still buffered here, not at exit where
        # Python would print "Exception ignored" and exit 120.
        sys.stdout.flush()
    except Interrupted:
        interrupted(lang)
    except Signalled as exc:
        fail(f"legalcli: {t('signalled', lang, signal=_signal_name(exc.signum))}", 128 + exc.signum)
    except LegalcliError as exc:
        fail(f"legalcli: {t('error_prefix', lang)}: {exc.render(lang)}", exc.exit_code)
    except KeyboardInterrupt:
        interrupted(lang)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error of ours.
        closed_stdout()
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):
            closed_stdout()  # Typer turns a closed pipe into exit 1; make it the same as everywhere
        raise
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS or exc.filename is not None:
            _internal(lang, debug)
        # A write without a file name is a write to stdout (every file legalcli
        # writes names its path in its own error): say so, as bad input.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        where = InputError("cannot be written ({reason})", location=Location("<stdout>"), reason=exc.strerror or "")
        fail(f"legalcli: {t('error_prefix', lang)}: {where.render(lang)}", where.exit_code)
    except BaseException:
        _internal(lang, debug)
    finally:
        restore()
    if code == EXIT_INTERRUPTED:
        # Typer turns Ctrl-C into a bare exit code 130; say what happened.
        interrupted(lang)
    sys.exit(code)


def _internal(lang: Lang, debug: bool) -> NoReturn:
    if debug:
        import traceback

        traceback.print_exc()
    fail(f"legalcli: {t('internal_error', lang)}", EXIT_INTERNAL)
