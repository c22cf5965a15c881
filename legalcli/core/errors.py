"""One error hierarchy; each error knows its exit code and never carries case values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class Location(NamedTuple):
    """Where something was read: a file, a 1-based line and column.  A NamedTuple: the
    reader makes one for every key and value it reads."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


class LegalcliError(Exception):
    """Base of every error the CLI turns into a message and an exit code.

    `message` is an English template with {named} fields; the Russian text of each
    template is in the i18n catalogue (ru.po), and `render(lang)` gives either.  `suggestion` is a
    did-you-mean word, filled into the template's {hint} in the chosen language.
    """

    exit_code = EXIT_INTERNAL

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        key: str = "",
        suggestion: str = "",
        **params: object,
    ) -> None:
        super().__init__(message)
        self.template = message
        self.location = location
        self.key = key
        self.suggestion = suggestion
        self.params = params

    def render(self, lang: str = "en") -> str:
        from legalcli.i18n import error_text

        where = f"{self.location}: " if self.location is not None else ""
        key = f"{self.key}: " if self.key else ""
        return f"{where}{key}{error_text(self.template, lang, self.params, self.suggestion)}"

    @property
    def message(self) -> str:
        from legalcli.i18n import error_text

        return error_text(self.template, "en", self.params, self.suggestion)

    def __str__(self) -> str:
        return self.render("en")


class InputError(LegalcliError):
    """A file or an option the user gave is unreadable, invalid or hostile (exit 2).

    Messages name the place and what was expected; they never quote the value found,
    because in a case file the value is somebody's answer.
    """

    exit_code = EXIT_BAD_INPUT


class Interrupted(LegalcliError):
    """The user stopped the program (Ctrl-C, end of input)."""

    exit_code = EXIT_INTERRUPTED


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """The closest candidate to a misspelt word, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return close[0] if close else ""


@dataclass(frozen=True, slots=True)
class Owner:
    """What a message is about ("route 'x' title"), put into words in the user's language."""

    kind: str
    id: str
    part: str = ""
    detail: str = ""

    def render(self, lang: str = "en") -> str:
        from legalcli.i18n import owner_words

        return owner_words(self, lang)

    def __str__(self) -> str:
        return self.render("en")
