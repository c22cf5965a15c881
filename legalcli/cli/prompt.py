"""Asking at a terminal: numbered choices, ? for help, s for the summary so far, and the
moves (don't know, back, stop).  Prompts go to stderr so that stdout carries only the
assessment."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

from legalcli.core.errors import InputError, Interrupted
from legalcli.core.interview import Answer, Progress, key_of, read_answer
from legalcli.core.model import Fact, Pack
from legalcli.i18n import Lang, error_text, t, tn
from legalcli.render.words import period_words

MAX_TITLES = 8  # the routes `?` names; the rest are counted


class TerminalAsker:
    """The interview's callback for a person at a terminal."""

    def __init__(self, pack: Pack, lang: Lang) -> None:
        self.pack = pack
        self.lang = lang
        self._shown_keys = False

    def _width(self) -> int:
        return max(30, min(shutil.get_terminal_size((80, 24)).columns, 100) - 1)

    def _say(self, text: str, indent: int = 0) -> None:
        """Wrapped to the terminal, between words; continuation lines under the text."""
        pad = " " * indent
        lines = textwrap.wrap(text, self._width(), initial_indent=pad, subsequent_indent=pad, break_long_words=False) or [""]
        sys.stderr.write("\n".join(lines) + "\n")
        sys.stderr.flush()

    def __call__(self, fact: Fact, progress: Progress) -> Answer:
        lang = self.lang
        if not self._shown_keys:
            self._say(t("prompt.keys", lang))
            self._shown_keys = True
        self._say("")
        self._say(f"[{self._counter(progress)}]")
        self._say(f"{progress.step}. {fact.question.get(lang)}")
        if fact.choices:
            for i, choice in enumerate(fact.choices, 1):
                self._say(f"{i}) {choice.label.get(lang)}", 3)
        elif fact.type == "bool":
            self._say(f"1) {t('yes', lang)}   2) {t('no', lang)}", 3)
        elif fact.type == "date":
            self._say(f"({t('prompt.date', lang)})", 3)
        else:
            self._say(f"({t('prompt.number', lang)})", 3)
        while True:
            line = _read_line(f"{t('prompt.choose', lang)}> ")
            move = key_of(line)
            if move == "help":
                self._help(fact, progress)
                continue
            if move == "summary":
                self._summary(progress)
                continue
            try:
                return read_answer(fact, line)
            except InputError as exc:
                # What was expected, in the user's language; the answers so far stay.
                reason = error_text(exc.template, lang, exc.params, exc.suggestion)
                self._say(t("prompt.invalid", lang, reason=reason))

    def _counter(self, progress: Progress) -> str:
        if progress.more <= 0:
            return t("prompt.step_last", self.lang, step=progress.step)
        return tn("prompt.step", progress.more, self.lang, step=progress.step)

    def _help(self, fact: Fact, progress: Progress) -> None:
        lang = self.lang
        self._say(fact.help.get(lang) if fact.help else t("prompt.no_help", lang), 3)
        titles = [self.pack.routes[r].title.get(lang) for r in progress.decides if r in self.pack.routes]
        if titles:
            quoted = [f"«{x}»" for x in titles] if lang == "ru" else titles
            shown = "; ".join(quoted[:MAX_TITLES])
            if len(quoted) > MAX_TITLES:
                shown += " " + t("prompt.decides_more", lang, routes=period_words(len(quoted) - MAX_TITLES, "more_routes", lang))
            self._say(t("prompt.decides", lang, routes=shown), 3)
        else:
            self._say(t("prompt.decides_none", lang), 3)

    def _summary(self, progress: Progress) -> None:
        """What matters now, on what is known so far (render/summary.py), on stderr."""
        import io

        from legalcli.core.engine import assess
        from legalcli.render.text import make_console, render_text

        buffer = io.StringIO()
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        console = make_console(buffer, width=self._width() + 1, color=color)
        render_text(assess(self.pack, progress.facts, as_of=progress.as_of), self.lang, console, summary_only=True)
        sys.stderr.write(buffer.getvalue())
        sys.stderr.flush()


def _read_line(prompt: str) -> str:
    """One line typed at the terminal, the prompt on stderr; Ctrl-C or the end of input
    stop the run (the boundary says so, in the user's language: cli/boundary.py)."""
    try:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        raise Interrupted("interrupted") from None
    if not line:
        raise Interrupted("interrupted")
    return line


def ask_line(question: str) -> str:
    """One line typed at the terminal, stripped (the question on stderr, as the
    interview's)."""
    return _read_line(f"{question}: ").strip()
