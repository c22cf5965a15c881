"""File names: a situation's or route's id is its file's name.

A lawyer who reads an id in an output, a case or a review opens `routes/<id>.yaml` or
`situations/<id>.yaml` to find the rule; `rules new` writes them so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legalcli.core.checks.base import ErrorCheck, Problem, _error
from legalcli.core.model import Pack, Route, Situation

ID_FILE_STEM = ErrorCheck("id-file-stem", "a situation or route whose id is not its file's name")


def check(pack: Pack, today: dt.date) -> Iterator[Problem]:
    items: list[Situation | Route] = [*pack.situation_list, *pack.route_list]
    for item in items:
        # Locations use "/" (display_path); a string split keeps this module free of I/O.
        stem = item.loc.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != item.id:
            yield _error(item.loc, "id '{name}' differs from the file name '{stem}'", ID_FILE_STEM, name=item.id, stem=stem)
