"""An assessment in one of the formats a person reads it in: the one dispatch the
command line (`assess --format`) and the Python API (`legalcli.api.render`) share.
Where it goes (a terminal, a file, a PDF) is the caller's: it says the width, whether to
colour and whether to indent."""

from __future__ import annotations

from typing import Literal

from legalcli.core.engine import Assessment
from legalcli.i18n import Lang

Format = Literal["text", "json", "markdown", "html"]


def render_assessment(
    a: Assessment,
    lang: Lang,
    fmt: Format,
    *,
    width: int = 80,
    color: bool = False,
    pretty: bool = False,
    why: bool = False,
    show_all: bool = False,
    summary: bool = False,
    notes: str = "",
    redact: bool = False,
) -> str:
    """Text (`why`, `show_all`, `summary` as --why, --all, --summary), JSON
    (legalcli.assessment/1, indented when `pretty`), or the consultation brief in Markdown
    or HTML (`notes`, `redact` as --redact)."""
    if fmt == "json":
        from legalcli.render.json_out import render_json

        return render_json(a, lang, pretty=pretty)
    if fmt in ("markdown", "html"):
        from legalcli.render.brief import render_brief

        return render_brief(a, lang, fmt, given=dict(a.facts), notes=notes, redact=redact)
    import io

    from legalcli.render.text import make_console, render_text

    buffer = io.StringIO()
    render_text(a, lang, make_console(buffer, width=width, color=color), show_all=show_all, why=why, summary_only=summary)
    return buffer.getvalue()
