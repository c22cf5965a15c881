"""What every documentation generator here does last: compare the file it made with the
one in the repository (`--check`: exit 1 when they differ) or write it."""

from __future__ import annotations

import sys


def write_or_check(path: str, new: str, tool: str) -> None:
    """With --check on the command line, exit 1 when `path` does not hold `new` (saying
    which tool writes it); without, write `new` to `path`."""
    try:
        with open(path, encoding="utf-8") as handle:
            old = handle.read()
    except FileNotFoundError:
        old = None
    if "--check" in sys.argv:
        if new != old:
            print(f"{path} is out of date: run python tools/{tool}")
            sys.exit(1)
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)
