"""What the case commands do: loading the pack, reading the options' values, writing
output, and the whole of `assess`, `batch` and `impact`.  The options themselves, and
their allowed values, are declared once, for Typer, in the command modules; by the time
these functions run Click has checked them."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from legalcli.core.errors import InputError, Location

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from legalcli.cli.options import AssessFormat, BatchFormat, ImpactFormat
    from legalcli.core.conditions import Value
    from legalcli.core.model import Pack
    from legalcli.i18n import Lang


def _frozen(pack: Pack) -> Pack:
    # The pack lives as long as the process: keep the cyclic collector from walking its
    # objects again at every collection the engine's work triggers (and batch's forked
    # workers from copying the pages it would touch).  A library user (legalcli.api)
    # loads without this.
    gc.freeze()
    return pack


def load(rules: str | None) -> Pack:
    from legalcli.loading.cache import pack_from

    return _frozen(pack_from(rules, checked=False))


def load_checked(rules: str | None) -> Pack:
    """A pack fit to assess with: structurally sound and free of semantic errors."""
    from legalcli.loading.cache import pack_from

    return _frozen(pack_from(rules, checked=True))


def as_of_date(text: str | None, fallback: dt.date | None = None) -> dt.date:
    from legalcli.core.values import in_date_range, parse_date_text

    if text is None:
        return fallback or dt.date.today()
    value = parse_date_text(text)  # as --fact reads dates: YYYY-MM-DD or ДД.ММ.ГГГГ
    if value is None:
        raise InputError("expected a real date as DD.MM.YYYY or YYYY-MM-DD", key="--as-of")
    return in_date_range(value, key="--as-of")


# lang_of and passphrase are bare wrappers of i18n.choose_lang and ask_passphrase, kept
# only while cli/reference.py and cli/vault.py still call them; new code calls those two.
# --- outputs -----------------------------------------------------------------------
# Every file legalcli writes goes through `Output` (docs/security.md, "Outputs and
# signals"): a regular file is replaced atomically; a FIFO, a character device or
# /dev/stdout is written in place, never replaced; anything else, a directory or a
# missing folder is bad input (exit 2), and so is every failure to write, with the path
# and the system's reason.

# Names that mean one of this process's open descriptors: written through a duplicate
# of it, so that `-o /dev/stdout >> log` appends where the shell said, and a pipe or a
# socket behind it works as well as a file.
_FD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}
_FD_PREFIXES = ("/dev/fd/", "/proc/self/fd/")


def _descriptor(path: str) -> int | None:
    full = os.path.abspath(path)
    if full in _FD_NAMES:
        return _FD_NAMES[full]
    for prefix in _FD_PREFIXES:
        if full.startswith(prefix) and full[len(prefix) :].isdigit():
            return int(full[len(prefix) :])
    return None


def cannot_write(path: str, exc: OSError) -> InputError:
    """A failure to write as bad input: the path and the system's reason, never exit 70
    (a full disk or a read-only folder is the user's to fix, not a bug)."""
    return InputError("cannot be written ({reason})", location=Location(path), reason=exc.strerror or type(exc).__name__)


def _target(path: str) -> tuple[str, str | int]:
    """What writing to `path` means: ("fd", descriptor), ("device", path) for a FIFO or
    a character device written in place, or ("file", real path) for a regular file
    replaced atomically.  Checked, not opened: opening a FIFO waits for its reader."""
    import stat

    fd = _descriptor(path)
    if fd is not None:
        try:
            os.fstat(fd)
        except OSError as exc:
            raise cannot_write(path, exc) from None
        return "fd", fd
    where = Location(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        real = os.path.realpath(path)
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            shown = os.path.dirname(path) or "."
            if os.path.isdir(shown):  # a dangling link: name the folder it leads to
                shown = folder
            raise InputError("cannot be written: the folder {folder} does not exist", location=where, folder=shown) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise cannot_write(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES))) from None
        return "file", real
    except OSError as exc:
        raise cannot_write(path, exc) from None
    except ValueError:  # a NUL typed at the "another file" prompt
        raise cannot_write(path, OSError(errno.EINVAL, os.strerror(errno.EINVAL))) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory; give the name of a file to write", location=where)
    if stat.S_ISREG(info.st_mode):
        real = os.path.realpath(path)
        # Replacing needs the folder; refusing a file we may not write keeps a file its
        # owner made read-only as it is, as the shell's `>` would.
        if not (os.access(real, os.W_OK) and os.access(os.path.dirname(real), os.W_OK | os.X_OK)):
            raise cannot_write(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
        return "file", real
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        if not os.access(path, os.W_OK):
            raise cannot_write(path, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
        return "device", path
    raise InputError("is not a regular file, a FIFO or a character device; nothing is written to it", location=where)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def check_outputs(outputs: list[tuple[str, str | None]], inputs: Sequence[str] = (), *, stdin: bool = False) -> None:
    """Refuse, before any work, outputs that cannot be written and outputs that are an
    input or another output: `assess case.yaml -o case.yaml` would replace the case with
    its report, `vault open c.lcx -o c.lcx` the sealed file with its plain text.
    `outputs` is (option, path or None); `inputs` the files read; `stdin`, whether a
    case is read from standard input (which may be a file too)."""
    import stat

    given = [(option, path) for option, path in outputs if path]
    for _, path in given:
        _target(path)
    for option, path in given:
        mine = _identity(path)
        if mine is None:
            continue  # nothing there yet: no existing input can be it
        same = any(_identity(name) == mine for name in inputs)
        if not same and stdin:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                info = os.fstat(sys.stdin.fileno())
                same = (info.st_dev, info.st_ino) == mine and stat.S_ISREG(info.st_mode)
        if same:
            raise InputError("is the file being read; write to another file", location=Location(path), key=option)
    for index, (option, path) in enumerate(given):
        for other_option, other in given[:index]:
            mine, theirs = _identity(path), _identity(other)
            if mine is None and theirs is None:
                same = os.path.realpath(path) == os.path.realpath(other)
            else:
                # A terminal or /dev/null twice loses nothing; a file or a FIFO would
                # get one output over or into the other.
                same = mine == theirs and not stat.S_ISCHR(os.stat(path).st_mode)
            if same:
                raise InputError(
                    "is also given to {option}; write to another file", location=Location(path), key=option, option=other_option
                )


class Output:
    """One output, written whole or not at all where that can be had: a regular file is
    written to a private temporary file beside it (mode 0600: it may describe a person)
    and renamed over it by `commit`; a FIFO, a character device or one of our own
    descriptors is written in place.  `abandon` removes the temporary file; every write
    failure is an InputError naming the path."""

    def __init__(self, path: str, *, text: bool = False, private: bool = True) -> None:
        import io
        import tempfile

        self.path = path
        self.tmp: str | None = None
        self.final = path
        kind, where = _target(path)
        self.stdout = kind == "fd" and where == 1
        try:
            if kind == "fd":
                assert isinstance(where, int)
                fd = os.dup(where)
            elif kind == "device":
                fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
                self._still_a_device(fd)
            else:
                assert isinstance(where, str)
                self.final = where
                fd, self.tmp = tempfile.mkstemp(prefix=".legalcli-", dir=os.path.dirname(where))
                try:
                    # 0600: it may describe a person.  A shared file (a pack's review
                    # records) gets the usual permissions the umask leaves.
                    os.fchmod(fd, 0o600 if private else 0o666 & ~_umask())
                except BaseException:
                    os.close(fd)
                    raise
        except OSError as exc:
            self._remove_tmp()
            raise self._error(exc) from None
        except BaseException:
            self._remove_tmp()
            raise
        raw = os.fdopen(fd, "wb")
        # Text is UTF-8 whatever the locale; a file name that is not UTF-8 comes out
        # escaped rather than stopping the run.
        self.handle: Any = io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", newline="") if text else raw

    def _still_a_device(self, fd: int) -> None:
        import stat

        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            # Swapped for something else since it was checked: written in place, a
            # regular file would keep the tail of its old contents.
            os.close(fd)
            raise InputError("changed while it was being opened; nothing was written", location=Location(self.path))

    def _error(self, exc: OSError) -> BaseException:
        if self.stdout and isinstance(exc, BrokenPipeError):
            return exc  # stdout's reader went away: the boundary ends quietly
        return cannot_write(self.path, exc)

    def write(self, data: Any) -> None:
        try:
            self.handle.write(data)
        except OSError as exc:
            raise self._error(exc) from None

    def commit(self) -> None:
        try:
            self.handle.flush()
            if self.tmp is not None:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if self.tmp is not None:
                os.replace(self.tmp, self.final)
                self.tmp = None
        except OSError as exc:
            self.abandon()
            raise self._error(exc) from None

    def abandon(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.handle.close()
        self._remove_tmp()

    def _remove_tmp(self) -> None:
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: bytes, *, private: bool = True) -> None:
    """Write one output whole (see Output): a crash leaves the old file or the new one,
    never half, and no temporary file."""
    target = Output(path, private=private)
    try:
        target.write(data)
        target.commit()
    except BaseException:
        target.abandon()
        raise


def stdout_error(exc: OSError) -> BaseException:
    """A failed write to stdout: a closed pipe goes to the boundary as it is (it ends
    the run quietly); anything else (a full disk behind `>`) is bad input."""
    if isinstance(exc, BrokenPipeError):
        return exc
    return cannot_write("<stdout>", exc)


def emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text.encode("utf-8", "backslashreplace"))
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        raise stdout_error(exc) from None


def say(text: str) -> None:
    """A line for the person at the terminal (stderr), never mixed with the output."""
    from legalcli.core.safetext import safe

    sys.stderr.write(safe(text) + "\n")
    sys.stderr.flush()


def assess_command(
    case: str | None = None,
    fact: list[str] | None = None,
    no_input: bool = False,
    fmt: AssessFormat = "text",
    lang: Lang | None = None,
    as_of: str | None = None,
    rules: str | None = None,
    output: str | None = None,
    why: bool = False,
    show_all: bool = False,
    redact: bool = False,
    plaintext: bool = False,
    save: str | None = None,
    summary: bool = False,
) -> None:
    """`legalcli assess`: which routes are feasible, blocked or undetermined, and why.
    The parameters are the command's options, named as in cli/casework.py."""
    from legalcli.cli.passphrase import ask_passphrase
    from legalcli.core.engine import assess as run_assess
    from legalcli.i18n import choose_lang
    from legalcli.loading.case import VAULT_LIMITS, Case, parse_fact_option, read_case

    if fmt == "pdf" and not output:
        raise InputError("a PDF is written to a file: add -o FILE.pdf", key="--format")
    early_lang = choose_lang(lang)
    # Before any work, and before the first question: the outputs can be written and
    # replace no input, and a new passphrase will be had.
    inputs = [case] if case and case != "-" else []
    check_outputs([("-o", output), ("--save", save)], inputs, stdin=case == "-")
    if save and not plaintext:
        from legalcli.cli.passphrase import check_new_passphrase

        check_new_passphrase()
    pack = load_checked(rules)
    loaded = Case()
    if case is not None:
        # One byte over the cap, so that read_case sees an oversized input and refuses it
        # (before decrypting) rather than a cut one.
        stdin_bytes = sys.stdin.buffer.read(VAULT_LIMITS.max_bytes + 1) if case == "-" else None
        loaded = read_case(case, pack, stdin_bytes=stdin_bytes, passphrase=lambda: ask_passphrase(early_lang))
    facts: dict[str, Value] = dict(loaded.facts)
    for option in fact or []:
        fact_id, value = parse_fact_option(option, pack)
        if value is None:
            facts.pop(fact_id, None)
        else:
            facts[fact_id] = value
    use_lang = choose_lang(lang, loaded.lang)
    date = as_of_date(as_of, loaded.as_of)
    interactive = not no_input and case != "-" and sys.stdin.isatty()
    if interactive:
        from legalcli.cli.prompt import TerminalAsker
        from legalcli.core.interview import run_interview

        result = run_interview(pack, facts, TerminalAsker(pack, use_lang), as_of=date)
        facts = result.facts
    saver: CaseSaver | None = None
    unsaved: InputError | None = None
    if save:
        from legalcli.loading.case import dump_case

        saver = CaseSaver(dump_case(Case(facts=facts, as_of=date, lang=use_lang, notes=loaded.notes)), plaintext, use_lang)
        try:
            saver.save(save)
        except InputError as exc:
            if not interactive:
                raise  # nothing was typed: fail before any output, as any bad input
            unsaved = exc
    assessment = run_assess(pack, facts, as_of=date)
    from legalcli.render.assessment import render_assessment

    if fmt == "pdf":
        from legalcli.render.pdf import html_to_pdf

        assert output is not None
        html = render_assessment(assessment, use_lang, "html", notes=loaded.notes, redact=redact)
        write_atomic(output, html_to_pdf(html))
    else:
        to_terminal, width = _terminal(output)
        text = render_assessment(
            assessment, use_lang, fmt, width=width, color=to_terminal and "NO_COLOR" not in os.environ,
            pretty=to_terminal, why=why, show_all=show_all, summary=summary, notes=loaded.notes, redact=redact,
        )  # fmt: skip
        emit(text, output)
    if saver is not None and unsaved is not None:
        # The answers of a whole interview are in memory only: show the assessment
        # first, then ask where else to keep them rather than lose them.
        saver.save_elsewhere(unsaved, [*inputs, *([output] if output else [])])


class CaseSaver:
    """`assess --save`: the case written encrypted (or in plain text with --plaintext),
    sealed once so that a second try at another path asks no passphrase again."""

    def __init__(self, text: str, plaintext: bool, lang: Lang) -> None:
        self.text = text.encode("utf-8")
        self.plaintext = plaintext
        self.lang = lang
        self.data: bytes | None = None

    def save(self, path: str) -> None:
        from legalcli.i18n import t

        if self.data is None:
            if self.plaintext:
                self.data = self.text
            else:
                from legalcli.cli.passphrase import ask_passphrase
                from legalcli.loading.vault import encrypt

                self.data = encrypt(self.text, ask_passphrase(self.lang, new=True))
        write_atomic(path, self.data)
        say(t("saved" if self.plaintext else "vault.saved", self.lang, path=path))

    def save_elsewhere(self, failure: InputError, avoid: list[str]) -> None:
        """At the terminal, after a failed save: another path, until one works or the
        person leaves the case unsaved (exit 2: what was asked was not done)."""
        from legalcli.cli.prompt import ask_line
        from legalcli.i18n import t

        while True:
            say(t("save.failed", self.lang, reason=failure.render(self.lang)))
            answer = ask_line(t("save.another", self.lang))
            if not answer:
                raise InputError("the case was not saved")
            path = os.path.expanduser(answer)
            try:
                check_outputs([("--save", path)], avoid)
                self.save(path)
                return
            except InputError as exc:
                failure = exc


def _terminal(output: str | None) -> tuple[bool, int]:
    """Whether the output goes to a terminal, and the width to lay text out in there: 80
    columns in a pipe or a file; a pseudo-terminal may report 0 columns, so never fewer
    than 40 nor more than 100."""
    import shutil

    to_terminal = output is None and sys.stdout.isatty()
    return to_terminal, max(40, min(100, shutil.get_terminal_size((80, 24)).columns)) if to_terminal else 80


def batch_command(
    paths: list[str],
    fmt: BatchFormat = "csv",
    output: str | None = None,
    lang: Lang | None = None,
    as_of: str | None = None,
    rules: str | None = None,
    jobs: int = 0,
) -> int:
    """`legalcli batch`: one row per case file, streamed; a summary on stderr.  Returns
    the exit code: 1 when a file could not be assessed (its row is an error row)."""
    import csv
    import io
    import time

    from legalcli.bulk.batch import case_paths, csv_header, run_batch
    from legalcli.cli.passphrase import ENV, env_passphrase
    from legalcli.i18n import choose_lang, t, tn

    use_lang = choose_lang(lang)
    secret = env_passphrase(ENV)  # a malformed variable is bad input once, not an error row per file
    files = case_paths(paths)
    check_outputs([("-o", output)], files)  # before any work: the report must not replace a case
    pack = load_checked(rules)
    route_ids = [r.id for r in pack.route_list]
    date = as_of_date(as_of) if as_of else None
    target: Output | StdoutWriter = Output(output, text=True) if output else StdoutWriter()
    counts = {"rows": 0, "errors": 0}
    feasible: dict[str, int] = dict.fromkeys(route_ids, 0)
    progress = Progress(len(files), use_lang)

    def on_line(line: tuple[str, bool, tuple[str, ...]]) -> None:
        text, is_error, feasible_routes = line
        target.write(text)
        counts["rows"] += 1
        counts["errors"] += is_error
        for route_id in feasible_routes:
            feasible[route_id] += 1
        progress.advance()

    started = time.perf_counter()
    with streamed(target, progress):
        if fmt == "csv":
            csv.writer(target, lineterminator="\n").writerow(csv_header(route_ids))
        run_batch(
            files, pack, as_of=date, lang=use_lang, passphrase=secret,
            jobs=jobs or (os.cpu_count() or 1), fmt=fmt, on_line=on_line,
        )  # fmt: skip
    summary = io.StringIO()
    seconds = f"{time.perf_counter() - started:.1f}"
    summary.write(
        tn("batch.done", counts["rows"], use_lang, ok=counts["rows"] - counts["errors"], errors=counts["errors"], seconds=seconds)
    )
    top = sorted(((n, r) for r, n in feasible.items() if n), reverse=True)[:5]
    if top:
        summary.write("; " + t("batch.feasible", use_lang) + ": " + ", ".join(f"{r} {n}" for n, r in top))
    say(summary.getvalue())
    return 1 if counts["errors"] else 0


@contextlib.contextmanager
def streamed(target: Output | StdoutWriter, progress: Progress) -> Iterator[None]:
    """Rows written to `target` inside the block are committed at its end; on any
    failure (a signal, a closed pipe, a full disk) the output is abandoned, so no
    temporary file is left behind; the progress bar is closed either way."""
    try:
        yield
        target.commit()
    except BaseException:
        target.abandon()
        raise
    finally:
        progress.close()


class StdoutWriter:
    """Rows to stdout, with the same write/commit/abandon as an Output file and its
    failures turned the same way (stdout_error)."""

    def write(self, data: str) -> None:
        try:
            sys.stdout.write(data)
        except OSError as exc:
            raise stdout_error(exc) from None

    def commit(self) -> None:
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise stdout_error(exc) from None

    def abandon(self) -> None:
        """Rows already written to stdout stay written."""


class Progress:
    """A Rich progress bar on stderr, shown only on a terminal and only once the batch
    has run for a second (short batches stay quiet)."""

    AFTER = 1.0  # seconds

    def __init__(self, total: int, lang: Lang) -> None:
        import time

        self.total = total
        self.lang = lang
        self.done = 0
        self.start = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.enabled = sys.stderr.isatty()

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar is None:
            import time

            if time.monotonic() - self.start < self.AFTER:
                return
            from rich.console import Console
            from rich.progress import Progress

            from legalcli.i18n import t

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(t("batch.progress", self.lang), total=self.total, completed=self.done)
        self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def impact_command(
    old_rules: str,
    new_rules: str,
    paths: list[str],
    fmt: ImpactFormat = "text",
    output: str | None = None,
    lang: Lang | None = None,
    as_of: str | None = None,
    jobs: int = 0,
) -> int:
    """`legalcli impact`: the changed cases, streamed; a summary on stderr.  Returns the
    exit code: 0 when no case changed, 1 when one did or could not be assessed."""
    import csv
    import time

    from legalcli.bulk.batch import case_paths
    from legalcli.bulk.impact import CSV_HEADER, format_row, needs_passphrase, run_impact
    from legalcli.cli.passphrase import ENV, ask_passphrase, env_passphrase
    from legalcli.i18n import choose_lang, tn

    use_lang = choose_lang(lang)
    secret = env_passphrase(ENV)
    files = case_paths(paths)
    check_outputs([("-o", output)], files)  # the report must not replace a case
    date = as_of_date(as_of) if as_of else None
    old, new = load_checked(old_rules), load_checked(new_rules)
    if secret is None and needs_passphrase(files):
        secret = ask_passphrase(use_lang)  # once, for every encrypted case
    target: Output | StdoutWriter = Output(output, text=True) if output else StdoutWriter()
    counts = {"rows": 0, "changed": 0, "errors": 0}
    progress = Progress(len(files), use_lang)
    started = time.perf_counter()
    with streamed(target, progress):
        if fmt == "csv":
            csv.writer(target, lineterminator="\n").writerow(CSV_HEADER)
        elif fmt == "json":
            target.write("[\n")
        first = True
        rows = run_impact(files, old, new, as_of=date, lang=use_lang, passphrase=secret, jobs=jobs or (os.cpu_count() or 1))
        with contextlib.closing(rows):  # a failure here ends the workers now, not when the generator is collected
            for row in rows:
                text, changed, error = format_row(row, fmt, use_lang, first=first)
                if text:
                    target.write(text)
                    first = False
                counts["rows"] += 1
                counts["changed"] += changed
                counts["errors"] += error
                progress.advance()
        if fmt == "json":
            target.write("\n]\n" if not first else "]\n")
    same = counts["rows"] - counts["changed"] - counts["errors"]
    seconds = f"{time.perf_counter() - started:.1f}"
    say(
        tn(
            "impact.done",
            counts["rows"],
            use_lang,
            changed=counts["changed"],
            same=same,
            errors=counts["errors"],
            seconds=seconds,
        )
    )
    return 1 if counts["changed"] or counts["errors"] else 0
