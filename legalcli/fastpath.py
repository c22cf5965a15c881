"""`legalcli assess …` and `legalcli batch …` without Typer, for the argument lists that
need nothing of it.

Importing Typer (and Click within it) is ~40 ms, most of a start-up; a scripted
`legalcli assess CASE --no-input --format json` needs none of its help, completion or
usage errors.  So this reads the options of those two commands itself, from the tables
below, and calls the same functions the Typer commands call (`commands.py`).  It reads
a strict subset of what Click accepts: anything it does not know for certain (help,
`--`, a short option with its value attached, an unknown or misspelt option, a missing
or extra argument, a missing value, a value that looks like an option, a --jobs that is
not a plain number in range) returns None, and the run goes to Typer, which gives the
usual help or usage error.  tests/test_fastpath.py checks the tables against the Typer
commands and both paths against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Spec(NamedTuple):
    """How one command's arguments are read: option -> (parameter, takes a value, may
    repeat); the positional parameter, and whether it takes one value or many; the
    function of `commands.py` that runs the command."""

    options: dict[str, tuple[str, bool, bool]]
    positional: str
    many: bool
    function: str


COMMON = {
    "--lang": ("lang", True, False),
    "--rules": ("rules", True, False),
    "--as-of": ("as_of", True, False),
    "--format": ("fmt", True, False),
    "-o": ("output", True, False),
    "--output": ("output", True, False),
}
SPECS: dict[str, Spec] = {
    "assess": Spec(
        {
            **COMMON,
            "--fact": ("fact", True, True),
            "-f": ("fact", True, True),
            "--no-input": ("no_input", False, False),
            "--why": ("why", False, False),
            "--all": ("show_all", False, False),
            "--summary": ("summary", False, False),
            "--redact": ("redact", False, False),
            "--plaintext": ("plaintext", False, False),
            "--save": ("save", True, False),
        },
        "case",
        many=False,
        function="assess_command",
    ),
    "batch": Spec(
        {**COMMON, "--jobs": ("jobs", True, False), "-j": ("jobs", True, False)}, "paths", many=True, function="batch_command"
    ),
}
MAX_JOBS = 64  # as cli.py's --jobs


def parse(command: str, args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of the command's function for `legalcli COMMAND ARGS`,
    or None when Typer should read them."""
    spec = SPECS[command]
    found: dict[str, Any] = {}
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "-" or not token.startswith("-"):
            if spec.many:
                found.setdefault(spec.positional, []).append(token)
            elif spec.positional in found:
                return None  # Click's "unexpected extra argument"
            else:
                found[spec.positional] = token
            continue
        name, has_equals, attached = token.partition("=")
        if not name.startswith("--"):
            has_equals = ""  # -o=FILE means the value "=FILE" to Click: leave it to Click
            name = token
        option = spec.options.get(name)
        if option is None:
            return None
        param, takes_value, repeats = option
        if not takes_value:
            if has_equals:
                return None  # a flag given a value: Click's error
            found[param] = True
            continue
        if has_equals:
            value = attached
        else:
            if index >= len(args):
                return None  # Click's "requires an argument"
            value = args[index]
            index += 1
            if value.startswith("-") and value != "-":
                return None  # probably a forgotten value; let Click decide
        if repeats:
            found.setdefault(param, []).append(value)
        else:
            found[param] = value  # the last one wins, as in Click
    if spec.many and spec.positional not in found:
        return None  # Click's "missing argument"
    if "jobs" in found:
        jobs = found["jobs"]
        if not (jobs.isascii() and jobs.isdigit() and int(jobs) <= MAX_JOBS):
            return None  # Click's range and number errors
        found["jobs"] = int(jobs)
    return found


def run(args: list[str]) -> Callable[[], int] | None:
    """The command to run for `legalcli ARGS` (it returns the exit code), when the fast
    path can read them."""
    if not args or args[0] not in SPECS:
        return None
    options = parse(args[0], args[1:])
    if options is None:
        return None
    from legalcli.cli import commands

    function: Callable[..., None] = getattr(commands, SPECS[args[0]].function)

    def command() -> int:
        function(**options)
        return 0

    return command
