"""Translations: every text people read is written in every language of the outputs.

A client reads the brief in Russian, a lawyer may read it in English; a text missing in
one would leave a hole in the very output that client gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error, all_texts
from legalcli.core.model import Pack
from legalcli.i18n import LANGS

MISSING_TRANSLATION = ErrorCheck("missing-translation", "a text that is empty in one of the languages (en, ru)")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    for text, owner, loc in all_texts(pack):
        if text is None:
            continue
        for lang in LANGS:
            if not getattr(text, lang).strip():
                yield _error(
                    text.loc if text.loc.path else loc,
                    "{owner}: the '{lang}' text is missing",
                    MISSING_TRANSLATION,
                    owner=owner,
                    lang=lang,
                )
