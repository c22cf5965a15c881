"""Placeholders: no text is still as `rules new` wrote it.

`rules new` writes `TODO` where a text is still to be written; such a text must not
reach a client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error, all_texts
from legalcli.core.model import Pack
from legalcli.i18n import LANGS

PLACEHOLDER = "TODO"  # what `rules new` writes where a text is still to be written

PLACEHOLDER_TEXT = ErrorCheck("placeholder", "a text that still starts with the placeholder TODO")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    for text, owner, loc in all_texts(pack):
        if text is not None and any(getattr(text, lang).lstrip().startswith(PLACEHOLDER) for lang in LANGS):
            yield _error(
                text.loc if text.loc.line else loc,
                "{owner}: the text is still a placeholder (TODO)",
                PLACEHOLDER_TEXT,
                owner=owner,
            )
