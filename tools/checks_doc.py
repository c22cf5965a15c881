"""Write the table of checks into docs/rule-format.md's "Checks" section.

The part between `<!-- checks table: start -->` and `<!-- checks table: end -->` is made
here from legalcli/core/checks/: a row for every check id (its level and what it
finds, from the module's declaration), then what each group checks and why (the first
two paragraphs of the module's docstring).  The checks `rules check` reports of the
scenario cases, mutants-allowed.yaml and the review records are declared in
legalcli/authoring/ and have their rows too (what they look at is in their own
sections).  The prose around it is written by hand.  `--check` exits 1 when the file is
out of date (tests/test_checks_registry.py runs it).

    python tools/checks_doc.py [--check]
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from legalcli.authoring import mutate, rulediff, scenarios  # noqa: E402
from legalcli.core.checks import MODULES, Check, Declaring, SearchCheck, declared, registry  # noqa: E402
from tools.docfile import write_or_check  # noqa: E402

PATH = os.path.join(ROOT, "docs", "rule-format.md")
START, END = "<!-- checks table: start -->", "<!-- checks table: end -->"
# The modules outside core/checks that declare the checks of the files they read.
AUTHORING: tuple[Declaring, ...] = (scenarios, mutate, rulediff)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _level(check: Check) -> str:
    if isinstance(check, SearchCheck):
        return f"{check.level} ({check.undecided_level} when its search runs out of budget)"
    return check.level


def _paragraphs(doc: str) -> list[str]:
    """A docstring's paragraphs, each on one line."""
    return [" ".join(block.split()) for block in doc.strip().split("\n\n")]


def generate() -> str:
    lines = [START, "", "| check | level | what it finds |", "|---|---|---|"]
    # registry() refuses an id declared twice, here across the authoring modules too.
    lines += [f"| `{c.id}` | {_level(c)} | {_cell(c.finds)} |" for c in registry((*MODULES, *AUTHORING)).values()]
    lines += ["", "What each group of checks looks at, and why:", ""]
    for module in MODULES:
        # A check module's docstring: "Group: what it checks." and a paragraph on why;
        # further paragraphs are notes for the code's readers.
        what, why, *_notes = [*_paragraphs(module.__doc__ or ""), ""]
        group, _, summary = what.partition(": ")
        ids = ", ".join(f"`{c.id}`" for c in declared(module))
        lines.append(f"- **{group}** ({ids}): {summary} {why}".rstrip())
    return "\n".join([*lines, "", END])


def updated(text: str) -> str:
    """`text` (docs/rule-format.md) with its table of checks as the declarations make it."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"docs/rule-format.md has no {START} … {END} in its Checks section")
    return head + generate() + tail


def main() -> None:
    write_or_check(PATH, updated, "checks_doc.py")


if __name__ == "__main__":
    main()
