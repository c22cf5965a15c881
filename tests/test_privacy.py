"""No traces: a case's values appear nowhere but where asked; no network is used;
every command keeps the exit-code contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli

CANARY = "CANARY-7f3a9c"


def _env(tmp: Path) -> dict[str, str]:
    home, cache, temp = tmp / "home", tmp / "cache", tmp / "tmp"
    for folder in (home, cache, temp):
        folder.mkdir()
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(cache),
        "TMPDIR": str(temp),
        "LEGALCLI_PASSPHRASE": "canary passphrase",
        "LEGALCLI_LANG": "en",
    }


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legalcli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def _files_with_canary(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file() and CANARY.encode() in path.read_bytes():
            hits.append(str(path.relative_to(folder)))
    return sorted(hits)


def test_canary_appears_only_where_asked(tmp_path: Path) -> None:
    env = _env(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    good = work / "case.yaml"
    good.write_text(f"facts:\n  service_status: mobilised\n  location: on_leave\nnotes: {CANARY} lives here\n", encoding="utf-8")
    bad = work / "bad.yaml"
    bad.write_text(f"facts:\n  location: {CANARY}\nnotes: {CANARY}\n", encoding="utf-8")
    bad_bool = work / "bad-bool.yaml"
    bad_bool.write_text(f"facts:\n  detained: {CANARY}\n", encoding="utf-8")
    asked = {"brief.html", "brief.md"}  # the briefs print the notes: the user asked for them
    runs = [
        ["assess", str(good), "--no-input"],
        ["assess", str(good), "--no-input", "--format", "json"],
        ["assess", str(good), "--no-input", "--format", "html", "-o", "brief.html"],
        ["assess", str(good), "--no-input", "--format", "markdown", "-o", "brief.md"],
        ["assess", str(good), "--no-input", "--format", "html", "--redact", "-o", "redacted.html"],
        ["assess", str(good), "--no-input", "--save", "sealed.lcx", "--format", "json"],
        ["vault", "lock", str(good), "-o", "locked.lcx"],
        ["assess", "sealed.lcx", "--no-input", "--why"],
        ["assess", str(bad), "--no-input"],
        ["assess", str(bad_bool), "--no-input"],
        ["assess", str(bad), "--no-input", "--format", "json"],
        ["assess", str(good), "--no-input", "--fact", f"location={CANARY}"],
        ["assess", str(good), "--no-input", "--fact", f"days_absent={CANARY}"],
        ["vault", "open", "sealed.lcx", "--lang", "ru"],
        ["assess", "locked.lcx", "--no-input", "--format", "json"],
    ]
    for args in runs:
        proc = _run(args, env, work)
        assert CANARY not in proc.stderr, (args, proc.stderr)
        if args[0] == "assess" and (args[1] in (str(bad), str(bad_bool)) or "--fact" in args):
            assert proc.returncode == 2 and proc.stdout == "", args
    # Outputs to stdout print the notes only in the briefs and vault open, which were asked for.
    assert _files_with_canary(work) == sorted([*asked, "bad-bool.yaml", "bad.yaml", "case.yaml"])
    for folder in ("home", "cache", "tmp"):
        assert _files_with_canary(tmp_path / folder) == [], folder
    assert b"lives here" not in (work / "sealed.lcx").read_bytes()
    assert CANARY not in (work / "redacted.html").read_text(encoding="utf-8")


SOCKETLESS = """
import socket

class _NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("network access attempted")

def _refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket = _NoNetwork
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "examples/pavel.yaml", "--no-input", "--format", "json"],
        ["assess", "examples/summons-civilian.yaml", "--no-input", "--format", "html", "--lang", "ru"],
        ["rules", "check"],
        ["rules", "test"],
        ["explain", "asylum-eu"],
        ["tree", "--depth", "2", "--as-of", "2026-11-24"],
        ["--version"],
    ],
)
def test_no_network(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(SOCKETLESS, encoding="utf-8")
    base = {**os.environ, "LEGALCLI_LANG": "en"}
    plain = subprocess.run(
        [sys.executable, "-m", "legalcli", *args], cwd=ROOT, env=base, capture_output=True, text=True, check=False
    )
    env = {**base, "PYTHONPATH": os.pathsep.join([str(tmp_path), base.get("PYTHONPATH", "")])}
    guarded = subprocess.run(
        [sys.executable, "-m", "legalcli", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    check = subprocess.run(
        [sys.executable, "-c", "import socket; socket.socket()"], env=env, capture_output=True, text=True, check=False
    )
    assert "network access attempted" in check.stderr  # the guard itself works
    assert (guarded.returncode, guarded.stdout, guarded.stderr) == (plain.returncode, plain.stdout, plain.stderr)


# --- the exit-code contract, command by command ----------------------------------------

COMMANDS: dict[str, dict[str, list[str]]] = {
    "assess": {
        "ok": ["assess", str(EXAMPLES / "pavel.yaml"), "--no-input"],
        "bad": ["assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--fact", "nope=1"],
    },
    "batch": {"ok": ["batch", str(EXAMPLES)], "bad": ["batch", str(EXAMPLES), "--format", "xml"]},
    "routes": {"ok": ["routes"], "bad": ["routes", "--lang", "fr"]},
    "countries": {"ok": ["countries"], "bad": ["countries", "--format", "xml"]},
    "explain": {"ok": ["explain", "asylum-eu"], "bad": ["explain", "no-such-route"]},
    "tree": {"ok": ["tree", "--depth", "1"], "bad": ["tree", "--format", "svg"]},
    "rules check": {"ok": ["rules", "check"], "bad": ["rules", "check", "/no/such/dir"]},
    "rules test": {"ok": ["rules", "test"], "bad": ["rules", "test", "/no/such/dir"]},
    "rules schema": {"ok": ["rules", "schema"], "bad": ["rules", "schema", "nope"]},
    "vault open": {"ok": [], "bad": ["vault", "open", str(EXAMPLES / "pavel.yaml")]},
    "vault lock": {"ok": [], "bad": ["vault", "lock", "/no/such/case.yaml", "-o", "/tmp/x.lcx"]},
    "vault rekey": {"ok": [], "bad": ["vault", "rekey", "/no/such/case.lcx"]},
    "--version": {"ok": ["--version"], "bad": ["--versio"]},
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_exit_codes_0_and_2(command: str) -> None:
    cases = COMMANDS[command]
    if cases["ok"]:
        assert run_cli(*cases["ok"]).code == 0
    result = run_cli(*cases["bad"])
    assert result.code == 2, result.err
    assert result.err.startswith("legalcli: error: ") and "Traceback" not in result.err


@pytest.mark.parametrize("command", sorted(c for c in COMMANDS if COMMANDS[c]["ok"]))
@pytest.mark.parametrize(("exception", "code"), [(RuntimeError("boom"), 70), (KeyboardInterrupt(), 130)])
def test_exit_codes_70_and_130(command: str, exception: BaseException, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import legalcli.loading.pack
    import legalcli.loading.reader

    def fail(*_args: object, **_kwargs: object) -> None:
        raise exception

    # Every command reads something through the reader or loads the pack; --version
    # reads only pack.yaml's version line.
    import legalcli.cli

    monkeypatch.setattr(legalcli.loading.reader, "read_bytes", fail)
    monkeypatch.setattr(legalcli.loading.pack, "read_bytes", fail)
    monkeypatch.setattr(legalcli.cli, "version_line", fail)
    result = run_cli(*COMMANDS[command]["ok"])
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err
    assert result.err.count("\n") == 1  # one line


def test_exit_code_1_for_findings(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    (root / "cases" / "zz.yaml").write_text(
        "cases:\n  - name: wrong\n    facts: {}\n    expect: {routes: {asylum-eu: feasible}}\n", encoding="utf-8"
    )
    assert run_cli("rules", "test", str(root)).code == 1
    (root / "routes" / "asylum-eu.yaml").write_text(
        (root / "routes" / "asylum-eu.yaml").read_text(encoding="utf-8").replace("reviewed: 2026-11-27", "reviewed: 2020-01-01"),
        encoding="utf-8",
    )
    assert run_cli("rules", "check", str(root)).code == 1
