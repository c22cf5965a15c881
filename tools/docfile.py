"""What every generator here does last: compare the file it made with the one in the
repository and write it, or only say that it differs (`--check`, for the tests)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

# The new text of a file: the text itself, None for a file that should not exist, or a
# function that makes it from the file's current text (a document whose generated part
# sits among prose written by hand).
Text = str | None | Callable[[str], str]


def update(path: str, text: Text, *, check: bool) -> bool:
    """Whether the file at `path` differs from `text`; unless `check`, it is made so
    (written, or removed for None).  The file is read once."""
    try:
        with open(path, encoding="utf-8") as handle:
            current: str | None = handle.read()
    except FileNotFoundError:
        current = None
    new: str | None
    if callable(text):
        if current is None:  # the prose around the generated part is written by hand
            raise SystemExit(f"{path} is missing: the generated part goes into it")
        new = text(current)
    else:
        new = text
    if new == current:
        return False
    if not check:
        if new is None:
            os.remove(path)
        else:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new)
    return True


def write_or_check(path: str, text: str | Callable[[str], str], tool: str) -> None:
    """One document of a generator run from the command line: with --check, exit 1 when
    `path` is out of date (saying which tool writes it); without, write it."""
    check = "--check" in sys.argv
    if update(path, text, check=check) and check:
        print(f"{path} is out of date: run python tools/{tool}")
        sys.exit(1)
