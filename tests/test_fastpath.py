"""The fast path for `assess` reads its arguments without Typer: its table must match
the Typer command, and whatever it accepts must come out exactly as through Typer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalcli.cli.app import app
from legalcli.entry import main as entry_main
from legalcli.fastpath import SPECS, parse
from tests.conftest import DATA, EXAMPLES, ROOT, run_cli

PAVEL = str(EXAMPLES / "pavel.yaml")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_table_is_the_typer_commands_options(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    from_typer: dict[str, tuple[str, bool, bool]] = {}
    for param in command.params:
        if param.param_type_name != "option":
            assert param.name == SPECS[name].positional
            assert (param.nargs == -1) is SPECS[name].many
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            from_typer[opt] = (param.name, not param.is_flag, param.multiple)
    assert from_typer == SPECS[name].options


def test_the_jobs_range_is_the_typer_commands() -> None:
    from legalcli.fastpath import MAX_JOBS

    command = typer.main.get_command(app).commands["batch"]  # type: ignore[attr-defined]
    jobs = next(p for p in command.params if p.name == "jobs")
    assert (jobs.type.min, jobs.type.max) == (0, MAX_JOBS)


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
    assert parse("assess", args) == expected


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
    assert parse("assess", args) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["cases/", "-o", "rows.csv"], {"paths": ["cases/"], "output": "rows.csv"}),
        (["a.yaml", "b.json", "--format", "jsonl", "-j", "2"], {"paths": ["a.yaml", "b.json"], "fmt": "jsonl", "jobs": 2}),
        (["cases/", "--jobs=0"], {"paths": ["cases/"], "jobs": 0}),
        ([], None),
        (["cases/", "--jobs", "65"], None),
        (["cases/", "--jobs", "two"], None),
        (["cases/", "-j", "²"], None),
        (["cases/", "--no-input"], None),
        (["cases/", "--help"], None),
    ],
)
def test_reads_batch_arguments_or_leaves_them_to_typer(args: list[str], expected: dict[str, object] | None) -> None:
    assert parse("batch", args) == expected


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
    assert parse("assess", args) is not None, "this list should take the fast path"
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


def test_both_paths_give_the_same_batch(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("pavel.yaml", "kazakhstan-wanted.json", "summons-civilian.yaml"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    (folder / "broken.yaml").write_text("facts: [\n", encoding="utf-8")
    for extra in ([], ["--format", "jsonl", "--lang", "ru"], ["--as-of", "2026-02-30"], ["--jobs", "1"]):
        args = ["batch", str(folder), "--as-of", "2026-11-24", *extra]
        assert parse("batch", args[1:]) is not None
        fast = run_cli(*args, entry=entry_main)
        slow = run_cli(*args)
        # The summary says how long the run took; compare everything else.
        took = re.compile(r"\d+\.\d (s|с)")
        assert (fast.code, fast.out, took.sub("T", fast.err)) == (slow.code, slow.out, took.sub("T", slow.err))
        if "2026-02-30" in extra:
            assert fast.code == 2
        else:
            assert fast.code == 0 and "broken.yaml" in fast.out


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
    if parse("assess", args) is None:
        return
    fast = run_cli("assess", *args, entry=entry_main)
    slow = run_cli("assess", *args)
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


@pytest.mark.parametrize(
    "args",
    [["assess", PAVEL, "--no-input", "--format", "json"], ["batch", str(EXAMPLES), "--format", "jsonl"]],
    ids=["assess", "batch"],
)
def test_scripted_runs_never_import_typer(args: list[str], tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "libs = ('typer', 'click', 'rich')\n"
        "atexit.register(lambda: sys.stderr.write('IMPORTED ' + ' '.join(m for m in libs if m in sys.modules)))\n"
        "from legalcli.entry import main\n"
        f"main({args!r})\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('{"schema":"legalcli.assessment/1"' if args[0] == "assess" else '{"file":')
    assert proc.stderr.endswith("IMPORTED "), proc.stderr  # none of typer, click or rich
