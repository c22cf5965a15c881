"""Bounded work and bounded input: an encrypted file cannot make opening it cost more
than ~256 MiB and ~2 s, a rule pack cannot ask for a deadline of a billion years, and a
case's dates lie in 1990–2100 (anything else is bad input, exit 2, never a crash)."""

from __future__ import annotations

import base64
import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legalcli.core.values import DATE_RANGE
from legalcli.loading import vault
from tests.conftest import ROOT, run_cli
from tests.test_cache_trust import write_mini_pack

PLAIN = b"facts:\n  barred: true\n"
BOUNDS = "costlier than legalcli allows (scrypt n \u2264 2^18, r \u2264 16, p \u2264 4, at most 256 MiB)"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", "a long enough passphrase")
    monkeypatch.setenv("LEGALCLI_LANG", "en")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini_pack(tmp_path / "mini")


def _forged(n: object, r: object = 8, p: object = 1) -> bytes:
    """A vault whose header asks for these scrypt parameters (and whose text is junk)."""
    header = {
        "v": 1, "kdf": "scrypt", "n": n, "r": r, "p": p, "salt": base64.b64encode(b"s" * 16).decode(),
        "cipher": "AES-256-GCM", "nonce": base64.b64encode(b"n" * 12).decode(),
    }  # fmt: skip
    head = json.dumps(header).encode()
    return vault.MAGIC + len(head).to_bytes(2, "big") + head + b"x" * 48


@pytest.mark.parametrize(
    ("n", "r", "p"),
    [
        (2**20, 16, 4),  # the header: 25 s and 2.1 GB
        (2**19, 8, 1),  # n past its bound
        (2**18, 16, 1),  # each factor within its bound, memory 512 MiB
        (2**18, 9, 1),  # memory 288 MiB
        (2**18, 8, 5),  # p past its bound
        (2**17, 32, 1),  # r past its bound
        (2**40, 8, 1),
    ],
)
def test_a_forged_vault_header_is_refused_before_the_kdf(
    tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch, n: int, r: int, p: int
) -> None:
    forged = tmp_path / "forged.lcx"
    forged.write_bytes(_forged(n, r, p))

    def no_kdf(*_: object) -> bytes:
        raise AssertionError("the key derivation was attempted")

    monkeypatch.setattr(vault, "_key", no_kdf)
    start = time.perf_counter()
    result = run_cli("vault", "open", str(forged), "--rules", str(mini))
    assert time.perf_counter() - start < 2
    assert result.code == 2, result.err
    assert result.err == f"legalcli: error: {forged}: the encrypted case file asks for a key derivation {BOUNDS}; " \
        "it was not written by legalcli, or it was changed\n"  # fmt: skip
    ru = run_cli("vault", "open", str(forged), "--rules", str(mini), "--lang", "ru")
    assert ru.code == 2 and "требует вычисления ключа дороже" in ru.err


def test_a_forged_header_is_refused_before_the_passphrase_is_asked(
    tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGALCLI_PASSPHRASE")  # asking would fail: no terminal, no variable
    forged = tmp_path / "forged.lcx"
    forged.write_bytes(_forged(2**20, 16, 4))
    result = run_cli("assess", str(forged), "--rules", str(mini), "--no-input")
    assert result.code == 2 and BOUNDS in result.err, result.err


def test_a_forged_header_in_a_batch_is_one_error_row(tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`batch -j N` used to multiply the cost by N: now each such file is refused at once."""
    monkeypatch.setattr(vault, "_key", lambda *_: (_ for _ in ()).throw(AssertionError("KDF attempted")))
    folder = tmp_path / "cases"
    folder.mkdir()
    for index in range(3):
        (folder / f"forged-{index}.lcx").write_bytes(_forged(2**20, 16, 4))
    (folder / "good.yaml").write_text("facts: {barred: true}\n", encoding="utf-8")
    result = run_cli("batch", str(folder), "--rules", str(mini), "--as-of", "2026-11-24", "-j", "2")
    assert result.code == 1, result.err  # the forged file is an error row
    rows = list(csv.reader(io.StringIO(result.out)))[1:]
    assert [BOUNDS in row[-1] for row in rows] == [True, True, True, False]
    assert rows[-1][1] == "blocked"


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", '"2^20"', "null", "1e400", "true"])
def test_a_vault_header_with_a_number_that_is_not_one_is_bad_input_not_exit_70(tmp_path: Path, mini: Path, value: str) -> None:
    forged = tmp_path / "forged.lcx"
    forged.write_bytes(_forged(2**17).replace(b'"n": 131072', f'"n": {value}'.encode()))
    assert f'"n": {value}'.encode() in forged.read_bytes()
    result = run_cli("vault", "open", str(forged), "--rules", str(mini))
    assert result.code == 2, result.err
    assert "header" in result.err or "key derivation" in result.err


def test_the_bounds_admit_every_file_legalcli_writes_and_no_more() -> None:
    assert vault.kdf_affordable(vault.N, vault.R, vault.P)
    for n, r, p in [(2**18, 8, 4), (2**17, 16, 4), (2**18, 8, 1), (2**17, 8, 4)]:
        assert vault.kdf_affordable(n, r, p)
        assert 128 * n * r <= 256 * 2**20
    for n, r, p in [(2**18, 16, 1), (2**19, 8, 1), (2**18, 8, 5), (2**17, 17, 1)]:
        assert not vault.kdf_affordable(n, r, p)


_MEASURE = """
import base64, os, resource, subprocess, sys, time
from legalcli.loading import vault
header = vault.Header(2**18, 8, 4, os.urandom(16), os.urandom(12))
head = header.encode()
prefix = vault.MAGIC + len(head).to_bytes(2, "big") + head
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
key = vault._key(os.environ["LEGALCLI_PASSPHRASE"], header)
with open(sys.argv[1], "wb") as handle:
    handle.write(prefix + AESGCM(key).encrypt(header.nonce, sys.argv[2].encode(), prefix))
start = time.perf_counter()
proc = subprocess.run([sys.executable, "-m", "legalcli", "vault", "open", sys.argv[1], "--rules", sys.argv[3]],
                      capture_output=True, text=True)
print(proc.returncode, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
print(proc.stdout, proc.stderr)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory in KiB is Linux's getrusage")
def test_the_dearest_header_allowed_opens_within_the_bounds(tmp_path: Path, mini: Path) -> None:
    """n = 2^18, r = 8, p = 4 (the most the bounds allow) still opens, and opening it
    stays near 256 MiB (measured: ~1.7 s, peak RSS 274 MiB on the reference machine)."""
    target = tmp_path / "dearest.lcx"
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(target), PLAIN.decode(), str(mini)],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    first, rest = proc.stdout.split("\n", 1)
    code, seconds, mib = first.split()
    assert code == "0", rest
    assert "barred: true" in rest
    assert int(mib) < 320, mib  # 256 MiB for scrypt, the rest the interpreter
    assert float(seconds) < 10, seconds  # ~1.7 s; generous for a loaded machine


# --- deadline lengths -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "where", "cap"),
    [
        ("days: 999999999999999999", "days", 36500),
        ("days: 36501", "days", 36500),
        ("months: 1201", "months", 1200),
        ("years: 101", "years", 100),
    ],
)
def test_rules_check_refuses_a_deadline_of_999999999999999999_days(tmp_path: Path, length: str, where: str, cap: int) -> None:
    """A deadline too long to be law is refused by the schema at once; it used to pass
    `rules check`, then run 23 s, write 7,985 cache files and exit 70."""
    pack = write_mini_pack(tmp_path / "mini")
    route = pack / "routes" / "leave.yaml"
    text = route.read_text(encoding="utf-8")
    replacement = length + ("\n    working_days: true" if length.startswith("days") else "")
    route.write_text(text.replace("days: 5\n    working_days: true", replacement), encoding="utf-8")
    assert length in route.read_text(encoding="utf-8")
    start = time.perf_counter()
    result = run_cli("rules", "check", str(pack))
    assert time.perf_counter() - start < 2
    assert result.code == 1, result.out + result.err
    column = len(f"    {where}: ") + 1
    problem = f"mini/routes/leave.yaml:11:{column}: error: deadlines[0].{where}: must be a whole number from 0 to {cap} [schema]"
    assert problem in result.out.splitlines()
    assert not list((tmp_path / "cache").rglob("calendar*"))


# --- dates in case files ----------------------------------------------------------------


def test_the_date_range_is_1990_to_2100() -> None:
    assert [d.isoformat() for d in DATE_RANGE] == ["1990-01-01", "2100-12-31"]


@pytest.mark.parametrize(
    ("text", "line", "column", "key"),
    [
        ("facts:\n  notice_date: 9999-12-31\n", 2, 16, "facts.notice_date"),
        ("facts:\n  notice_date: 2101-01-01\n", 2, 16, "facts.notice_date"),
        ("facts:\n  notice_date: 1989-12-31\n", 2, 16, "facts.notice_date"),
        ("facts:\n  notice_date: 0001-01-01\n", 2, 16, "facts.notice_date"),
        ("as_of: 9999-12-31\nfacts:\n  barred: true\n", 1, 8, "as_of"),
        ('{"facts": {"notice_date": "9999-12-31"}}', 1, 27, "facts.notice_date"),
    ],
)
def test_a_date_past_2100_is_bad_input_not_a_crash(
    tmp_path: Path, mini: Path, text: str, line: int, column: int, key: str
) -> None:
    case = tmp_path / ("case.json" if text.startswith("{") else "case.yaml")
    case.write_text(text, encoding="utf-8")
    result = run_cli("assess", str(case), "--rules", str(mini), "--no-input")
    assert result.code == 2, result.err
    assert result.err == (
        f"legalcli: error: {case}:{line}:{column}: {key}: is outside the dates legalcli reads (1990-01-01 to 2100-12-31)\n"
    )
    ru = run_cli("assess", str(case), "--rules", str(mini), "--no-input", "--lang", "ru")
    assert ru.code == 2 and "вне допустимого диапазона (1990-01-01 — 2100-12-31)" in ru.err


def test_the_edges_of_the_range_are_dates(tmp_path: Path, mini: Path) -> None:
    for day in ("1990-01-01", "2100-12-31"):
        case = tmp_path / "case.yaml"
        case.write_text(f"as_of: {day}\nfacts:\n  barred: false\n  notice_date: {day}\n", encoding="utf-8")
        result = run_cli("assess", str(case), "--rules", str(mini), "--no-input", "--format", "json")
        assert result.code == 0, result.err
        (route,) = json.loads(result.out)["routes"]
        assert route["deadlines"][0]["date"] > day


def test_a_date_outside_the_range_in_a_fact_option_is_bad_input(mini: Path) -> None:
    result = run_cli("assess", "--rules", str(mini), "--no-input", "--fact", "notice_date=9999-12-31")
    assert result.code == 2
    assert result.err == (
        "legalcli: error: --fact: facts.notice_date: is outside the dates legalcli reads (1990-01-01 to 2100-12-31)\n"
    )


def test_one_bad_date_does_not_kill_a_batch(tmp_path: Path, mini: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "a.yaml").write_text("facts:\n  barred: false\n  notice_date: 2026-11-02\n", encoding="utf-8")
    (folder / "b.yaml").write_text("facts:\n  barred: false\n  notice_date: 9999-12-31\n", encoding="utf-8")
    (folder / "c.yaml").write_text("facts:\n  barred: true\n", encoding="utf-8")
    result = run_cli("batch", str(folder), "--rules", str(mini), "--as-of", "2026-11-24")
    assert result.code == 1, result.err  # the bad date is an error row
    header, *rows = csv.reader(io.StringIO(result.out))
    by_name = {Path(row[0]).name: dict(zip(header, row, strict=True)) for row in rows}
    assert sorted(by_name) == ["a.yaml", "b.yaml", "c.yaml"]
    assert by_name["a.yaml"]["leave"] == "feasible" and by_name["c.yaml"]["leave"] == "blocked"
    assert by_name["b.yaml"]["error"].endswith(
        "b.yaml:3:16: facts.notice_date: is outside the dates legalcli reads (1990-01-01 to 2100-12-31)"
    )
    assert "9999" not in result.out and "3 files in" in result.err and "2 assessed, 1 with errors" in result.err
