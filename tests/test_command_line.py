"""The command line as a user meets it: one declaration (Typer), its help, its
conventions (bare commands, exit codes, -o and formats) and TAB completion in bash,
zsh and fish generated from it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from legalcli.cli import version_line
from legalcli.cli.app import app
from tests.conftest import EXAMPLES, ROOT, not_installed, run_cli

COMMANDS = ["assess", "batch", "impact", "routes", "explain", "countries", "facts", "tree", "completion", "rules", "vault"]
RULES_COMMANDS = ["check", "test", "new", "diff", "review", "schema"]


def test_no_second_declaration_is_left() -> None:
    """The fast path's tables and the Typer internals it needed are gone for good (read
    from the files, so that it runs outside a git checkout too)."""
    names = ["SP" + "ECS", "TR" + "EE", "_app" + "_for", "_usage" + "_error_type"]
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("legalcli", "tests", "tools", "bench")
        for path in (ROOT / folder).rglob("*.py")
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_help_lists_every_command_and_group() -> None:
    out = run_cli("--help").out
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == COMMANDS
    rules = run_cli("rules", "--help").out
    assert [line.split()[0] for line in rules.split("Commands:")[1].splitlines() if line.strip()] == RULES_COMMANDS


def test_help_lists_the_allowed_values() -> None:
    out = run_cli("assess", "--help").out
    assert "<text|json|markdown|html|pdf>" in out
    assert "<en|ru>" in out
    assert "<csv|jsonl>" in run_cli("batch", "--help").out


@pytest.mark.parametrize("args", [[], ["rules"], ["vault"]])
def test_a_group_without_a_command_prints_its_help_and_exits_2(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert "Commands:" in result.err and result.out == ""


def test_a_value_not_allowed_is_a_usage_error_naming_the_choices() -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "yaml")
    assert result.code == 2
    assert "'text', 'json', 'markdown', 'html', 'pdf'" in result.err


def test_version_is_answered_without_typer() -> None:
    code = (
        "import sys\n"
        "from legalcli.cli import main\n"
        "try:\n main(['--version'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('typer','yaml','rich','legalcli.core.engine') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert proc.stdout.splitlines() == [version_line(), "[]"]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("brief.json", lambda text: json.loads(text)["routes"]),
        ("brief.md", lambda text: text.startswith("#")),
        ("brief.html", lambda text: text.lstrip().lower().startswith("<!doctype html")),
        ("brief.txt", lambda text: not text.startswith(("{", "#", "<"))),
    ],
)
def test_output_format_follows_the_extension(tmp_path: Path, name: str, check: object) -> None:
    target = tmp_path / name
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "-o", str(target))
    assert result.code == 0, result.err
    assert check(target.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_format_given_wins_over_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    assert run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "json", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["routes"]


def test_batch_exits_1_when_a_row_is_an_error_and_2_when_no_case_was_found(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    shutil.copy(EXAMPLES / "pavel.yaml", good)
    assert run_cli("batch", str(good), "-o", str(tmp_path / "ok.csv")).code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("facts: [\n", encoding="utf-8")
    result = run_cli("batch", str(good), str(bad), "-o", str(tmp_path / "rows.csv"))
    assert result.code == 1
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8").count("\n") == 3  # header, the good row, the error row
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("batch", str(empty))
    assert result.code == 2
    assert "no case file found" in result.err


# --- completion -------------------------------------------------------------------------


def _script(shell: str, tmp_path: Path) -> Path:
    result = run_cli("completion", shell)
    assert result.code == 0, result.err
    path = tmp_path / f"legalcli.{shell}"
    path.write_text(result.out, encoding="utf-8")
    return path


def _bash(script: Path, line: str) -> list[str]:
    words = line.split() + ([""] if line.endswith(" ") else [])
    array = " ".join(f"'{w}'" for w in words)
    program = (
        f'source "{script}"; COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}; '
        '_legalcli_complete; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    proc = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, check=True)
    return [w for w in proc.stdout.split("\n") if w]


CASES = [
    ("legalcli ", COMMANDS),
    ("legalcli i", ["impact"]),
    ("legalcli impact --format ", ["text", "json", "csv"]),
    ("legalcli rules test --m", ["--mutate"]),
    ("legalcli c", ["countries", "completion"]),
    ("legalcli countries --format ", ["text", "json"]),
    ("legalcli r", ["routes", "rules"]),
    ("legalcli rules ", RULES_COMMANDS),
    ("legalcli assess --fo", ["--format"]),
    ("legalcli assess --format ", ["text", "json", "markdown", "html", "pdf"]),
    ("legalcli explain asy", ["asylum-abroad", "asylum-eu"]),
    ("legalcli rules schema ro", ["route"]),
    ("legalcli rules new ", ["route", "situation", "fact"]),
    ("legalcli assess --lang r", ["ru"]),
    ("legalcli assess --fact current_cou", ["current_country="]),
    ("legalcli completion ", ["bash", "zsh", "fish"]),
    ("legalcli vault ", ["open", "lock", "rekey"]),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_bash_completion(tmp_path: Path, line: str, expected: list[str]) -> None:
    assert sorted(_bash(_script("bash", tmp_path), line)) == sorted(expected)


def test_bash_completion_offers_every_option_and_value_of_the_declaration(tmp_path: Path) -> None:
    """Walk Click's tree of the one declaration: every option of every command, and every
    allowed value of every option with choices, is offered where it belongs."""
    script = _script("bash", tmp_path)

    def walk(command: object, path: list[str]) -> None:
        line = " ".join(["legalcli", *path])
        offered = set(_bash(script, line + " --"))
        for param in command.params:  # type: ignore[attr-defined]
            long = [o for o in param.opts if o.startswith("--")]
            assert set(long) <= offered, (line, long)
            choices = getattr(param.type, "choices", None)
            if choices and long and param.param_type_name == "option":
                assert sorted(_bash(script, f"{line} {long[0]} ")) == sorted(map(str, choices)), (line, long[0])
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])


def _shell(name: str) -> None:
    if shutil.which(name) is None:
        not_installed(f"{name} is not installed")


def test_zsh_completion(tmp_path: Path) -> None:
    _shell("zsh")
    script = _script("zsh", tmp_path)
    program = (
        f'autoload -U compinit; compinit -u 2>/dev/null; source "{script}"; '
        "COMP_WORDS=(legalcli assess --format ''); COMP_CWORD=3; _legalcli_complete; print -l -- $COMPREPLY"
    )
    proc = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, check=False)
    assert sorted(w for w in proc.stdout.split("\n") if w) == ["html", "json", "markdown", "pdf", "text"], proc.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [("legalcli assess --format ", ["html", "json", "markdown", "pdf", "text"]), ("legalcli rules ", RULES_COMMANDS)],
)
def test_fish_completion(tmp_path: Path, line: str, expected: list[str]) -> None:
    _shell("fish")
    script = _script("fish", tmp_path)
    program = f'source "{script}"; complete -C "{line}"'
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True, text=True, check=False, env=env)
    offered = sorted({w.split("\t")[0] for w in proc.stdout.split("\n") if w and not w.startswith("-")})
    assert offered == sorted(expected), proc.stderr


def test_completion_install_writes_where_the_shell_looks(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    for shell, where in [
        ("bash", tmp_path / "data" / "bash-completion" / "completions" / "legalcli"),
        ("fish", tmp_path / "config" / "fish" / "completions" / "legalcli.fish"),
        ("zsh", tmp_path / ".zfunc" / "_legalcli"),
    ]:
        result = run_cli("completion", shell, "--install", env=env)
        assert result.code == 0, result.err
        assert where.read_text(encoding="utf-8") == run_cli("completion", shell).out
        assert str(where) in result.err


# --- Russian at a terminal ----------------------------------------------------------------


def _at_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `python -m legalcli ARGS` on a pseudo-terminal (stdin, stdout and stderr all
    a tty, as for a lawyer typing) and return its exit code and everything it printed."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes legalcli
        os.chdir(ROOT)
        os.execvpe(sys.executable, [sys.executable, "-m", "legalcli", *args], env)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8")


def _latin_sentences(text: str) -> list[str]:
    """Runs of two or more Latin words, once the names a user types are taken out
    (options, quoted values, the program's name, paths)."""
    import re

    plain = re.sub(r"--?[\w-]+|'[^']*'|«[^»]*»|legalcli|\S*/\S*", " ", text)
    return re.findall(r"[A-Za-z]{2,}(?:[\s,.:;]+[A-Za-z]{2,})+", plain)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--bogus"],
        ["assess", "--format", "jsn"],
        ["assess", "--jobs"],
        ["batch"],
        ["explain"],
        ["tree", "--depth", "99"],
        ["no-such-command"],
    ],
)
def test_a_russian_usage_error_at_a_terminal_has_no_english_sentence(args: list[str]) -> None:
    env = {**os.environ, "LEGALCLI_LANG": "ru", "TERM": "xterm"}
    code, text = _at_a_terminal(args, env)
    assert code == 2, text
    assert "ошибка" in text
    assert _latin_sentences(text) == [], text


def test_the_english_sentence_finder_finds_one() -> None:
    """The check above is not vacuous: Click's English is caught."""
    assert _latin_sentences("legalcli: error: No such option: --bogus") == ["error: No such option"]


@pytest.mark.parametrize(
    "args", [["--help"], ["assess", "--help"], ["rules", "--help"], ["batch", "--help"], ["tree", "--help"], []]
)
def test_russian_help_has_no_english_sentence(args: list[str]) -> None:
    env = {**os.environ, "LEGALCLI_LANG": "ru", "TERM": "xterm"}
    code, text = _at_a_terminal(args, env)
    assert code == (2 if not args else 0), text
    assert "Использование:" in text
    # Help texts name the allowed values (text, json, markdown…) and file kinds (YAML,
    # PDF): a run made only of those is a list of names, not an English sentence.
    names = {
        "yaml",
        "yml",
        "json",
        "lcx",
        "pdf",
        "csv",
        "html",
        "markdown",
        "mermaid",
        "dot",
        "text",
        "jsonl",
        "true",
        "false",
        "unknown",
    }
    names |= {str(c).lower() for command in _commands(typer.main.get_command(app)) for p in command.params
              for c in getattr(p.type, "choices", ())}  # fmt: skip
    names.add("schema")  # JSON Schema, a name
    # METAVARS (FILE, ID=VALUE) are names too.
    words = [{w.lower() for w in re.findall(r"[A-Za-z]+", s) if not w.isupper()} for s in _latin_sentences(text)]
    sentences = [w for w in words if not w <= names]
    assert sentences == [], text


def _commands(command: object) -> list[object]:
    return [command, *(c for sub in getattr(command, "commands", {}).values() for c in _commands(sub))]


def test_one_help_screen_is_in_one_language() -> None:
    """Help texts follow LEGALCLI_LANG (built before --lang is read); Typer's own words
    (Options, Arguments) must follow the same language, not --lang."""
    env = {**os.environ, "LEGALCLI_LANG": "en"}
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli", "assess", "--lang", "ru", "--help"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    assert "Arguments:" in proc.stdout and "Options:" in proc.stdout
    assert not re.search(r"[А-Яа-яЁё]", proc.stdout), proc.stdout


def test_the_root_builds_a_command_group_only_when_one_of_its_commands_is_named() -> None:
    from legalcli.cli.app import SECTIONS
    from legalcli.cli.style import Sections

    built: list[object] = []
    real = typer.main.get_command

    def counting(app_: typer.Typer) -> object:
        built.append(app_)
        return real(app_)

    sections = Sections(SECTIONS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_command", counting)
        assert sections["assess"].name == "assess"
        assert built == [SECTIONS[0]]  # assess, batch, impact: nothing else was built
        assert sections["rules"].name == "rules"
        assert SECTIONS[-1] not in built  # vault comes after rules
        assert "no-such-command" not in sections
        assert len(built) == len(SECTIONS)
    # Listing gives every command, in the order of the declaration.
    assert list(sections)[:3] == ["assess", "batch", "impact"]
    assert list(sections)[-2:] == ["rules", "vault"]


@pytest.mark.parametrize(("argv", "frozen"), [("None", True), ("['--help']", False)])
def test_the_collector_is_on_while_a_command_runs(argv: str, frozen: bool) -> None:
    """The console script pauses the cyclic collector only while Typer and the command
    modules load, and freezes what they made; the command runs with it on.  A caller
    that passes its own arguments (tests, a script running many commands) gets no
    freeze: frozen objects are never collected."""
    probe = (
        "import gc, sys\n"
        "sys.argv = ['legalcli', '--help']\n"
        "from legalcli.cli import main\n"
        "import legalcli.cli.app as app\n"
        "seen = []\n"
        "real = app.guarded\n"
        "app.guarded = lambda run, **kw: real(lambda: seen.append(gc.isenabled()) or run(), **kw)\n"
        "try:\n"
        f"    main({argv})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(seen, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == f"[True] True {frozen}", done.stderr
