"""Text from a rule pack, a case file or a file name, made safe to print.

Such text is not ours: an escape sequence (OSC, CSI), a bell, a bidi override or a
zero-width character in it would reach the terminal raw and could rewrite the screen,
hide a word or reverse a sentence a client reads.  Each such character is shown as a
visible escape (`\\u202e`) instead: stripping it silently would hide that it was there.
Newlines and tabs are kept.  `rules check` reports these characters in a pack.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 controls, the bidi embeddings, overrides
# and isolates, zero-width characters, the line and paragraph separators, and the BOM.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(text: str) -> str:
    """The text with every unsafe character shown as a visible escape."""
    if UNSAFE.search(text) is None:  # the common case costs one scan
        return text
    return UNSAFE.sub(_escape, text)
