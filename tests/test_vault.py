"""The encrypted case vault: round trip, wrong passphrase, tampering, truncation,
crash during a write, file mode."""

from __future__ import annotations

import base64
import errno
import json
import os
from pathlib import Path

import pytest

from legalcli.cli.commands import write_atomic
from legalcli.core.errors import InputError
from legalcli.loading import vault
from tests.conftest import EXAMPLES, run_cli

PLAIN = b"facts:\n  service_status: mobilised\nnotes: sealed CANARY-4417\n"


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return vault.encrypt(PLAIN, "correct horse")


def test_round_trip(sealed: bytes) -> None:
    assert sealed.startswith(vault.MAGIC)
    assert b"CANARY" not in sealed and b"mobilised" not in sealed
    assert vault.decrypt(sealed, "correct horse", path="x.lcx") == PLAIN


def test_header_records_salt_and_parameters(sealed: bytes) -> None:
    size = int.from_bytes(sealed[4:6], "big")
    header = json.loads(sealed[6 : 6 + size])
    assert (header["kdf"], header["n"], header["r"], header["p"], header["cipher"]) == ("scrypt", 2**17, 8, 1, "AES-256-GCM")
    assert len(base64.b64decode(header["salt"])) == 16
    assert vault.encrypt(PLAIN, "correct horse") != sealed  # fresh salt and nonce each time


def test_wrong_passphrase(sealed: bytes) -> None:
    with pytest.raises(InputError, match="the passphrase is wrong, or the file was changed or damaged"):
        vault.decrypt(sealed, "wrong horse", path="x.lcx")


@pytest.mark.parametrize("where", ["header", "ciphertext", "tag"])
def test_one_flipped_byte_is_detected(sealed: bytes, where: str) -> None:
    size = int.from_bytes(sealed[4:6], "big")
    index = {"header": 6 + size // 2, "ciphertext": 6 + size + 3, "tag": len(sealed) - 1}[where]
    changed = bytearray(sealed)
    changed[index] ^= 0x01
    with pytest.raises(InputError):
        vault.decrypt(bytes(changed), "correct horse", path="x.lcx")


@pytest.mark.parametrize("keep", [3, 5, 40, -1])
def test_truncated_file(sealed: bytes, keep: int) -> None:
    with pytest.raises(InputError, match=r"truncated|damaged|changed"):
        vault.decrypt(sealed[:keep], "correct horse", path="x.lcx")


def test_hostile_parameters_are_refused_before_any_work() -> None:
    header = json.dumps(
        {"v": 1, "kdf": "scrypt", "n": 2**30, "r": 8, "p": 1, "salt": base64.b64encode(b"s" * 16).decode(),
         "cipher": "AES-256-GCM", "nonce": base64.b64encode(b"n" * 12).decode()}
    ).encode()  # fmt: skip
    data = vault.MAGIC + len(header).to_bytes(2, "big") + header + b"x" * 32
    with pytest.raises(InputError, match="costlier than legalcli allows"):
        vault.decrypt(data, "whatever", path="x.lcx")


def test_cli_save_open_rekey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.lcx"
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", "first secret")
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--save", str(target), "--format", "json")
    assert result.code == 0, result.err
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert b"mobilised" not in target.read_bytes()
    opened = run_cli("vault", "open", str(target))
    assert opened.code == 0 and 'service_status: "mobilised"' in opened.out
    assessed = run_cli("assess", str(target), "--no-input", "--format", "json")
    assert json.loads(assessed.out)["facts"]["given"]["service_status"] == "mobilised"
    rekey = run_cli("vault", "rekey", str(target), env={"LEGALCLI_NEW_PASSPHRASE": "second secret"})
    assert rekey.code == 0, rekey.err
    assert run_cli("vault", "open", str(target)).code == 2  # the old passphrase no longer opens it
    assert run_cli("vault", "open", str(target), env={"LEGALCLI_PASSPHRASE": "second secret"}).code == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.lcx"]


def test_cli_wrong_passphrase_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "case.lcx"
    target.write_bytes(vault.encrypt(PLAIN, "right"))
    result = run_cli("assess", str(target), "--no-input", env={"LEGALCLI_PASSPHRASE": "wrong"})
    assert result.code == 2
    assert "cannot decrypt" in result.err and "CANARY" not in result.err


def test_cli_needs_a_passphrase_without_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGALCLI_PASSPHRASE", raising=False)
    target = tmp_path / "case.lcx"
    target.write_bytes(vault.encrypt(PLAIN, "right"))
    result = run_cli("assess", str(target), "--no-input")
    assert result.code == 2
    assert "a passphrase is needed: set LEGALCLI_PASSPHRASE or run in a terminal" in result.err


def test_plain_save_needs_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", "long enough")  # a new passphrase: 8 characters at least
    plain = tmp_path / "case.yaml"
    run_cli("assess", "--no-input", "--fact", "location=abroad", "--save", str(plain), "--plaintext")
    assert 'location: "abroad"' in plain.read_text(encoding="utf-8")
    sealed = tmp_path / "sealed.yaml"
    run_cli("assess", "--no-input", "--fact", "location=abroad", "--save", str(sealed))
    assert sealed.read_bytes().startswith(b"LCX1")


def test_lock_and_open_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCLI_PASSPHRASE", "long enough")
    out = tmp_path / "pavel.lcx"
    assert run_cli("vault", "lock", str(EXAMPLES / "pavel.yaml"), "-o", str(out)).code == 0
    again = run_cli("vault", "lock", str(out), "-o", str(tmp_path / "twice.lcx"))
    assert again.code == 2 and "is already encrypted" in again.err
    plain = run_cli("vault", "open", str(EXAMPLES / "pavel.yaml"))
    assert plain.code == 2 and "is not an encrypted case file" in plain.err


def test_crash_mid_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "case.lcx"
    write_atomic(str(target), b"old contents")

    def crash(*_args: object) -> None:
        raise OSError(errno.EIO, "simulated power loss")

    monkeypatch.setattr(os, "replace", crash)
    # A failed write is bad input (exit 2) naming the path and the reason, not a bug.
    with pytest.raises(InputError, match=r"cannot be written \(simulated power loss\)"):
        write_atomic(str(target), b"new contents that never land")
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["case.lcx"]  # no temporary file left


def test_interrupt_mid_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new.lcx"

    def interrupt(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"half")
    assert list(tmp_path.iterdir()) == []
