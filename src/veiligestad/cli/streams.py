"""Output that never fails on a console or pipe with a narrow encoding (Windows' cp1252).

The tool's text has characters such as "→" and "↔" that cp1252, Windows' usual console and pipe
encoding, lacks; printing them there raised UnicodeEncodeError and ended the command with exit 3.
At the command line's edge, before anything is printed, standard output and standard error are
told to replace what their encoding cannot show (as "?") instead. UTF-8 streams are left alone.
Files the tool writes are always UTF-8 (``encoding="utf-8"`` everywhere), so only the terminal
ever sees a replaced character.
"""

from __future__ import annotations

import codecs
import io
import sys


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def tolerate_narrow_encodings() -> None:
    """Replace, rather than fail on, characters stdout or stderr cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _is_utf(stream.encoding) \
                and stream.errors == "strict":
            stream.reconfigure(errors="replace")
