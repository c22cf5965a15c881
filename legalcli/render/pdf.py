"""The brief as a PDF: the HTML brief laid out by WeasyPrint (the optional `pdf` extra).

A PDF is what a volunteer sends a client.  WeasyPrint lays out the same HTML and CSS the
browser prints (A4, the as-of date and "page X of Y" in the margins, no file path), and
embeds the fonts it uses, DejaVu Sans for Cyrillic.  Without the extra, or without the
Pango library it needs, the user is told how to install them (exit 2)."""

from __future__ import annotations

import logging

from legalcli.core.errors import InputError

INSTALL = (
    "PDF output needs the pdf extra: pip install 'legalcli[pdf]' "
    "(and the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)


def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the extra is there but Pango is not
        raise InputError(INSTALL, key="--format") from None
    # WeasyPrint and fontTools log layout notes as warnings; they are not the user's
    # concern, and nothing of the case may reach a log.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # The brief is self-contained; nothing may be fetched (no network, ever).
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching)
    pdf: bytes = document.write_pdf()
    return pdf


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError("legalcli fetches nothing")
