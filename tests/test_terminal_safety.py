"""Terminal safety (issue 12, item 5): escape sequences, bells, bidi overrides and
zero-width characters from a pack, a case file or a file name never reach the output raw;
`rules check` reports them in a pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from legalcli.core.safetext import UNSAFE, safe
from legalcli.loading.pack import default_rules_dir
from tests.conftest import run_cli

OSC = "\x1b]0;owned\x07"  # sets the terminal's title
CSI = "\x1b[2J"  # clears the screen
BIDI = "\u202e"  # right-to-left override: reverses what follows
ZERO_WIDTH = "\u200b"
HOSTILE = OSC + CSI + BIDI + ZERO_WIDTH + "\x9b31m"  # and a C1 CSI
# The reader refuses raw control characters in a file, but YAML's double-quoted escapes
# produce them: that is how a hostile pack carries them.
HOSTILE_YAML = r"\x1b]0;owned\x07\x1b[2J\u202e\u200b\x9b31m"


def _raw(text: str) -> list[str]:
    return [hex(ord(c)) for c in text if UNSAFE.match(c)]


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    """The shipped pack with control characters planted in texts people read."""
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    route = root / "routes" / "contact-legal-aid.yaml"
    text = route.read_text(encoding="utf-8")
    text = text.replace(
        "title: {en: Contact a legal-aid group before any step,",
        f'title: {{en: "Contact a legal-aid group{HOSTILE_YAML} before any step",',
    )
    route.write_text(text, encoding="utf-8")
    facts = root / "facts" / "person.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("en: What is his status?", r'en: "What is his\u202e status?"'), encoding="utf-8"
    )
    return root


def test_safe_shows_each_character_as_a_visible_escape() -> None:
    assert safe("a\x1bb\u202ec\u200bd\te\nf") == "a\\u001bb\\u202ec\\u200bd\te\nf"
    assert safe("plain Russian текст") == "plain Russian текст"


def test_rules_check_reports_them_with_the_place(hostile_pack: Path) -> None:
    result = run_cli("rules", "check", str(hostile_pack), "--today", "2026-11-27")
    assert result.code == 1
    problems = [line for line in result.out.splitlines() if "[unsafe-character]" in line]
    assert any(line.startswith("rules/routes/contact-legal-aid.yaml:") for line in problems), result.out
    assert any(line.startswith("rules/facts/person.yaml:") for line in problems), result.out
    assert not _raw(result.out)


@pytest.mark.parametrize(
    "args",
    [
        ("assess", "--fact", "service_status=civilian", "--no-input", "--why"),
        ("assess", "--no-input", "--format", "markdown"),
        ("assess", "--no-input", "--format", "html"),
        ("explain", "contact-legal-aid"),
        ("routes",),
        ("tree",),
        ("tree", "--format", "dot"),
        ("tree", "--format", "mermaid"),
    ],
)
def test_no_output_carries_them_raw(hostile_pack: Path, args: tuple[str, ...]) -> None:
    result = (
        run_cli(*args, "--rules", str(hostile_pack), "--as-of", "2026-11-27")
        if args[0] == "assess"
        else run_cli(*args, "--rules", str(hostile_pack))
    )
    assert result.code == 0, result.err
    assert not _raw(result.out) and not _raw(result.err), args


def test_json_keeps_them_escaped(hostile_pack: Path) -> None:
    result = run_cli("assess", "--no-input", "--format", "json", "--rules", str(hostile_pack), "--as-of", "2026-11-27")
    assert result.code == 0
    assert not _raw(result.out)
    data = json.loads(result.out)
    (route,) = [r for r in data["routes"] if r["id"] == "contact-legal-aid"]
    assert "\\u001b" in route["title"] and "\\u202e" in route["title"]


def test_a_case_file_key_and_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    case = tmp_path / f"case{BIDI}{CSI}.yaml"
    case.write_text(f"facts:\n  service_status{OSC}: civilian\n", encoding="utf-8")
    result = run_cli("assess", str(case), "--no-input")
    assert result.code == 2
    assert "\\u202e" in result.err
    assert not _raw(result.err) and not _raw(result.out)
