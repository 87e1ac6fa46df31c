"""What the user sees when the tool itself fails: one line and where the details are."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

INTERNAL_ERROR = 3


def report_crash(exc: BaseException) -> int:
    """Write the traceback to a log file, print one line naming it, return exit code 3."""
    folder = Path(os.environ.get("VEILIGESTAD_LOG_DIR") or tempfile.gettempdir())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log = folder / f"veiligestad-crash-{stamp}-{os.getpid()}.log"
    details = "".join(traceback.format_exception(exc))
    try:
        log.write_text(f"argv: {sys.argv!r}\n\n{details}", encoding="utf-8")
        where = str(log)
    except OSError:
        where = "(log could not be written)"
    print(f"veiligestad: internal error ({type(exc).__name__}); details in {where}. "
          "Please report this as a bug and attach that file.", file=sys.stderr)
    return INTERNAL_ERROR
