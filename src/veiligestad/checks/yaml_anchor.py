"""yaml-anchor: no anchors (``&name``), aliases (``*name``) or merge keys (``<<:``).

They make one value appear in several places without being written there, which reviewers of a
pull request cannot see; write each value out. A merge key's values are never merged.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "yaml-anchor"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t(f"yaml_anchor.{note.code}", **note.params), ctx.t("yaml_anchor.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"anchor", "alias", "merge"}), ID, _describe)
