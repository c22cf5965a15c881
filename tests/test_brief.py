"""The consultation brief: HTML and Markdown from one structure, in both languages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "brief"
BRIEF_CASES = ["pavel.yaml", "summons-civilian.yaml"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI installs Chromium and sets this, so that a missing browser fails instead of skipping.
REQUIRE_BROWSER = os.environ.get("LEGALCLI_REQUIRE_BROWSER") == "1"


def brief(case: str, fmt: str, lang: str, *extra: str) -> str:
    result = run_cli(
        "assess", str(EXAMPLES / case), "--no-input", "--format", fmt, "--lang", lang, "--as-of", "2026-11-24", *extra
    )
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("case", BRIEF_CASES)
def test_golden_brief(case: str, fmt: str, lang: str, update_golden: bool) -> None:
    text = brief(case, fmt, lang)
    golden = GOLDEN / f"{Path(case).stem}.{lang}.{'html' if fmt == 'html' else 'md'}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_brief_has_every_section(lang: str) -> None:
    md = brief("summons-civilian.yaml", "markdown", lang)
    headings = {
        "en": ["## Facts", "### What is known", "### Still unknown", "## Feasible (", "## Undetermined", "## Blocked",
               "## Deadlines that run", "## Questions still worth asking", "## Documents to gather",
               "## Appendix: When each part was last reviewed", "## Appendix: Laws cited", "## Appendix: Sources"],
        "ru": ["## Факты", "### Что известно", "### Пока неизвестно", "## Доступно (", "## Пока неясно", "## Недоступно",
               "## Текущие сроки", "## Что ещё стоит выяснить", "## Какие документы собрать",
               "## Приложение: Когда проверялась каждая часть", "## Приложение: Нормы права", "## Приложение: Источники"],
    }[lang]  # fmt: skip
    positions = [md.index(h) for h in headings]
    assert positions == sorted(positions)
    # passport-surrender: the earlier reading, 5 calendar days from 13 Nov 2026; Russian dates read ДД.ММ.ГГГГ
    assert {"en": "2026-11-18", "ru": "18.11.2026"}[lang] in md
    assert md.count("**[") >= 1  # unconfirmed marks survive


def test_html_is_self_contained() -> None:
    html = brief("pavel.yaml", "html", "en")
    assert "<script" not in html and "<link" not in html and "src=" not in html and "@import" not in html
    assert "@media print" in html and "size: A4" in html
    assert html.count("not a substitute for a lawyer") == 2


def test_script_in_notes_renders_as_text(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        'facts: {service_status: mobilised}\nnotes: "<script>alert(1)</script> **bold** [x](http://evil)"\n', encoding="utf-8"
    )
    html = run_cli("assess", str(case), "--no-input", "--format", "html").out
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = run_cli("assess", str(case), "--no-input", "--format", "markdown").out
    assert "<script>" not in md
    assert "\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[x\\](http://evil)" in md


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_redact_leaves_out_notes_and_sensitive_facts(fmt: str, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "facts:\n  service_status: mobilised\n  location: abroad\n  current_country: kz\n  wanted_status: federal\n"
        "  wounded_or_ill: true\nnotes: Lives at CANARY-street 5\n",
        encoding="utf-8",
    )
    full = run_cli("assess", str(case), "--no-input", "--format", fmt).out
    redacted = run_cli("assess", str(case), "--no-input", "--format", fmt, "--redact").out
    assert "CANARY" in full and "CANARY" not in redacted
    assert "Kazakhstan" in full
    # location, current_country and wanted_status are sensitive; wounded_or_ill is not
    assert "Which country is he in?" not in redacted and "Is he on a wanted list" not in redacted.split("Still unknown")[0]
    assert "Is he wounded or ill" in redacted
    assert "Redacted: the case notes and 3 sensitive fact(s) are left out of this brief." in redacted


def _print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(CHROMIUM is None and not REQUIRE_BROWSER, reason="Chromium is not installed (CI installs it)")
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Feasible (", "Blocked", "Undetermined", "Applications are often refused", "OVERDUE by 6 days", "2026-11-18"]),
        ("ru", ["Доступно (", "Недоступно", "Пока неясно", "Заявления часто отклоняют", "ПРОСРОЧЕНО на 6 дней", "18.11.2026"]),
    ],
)
def test_brief_prints_to_pdf(lang: str, words: list[str], tmp_path: Path) -> None:
    html = tmp_path / f"brief-{lang}.html"
    html.write_text(brief("summons-civilian.yaml", "html", lang), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    _print_to_pdf(html, pdf, tmp_path / "profile")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "A4" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for word in words:
        assert word in flat, word
