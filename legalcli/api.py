"""A small typed Python API, for a bot or a web front end that should not call the CLI.

    from pathlib import Path
    from legalcli import api

    pack = api.load_pack()                               # the shipped pack (or LEGALCLI_RULES)
    case = api.read_case(Path("examples/pavel.yaml"), pack)
    assessment = api.assess(pack, case)
    print(api.render(assessment, "json", case=case))     # what `legalcli assess --format json` prints

Every function calls what the command line calls (the same loader, case reader,
engine and renderers): nothing here decides anything of its own.  Bad input raises
`InputError` (the CLI's exit 2), anything the package cannot do `LegalcliError`;
`str(error)` is the English message, `error.render("ru")` the Russian one, and neither
ever carries a value of the case.  docs/api.md has the details.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from typing import get_args

from legalcli.core.conditions import Value
from legalcli.core.engine import Assessment
from legalcli.core.errors import InputError, LegalcliError, did_you_mean
from legalcli.core.model import Pack
from legalcli.i18n import LANGS, Lang
from legalcli.loading.case import Case
from legalcli.render.assessment import Format

FORMATS: tuple[Format, ...] = get_args(Format)
_VALUE_TYPES = (bool, int, float, str, dt.date)

__all__ = [
    "FORMATS",
    "Assessment",
    "Case",
    "Format",
    "InputError",
    "Lang",
    "LegalcliError",
    "Pack",
    "assess",
    "load_pack",
    "read_case",
    "render",
]


def load_pack(path: str | os.PathLike[str] | None = None) -> Pack:
    """The rule pack in the folder `path`; without one, the folder LEGALCLI_RULES names,
    else the pack shipped with the package.  Read through the compiled-pack cache, as
    the CLI reads it; a pack with errors is refused (InputError), as `assess` refuses
    it.  Load it once and keep it: a pack is immutable and may be shared by threads."""
    from legalcli.loading.cache import pack_from

    return pack_from(None if path is None else os.fspath(path), checked=True)


def read_case(
    path_or_text: str | os.PathLike[str] | bytes,
    pack: Pack,
    passphrase: str | Callable[[], str] | None = None,
) -> Case:
    """A case checked against the pack's facts, as `legalcli assess CASE` reads it.

    `path_or_text` is a path (`pathlib.Path` or any `os.PathLike`) to a case file, the
    text of one (`str`, YAML or JSON), or its bytes (`bytes`, as uploaded).  A plain
    `str` is always the text, never a path: a value of the case must never be taken
    for a file name and shown in an error.  An encrypted case (.lcx) is opened with
    `passphrase`, a string or a function returning one (asked only when needed)."""
    from legalcli.loading.case import read_case as read

    ask = (lambda: passphrase) if isinstance(passphrase, str) else passphrase
    if isinstance(path_or_text, os.PathLike):
        return read(os.fspath(path_or_text), pack, passphrase=ask)
    if isinstance(path_or_text, str):
        if "\n" not in path_or_text and _is_file(path_or_text):
            raise TypeError("read_case takes a file's path as a pathlib.Path; a str is the case's text")
        data = path_or_text.encode("utf-8")
    elif isinstance(path_or_text, bytes):
        data = path_or_text
    else:
        raise TypeError("read_case takes a pathlib.Path, the case's text (str) or its bytes")
    # "-" is the reader's name for bytes that come from no file (the CLI's stdin); the
    # reader refuses an oversized upload before it is decrypted or parsed.
    return read("-", pack, stdin_bytes=data, passphrase=ask)


def _is_file(text: str) -> bool:
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # a NUL, a name too long: not a file
        return False


def assess(pack: Pack, case_or_facts: Case | Mapping[str, Value], as_of: dt.date | None = None) -> Assessment:
    """Assess a case, or a mapping of fact ids to values, on the as-of date: `as_of`,
    else the case's own, else today.  The values are checked as a case file's are
    (true/false, whole numbers, `datetime.date` or "YYYY-MM-DD", a choice's value;
    "unknown" leaves a fact unknown): a mapping goes through the case reader itself."""
    from legalcli.core.engine import assess as run_assess
    from legalcli.core.values import in_date_range

    case = case_or_facts if isinstance(case_or_facts, Case) else None
    facts = _checked(pack, case_or_facts.facts if isinstance(case_or_facts, Case) else case_or_facts)
    date = as_of or (case.as_of if case is not None else None) or dt.date.today()
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise TypeError("as_of is a datetime.date")
    return run_assess(pack, facts, as_of=in_date_range(date, key="as_of"))


def _checked(pack: Pack, facts: Mapping[str, object]) -> dict[str, Value]:
    """The facts as the case reader reads them back: one validator for every source of
    values (a case file, --fact, the interview, this API)."""
    from legalcli.loading.case import dump_case, read_case

    for value in facts.values():
        if not isinstance(value, _VALUE_TYPES) or isinstance(value, dt.datetime):
            raise TypeError("a fact's value is a bool, an int, a float, a str or a datetime.date")
    text = dump_case(Case(facts=dict(facts)))  # type: ignore[arg-type]  # checked just above
    return dict(read_case("-", pack, stdin_bytes=text.encode("utf-8")).facts)


def render(
    assessment: Assessment,
    fmt: Format = "text",
    lang: Lang | None = None,
    *,
    case: Case | None = None,
    why: bool = False,
    show_all: bool = False,
    summary: bool = False,
    redact: bool = False,
    width: int = 80,
) -> str:
    """The assessment as `legalcli assess --format FMT` writes it to a file or a pipe:
    text (80 columns, no colour; `why`, `show_all`, `summary` as --why, --all,
    --summary), json (one line, legalcli.assessment/1), markdown or html (the
    consultation brief; `redact` as --redact).  `lang` defaults as the CLI's does: the
    case's `lang`, else LEGALCLI_LANG, else the locale.  `case` gives the brief its
    notes.  The assessment carries its pack: none is passed."""
    from legalcli.i18n import choose_lang

    if fmt not in FORMATS:
        raise InputError(
            "not one of the allowed values{hint}; expected one of: {allowed}",
            key="fmt",
            suggestion=did_you_mean(str(fmt), FORMATS),
            allowed=", ".join(FORMATS),
        )
    if lang is not None and lang not in LANGS:
        raise InputError("expected en or ru", key="lang")
    use_lang = choose_lang(lang, case.lang if case is not None else None)
    from legalcli.render.assessment import render_assessment

    notes = case.notes if case is not None else ""
    return render_assessment(
        assessment, use_lang, fmt, width=width, why=why, show_all=show_all, summary=summary, notes=notes, redact=redact
    )
