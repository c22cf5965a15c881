"""Getting a passphrase: LEGALCLI_PASSPHRASE for scripts, else a prompt that does not
echo (getpass reads the terminal itself, not stdin).

A new passphrase (one that seals a file) must have at least MIN_LENGTH characters
(docs/security.md, "Passphrases").  At the terminal a passphrase that is too short, or
a confirmation that differs, is asked again, up to TRIES times: the person may have
just answered a whole interview, and a typo must not throw the answers away.
"""

from __future__ import annotations

import os
import sys

from legalcli.core.errors import InputError, Interrupted
from legalcli.i18n import Lang, t, tn

ENV = "LEGALCLI_PASSPHRASE"
ENV_NEW = "LEGALCLI_NEW_PASSPHRASE"
# NIST SP 800-63B's floor for a secret the user chooses.  scrypt makes each guess cost
# ~0.3 s, but a 4-character passphrase still falls in hours; 8 pushes that to years for
# anything but the commonest words.  Only new passphrases are held to it: a file sealed
# before the rule existed still opens.
MIN_LENGTH = 8
TRIES = 3


def env_passphrase(env: str, *, new: bool = False) -> str | None:
    """The passphrase from the environment variable `env`, or None when it is not set.
    Its bytes must be UTF-8 (read from os.environb: os.environ would turn bad bytes into
    lone surrogates that fail later, deep in the key derivation)."""
    if os.supports_bytes_environ:
        raw = os.environb.get(os.fsencode(env))
        if raw is None:
            return None
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("is not UTF-8 text; set it in a UTF-8 terminal or locale", key=env) from None
    else:  # pragma: no cover - Windows keeps the environment as text
        found = os.environ.get(env)
        if found is None:
            return None
        value = found
    if not value:
        raise InputError("the passphrase must not be empty", key=env)
    if new and len(value) < MIN_LENGTH:
        raise InputError("a new passphrase needs at least {n} characters", key=env, n=MIN_LENGTH)
    return value


def check_new_passphrase(env: str = ENV) -> None:
    """Before any work: a new passphrase will be available (a well-formed variable, or
    a terminal to ask at), so that nothing typed is lost for want of one."""
    if env_passphrase(env, new=True) is None and not sys.stdin.isatty():
        raise InputError("a passphrase is needed: set {env} or run in a terminal", env=env)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def ask_passphrase(lang: Lang, *, new: bool = False, env: str = ENV) -> str:
    """The passphrase from the environment, or asked without echo (twice when new)."""
    value = env_passphrase(env, new=new)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputError("a passphrase is needed: set {env} or run in a terminal", env=env)
    import getpass

    try:
        if not new:
            first = getpass.getpass(t("prompt.passphrase", lang) + ": ")
            if not first:
                raise InputError("the passphrase must not be empty")
            return first
        for _ in range(TRIES):
            try:
                first = getpass.getpass(t("prompt.passphrase_new", lang) + ": ")
                if len(first) < MIN_LENGTH:
                    _say(tn("passphrase.too_short", MIN_LENGTH, lang))
                    continue
                if getpass.getpass(t("prompt.passphrase_again", lang) + ": ") != first:
                    _say(t("passphrase.differ", lang))
                    continue
            except UnicodeDecodeError:
                # Bytes the terminal's encoding cannot read: ask again, as for a typo.
                _say(t("passphrase.not_text", lang))
                continue
            return first
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("interrupted") from None
    raise InputError("no new passphrase was agreed on in {n} tries", n=TRIES)
