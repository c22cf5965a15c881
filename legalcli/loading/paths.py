"""Where the rule pack is: --rules, else LEGALCLI_RULES, else the shipped one.  Its own
tiny module (os only): `--version` uses it before Typer is imported."""

from __future__ import annotations

import os


def default_rules_dir() -> str:
    """The pack shipped with the package (inside the wheel), or the source tree's."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # legalcli/
    for candidate in (os.path.join(package, "rules"), os.path.join(os.path.dirname(package), "rules")):
        if os.path.isfile(os.path.join(candidate, "pack.yaml")):
            return candidate
    return os.path.join(package, "rules")


def resolve_rules_dir(option: str | None) -> str:
    """--rules, else LEGALCLI_RULES, else the shipped pack."""
    return option or os.environ.get("LEGALCLI_RULES") or default_rules_dir()
