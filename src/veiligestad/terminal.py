"""Text for a terminal: what a pull request wrote can only ever be read, never obeyed.

A record's title, a label in ``veiligestad.yaml`` or a wrong value quoted in a problem may hold
characters a terminal obeys: an escape (``\\x1b]8;;https://…`` makes a hyperlink,
``\\x1b[2J`` clears the screen), an 8-bit control (``\\x9b`` is an escape too on some
terminals), a carriage return that overwrites a line, a direction mark (U+202E) that makes
a message read backwards. ``shown`` writes each of them as an escape (``\\x1b``, ``\\u202e``)
and leaves everything else as it is, line breaks and tabs included. The command line applies it
to everything it prints through Rich (``cli.common.console``) and to the words of every message
(``i18n.Translator``); data formats (JSON, CSV, YAML) carry the values as they are.
"""

from __future__ import annotations

import re
from typing import Final

# C0 controls but tab and line feed, DEL, C1 controls, and the marks that change the direction
# of text (Unicode's bidirectional formatting characters).
_OBEYED: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with every character a terminal would obey written as an escape."""
    return _OBEYED.sub(_escape, text) if _OBEYED.search(text) else text
