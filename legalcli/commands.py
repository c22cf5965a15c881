"""What the commands do, without Typer: loading the pack, reading the options' values,
writing output, and the whole of `assess` and `batch`.

`cli.py` declares the commands for Typer and calls these; `fastpath.py` calls
`assess_command` and `batch_command` directly for the argument lists it can read
itself, so a scripted `legalcli assess CASE --no-input` never imports Typer
(docs/decisions.md).  Nothing here
may import typer or click: tests/test_architecture.py checks it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from legalcli.errors import InputError

if TYPE_CHECKING:
    from legalcli.conditions import Value
    from legalcli.engine import Assessment
    from legalcli.loading.cache import Compiled
    from legalcli.model import Lang, Pack


def compiled(rules: str | None) -> Compiled:
    from legalcli import calendar
    from legalcli.loading.cache import calendar_loader, load_compiled
    from legalcli.paths import resolve_rules_dir

    calendar.use_loader(calendar_loader)  # the production calendar from the cache too
    result = load_compiled(resolve_rules_dir(rules), today=dt.date.today())
    # The pack lives as long as the process: keep the cyclic collector from walking its
    # objects again at every collection the engine's work triggers (and batch's forked
    # workers from copying the pages it would touch).
    gc.freeze()
    return result


def load(rules: str | None) -> Pack:
    return compiled(rules).pack


def load_checked(rules: str | None) -> Pack:
    """A pack fit to assess with: structurally sound and free of semantic errors."""
    result = compiled(rules)
    if result.errors:
        raise InputError(
            "the rule pack has {count} error(s); run `legalcli rules check` to see them",
            location=result.first_error,
            count=result.errors,
        )
    return result.pack


def as_of_date(text: str | None, fallback: dt.date | None = None) -> dt.date:
    from legalcli.loading.schema import parse_date

    if text is None:
        return fallback or dt.date.today()
    value = parse_date(text)
    if value is None:
        raise InputError("expected a real date as YYYY-MM-DD", key="--as-of")
    return value


def lang_of(option: str | None, case_lang: str | None = None) -> Lang:
    if option is not None and option not in ("en", "ru"):
        raise InputError("expected en or ru", key="--lang")
    from legalcli.i18n import choose_lang

    return choose_lang(option, case_lang)


def write_atomic(path: str, data: bytes) -> None:
    """Write a file so that a crash leaves the old file or the new one, never half;
    readable by the owner only, since it may describe a person."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".legalcli-", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def say(text: str) -> None:
    """A line for the person at the terminal (stderr), never mixed with the output."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def passphrase(lang: Lang, *, new: bool = False) -> str:
    from legalcli.passphrase import ask_passphrase

    return ask_passphrase(lang, new=new)


def assess_command(
    case: str | None = None,
    fact: list[str] | None = None,
    no_input: bool = False,
    fmt: str = "text",
    lang: str | None = None,
    as_of: str | None = None,
    rules: str | None = None,
    output: str | None = None,
    why: bool = False,
    show_all: bool = False,
    redact: bool = False,
    plaintext: bool = False,
    save: str | None = None,
) -> None:
    """`legalcli assess`: which routes are feasible, blocked or undetermined, and why.
    The parameters are the command's options, named as in cli.py."""
    from legalcli.engine import assess as run_assess
    from legalcli.loading.case import Case, parse_fact_option, read_case

    if fmt not in ("text", "json", "markdown", "html"):
        raise InputError("expected text, json, markdown or html", key="--format")
    early_lang = lang_of(lang)
    pack = load_checked(rules)
    loaded = Case()
    if case is not None:
        stdin_bytes = sys.stdin.buffer.read(300_000) if case == "-" else None
        loaded = read_case(case, pack, stdin_bytes=stdin_bytes, passphrase=lambda: passphrase(early_lang))
    facts: dict[str, Value] = dict(loaded.facts)
    for option in fact or []:
        fact_id, value = parse_fact_option(option, pack)
        if value is None:
            facts.pop(fact_id, None)
        else:
            facts[fact_id] = value
    use_lang = lang_of(lang, loaded.lang)
    date = as_of_date(as_of, loaded.as_of)
    interactive = not no_input and case != "-" and sys.stdin.isatty()
    if interactive:
        from legalcli.interview import run_interview
        from legalcli.prompt import TerminalAsker

        result = run_interview(pack, facts, TerminalAsker(pack, use_lang), as_of=date)
        facts = result.facts
    if save:
        from legalcli.i18n import t
        from legalcli.loading.case import dump_case

        text = dump_case(Case(facts=facts, as_of=date, lang=use_lang, notes=loaded.notes)).encode("utf-8")
        if plaintext:
            write_atomic(save, text)
            say(t("saved", use_lang, path=save))
        else:
            from legalcli.vault import encrypt

            write_atomic(save, encrypt(text, passphrase(use_lang, new=True)))
            say(t("vault.saved", use_lang, path=save))
    assessment = run_assess(pack, facts, as_of=date)
    if fmt in ("markdown", "html"):
        from legalcli.render.brief import render_brief

        emit(render_brief(assessment, use_lang, fmt, given=facts, notes=loaded.notes, redact=redact), output)
        return
    emit(render(assessment, use_lang, fmt, output=output, why=why, show_all=show_all), output)


def render(a: Assessment, lang: Lang, fmt: str, *, output: str | None = None, why: bool = False, show_all: bool = False) -> str:
    """The assessment in the asked format, as one string."""
    if fmt == "json":
        from legalcli.render.json_out import render_json

        # Indented for a person at a terminal; one line for a pipe or a file.
        return render_json(a, lang, pretty=output is None and sys.stdout.isatty())
    import io
    import shutil

    from legalcli.render.text import make_console, render_text

    buffer = io.StringIO()
    to_terminal = output is None and sys.stdout.isatty()
    # A pseudo-terminal may report 0 columns; keep the text readable whatever it says.
    width = max(40, min(100, shutil.get_terminal_size((80, 24)).columns)) if to_terminal else 80
    console = make_console(buffer, width=width, color=to_terminal and "NO_COLOR" not in os.environ)
    render_text(a, lang, console, show_all=show_all, why=why)
    return buffer.getvalue()


def batch_command(
    paths: list[str],
    fmt: str = "csv",
    output: str | None = None,
    lang: str | None = None,
    as_of: str | None = None,
    rules: str | None = None,
    jobs: int = 0,
) -> None:
    """`legalcli batch`: one row per case file, streamed; a summary on stderr."""
    import csv
    import io
    import time

    from legalcli.batch import case_paths, csv_header, run_batch
    from legalcli.i18n import t

    if fmt not in ("csv", "jsonl"):
        raise InputError("expected csv or jsonl", key="--format")
    use_lang = lang_of(lang)
    pack = load_checked(rules)
    files = list(case_paths(paths))
    route_ids = [r.id for r in pack.route_list]
    date = as_of_date(as_of) if as_of else None
    target = AtomicOutput(output) if output else None
    stream: Any = target.handle if target else sys.stdout
    if fmt == "csv":
        csv.writer(stream, lineterminator="\n").writerow(csv_header(route_ids))
    counts = {"rows": 0, "errors": 0}
    feasible: dict[str, int] = dict.fromkeys(route_ids, 0)
    progress = Progress(len(files), use_lang)

    def on_line(line: tuple[str, bool, tuple[str, ...]]) -> None:
        text, is_error, feasible_routes = line
        stream.write(text)
        counts["rows"] += 1
        counts["errors"] += is_error
        for route_id in feasible_routes:
            feasible[route_id] += 1
        progress.advance()

    started = time.perf_counter()
    try:
        run_batch(
            files, pack, as_of=date, lang=use_lang, passphrase=os.environ.get("LEGALCLI_PASSPHRASE"),
            jobs=jobs or (os.cpu_count() or 1), fmt=fmt, on_line=on_line,
        )  # fmt: skip
    except BaseException:
        if target:
            target.abandon()
        raise
    finally:
        progress.close()
    if target:
        target.commit()
    else:
        sys.stdout.flush()
    summary = io.StringIO()
    summary.write(t("batch.summary", use_lang, n=counts["rows"], ok=counts["rows"] - counts["errors"], e=counts["errors"],
                    s=f"{time.perf_counter() - started:.1f}"))  # fmt: skip
    top = sorted(((n, r) for r, n in feasible.items() if n), reverse=True)[:5]
    if top:
        summary.write("; " + t("batch.feasible", use_lang) + ": " + ", ".join(f"{r} {n}" for n, r in top))
    say(summary.getvalue())


class AtomicOutput:
    """A file written whole or not at all: rows stream into a temporary file beside the
    target, renamed over it only when the batch has finished."""

    def __init__(self, path: str) -> None:
        import tempfile

        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=".legalcli-", dir=os.path.dirname(os.path.abspath(path)))
        os.fchmod(fd, 0o600)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.tmp, self.path)

    def abandon(self) -> None:
        self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


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
