"""`legalcli batch`: one row per file, error rows, formats, order, atomic output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from legalcli.bulk import batch
from legalcli.loading import vault
from legalcli.loading.pack import default_rules_dir, load_pack
from tests.conftest import DATA, EXAMPLES, ROOT, run_cli

sys.path.insert(0, str(ROOT))
from bench.generate import case_files


def test_csv_rows_with_an_error_row_and_a_summary(tmp_path: Path) -> None:
    bad = DATA / "hostile" / "yes-for-bool.yaml"
    result = run_cli("batch", str(EXAMPLES), str(bad), "--as-of", "2026-11-24")
    assert result.code == 1, result.err  # a row is an error row
    rows = list(csv.reader(io.StringIO(result.out)))
    header, body = rows[0], rows[1:]
    assert header[0] == "file" and header[-4:] == ["top_risk", "overdue", "next_question", "error"]
    assert [Path(r[0]).name for r in body] == [*sorted(p.name for p in EXAMPLES.iterdir()), "yes-for-bool.yaml"]
    pavel = dict(zip(header, next(r for r in body if r[0].endswith("pavel.yaml")), strict=True))
    assert pavel["medical-commission"] == "undetermined" and pavel["travel-with-international-passport"] == "blocked"
    # His worst risks (critical) are on blocked routes; the top risk is the worst of a
    # route still open to him.
    top_route = pavel["top_risk"].split(":", 1)[1].split("/", 1)[0]
    assert pavel[top_route] in ("feasible", "undetermined") and pavel["top_risk"].startswith("high:")
    civilian = dict(zip(header, next(r for r in body if r[0].endswith("summons-civilian.yaml")), strict=True))
    assert civilian["overdue"] == "passport-surrender"
    error = dict(zip(header, body[-1], strict=True))
    assert "facts.detained: expected true or false" in error["error"] and error["medical-commission"] == ""
    n = len(list(EXAMPLES.iterdir()))
    assert f"{n + 1} files in" in result.err and f"{n} assessed, 1 with errors" in result.err


def test_jsonl(tmp_path: Path) -> None:
    result = run_cli("batch", str(EXAMPLES / "pavel.yaml"), str(tmp_path / "missing.yaml"), "--format", "jsonl")
    first, second = (json.loads(line) for line in result.out.splitlines())
    assert first["routes"]["asylum-eu"] == "blocked" and first["next_question"]
    assert set(second) == {"file", "error"} and "no such file" in second["error"]


def test_output_file_is_atomic_and_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "rows.csv"
    assert run_cli("batch", str(EXAMPLES), "-o", str(out)).code == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600" and out.read_text(encoding="utf-8").startswith("file,")

    calls = {"n": 0}
    real = batch.assess_file

    def interrupted(*args: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "assess_file", interrupted)
    target = tmp_path / "never.csv"
    result = run_cli("batch", str(EXAMPLES), "-o", str(target))
    assert result.code == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_parallel_rows_equal_serial_rows_in_order(tmp_path: Path) -> None:
    pack = load_pack(default_rules_dir())
    paths = case_files(str(tmp_path / "cases"), batch.PARALLEL_FROM + 50)
    serial: list[batch.Line] = []
    parallel: list[batch.Line] = []
    kwargs = {"as_of": dt.date(2026, 11, 24), "lang": "en", "passphrase": None, "fmt": "jsonl"}
    batch.run_batch(paths, pack, jobs=1, on_line=serial.append, **kwargs)  # type: ignore[arg-type]
    batch.run_batch(paths, pack, jobs=2, on_line=parallel.append, **kwargs)  # type: ignore[arg-type]
    assert [json.loads(line[0])["file"] for line in parallel] == paths
    assert parallel == serial


def test_encrypted_cases_need_the_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sealed = tmp_path / "case.lcx"
    sealed.write_bytes(vault.encrypt((EXAMPLES / "pavel.yaml").read_bytes(), "pw"))
    monkeypatch.delenv("LEGALCLI_PASSPHRASE", raising=False)
    without = json.loads(run_cli("batch", str(sealed), "--format", "jsonl").out)
    assert "encrypted case file; a passphrase is needed" in without["error"]
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", "pw")
    with_pw = json.loads(run_cli("batch", str(sealed), "--format", "jsonl").out)
    assert with_pw["routes"]["medical-commission"] == "undetermined"


def test_bad_format_is_exit_2() -> None:
    result = run_cli("batch", str(EXAMPLES), "--format", "xml")
    assert result.code == 2 and "'xml' is not one of 'csv', 'jsonl'" in result.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("after", "shown"), [(0.0, True), (3600.0, False)])
def test_a_progress_bar_on_a_terminal_once_the_batch_runs_long(
    after: float, shown: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The bar goes to stderr, on a terminal only, and only after Progress.AFTER seconds
    (set here instead of waiting a real second)."""
    from legalcli.cli.commands import Progress

    monkeypatch.setattr(Progress, "AFTER", after)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    from legalcli.cli import main

    with pytest.raises(SystemExit) as stop:
        # A file of the test's own: `-o os.devnull` as root replaced the machine's /dev/null.
        main(["batch", str(EXAMPLES), "--as-of", "2026-11-24", "-o", str(tmp_path / "rows.csv")])
    assert stop.value.code == 0
    assert ("Assessing" in terminal.getvalue()) is shown
    assert f"{len(list(EXAMPLES.iterdir()))} files in" in terminal.getvalue()  # the summary, either way


def test_no_progress_bar_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    from legalcli.cli.commands import Progress

    monkeypatch.setattr(Progress, "AFTER", 0.0)
    result = run_cli("batch", str(EXAMPLES), "--as-of", "2026-11-24")
    n = len(list(EXAMPLES.iterdir()))
    assert result.code == 0 and "Assessing" not in result.err and f"{n} files in" in result.err


TINY_PACK = {
    "pack.yaml": "name: tiny\nversion: 1.0.0\ntitle: {en: Tiny, ru: Крошка}\nreviewed: 2026-11-24\n",
    "sources.yaml": (
        "sources:\n  - {id: src, title: t, publisher: p, url: 'https://example.org', kind: news, confidence: confirmed}\n"
    ),
    "facts/all.yaml": (
        "facts:\n"
        "  - {id: wanted, type: bool, question: {en: Wanted?, ru: В розыске?}, changeable: false}\n"
        "  - {id: detained, type: bool, question: {en: Detained?, ru: Задержан?}, changeable: false}\n"
    ),
    # Surrender is blocked for a wanted man; its critical risk applies to a detained one.
    "routes/surrender.yaml": (
        "id: surrender\ntitle: {en: Surrender, ru: Явка}\nsummary: {en: Go back., ru: Вернуться.}\n"
        "blocked_if:\n  - when: {fact: wanted, is: true}\n    because: {en: Wanted., ru: В розыске.}\n"
        "risks:\n  - id: arrest\n    severity: critical\n    when: {fact: detained, is: true}\n"
        "    text: {en: Arrest., ru: Арест.}\n    sources: [src]\n"
        "sources: [src]\nreviewed: 2026-11-24\n"
    ),
    "routes/lawyer.yaml": (
        "id: lawyer\ntitle: {en: Lawyer, ru: Адвокат}\nsummary: {en: Call one., ru: Позвонить.}\n"
        "risks:\n  - id: fee\n    severity: medium\n    text: {en: A fee., ru: Гонорар.}\n    sources: [src]\n"
        "sources: [src]\nreviewed: 2026-11-24\n"
    ),
}


def test_top_risk_comes_only_from_routes_open_to_him(tmp_path: Path) -> None:
    """A blocked route is closed to him, so its risk does not threaten him (issue 13): the
    critical risk of the blocked route gives way to the medium risk of the open one.  The
    same risk on an undetermined route still counts."""
    for name, text in TINY_PACK.items():
        (tmp_path / "pack" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pack" / name).write_text(text, encoding="utf-8")
    pack = load_pack(str(tmp_path / "pack"))
    cases = {"blocked.yaml": "wanted: true\n  detained: true", "open.yaml": "detained: true"}
    paths = []
    for name, facts in cases.items():
        (tmp_path / name).write_text(f"facts:\n  {facts}\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    lines: list[batch.Line] = []
    batch.run_batch(
        paths, pack, as_of=dt.date(2026, 11, 24), lang="en", passphrase=None, jobs=1, fmt="jsonl", on_line=lines.append
    )
    blocked, undetermined = (json.loads(line[0]) for line in lines)
    assert blocked["routes"] == {"surrender": "blocked", "lawyer": "feasible"}
    assert blocked["top_risk"] == "medium:lawyer/fee"
    assert undetermined["routes"]["surrender"] == "undetermined"
    assert undetermined["top_risk"] == "critical:surrender/arrest"


def _dispositions(path: str = "") -> tuple[str, str]:
    """What SIGTERM and SIGINT do in this process, in words (a handler cannot be pickled)."""
    import signal

    def said(handler: object) -> str:
        if handler is signal.SIG_DFL:
            return "default"
        return "ignored" if handler is signal.SIG_IGN else "a Python handler"

    return said(signal.getsignal(signal.SIGTERM)), said(signal.getsignal(signal.SIGINT))


def test_workers_end_on_sigterm_whatever_handler_the_command_set() -> None:
    """The pool ends its workers with SIGTERM.  The command's own Python-level handler,
    inherited on fork, could miss a SIGTERM that landed just before a worker blocked on
    the task queue, and batch then hung at its end; a worker takes the default action
    (ended by the kernel) and leaves Ctrl-C to the parent.  The pool batch and impact
    both run (ordered_pool), with batch's own initializer."""
    import multiprocessing
    import signal

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("a handler is inherited only when forked")
    pack = load_pack(default_rules_dir())
    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # as the command's boundary does
    try:
        pool = batch.ordered_pool(
            _dispositions,
            ["a", "b"],
            jobs=1,
            packs=[pack],
            initializer=batch._init_worker,
            initargs=(pack, None, "en", None, "csv"),
        )
        assert list(pool) == [("default", "ignored")] * 2
    finally:
        signal.signal(signal.SIGTERM, previous)
