"""duplicate-key: a field may appear only once in a mapping.

YAML silently keeps the last of two equal keys, so the first value would be lost without a word.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "duplicate-key"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("duplicate_key.found", **note.params), ctx.t("duplicate_key.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"duplicate_key"}), ID, _describe)
