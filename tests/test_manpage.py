"""legalcli(1): generated from the Click tree of the Typer app, fresh in docs/, and read
by man (or groff, or mandoc) without a warning."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
import typer

from legalcli.cli.manpage import render_manpage, roff
from tests.conftest import not_installed

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "legalcli.1"


def _generate(lang: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "legalcli.cli.manpage"],
        env={**os.environ, "LEGALCLI_LANG": lang},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_docs_man_page_is_generated_fresh_from_the_app() -> None:
    """docs/legalcli.1 is the English page; regenerate it with
    `LEGALCLI_LANG=en python -m legalcli.cli.manpage > docs/legalcli.1`."""
    assert PAGE.read_text(encoding="ascii") == _generate("en"), "docs/legalcli.1 is stale"


def _walk(command: Any, ctx: Any, path: str) -> list[tuple[str, Any]]:
    found = [(path, command)]
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            found += _walk(sub, typer.Context(sub, info_name=name, parent=ctx), f"{path} {name}")
    return found


def test_every_command_option_and_allowed_value_is_on_the_page() -> None:
    from legalcli.cli.app import app

    page = PAGE.read_text(encoding="ascii")
    root = typer.main.get_command(app)
    commands = _walk(root, typer.Context(root, info_name="legalcli"), "legalcli")
    assert len(commands) > 15
    for path, command in commands:
        if path != "legalcli":
            assert f'.SS "{roff(path)}"' in page, path
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else ():
                assert f"\\fB{roff(opt)}\\fR" in page, (path, opt)
            for choice in getattr(param.type, "choices", None) or ():
                assert roff(str(getattr(choice, "value", choice))) in page, (path, param.name, choice)
            if param.envvar:
                assert f".TP\n\\fB{roff(param.envvar)}\\fR" in page
    assert "\\fBlegalcli assess\\fR [OPTIONS] [CASE]" in page


def test_every_environment_variable_the_program_reads_is_on_the_page() -> None:
    """Not only an option's (LEGALCLI_RULES): a variable legalcli/ reads itself
    (LEGALCLI_LANG, NO_COLOR, XDG_CACHE_HOME...) is named in ENVIRONMENT with its text.
    Found as the string constants of the code that name one (the locale's LC_* and LANG
    are told under LEGALCLI_LANG)."""
    names = set()
    for path in (ROOT / "legalcli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.update(re.findall(r"^(?:(?:LEGALCLI|XDG)_[A-Z_]+|NO_COLOR)$", node.value))
    assert {"LEGALCLI_LANG", "LEGALCLI_PASSPHRASE", "NO_COLOR", "XDG_CACHE_HOME", "LEGALCLI_RULES"} <= names  # the scan works
    page = PAGE.read_text(encoding="ascii")
    environment = page.split("\n.SH ENVIRONMENT\n", 1)[1]
    for name in sorted(names):
        entry = re.search(rf"^\\fB{re.escape(roff(name))}\\fR\n(.+)$", environment, re.MULTILINE)
        assert entry, f"{name} is read by legalcli/ and not on the page: add it to ENVIRONMENT in legalcli/cli/manpage.py"
        assert len(entry.group(1)) > 20, (name, entry.group(1))  # a text of its own, not only the name
    russian = _generate("ru")
    assert roff("Кэш хранится в $XDG_CACHE_HOME/legalcli") in russian


def test_the_page_is_ascii_and_escapes_what_roff_would_read_as_markup() -> None:
    assert roff("-v --all") == "\\-v \\-\\-all"
    assert roff("a\\b") == "a\\eb"
    assert roff(".hidden\n'quoted") == "\\&.hidden\n\\&'quoted"
    assert roff("срок") == "\\[u0441]\\[u0440]\\[u043E]\\[u043A]"
    assert roff("<a|b>") == "<a|\\:b>"
    PAGE.read_text(encoding="ascii")  # raises on any other character


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def test_the_page_follows_whatever_the_app_declares() -> None:
    """Nothing about legalcli's commands is written into the generator: a different app
    gives its own commands, groups, choices, defaults, environment variables and help."""
    demo = typer.Typer(help="demo: a tool.\n\nSecond paragraph.")
    inner = typer.Typer(help="Inner group.")
    demo.add_typer(inner, name="inner")

    @demo.command(help="Paint it.\n\n\b\nline one\n.line two")
    def paint(
        target: Annotated[str, typer.Argument(metavar="TARGET", help="What to paint.")],
        colour: Annotated[Colour, typer.Option("--colour", help="The colour.")] = Colour.blue,
        mode: Annotated[Literal["fast", "slow"], typer.Option("--mode", metavar="MODE", help="Speed.")] = "slow",
        home: Annotated[str, typer.Option("--home", envvar="DEMO_HOME", help="Where.")] = "~",
        tag: Annotated[list[str] | None, typer.Option("--tag", "-t", help="A tag.")] = None,
    ) -> None:
        """Paint."""

    @inner.command("deep")
    def deep(flag: Annotated[bool, typer.Option("--flag/--no-flag", help="Flag.")] = False) -> None:
        """Deep command."""

    page = render_manpage(typer.main.get_command(demo), prog="demo", lang="en")
    assert '.TH DEMO 1 "" "demo ' in page
    assert ".SH NAME\ndemo \\- a tool\n" in page
    assert '.SS "demo paint"' in page and '.SS "demo inner deep"' in page and '.SS "demo inner"' in page
    assert "Second paragraph." in page
    assert ".nf\nline one\n\\&.line two\n.fi" in page
    assert "\\fB\\-\\-mode\\fR \\fIMODE\\fR\nSpeed. One of: \\fBfast\\fR, \\fBslow\\fR. Default: \\fBslow\\fR." in page
    assert "Default: \\fBblue\\fR." in page
    assert "Environment: \\fBDEMO_HOME\\fR." in page
    assert ".SH ENVIRONMENT\n.TP\n\\fBDEMO_HOME\\fR\nWhere.\n.IP\nRead by: \\fBdemo paint \\-\\-home\\fR." in page
    assert re.search(r"\\fB\\-t\\fR, \\fB\\-\\-tag\\fR \\fI\S+\\fR\nA tag\. May be given more than once\.\n", page)
    assert "\\fB\\-\\-flag\\fR, \\fB\\-\\-no\\-flag\\fR\nFlag.\n" in page
    assert "Commands: \\fBdemo inner deep\\fR." in page
    assert "\\fITARGET\\fR\nWhat to paint." in page
    russian = render_manpage(typer.main.get_command(demo), prog="demo", lang="ru")
    assert roff("По умолчанию") in russian and ".SH " + roff("ОКРУЖЕНИЕ") in russian


def _formatter() -> tuple[list[str], str] | None:
    """The command that renders a page and reports warnings on stderr, or None."""
    if shutil.which("man"):
        return ["man", "--warnings=w", "-l"], "man"  # w: every groff warning
    if shutil.which("groff"):
        return ["groff", "-man", "-Tutf8", "-ww", "-z"], "groff"
    if shutil.which("mandoc"):
        return ["mandoc", "-T", "lint", "-W", "warning"], "mandoc"
    return None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_man_renders_the_page_without_warnings(lang: str, tmp_path: Path) -> None:
    found = _formatter()
    if found is None:
        not_installed("neither man, groff nor mandoc is installed")  # CI installs man-db
    command, name = found
    page = PAGE if lang == "en" else tmp_path / "legalcli.1"
    if lang != "en":
        page.write_text(_generate(lang), encoding="ascii")
    env = {**os.environ, "LC_ALL": "C.UTF-8", "MANWIDTH": "80", "MAN_KEEP_FORMATTING": ""}
    proc = subprocess.run([*command, str(page)], capture_output=True, text=True, env=env, check=False, timeout=60)
    warnings = proc.stderr.splitlines()
    if name == "mandoc":
        # The .TH date is left empty on purpose: any date would make the page stale.
        warnings = [line for line in warnings if "missing date" not in line]
    assert warnings == [], f"{name} warns:\n{proc.stderr}"
    assert proc.returncode == 0 or name == "mandoc", proc.stderr  # mandoc's status counts the date too
    if name == "man":
        assert "legalcli assess" in proc.stdout and "legalcli rules check" in proc.stdout
        assert "--format" in proc.stdout  # a minus sign, not a hyphen: options copy as typed
