"""Where the rule pack is: --rules, else LEGALCLI_RULES, else the shipped one.  Its own
tiny module (os only), so the fast entry point can use it without loading the model."""

from __future__ import annotations

import os


def default_rules_dir() -> str:
    """The pack shipped with the package (inside the wheel), or the source tree's."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "rules"), os.path.join(os.path.dirname(here), "rules")):
        if os.path.isfile(os.path.join(candidate, "pack.yaml")):
            return candidate
    return os.path.join(here, "rules")


def resolve_rules_dir(option: str | None) -> str:
    """--rules, else LEGALCLI_RULES, else the shipped pack."""
    return option or os.environ.get("LEGALCLI_RULES") or default_rules_dir()
