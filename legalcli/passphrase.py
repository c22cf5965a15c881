"""Getting a passphrase: LEGALCLI_PASSPHRASE for scripts, else a prompt that does not
echo (getpass reads the terminal itself, not stdin)."""

from __future__ import annotations

import os
import sys

from legalcli.errors import InputError, Interrupted
from legalcli.i18n import t
from legalcli.model import Lang

ENV = "LEGALCLI_PASSPHRASE"
ENV_NEW = "LEGALCLI_NEW_PASSPHRASE"


def ask_passphrase(lang: Lang, *, new: bool = False, env: str = ENV) -> str:
    """The passphrase from the environment, or asked without echo (twice when new)."""
    value = os.environ.get(env)
    if value is not None:
        if not value:
            raise InputError("the passphrase must not be empty", key=env)
        return value
    if not sys.stdin.isatty():
        raise InputError("a passphrase is needed: set {env} or run in a terminal", env=env)
    import getpass

    try:
        first = getpass.getpass(t("prompt.passphrase_new" if new else "prompt.passphrase", lang) + ": ")
        if not first:
            raise InputError("the passphrase must not be empty")
        if new and getpass.getpass(t("prompt.passphrase_again", lang) + ": ") != first:
            raise InputError("the two passphrases differ")
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("interrupted; nothing was written") from None
    return first
