"""The fast path for `assess` reads its arguments without Typer: its table must match
the Typer command, and whatever it accepts must come out exactly as through Typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.cli import app
from legalcli.entry import main as entry_main
from legalcli.fastpath import ASSESS_OPTIONS, parse_assess
from tests.conftest import DATA, EXAMPLES, ROOT, run_cli

PAVEL = str(EXAMPLES / "pavel.yaml")


def test_the_table_is_the_typer_commands_options() -> None:
    command = typer.main.get_command(app).commands["assess"]  # type: ignore[attr-defined]
    from_typer: dict[str, tuple[str, bool, bool]] = {}
    for param in command.params:
        if param.param_type_name != "option":
            assert param.name == "case"
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            from_typer[opt] = (param.name, not param.is_flag, param.multiple)
    assert from_typer == ASSESS_OPTIONS


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([PAVEL, "--no-input", "--format", "json"], {"case": PAVEL, "no_input": True, "fmt": "json"}),
        (["--format=json", PAVEL], {"case": PAVEL, "fmt": "json"}),
        (["-", "--lang", "ru", "--as-of", "2026-11-24"], {"case": "-", "lang": "ru", "as_of": "2026-11-24"}),
        (["-f", "age=30", "--fact", "is_wanted=no"], {"fact": ["age=30", "is_wanted=no"]}),
        (["--format", "text", "--format", "json"], {"fmt": "json"}),
        (["-o", "brief.html", "--format", "html", "--redact"], {"output": "brief.html", "fmt": "html", "redact": True}),
        ([], {}),
    ],
)
def test_reads_the_usual_argument_lists(args: list[str], expected: dict[str, object]) -> None:
    assert parse_assess(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        [PAVEL, "other.yaml"],
        ["--", PAVEL],
        ["-oFILE"],
        ["-o=FILE"],
        ["--format"],
        ["--no-input=yes"],
        ["--formt", "json"],
        ["--rules", "--no-input"],
        ["--debug", PAVEL],
    ],
)
def test_leaves_everything_else_to_typer(args: list[str]) -> None:
    assert parse_assess(args) is None


# Argument lists that succeed, fail on a value, or fail on the file: each must give the
# same exit code, stdout, stderr and output file through both paths.
SAME = [
    [PAVEL, "--no-input", "--format", "json", "--as-of", "2026-11-24"],
    [PAVEL, "--no-input", "--as-of", "2026-11-24", "--lang", "ru", "--why"],
    [PAVEL, "--no-input", "--as-of", "2026-11-24", "--all"],
    [str(EXAMPLES / "kazakhstan-wanted.json"), "--format", "markdown", "--as-of", "2026-11-24", "--redact"],
    [PAVEL, "--format", "xml"],
    [PAVEL, "--lang", "de"],
    [PAVEL, "--as-of", "2026-02-30"],
    [PAVEL, "--fact", "no_such_fact=yes"],
    [PAVEL, "--fact", "age=many"],
    [PAVEL, "--rules", "/nonexistent/rules"],
    ["/nonexistent/case.yaml", "--lang", "ru"],
    [str(DATA / "hostile" / "tag-python-object-apply.yaml")],
    [str(DATA / "hostile" / "duplicate-keys.json"), "--lang", "ru"],
    ["--fact", "service_status=mobilised", "--fact", "location=on_leave", "--format", "json", "--as-of", "2026-11-24"],
]


@pytest.mark.parametrize("args", SAME, ids=lambda a: " ".join(Path(x).name for x in a))
def test_both_paths_give_the_same_result(args: list[str]) -> None:
    assert parse_assess(args) is not None, "this list should take the fast path"
    fast = run_cli("assess", *args, entry=entry_main)
    slow = run_cli("assess", *args)
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


def test_both_paths_write_the_same_file(tmp_path: Path) -> None:
    args = [PAVEL, "--format", "html", "--as-of", "2026-11-24", "-o"]
    fast = run_cli("assess", *args, str(tmp_path / "fast.html"), entry=entry_main)
    slow = run_cli("assess", *args, str(tmp_path / "slow.html"))
    assert fast.code == slow.code == 0
    assert (tmp_path / "fast.html").read_bytes() == (tmp_path / "slow.html").read_bytes()
    assert oct((tmp_path / "fast.html").stat().st_mode & 0o777) == "0o600"


TOKENS = [
    PAVEL, "-", "--no-input", "--format", "json", "markdown", "--format=json", "--lang", "ru", "en", "--as-of",
    "2026-11-24", "2026-13-01", "-f", "--fact", "age=30", "is_wanted=maybe", "--why", "--all", "--redact", "--",
    "--help", "--frmat", "-o", "--no-input=1", "--rules", str(ROOT / "rules"),
]  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=7))
def test_any_argument_list_is_read_alike_or_left_to_typer(args: list[str]) -> None:
    if "-o" in args:
        return  # writing files is covered above; here stdout and stderr are compared
    if parse_assess(args) is None:
        return
    fast = run_cli("assess", *args, entry=entry_main)
    slow = run_cli("assess", *args)
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


def test_a_scripted_assess_never_imports_typer(tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(' '.join(m for m in ('typer', 'click', 'rich') if m in sys.modules)))\n"
        "from legalcli.entry import main\n"
        f"main(['assess', {PAVEL!r}, '--no-input', '--format', 'json'])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('{"schema":"legalcli.assessment/1"')
    assert proc.stderr == ""  # none of typer, click or rich was imported
