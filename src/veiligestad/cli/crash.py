"""What the user sees when the tool itself fails: one line and where the details are.

The details go to a log the user can attach to a bug report without a second thought, so it
holds no record content: the command's words and option names but not their values, and for
each exception its type and the code locations it passed (file, line, function), never its
message (a ``KeyError`` can carry a key from a confidential record). The log is written in the
user's own cache folder (``VEILIGESTAD_LOG_DIR`` overrides), readable by the user alone (0600),
never in the shared temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Final

INTERNAL_ERROR = 3
# Words of the command line that are the tool's own, kept in the log; every other word (an ID,
# a title, a path) is replaced by its kind.
COMMAND_WORDS: Final = frozenset({
    "init", "validate", "vocab", "link", "unlink", "status", "query", "show", "graph", "gaps",
    "stats", "export", "changes", "contributors", "history", "review", "intake", "question",
    "import", "form", "new", "project", "finding", "schema", "report", "quarterly", "partner",
    "site", "build", "federation", "sqlite", "csv", "xlsx", "json", "jsonl", "yaml", "ids", "md",
    "html", "pdf", "table", "text", "github", "mermaid", "dot", "public", "internal", "nl", "en",
    "questions", "projects", "findings",
})


def log_folder() -> Path:
    """The user's cache folder for crash logs (per platform), or ``VEILIGESTAD_LOG_DIR``."""
    chosen = os.environ.get("VEILIGESTAD_LOG_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "veiligestad" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "veiligestad"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veiligestad" / "logs"


def safe_argv(argv: Sequence[str]) -> list[str]:
    """The command line with the tool's words and option names only."""
    out = ["veiligestad"]
    for word in argv[1:]:
        if word.startswith("-"):
            name, equals, _ = word.partition("=")
            out.append(name + ("=<value>" if equals else ""))
        elif word in COMMAND_WORDS:
            out.append(word)
        else:
            out.append("<value>")
    return out


def safe_traceback(exc: BaseException) -> str:
    """Each exception of the chain by type, with the code locations it passed; no messages."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {_code_path(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by / during:")
    return "\n".join(lines) + "\n"


def _code_path(filename: str) -> str:
    # The tool's and the libraries' files by their path inside the installation; a file
    # elsewhere (a template of a knowledge base) by its name only.
    parts = Path(filename).parts
    for anchor in ("veiligestad", "site-packages", "lib"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):])
    return Path(filename).name


def report_crash(exc: BaseException) -> int:
    """Write the log, print one line naming it, return exit code 3."""
    from veiligestad import __version__

    folder = log_folder()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log = folder / f"veiligestad-crash-{stamp}-{os.getpid()}.log"
    text = (f"veiligestad {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
            f"command: {' '.join(safe_argv(sys.argv))}\n\n{safe_traceback(exc)}")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        where = str(log)
    except OSError:
        where = "(log could not be written)"
    print(f"veiligestad: internal error ({type(exc).__name__}); details in {where}. "
          "Please report this as a bug and attach that file.", file=sys.stderr)
    return INTERNAL_ERROR
