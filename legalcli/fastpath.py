"""`legalcli assess …` without Typer, for the argument lists that need nothing of it.

Importing Typer (and Click within it) is ~40 ms, most of a start-up; a scripted
`legalcli assess CASE --no-input --format json` needs none of its help, completion or
usage errors.  So this reads the options of `assess` itself from the table below and
calls the same function the Typer command calls (`commands.assess_command`).  It reads
a strict subset of what Click accepts: anything it does not know for certain (help,
`--`, a short option with its value attached, an unknown or misspelt option, a second
CASE, a missing value, a value that looks like an option) returns None, and the run
goes to Typer, which gives the usual help or usage error.  tests/test_fastpath.py
checks the table against the Typer command and both paths against each other.
"""

from __future__ import annotations

from typing import Any

# option -> (parameter name of assess_command, takes a value, may repeat)
ASSESS_OPTIONS: dict[str, tuple[str, bool, bool]] = {
    "--fact": ("fact", True, True),
    "-f": ("fact", True, True),
    "--no-input": ("no_input", False, False),
    "--format": ("fmt", True, False),
    "--lang": ("lang", True, False),
    "--as-of": ("as_of", True, False),
    "--rules": ("rules", True, False),
    "-o": ("output", True, False),
    "--output": ("output", True, False),
    "--why": ("why", False, False),
    "--all": ("show_all", False, False),
    "--redact": ("redact", False, False),
    "--plaintext": ("plaintext", False, False),
    "--save": ("save", True, False),
}


def parse_assess(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `assess_command` for `legalcli assess ARGS`, or None
    when Typer should read them."""
    found: dict[str, Any] = {}
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "-" or not token.startswith("-"):
            if "case" in found:
                return None  # Click's "unexpected extra argument"
            found["case"] = token
            continue
        name, has_equals, attached = token.partition("=")
        if not name.startswith("--"):
            has_equals = ""  # -o=FILE means the value "=FILE" to Click: leave it to Click
            name = token
        spec = ASSESS_OPTIONS.get(name)
        if spec is None:
            return None
        param, takes_value, repeats = spec
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
    return found
