"""merge-conflict: the file has an unresolved git merge conflict.

When two branches change the same lines of a record (or both add a record with the same ID), git
writes both versions into the file between ``<<<<<<<``, ``=======`` and ``>>>>>>>`` lines and
leaves the choice to a person. Such a file is no longer YAML; instead of the parser's words this
rule says what happened, at the first marker. Decide which lines stay and remove the markers; when
both branches added a question or project with the same number, ``veiligestad renumber`` gives
one of them the next free number and changes every reference to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile

ID = "merge-conflict"
SCOPE = "file"

MARKERS: Final = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: .*)?$", re.MULTILINE)
_START: Final = re.compile(r"^<{7}(?: .*)?$", re.MULTILINE)


def conflict_line(text: str) -> int | None:
    """The 1-based line of the first ``<<<<<<<`` marker when the text has a whole conflict
    (start, middle and end markers), else None."""
    start = _START.search(text)
    if start is None:
        return None
    rest = text[start.end():]
    if not re.search(r"^={7}$", rest, re.MULTILINE) or not re.search(r"^>{7}(?: .*)?$", rest,
                                                                      re.MULTILINE):
        return None
    return text.count("\n", 0, start.start()) + 1


def file_conflict_line(record: RecordFile, ctx: CheckContext) -> int | None:
    """The line of the first conflict marker in a record that failed to parse, else None."""
    if not any(note.code == "syntax" for note in record.notes):
        return None
    try:
        raw = (ctx.kb.root / record.rel).read_bytes()
    except OSError:
        return None
    return conflict_line(raw.decode("utf-8", errors="replace"))


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    line = file_conflict_line(record, ctx)
    if line is not None:
        yield ctx.problem(record, ID, ctx.t("merge_conflict.unresolved"),
                          ctx.t("merge_conflict.hint"), line=line, column=1)
