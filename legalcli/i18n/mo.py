"""The entries of a compiled catalogue (.mo), read as the GNU format describes it.

The standard library's GNUTranslations looks messages up but cannot list them; Click's
templates are matched one by one (i18n.click), and the tests compare a shipped .mo with
its .po, so both need the list.
"""

from __future__ import annotations

import struct

_MAGIC = 0x950412DE


def entries(path: str) -> dict[str, str]:
    """msgid -> msgstr.  A plural entry's msgid is "singular\\0plural" and its msgstr the
    forms joined by "\\0"; the header is under ""."""
    with open(path, "rb") as f:
        data = f.read()
    order = "<" if struct.unpack("<I", data[:4])[0] == _MAGIC else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    found: dict[str, str] = {}
    for i in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        t_length, t_offset = struct.unpack(order + "2I", data[translations + 8 * i : translations + 8 * i + 8])
        found[data[offset : offset + length].decode("utf-8")] = data[t_offset : t_offset + t_length].decode("utf-8")
    return found
