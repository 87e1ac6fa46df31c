"""yaml-tag: no YAML tags that ask for objects, such as ``!!python/object``.

Reading never executes anything: the value of such a tag is dropped and reported. Records need
plain text, numbers, dates, lists and mappings only.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "yaml-tag"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("yaml_tag.unsafe", **note.params), ctx.t("yaml_tag.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"tag"}), ID, _describe)
