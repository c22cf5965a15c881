"""Outputs, files that are not files, signals and pipes (issue 12): nothing lost, no
device replaced, every write failure exit 2 with the path and the reason, never 70.

No test here touches a real device node: FIFOs are made in tmp_path, a full disk is a
small tmpfs (skipped where it cannot be mounted), and /dev/stdout is only ever the
stdout of a child process whose stdout is a pipe.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from legalcli.cli.commands import Output, write_atomic
from legalcli.core.errors import InputError
from legalcli.loading import vault
from tests.conftest import EXAMPLES, ROOT, run_cli

PAVEL = EXAMPLES / "pavel.yaml"
SECRET = "long enough secret"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "LEGALCLI_LANG": "en", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "legalcli", *args], env=full, cwd=cwd, capture_output=True, timeout=timeout, check=False,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def _one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("legalcli: error: "), err
    return lines[0]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    shutil.copy(PAVEL, path)
    return path


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    path = tmp_path / "c.lcx"
    path.write_bytes(vault.encrypt(PAVEL.read_bytes(), SECRET))
    return path


# --- an output equal to an input is refused before any work ---------------------------


def test_assess_output_onto_its_case_file_is_refused(case: Path) -> None:
    before = case.read_bytes()
    result = run_cli("assess", str(case), "--no-input", "-o", str(case))
    assert result.code == 2
    assert "-o: is the file being read; write to another file" in _one_error_line(result.err)
    assert case.read_bytes() == before


def test_assess_output_onto_a_hard_link_or_symlink_of_its_case_is_refused(case: Path, tmp_path: Path) -> None:
    os.link(case, tmp_path / "hard.yaml")
    (tmp_path / "soft.yaml").symlink_to(case)
    before = case.read_bytes()
    for other in ("hard.yaml", "soft.yaml"):
        result = run_cli("assess", str(case), "--no-input", "-o", str(tmp_path / other))
        assert result.code == 2 and "is the file being read" in result.err
    assert case.read_bytes() == before


def test_save_and_output_to_the_same_file_are_refused(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.lcx"
    result = run_cli(
        "assess", str(case), "--no-input", "--save", str(target), "-o", str(target), env={"LEGALCLI_PASSPHRASE": SECRET}
    )
    assert result.code == 2
    assert "--save: is also given to -o; write to another file" in _one_error_line(result.err)
    assert not target.exists()


def test_save_onto_the_case_file_is_refused(case: Path) -> None:
    before = case.read_bytes()
    result = run_cli("assess", str(case), "--no-input", "--save", str(case), env={"LEGALCLI_PASSPHRASE": SECRET})
    assert result.code == 2 and "--save: is the file being read" in result.err
    assert case.read_bytes() == before


def test_vault_open_onto_itself_is_refused(sealed: Path) -> None:
    before = sealed.read_bytes()
    result = run_cli("vault", "open", str(sealed), "-o", str(sealed), env={"LEGALCLI_PASSPHRASE": SECRET})
    assert result.code == 2 and "is the file being read" in result.err
    assert sealed.read_bytes() == before  # still sealed, never turned into plain text


def test_vault_lock_onto_its_input_is_refused(case: Path) -> None:
    before = case.read_bytes()
    result = run_cli("vault", "lock", str(case), "-o", str(case), env={"LEGALCLI_PASSPHRASE": SECRET})
    assert result.code == 2 and "is the file being read" in result.err
    assert case.read_bytes() == before


def test_batch_output_onto_one_of_its_case_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(EXAMPLES, folder)
    before = (folder / "pavel.yaml").read_bytes()
    result = run_cli("batch", str(folder), "-o", str(folder / "pavel.yaml"))
    assert result.code == 2 and "is the file being read" in result.err
    assert (folder / "pavel.yaml").read_bytes() == before


def test_a_case_on_stdin_that_is_the_output_file_is_refused(case: Path) -> None:
    before = case.read_bytes()
    with case.open("rb") as stdin:
        proc = _process("assess", "-", "-o", str(case), stdin=stdin)
    assert proc.returncode == 2 and b"is the file being read" in proc.stderr
    assert case.read_bytes() == before


# --- what an output path may be --------------------------------------------------------


def test_an_existing_regular_file_is_replaced_atomically_and_privately(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("an old report\n", encoding="utf-8")
    target.chmod(0o644)
    assert run_cli("assess", str(case), "--no-input", "-o", str(target)).code == 0
    assert "old report" not in target.read_text(encoding="utf-8")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml", "report.txt"]


def test_a_symlink_to_a_regular_file_keeps_the_link_and_replaces_its_target(case: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run_cli("assess", str(case), "--no-input", "-o", str(link)).code == 0
    assert link.is_symlink() and "UNDETERMINED" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["real.txt"]


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with path.open("rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_output_to_a_fifo_is_written_in_place_never_replaced(case: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    proc = _process("assess", str(case), "--no-input", "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO, not a regular file
    assert received and received[0].startswith(b'{"schema"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml", "pipe"]


def test_batch_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "rows"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    proc = _process("batch", str(EXAMPLES), "-o", str(fifo))
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and received[0].startswith(b"file,")


def test_output_to_dev_stdout_goes_to_stdout_and_leaves_the_link(case: Path) -> None:
    before = os.lstat("/dev/stdout")
    proc = _process("assess", str(case), "--no-input", "--format", "json", "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b'{"schema"')
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_output_to_dev_stdout_appends_where_the_shell_says(case: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("first line\n", encoding="utf-8")
    with log.open("ab") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "legalcli", "assess", str(case), "--no-input", "--format", "json", "-o", "/dev/stdout"],
            stdout=stdout, stderr=subprocess.PIPE, check=False, timeout=60,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert log.read_text(encoding="utf-8").startswith('first line\n{"schema"')


def test_output_into_a_directory_is_exit_2(case: Path, tmp_path: Path) -> None:
    result = run_cli("assess", str(case), "--no-input", "-o", str(tmp_path))
    assert result.code == 2
    assert "is a directory; give the name of a file to write" in _one_error_line(result.err)


def test_output_in_a_missing_folder_is_exit_2(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.txt"
    result = run_cli("assess", str(case), "--no-input", "-o", str(target))
    assert result.code == 2
    line = _one_error_line(result.err)
    assert str(target) in line and "the folder" in line and "does not exist" in line


def test_output_under_a_file_is_exit_2_with_the_reason(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "case.yaml" / "out.txt"  # a path under a file: ENOTDIR, root or not
    result = run_cli("assess", str(case), "--no-input", "-o", str(target))
    assert result.code == 2
    assert f"{target}: cannot be written ({os.strerror(errno.ENOTDIR)})" in _one_error_line(result.err)


def test_output_to_a_socket_is_refused(case: Path, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = run_cli("assess", str(case), "--no-input", "-o", str(path))
    finally:
        server.close()
    assert result.code == 2 and "is not a regular file, a FIFO or a character device" in result.err


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder_is_exit_2(case: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_cli("assess", str(case), "--no-input", "-o", str(folder / "out.txt"))
    finally:
        folder.chmod(0o700)
    assert result.code == 2 and "cannot be written (Permission denied)" in result.err


@pytest.mark.skipif(IS_ROOT, reason="root writes read-only files")
def test_a_read_only_existing_file_is_kept(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("kept\n", encoding="utf-8")
    target.chmod(0o400)
    result = run_cli("assess", str(case), "--no-input", "-o", str(target))
    assert result.code == 2 and "Permission denied" in result.err
    assert target.read_text(encoding="utf-8") == "kept\n"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, filled: a full disk without touching /dev/full.  Needs root and
    mount(8); skipped elsewhere."""
    mount = shutil.which("mount")
    folder = tmp_path / "full"
    folder.mkdir()
    if not IS_ROOT or mount is None:
        pytest.skip("a tmpfs needs root")
    if subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True, check=False
    ).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as handle:
            while True:  # until ENOSPC
                handle.write(b"\0" * 4096)
                handle.flush()
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=False)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", str(PAVEL), "--no-input", "--format", "html", "-o", "{dir}/brief.html"],
        ["assess", str(PAVEL), "--no-input", "--save", "{dir}/case.lcx"],
        ["batch", str(EXAMPLES), "-o", "{dir}/rows.csv"],
        ["vault", "lock", str(PAVEL), "-o", "{dir}/case.lcx"],
    ],
    ids=["assess -o", "assess --save", "batch -o", "vault lock -o"],
)
def test_a_full_disk_is_exit_2_and_leaves_no_temporary_file(args: list[str], full_disk: Path) -> None:
    proc = _process(*(a.format(dir=full_disk) for a in args), env={"LEGALCLI_PASSPHRASE": SECRET})
    assert proc.returncode == 2, proc.stderr
    line = _one_error_line(proc.stderr.decode())
    assert f"cannot be written ({os.strerror(errno.ENOSPC)})" in line and str(full_disk) in line
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_an_io_error_while_writing_is_exit_2_with_the_reason(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken)
    target = tmp_path / "out.txt"
    result = run_cli("assess", str(case), "--no-input", "-o", str(target))
    assert result.code == 2
    assert f"{target}: cannot be written ({os.strerror(errno.EIO)})" in _one_error_line(result.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


class _FullStdout:
    """A stdout on a full disk (`legalcli routes > /dev/full`), without the device."""

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    "args", [["assess", str(PAVEL), "--no-input"], ["batch", str(EXAMPLES)], ["routes"], ["vault", "open", "{sealed}"]]
)
def test_a_full_disk_behind_stdout_is_exit_2(args: list[str], sealed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from legalcli.cli.app import main

    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _FullStdout())
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", SECRET)
    with pytest.raises(SystemExit) as stop:
        main([a.format(sealed=sealed) for a in args])
    assert stop.value.code == 2
    assert f"<stdout>: cannot be written ({os.strerror(errno.ENOSPC)})" in _one_error_line(err.getvalue())


def test_write_atomic_turns_every_failure_into_input_error_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*_args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(InputError, match="cannot be written"):
        write_atomic(str(tmp_path / "x"), b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_device_swapped_for_a_file_after_the_check_is_not_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    output = Output.__new__(Output)
    output.path = str(fifo)
    plain = tmp_path / "plain"
    plain.write_text("keep", encoding="utf-8")
    fd = os.open(plain, os.O_WRONLY)
    with pytest.raises(InputError, match="changed while it was being opened"):
        output._still_a_device(fd)
    assert plain.read_text(encoding="utf-8") == "keep"


# --- files that are not files ------------------------------------------------------------


def test_a_fifo_given_as_the_case_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    proc = _process("assess", str(fifo), "--no-input", timeout=30)
    assert proc.returncode == 2
    assert "is not a regular file (a FIFO, a device or a socket)" in _one_error_line(proc.stderr.decode())
    assert time.monotonic() - started < 10


def test_a_fifo_among_batch_files_is_an_error_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(EXAMPLES, folder)
    os.mkfifo(folder / "zz-fifo.yaml")
    proc = _process("batch", str(folder), "--format", "jsonl", timeout=60)
    assert proc.returncode == 1, proc.stderr  # the FIFO is an error row
    rows = proc.stdout.decode().splitlines()
    assert len(rows) == len(list(EXAMPLES.iterdir())) + 1
    assert "zz-fifo.yaml" in rows[-1] and "is not a regular file" in rows[-1]


def test_a_fifo_in_a_rule_pack_is_refused_without_hanging(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    victim = sorted((root / "routes").glob("*.yaml"))[0]
    victim.unlink()
    os.mkfifo(victim)
    proc = _process("assess", "--no-input", "--rules", str(root), timeout=30)
    assert proc.returncode == 2
    assert "is not a regular file" in _one_error_line(proc.stderr.decode())
    proc = _process("rules", "check", str(root), timeout=30)  # a problem of the pack, reported with the rest
    assert proc.returncode == 1
    assert f"{victim.name}: error: is not a regular file" in proc.stdout.decode()


def test_a_pack_file_reached_through_a_link_leaving_the_pack_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    victim = sorted((root / "routes").glob("*.yaml"))[0]
    outside = tmp_path / "planted.yaml"
    shutil.move(str(victim), outside)
    victim.symlink_to(outside)
    result = run_cli("rules", "check", str(root))
    assert result.code == 1
    assert "is a link that leads outside the rule pack" in result.out
    # A link that stays inside the pack is only a file of the pack.
    victim.unlink()
    shutil.move(str(outside), root / "routes" / "moved.txt")
    victim.symlink_to(root / "routes" / "moved.txt")
    assert "leads outside" not in run_cli("rules", "check", str(root)).out


# --- signals and pipes -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sealed_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough encrypted cases (~0.3 s of scrypt each) that a batch is still running
    when the signal comes, and enough for the parallel path."""
    from legalcli.bulk.batch import PARALLEL_FROM

    folder = tmp_path_factory.mktemp("sealed")
    data = vault.encrypt(PAVEL.read_bytes(), SECRET)
    for index in range(PARALLEL_FROM + 20):
        (folder / f"c{index:04}.lcx").write_bytes(data)
    return folder


def _start_batch(sealed_cases: Path, out: Path, jobs: str, **kwargs: object) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "legalcli", "batch", str(sealed_cases), "-o", str(out / "rows.csv"), "-j", jobs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "LEGALCLI_PASSPHRASE": SECRET, "LEGALCLI_LANG": "en"},
        **kwargs,  # type: ignore[call-overload]
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not glob.glob(str(out / ".legalcli-*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the batch never started writing"
        time.sleep(0.01)
    time.sleep(0.5)  # well into the rows
    return proc


@pytest.mark.parametrize(("signum", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGHUP, 129, "SIGHUP")])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_and_sighup_during_batch_output_remove_the_temporary_file(
    signum: int, code: int, name: str, jobs: str, sealed_cases: Path, tmp_path: Path
) -> None:
    proc = _start_batch(sealed_cases, tmp_path, jobs)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode() == f"legalcli: stopped by {name}\n"  # one line, no worker's traceback
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_a_parallel_batch_stops_every_worker_quietly(sealed_cases: Path, tmp_path: Path) -> None:
    proc = _start_batch(sealed_cases, tmp_path, "2", start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode() == "legalcli: interrupted; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--debug", "--version"],
        ["--help"],
        ["assess", str(PAVEL), "--no-input"],
        ["assess", str(PAVEL), "--no-input", "--format", "json", "-o", "/dev/stdout"],
        ["batch", str(EXAMPLES)],
        ["batch", str(EXAMPLES), "-j", "2"],
        ["routes"],
        ["explain", "asylum-eu"],
        ["rules", "schema"],
    ],
)
def test_a_closed_stdout_ends_quietly_with_141(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write, as with `| head -0`
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "legalcli", *args], stdout=write_end, stderr=subprocess.PIPE, check=False, timeout=60,
            env={**os.environ, "LEGALCLI_LANG": "en"},
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert proc.returncode == 141, proc.stderr
    assert proc.stderr == b""


def test_a_stdout_closed_from_the_start_ends_quietly_and_files_are_still_written(tmp_path: Path) -> None:
    def close_stdout() -> None:  # `legalcli … >&-`
        os.close(1)

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "legalcli", *args], stderr=subprocess.PIPE, preexec_fn=close_stdout, check=False, timeout=60
        )

    printed = run("assess", str(PAVEL), "--no-input")
    assert (printed.returncode, printed.stderr) == (141, b"")
    written = run("assess", str(PAVEL), "--no-input", "-o", str(tmp_path / "out.txt"))
    assert written.returncode == 0, written.stderr
    assert "UNDETERMINED" in (tmp_path / "out.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "escaped"),
    [
        (["assess", str(PAVEL), "--no-input", "--lang", "ru"], True),
        (["assess", str(PAVEL), "--no-input", "--lang", "ru", "--format", "json"], True),
        (["batch", str(EXAMPLES), "/nonexistent/case.yaml", "--lang", "ru"], True),  # a Russian error row
        # Click (Typer's) writes UTF-8 bytes itself when a stream claims ASCII: no crash either.
        (["routes", "--lang", "ru"], False),
    ],
)
def test_a_stdout_that_cannot_carry_the_text_gets_escapes_not_a_crash(args: list[str], escaped: bool) -> None:
    proc = _process(*args, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == (1 if args[0] == "batch" else 0), proc.stderr  # batch: the error row
    assert b"Traceback" not in proc.stderr
    if escaped:
        text = proc.stdout.decode("ascii")  # nothing but ASCII reached the stream
        assert "\\u04" in text  # Cyrillic, escaped


def test_a_non_utf8_passphrase_variable_is_bad_input(sealed: Path, tmp_path: Path) -> None:
    env: dict[bytes, bytes] = {**os.environb, b"LEGALCLI_PASSPHRASE": b"caf\xe9 secret", b"LEGALCLI_LANG": b"en"}
    for args in (
        ["assess", str(sealed), "--no-input"],
        ["assess", str(PAVEL), "--no-input", "--save", str(tmp_path / "new.lcx")],
        ["batch", str(sealed)],
        ["vault", "open", str(sealed)],
    ):
        proc = subprocess.run([sys.executable, "-m", "legalcli", *args], env=env, capture_output=True, check=False, timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "LEGALCLI_PASSPHRASE: is not UTF-8 text" in _one_error_line(proc.stderr.decode())
    assert not (tmp_path / "new.lcx").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["assess", str(PAVEL), "--no-input", "--save", "{dir}/new.lcx"],
        ["vault", "lock", str(PAVEL), "-o", "{dir}/new.lcx"],
    ],
)
def test_a_new_passphrase_shorter_than_the_minimum_is_refused(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*(a.format(dir=tmp_path) for a in args), env={"LEGALCLI_PASSPHRASE": "short"})
    assert result.code == 2
    assert "LEGALCLI_PASSPHRASE: a new passphrase needs at least 8 characters" in _one_error_line(result.err)
    assert list(tmp_path.iterdir()) == []


def test_rekey_refuses_a_short_new_passphrase_before_opening(sealed: Path) -> None:
    before = sealed.read_bytes()
    result = run_cli("vault", "rekey", str(sealed), env={"LEGALCLI_PASSPHRASE": SECRET, "LEGALCLI_NEW_PASSPHRASE": "short"})
    assert result.code == 2 and "LEGALCLI_NEW_PASSPHRASE: a new passphrase needs at least 8" in result.err
    assert sealed.read_bytes() == before


def test_an_old_short_passphrase_still_opens_its_file(tmp_path: Path) -> None:
    old = tmp_path / "old.lcx"
    old.write_bytes(vault.encrypt(PAVEL.read_bytes(), "pw"))
    assert run_cli("vault", "open", str(old), env={"LEGALCLI_PASSPHRASE": "pw"}).code == 0


# --- the exit-code contract for outputs: every failure 2, never 70 -------------------------

OUTPUT_COMMANDS = {
    "assess -o": ["assess", "{case}", "--no-input", "-o", "{out}"],
    "assess --save": ["assess", "{case}", "--no-input", "--save", "{out}"],
    "batch -o": ["batch", "{cases}", "-o", "{out}"],
    "vault open -o": ["vault", "open", "{sealed}", "-o", "{out}"],
    "vault lock -o": ["vault", "lock", "{case}", "-o", "{out}"],
}
FAILURES = {
    "a directory": "{dir}",
    "a missing folder": "{dir}/missing/out",
    "a path under a file": "{sealed}/out",
    "an input": "{input}",
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("command", sorted(OUTPUT_COMMANDS))
def test_every_output_failure_is_exit_2_never_70(command: str, failure: str, case: Path, sealed: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(EXAMPLES, cases)
    args = OUTPUT_COMMANDS[command]
    fields = {"dir": tmp_path, "case": case, "cases": cases, "sealed": sealed}
    the_input = {"batch -o": cases / "pavel.yaml", "vault open -o": sealed}.get(command, case)
    out = FAILURES[failure].format(**fields, input=the_input)

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    before = snapshot()
    result = run_cli(*(a.format(out=out, **fields) for a in args), env={"LEGALCLI_PASSPHRASE": SECRET})
    assert result.code == 2, (result.code, result.err)
    _one_error_line(result.err)
    assert snapshot() == before  # nothing written, nothing replaced
