"""yaml-syntax: the file must be valid YAML.

The message gives the parser's own reason at the line and column where it stopped; the rest of
the knowledge base is still checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "yaml-syntax"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("yaml_syntax.error", error=note.params.get("error", "")), ctx.t("yaml_syntax.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"syntax"}), ID, _describe)
