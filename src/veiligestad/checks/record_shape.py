"""record-shape: a record file holds one mapping of fields (``key: value`` lines).

An empty file, or a file whose top level is a list or a single value, is not a record.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "record-shape"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    if note.code == "empty":
        return ctx.t("record_shape.empty"), ctx.t("record_shape.empty_hint")
    return ctx.t("record_shape.not_mapping", **note.params), ctx.t("record_shape.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"empty", "not_mapping"}), ID, _describe)
