"""`rules new` and `completion --install` when a folder cannot be made, and
one size cap for a case on stdin, whether the CLI or the API reads it."""

from __future__ import annotations

import builtins
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from legalcli import api
from legalcli.cli import main
from legalcli.core.model import Pack
from legalcli.loading import vault
from legalcli.loading.case import VAULT_LIMITS, read_case
from tests.conftest import EXAMPLES, run_cli
from tests.test_mutate import write_pack

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return api.load_pack()


# --- rules new --------------------------------------------------------------------------


def test_rules_new_with_a_folder_that_cannot_be_made_writes_nothing(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "rules")
    for case_file in (root / "cases").iterdir():
        case_file.unlink()
    (root / "cases").rmdir()
    (root / "cases").write_text("not a folder\n", encoding="utf-8")
    result = run_cli("rules", "new", "route", "claim-leave", "--rules", str(root))
    assert result.code == 2, result.err
    assert f"{root / 'cases' / 'claim-leave.yaml'}: cannot be written (" in result.err
    assert "internal error" not in result.err
    assert not (root / "routes" / "claim-leave.yaml").exists()  # no half a skeleton
    assert result.out == ""


def test_rules_new_removes_what_it_wrote_when_a_later_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_pack(tmp_path / "rules")
    real_open = builtins.open
    failing = str(root / "cases" / "claim-leave.yaml")

    def full_disk(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == failing:
            raise OSError(28, "No space left on device")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", full_disk)
    result = run_cli("rules", "new", "route", "claim-leave", "--rules", str(root))
    monkeypatch.undo()
    assert result.code == 2, result.err
    assert f"{failing}: cannot be written (No space left on device)" in result.err
    assert not (root / "routes" / "claim-leave.yaml").exists()
    assert "written:" not in result.out  # nothing is said to be written that is not
    # Nothing is left to stop a second try.
    assert run_cli("rules", "new", "route", "claim-leave", "--rules", str(root)).code == 0


# --- completion --install -----------------------------------------------------------------


def test_completion_install_into_a_folder_that_cannot_be_made_is_bad_input(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("a file, not a folder\n", encoding="utf-8")
    result = run_cli("completion", "bash", "--install", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data)})
    assert result.code == 2, result.err
    assert f"{data / 'bash-completion' / 'completions' / 'legalcli'}: cannot be written (" in result.err
    assert "internal error" not in result.err


# --- a case on stdin: one cap, before decryption ------------------------------------------


def _sealed(size: int) -> bytes:
    """A real encrypted case of exactly `size` bytes (its notes padded)."""
    overhead = len(vault.encrypt(b"x", PASSPHRASE)) - 1
    text = (EXAMPLES / "pavel.yaml").read_bytes()
    padding = size - overhead - len(text) - len(b"\n# \n")
    return vault.encrypt(text + b"\n# " + b"x" * padding + b"\n", PASSPHRASE)


def _with_stdin(data: bytes) -> Callable[[list[str]], None]:
    def entry(args: list[str]) -> None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")  # run_cli puts its own back
        main(args)

    return entry


@pytest.fixture
def no_decryption(monkeypatch: pytest.MonkeyPatch) -> None:
    def decrypt(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("decrypted before the size was checked")

    monkeypatch.setattr(vault, "decrypt", decrypt)


@pytest.mark.parametrize("size", [VAULT_LIMITS.max_bytes + 1, 300_000, 400_000])
@pytest.mark.usefixtures("no_decryption")
def test_an_oversized_case_on_stdin_is_refused_alike_by_the_cli_and_the_api(size: int, shipped: Pack) -> None:
    data = _sealed(size)
    assert len(data) == size
    with pytest.raises(api.InputError) as raised:
        api.read_case(data, shipped, passphrase=PASSPHRASE)
    refusal = raised.value.render("en")
    assert refusal == f"<stdin>: the input is larger than {VAULT_LIMITS.max_bytes:,} bytes"
    with pytest.raises(api.InputError) as direct:
        read_case("-", shipped, stdin_bytes=data, passphrase=lambda: PASSPHRASE)
    assert direct.value.render("en") == refusal
    result = run_cli("assess", "-", "--lang", "en", env={"LEGALCLI_PASSPHRASE": PASSPHRASE}, entry=_with_stdin(data))
    assert result.code == 2, result.err
    assert refusal in result.err
    assert result.out == ""


def test_a_sealed_case_on_stdin_at_the_cap_is_decrypted() -> None:
    data = _sealed(VAULT_LIMITS.max_bytes)
    # At the cap a sealed case is read and decrypted; its plain text is then held to the
    # case file's own, smaller cap (the padding makes it too large to parse).
    result = run_cli("assess", "-", "--lang", "en", env={"LEGALCLI_PASSPHRASE": PASSPHRASE}, entry=_with_stdin(data))
    assert result.code == 2
    assert "<stdin>: the input is larger than 256,000 bytes" in result.err
