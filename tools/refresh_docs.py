"""Re-run the commands shown in docs/*.md and put their real output under them.

A block is refreshed when it follows a marker line `<!-- run: COMMAND -->`: the fenced
block after it becomes `$ COMMAND` and the command's output.  `--check` only reports
whether a document is out of date (exit 1), for the tests.

    python tools/refresh_docs.py [--check] [docs/usage.md ...]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tools.docfile import update  # noqa: E402

MARKER = re.compile(r"^<!-- run: (?P<command>.+?) -->\n```[a-z]*\n.*?^```\n", re.MULTILINE | re.DOTALL)


def run(command: str, cache: str) -> str:
    env = {**os.environ, "LEGALCLI_LANG": "en", "NO_COLOR": "1", "COLUMNS": "80", "XDG_CACHE_HOME": cache}
    env.pop("LEGALCLI_PASSPHRASE", None)
    bindir = os.path.dirname(sys.executable)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return proc.stdout


def refresh(text: str, cache: str) -> str:
    def block(match: re.Match[str]) -> str:
        command = match.group("command")
        shown = command.split(" # ", 1)[0]
        output = run(command, cache)
        return f"<!-- run: {command} -->\n```text\n$ {shown}\n{output}{'' if output.endswith(chr(10)) else chr(10)}```\n"

    return MARKER.sub(block, text)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv
    stale = []
    with tempfile.TemporaryDirectory() as cache:
        for path in args or [os.path.join(ROOT, "docs", "usage.md")]:
            if update(path, lambda old: refresh(old, cache), check=check):
                stale.append(path)
    if check and stale:
        print("out of date: " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
