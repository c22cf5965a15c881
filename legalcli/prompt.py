"""Asking at a terminal: numbered choices, ? for help, u / b / q.  Prompts go to stderr
so that stdout carries only the assessment."""

from __future__ import annotations

import sys

from legalcli.errors import Interrupted
from legalcli.i18n import t
from legalcli.interview import Answer, Progress, parse_answer
from legalcli.model import Fact, Lang, Pack


class TerminalAsker:
    """The interview's callback for a person at a terminal."""

    def __init__(self, pack: Pack, lang: Lang) -> None:
        self.pack = pack
        self.lang = lang
        self._shown_keys = False

    def _say(self, text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def __call__(self, fact: Fact, progress: Progress) -> Answer:
        lang = self.lang
        if not self._shown_keys:
            self._say(t("prompt.keys", lang))
            self._shown_keys = True
        self._say("")
        self._say(f"[{t('routes_decided', lang, d=progress.decided, n=progress.total)}]")
        self._say(f"{progress.step}. {fact.question.get(lang)}")
        if fact.type == "choice":
            for i, choice in enumerate(fact.choices, 1):
                self._say(f"   {i}) {choice.label.get(lang)}")
        elif fact.type == "bool":
            self._say(f"   1) {t('yes', lang)}   2) {t('no', lang)}")
        elif fact.type == "date":
            self._say(f"   ({t('prompt.date', lang)})")
        else:
            self._say(f"   ({t('prompt.number', lang)})")
        while True:
            try:
                sys.stderr.write(f"{t('prompt.choose', lang)}> ")
                sys.stderr.flush()
                line = sys.stdin.readline()
            except KeyboardInterrupt:
                raise Interrupted(t("interrupted", lang)) from None
            if not line:
                raise Interrupted(t("interrupted", lang))
            if line.strip() == "?":
                self._say(fact.help.get(lang) if fact.help else t("prompt.no_help", lang))
                continue
            answer = parse_answer(fact, line)
            if answer is None:
                self._say(t("prompt.invalid", lang))
                continue
            return answer


def ask_line(question: str, lang: Lang) -> str:
    """One line typed at the terminal, stripped (the question on stderr, as the
    interview's); Ctrl-C or the end of input stop the run."""
    try:
        sys.stderr.write(f"{question}: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        raise Interrupted(t("interrupted", lang)) from None
    if not line:
        raise Interrupted(t("interrupted", lang))
    return line.strip()
