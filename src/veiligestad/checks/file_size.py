"""file-size: a record file larger than ``limits.max_file_bytes`` is not read.

A record is a page of text; a file of megabytes is a mistake (or an attack on the reader). The
limit is set in ``veiligestad.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "file-size"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("file_size.too_large", **note.params), ctx.t("file_size.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"too_large"}), ID, _describe)
