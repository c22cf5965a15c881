"""Unsafe characters: no control, bidi or zero-width character in a text people read.

Printed raw, such a character could rewrite a terminal or reverse a sentence.  A warning,
not an error: every output escapes them, so the pack stays usable meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import Problem, WarningCheck, _warning, all_texts
from legalcli.core.errors import Owner
from legalcli.core.model import Pack
from legalcli.core.safetext import UNSAFE
from legalcli.i18n import LANGS

UNSAFE_CHARACTER = WarningCheck(
    "unsafe-character", "a control, bidi or zero-width character in a text, or in a source's title, publisher, url or date"
)


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    for text, owner, loc in all_texts(pack):
        if text is not None and any(UNSAFE.search(getattr(text, lang)) for lang in LANGS):
            yield _warning(
                text.loc if text.loc.path else loc,
                "{owner}: the text holds a control, bidi or zero-width character",
                UNSAFE_CHARACTER,
                owner=owner,
            )
    for source in pack.source_list:
        if any(UNSAFE.search(value) for value in (source.title, source.publisher, source.url, source.date)):
            yield _warning(
                source.loc,
                "{owner}: the text holds a control, bidi or zero-width character",
                UNSAFE_CHARACTER,
                owner=Owner("source", source.id),
            )
