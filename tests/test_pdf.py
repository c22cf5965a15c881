"""The brief a volunteer sends: at most six A4 pages for the seed case, the summary on
page 1, the Russian text, Cyrillic fonts embedded, a page header with the as-of date and
"page X of Y" and no file path (issue 14, items 2 and 3)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli
from tests.test_brief import CHROMIUM, REQUIRE_BROWSER, _print_to_pdf, brief

HAS_WEASYPRINT = importlib.util.find_spec("weasyprint") is not None
# CI installs the pdf extra and sets this, so that a missing extra fails instead of skipping.
REQUIRE_PDF = os.environ.get("LEGALCLI_REQUIRE_PDF") == "1"
POPPLER = shutil.which("pdfinfo") is not None and shutil.which("pdffonts") is not None
MAX_PAGES = 6
FIRST_PAGE = {"en": ["What matters now", "Feasible", "Undetermined"], "ru": ["Главное", "Доступно", "Пока неясно"]}
needs_pdf = pytest.mark.skipif(
    not (HAS_WEASYPRINT and POPPLER) and not REQUIRE_PDF, reason="the pdf extra or poppler is not installed (CI has both)"
)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "A4" in info
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def _page_text(pdf: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


@needs_pdf
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pavels_brief_as_pdf(lang: str, tmp_path: Path) -> None:
    pdf = tmp_path / "brief.pdf"
    result = run_cli(
        "assess",
        str(EXAMPLES / "pavel.yaml"),
        "--no-input",
        "--format",
        "pdf",
        "--lang",
        lang,
        "--as-of",
        "2026-11-24",
        "-o",
        str(pdf),
    )
    assert result.code == 0, result.err
    assert pdf.read_bytes().startswith(b"%PDF")
    assert _pages(pdf) <= MAX_PAGES
    first = _page_text(pdf, 1)
    for words in FIRST_PAGE[lang]:
        assert words in first, words
    assert ("Стр. 1 из" if lang == "ru" else "Page 1 of") in first
    assert ("24.11.2026" if lang == "ru" else "2026-11-24") in first
    assert "file:" not in first and str(tmp_path) not in first
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    assert any("DejaVu" in line for line in fonts)


def test_pdf_needs_a_file(tmp_path: Path) -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "pdf")
    assert result.code == 2 and "-o FILE.pdf" in result.err


@pytest.mark.skipif(HAS_WEASYPRINT, reason="the pdf extra is installed here")
def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    result = run_cli("assess", str(EXAMPLES / "pavel.yaml"), "--no-input", "--format", "pdf", "-o", str(tmp_path / "b.pdf"))
    assert result.code == 2 and "pip install 'legalcli[pdf]'" in result.err
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.skipif(CHROMIUM is None and not REQUIRE_BROWSER, reason="Chromium is not installed (CI installs it)")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pavels_brief_printed_by_the_browser_fits(lang: str, tmp_path: Path) -> None:
    html = tmp_path / f"brief-{lang}.html"
    html.write_text(brief("pavel.yaml", "html", lang), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    _print_to_pdf(html, pdf, tmp_path / "profile")
    assert _pages(pdf) <= MAX_PAGES
    first = _page_text(pdf, 1)
    for words in FIRST_PAGE[lang]:
        assert words in first, words
    assert "file:" not in first and str(tmp_path) not in first
    # Page 1 as a picture, as a person sees it (CI renders it; kept beside the PDF).
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000  # a page with text, not blank
