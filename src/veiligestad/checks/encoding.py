"""encoding: a record file must be UTF-8 (a byte-order mark is fine).

Bytes that are not UTF-8 are never guessed at: the first bad byte is reported with its position,
so an editor can be set to save as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "encoding"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("encoding.bad", **note.params), ctx.t("encoding.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"encoding"}), ID, _describe)
