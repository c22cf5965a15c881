"""The interview: scripted through its callback, and the real command in a pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legalcli.core.errors import InputError
from legalcli.core.interview import BACK, QUIT, VALUE_UNKNOWN, Answer, Progress, read_answer, run_interview
from legalcli.core.model import Fact, Pack
from tests.conftest import ROOT

AS_OF = dt.date(2026, 11, 24)


class Script:
    """Answers from a list, recording what was asked."""

    def __init__(self, answers: list[Answer]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.progress: list[Progress] = []

    def __call__(self, fact: Fact, progress: Progress) -> Answer:
        self.asked.append(fact.id)
        self.progress.append(progress)
        return self.answers.pop(0) if self.answers else QUIT


def test_scripted_run_with_back_and_dont_know(pack: Pack) -> None:
    script = Script(
        [
            Answer("value", "contract"),  # service_status
            Answer("value", "relative"),  # the second question -- a slip
            BACK,  # at the third: go back to the second
            VALUE_UNKNOWN,  # the second again: don't know; never asked again
            Answer("value", "abroad"),  # the next one
            QUIT,
        ]
    )
    result = run_interview(pack, {}, script, as_of=AS_OF)
    first, second, third, again, after = script.asked[:5]
    assert first == "service_status" and again == second and after == third
    assert script.asked.count(second) == 2  # once more after "back", never after "don't know"
    assert result.facts == {"service_status": "contract", third: "abroad"}
    assert second in result.asked and second not in result.facts
    assert result.quit


def test_questions_follow_the_lawyers_order_by_topic(pack: Pack) -> None:
    """Status, then where he is, then documents, criminal matters, health: "days absent"
    never before "where is he", his papers never before where he is."""
    from legalcli.core.interview import TOPICS, topic_rank

    script = Script([Answer("value", "mobilised"), *[VALUE_UNKNOWN] * 100])
    run_interview(pack, {}, script, as_of=AS_OF)
    ranks = [topic_rank(pack, f) for f in script.asked]
    assert ranks == sorted(ranks), list(zip(script.asked, ranks, strict=True))
    assert script.asked.index("location") < script.asked.index("days_absent")
    assert script.asked.index("location") < script.asked.index("international_passport")
    assert script.asked.index("criminal_case") < script.asked.index("fitness_category")
    assert {TOPICS[r] for r in ranks} >= {"status", "whereabouts", "documents", "criminal", "health"}


def test_a_fact_never_comes_before_the_facts_its_question_rests_on(pack: Pack) -> None:
    from legalcli.core.conditions import facts_read
    from legalcli.core.interview import topic_rank

    for fact in pack.fact_list:
        for gate in facts_read(fact.ask_if, pack.situation_whens.get):
            assert topic_rank(pack, fact.id) >= topic_rank(pack, gate), (fact.id, gate)


def test_the_counter_counts_down_to_the_last_question(pack: Pack) -> None:
    script = Script([VALUE_UNKNOWN] * 200)
    run_interview(pack, {}, script, as_of=AS_OF)
    mores = [p.more for p in script.progress]
    assert [p.step for p in script.progress] == list(range(1, len(mores) + 1))
    assert mores[0] >= len(mores) - 1 and mores[-1] == 0
    assert all(later <= earlier for earlier, later in itertools.pairwise(mores))


def test_interview_runs_until_nothing_is_left_to_ask(pack: Pack) -> None:
    script = Script([VALUE_UNKNOWN] * 200)
    result = run_interview(pack, {}, script, as_of=AS_OF)
    assert not result.quit
    assert len(script.asked) == len(set(script.asked))  # every question at most once
    assert result.facts == {}


def test_each_question_says_which_routes_it_decides(pack: Pack) -> None:
    script = Script([QUIT])
    run_interview(pack, {}, script, as_of=AS_OF)
    (first,) = script.progress
    assert "return-to-unit" in first.decides and set(first.decides) <= set(pack.routes)


def test_read_answer(pack: Pack) -> None:
    status = pack.facts["service_status"]
    fitness = pack.facts["fitness_category"]
    assert read_answer(status, "4") == Answer("value", "mobilised")
    assert read_answer(status, "mobilised") == Answer("value", "mobilised")
    assert read_answer(pack.facts["detained"], "да") == Answer("value", True)
    assert read_answer(pack.facts["detained"], "2") == Answer("value", False)
    assert read_answer(pack.facts["days_absent"], "12") == Answer("value", 12)
    assert read_answer(pack.facts["exit_restriction_date"], "2026-11-02") == Answer("value", dt.date(2026, 11, 2))
    assert read_answer(pack.facts["exit_restriction_date"], "02.11.2026") == Answer("value", dt.date(2026, 11, 2))
    assert read_answer(status, "b") == BACK and read_answer(status, "u") == VALUE_UNKNOWN and read_answer(status, "q") == QUIT
    # The Russian keyboard: "г" (the key of u) is the category Г, never "don't know";
    # "-" is "don't know" on both keyboards.
    assert read_answer(fitness, "г") == Answer("value", "g") and read_answer(fitness, "Д") == Answer("value", "d")
    assert read_answer(fitness, "-") == VALUE_UNKNOWN
    assert read_answer(status, "и") == BACK and read_answer(status, "й") == QUIT
    refused = [
        (status, "9"),
        (pack.facts["days_absent"], "-3"),
        (pack.facts["days_absent"], "1.5"),  # a count of days is whole
        (pack.facts["days_absent"], "1,5"),
        (pack.facts["exit_restriction_date"], "2023-02-30"),
        (status, "г"),
    ]
    for fact, text in refused:
        with pytest.raises(InputError):
            read_answer(fact, text)


def test_help_is_wrapped_to_the_terminal_between_words(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from legalcli.cli.prompt import TerminalAsker

    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setattr(sys, "stdin", io.StringIO("?\nq\n"))
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    fact = pack.facts["wanted_status"]
    answer = TerminalAsker(pack, "ru")(fact, Progress(3, 5, ("identify-wanted-channel",), {}, AS_OF))
    assert answer == QUIT
    # A terminal echoes the typed "?" and Enter after the prompt; this stdin does not.
    lines = err.getvalue().replace("Ответ> ", "Ответ> \n").splitlines()
    assert max(len(line) for line in lines) <= 40
    assert fact.help is not None
    flat = " ".join(line.strip() for line in lines)
    assert fact.help.ru in flat  # no word cut in two
    assert "[вопрос 3 — осталось самое большее 5 вопросов]" in flat
    assert "От ответа зависят варианты действий: «Выяснить, по какому каналу он разыскивается" in flat


# --- the real command in a pseudo-terminal ---------------------------------------------


class Child:
    """A process whose controlling terminal is a pseudo-terminal (so Ctrl-C is SIGINT)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def wait(self, timeout: float) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                return self.returncode
            time.sleep(0.05)
        os.kill(self.pid, 9)
        raise AssertionError("the child did not exit")


def _spawn(args: list[str], cwd: Path, *, passphrase: str | None = "test-passphrase") -> tuple[Child, int]:
    env = {**os.environ, "NO_COLOR": "1", "LEGALCLI_LANG": "en", "COLUMNS": "100"}
    env.pop("LEGALCLI_PASSPHRASE", None)
    if passphrase is not None:
        env["LEGALCLI_PASSPHRASE"] = passphrase
    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pty
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "legalcli", *args], env)
    return Child(pid), fd


def _read_until(fd: int, marker: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while marker not in seen:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out waiting for {marker!r}; got {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def _drain(fd: int, proc: Child) -> bytes:
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=20)
    return out


def test_pseudo_terminal_interview_and_save(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "case.yaml", "--plaintext"], tmp_path)
    try:
        screen = _read_until(fd, b"Answer> ")
        assert b"What is his status?" in screen and b"4) mobilised" in screen
        assert b"[question 1 \xe2\x80\x94 at most " in screen and b"routes decided" not in screen
        os.write(fd, b"?\n")  # help text, and the routes the answer decides
        screen = _read_until(fd, b"Answer> ")
        assert b"contract serviceman (Decree 647" in screen
        flat = b" ".join(screen.split())
        assert b"The answer decides: " in flat and b"Stay and face proceedings with a lawyer" in flat
        assert re.search(rb"and \d+ more routes\r\nAnswer> $", screen)
        os.write(fd, b"4\n")
        screen = _read_until(fd, b"Answer> ")
        assert b"[question 2 \xe2\x80\x94 at most " in screen
        os.write(fd, b"u\n")  # don't know
        _read_until(fd, b"Answer> ")
        os.write(fd, b"s\n")  # the summary so far
        screen = _read_until(fd, b"Answer> ")
        assert b"WHAT MATTERS NOW" in screen and b"Undetermined:" in screen
        os.write(fd, b"q\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 0, out
    assert b"UNDETERMINED" in out and b"not a substitute for a lawyer" in out
    saved = (tmp_path / "case.yaml").read_text(encoding="utf-8")
    assert 'service_status: "mobilised"' in saved and "asking_party" not in saved
    assert oct((tmp_path / "case.yaml").stat().st_mode & 0o777) == "0o600"


def _questions_until_done(fd: int, reply: bytes, limit: int = 80) -> tuple[int, bytes]:
    """Answer every question with `reply` until the interview ends; the number of
    questions and everything shown."""
    screen = b""
    asked = 0
    while asked <= limit:
        ready, _, _ = select.select([fd], [], [], 20)
        if not ready:
            raise AssertionError(f"no output; got {screen[-500:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
        if screen.endswith(b"Answer> ") or screen.endswith("Ответ> ".encode()):
            asked += 1
            os.write(fd, reply)
    return asked, screen


def test_dont_know_to_every_question_ends_early(tmp_path: Path) -> None:
    from legalcli.loading.pack import default_rules_dir, load_pack

    proc, fd = _spawn(["assess", "--as-of", "2026-11-24"], tmp_path)
    try:
        asked, screen = _questions_until_done(fd, b"u\n")
        proc.wait(timeout=20)
    finally:
        os.close(fd)
    assert proc.returncode == 0, screen[-2000:]
    facts = len(load_pack(default_rules_dir()).facts)
    assert 3 <= asked <= facts // 3, asked  # "don't know" to his status leaves little to decide
    assert b"the last one]" in screen and b"UNDETERMINED" in screen


def test_russian_interview_keys_do_not_take_the_category_g(tmp_path: Path) -> None:
    """In Russian the don't-know key is "-" (or u), never "г": that is the category Г."""
    env_proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--lang", "ru"], tmp_path)
    try:
        screen = _read_until(fd, "Ответ> ".encode())
        assert "- или u = не знаю".encode() in screen
        assert "[вопрос 1 — осталось самое большее ".encode() in screen
        os.write(fd, "г\n".encode())  # not an answer to "what is his status?"
        screen = _read_until(fd, "Ответ> ".encode())
        assert "Ответ не принят: ".encode() in screen and "[вопрос 1 ".encode() not in screen
        os.write(fd, b"-\n")
        screen = _read_until(fd, "Ответ> ".encode())
        assert "[вопрос 2 ".encode() in screen
        os.write(fd, "й\n".encode())
        out = _drain(fd, env_proc)
    finally:
        os.close(fd)
    assert env_proc.returncode == 0, out
    assert "ПОКА НЕЯСНО".encode() in out


def test_pseudo_terminal_encrypted_save_does_not_echo_the_passphrase(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "case.lcx"], tmp_path, passphrase=None)
    try:
        _read_until(fd, b"Answer> ")
        os.write(fd, b"q\n")
        _read_until(fd, b"New passphrase: ")
        os.write(fd, b"hunter2-secret\n")
        _read_until(fd, b"The same passphrase again: ")
        os.write(fd, b"hunter2-secret\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 0, out
    assert b"hunter2" not in out  # no echo
    data = (tmp_path / "case.lcx").read_bytes()
    assert data.startswith(b"LCX1") and b"service_status" not in data


# --- no answers lost (issue 12) ---------------------------------------------------------


def _sealed_facts(path: Path, passphrase: str) -> str:
    from legalcli.loading import vault

    return vault.decrypt(path.read_bytes(), passphrase, path=str(path)).decode("utf-8")


def test_save_target_is_checked_before_the_first_question(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--save", "missing/case.lcx"], tmp_path)
    try:
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 2, out
    assert b"Answer>" not in out
    assert b"missing/case.lcx: cannot be written: the folder missing does not exist" in out


def test_a_short_env_passphrase_is_refused_before_the_first_question(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--save", "case.lcx"], tmp_path, passphrase="short")
    try:
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 2 and b"Answer>" not in out
    assert b"a new passphrase needs at least 8 characters" in out


def test_mismatched_confirmation_and_short_passphrase_ask_again(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "case.lcx"], tmp_path, passphrase=None)
    try:
        _read_until(fd, b"Answer> ")
        os.write(fd, b"4\n")  # mobilised: an answer that must survive the typos below
        _read_until(fd, b"Answer> ")
        os.write(fd, b"q\n")
        _read_until(fd, b"New passphrase: ")
        os.write(fd, b"first-secret\n")
        _read_until(fd, b"The same passphrase again: ")
        os.write(fd, b"other-secret\n")
        assert b"The two passphrases differ; try again." in _read_until(fd, b"again.\r\nNew passphrase: ")
        os.write(fd, b"short\n")
        assert b"at least 8 characters; try again." in _read_until(fd, b"again.\r\nNew passphrase: ")
        os.write(fd, b"hunter2-secret\n")
        _read_until(fd, b"The same passphrase again: ")
        os.write(fd, b"hunter2-secret\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 0, out
    assert 'service_status: "mobilised"' in _sealed_facts(tmp_path / "case.lcx", "hunter2-secret")


def test_a_save_failing_after_the_interview_prints_the_assessment_and_offers_another_path(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "folder/case.lcx"], tmp_path)
    try:
        _read_until(fd, b"Answer> ")
        (tmp_path / "folder").rmdir()  # the folder goes away during the interview
        os.write(fd, b"4\n")
        _read_until(fd, b"Answer> ")
        os.write(fd, b"q\n")
        screen = _read_until(fd, b"(Enter leaves it unsaved): ")
        assert b"UNDETERMINED" in screen  # the assessment first
        assert b"The case was not saved: folder/case.lcx: cannot be written: the folder folder does not exist" in screen
        os.write(fd, b"elsewhere.lcx\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 0, out
    assert b"Encrypted case written to elsewhere.lcx" in out
    assert 'service_status: "mobilised"' in _sealed_facts(tmp_path / "elsewhere.lcx", "test-passphrase")


def test_three_mismatches_then_another_try_keeps_the_answers(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "case.lcx"], tmp_path, passphrase=None)
    try:
        _read_until(fd, b"Answer> ")
        os.write(fd, b"4\n")
        _read_until(fd, b"Answer> ")
        os.write(fd, b"q\n")
        for _ in range(3):
            _read_until(fd, b"New passphrase: ")
            os.write(fd, b"first-secret\n")
            _read_until(fd, b"The same passphrase again: ")
            os.write(fd, b"other-secret\n")
        screen = _read_until(fd, b"(Enter leaves it unsaved): ")
        assert b"no new passphrase was agreed on in 3 tries" in screen
        os.write(fd, b"case.lcx\n")  # the same file, and this time the same passphrase twice
        _read_until(fd, b"New passphrase: ")
        os.write(fd, b"hunter2-secret\n")
        _read_until(fd, b"The same passphrase again: ")
        os.write(fd, b"hunter2-secret\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 0, out
    assert 'service_status: "mobilised"' in _sealed_facts(tmp_path / "case.lcx", "hunter2-secret")


def test_leaving_the_case_unsaved_is_exit_2_after_the_assessment(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    proc, fd = _spawn(["assess", "--as-of", "2026-11-24", "--save", "folder/case.lcx"], tmp_path)
    try:
        _read_until(fd, b"Answer> ")
        (tmp_path / "folder").rmdir()
        os.write(fd, b"q\n")
        _read_until(fd, b"(Enter leaves it unsaved): ")
        os.write(fd, b"\n")
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 2, out
    assert b"legalcli: error: the case was not saved" in out
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_the_interview_exits_143_with_one_line_and_no_file(tmp_path: Path) -> None:
    import signal

    proc, fd = _spawn(["assess", "--save", "case.lcx", "-o", "out.txt"], tmp_path)
    try:
        _read_until(fd, b"Answer> ")
        os.kill(proc.pid, signal.SIGTERM)
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 143, out
    assert out.strip().endswith(b"legalcli: stopped by SIGTERM") and b"Traceback" not in out
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_exits_130_and_leaves_no_file(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--save", "case.yaml", "-o", "out.txt"], tmp_path)
    try:
        _read_until(fd, b"Answer> ")
        os.write(fd, b"4\n")
        _read_until(fd, b"Answer> ")
        os.write(fd, b"\x03")  # Ctrl-C, delivered by the terminal as SIGINT
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 130, out
    assert b"interrupted; nothing was written" in out
    assert b"Traceback" not in out
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_exits_130(tmp_path: Path) -> None:
    proc, fd = _spawn(["assess", "--save", "case.yaml"], tmp_path)
    try:
        _read_until(fd, b"Answer> ")
        os.write(fd, b"\x04")  # Ctrl-D at an empty line: end of input
        out = _drain(fd, proc)
    finally:
        os.close(fd)
    assert proc.returncode == 130, out
    assert list(tmp_path.iterdir()) == []


def test_piped_stdin_never_prompts() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli", "assess", "--format", "json"], input=b"", capture_output=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 0
    assert b"Answer>" not in proc.stderr


def _terminal_output(env_extra: dict[str, str]) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update({"TERM": "xterm-256color", "LEGALCLI_LANG": "en", **env_extra})
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(
            sys.executable, [sys.executable, "-m", "legalcli", "assess", str(ROOT / "examples" / "pavel.yaml"), "--no-input"], env
        )
    out = _drain(fd, Child(pid))
    os.close(fd)
    return out


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    coloured = _terminal_output({})
    assert b"\x1b[" in coloured and b"UNDETERMINED" in coloured
    plain = _terminal_output({"NO_COLOR": "1"})
    assert b"\x1b[" not in plain and b"UNDETERMINED" in plain
