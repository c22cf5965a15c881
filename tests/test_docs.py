"""The documents that promise things about the pack keep their promises."""

from __future__ import annotations

from pathlib import Path

from legalcli.core.model import Pack

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_coverage_lists_every_route_and_situation(pack: Pack) -> None:
    text = (DOCS / "coverage.md").read_text(encoding="utf-8")
    for route in pack.routes:
        assert f"`{route}`" in text, route
    for situation in pack.situations:
        assert f"`{situation}`" in text, situation


def test_rule_format_documents_every_schema_key() -> None:
    from legalcli.loading.schema import RULE_FILE_SCHEMAS

    text = (DOCS / "rule-format.md").read_text(encoding="utf-8")
    keys: set[str] = set()

    def collect(schema: object) -> None:
        if isinstance(schema, dict):
            keys.update(schema.get("properties", {}))
            for value in schema.values():
                collect(value)
        elif isinstance(schema, list):
            for value in schema:
                collect(value)

    collect(RULE_FILE_SCHEMAS)
    from legalcli.loading.schema import DEFS

    collect(DEFS)
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert not missing, missing


def test_usage_shows_current_output() -> None:
    import subprocess
    import sys

    root = DOCS.parent
    proc = subprocess.run(
        [sys.executable, str(root / "tools" / "refresh_docs.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + "run: python tools/refresh_docs.py"


def test_coverage_tables_are_generated_fresh_from_the_pack() -> None:
    """docs/coverage.md's tables are made by tools/coverage.py; a rule change without
    re-running it leaves the lawyers' overview wrong."""
    import subprocess
    import sys

    tool = Path(__file__).resolve().parent.parent / "tools" / "coverage.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
