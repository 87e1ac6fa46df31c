"""tab: no tab characters; indent with spaces.

YAML forbids tabs in indentation and editors show them differently, so a record that looks fine
on one screen can mean something else; each line with a tab is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "tab"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    return ctx.t("tab.found"), ctx.t("tab.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    yield from from_notes(record, ctx, frozenset({"tab"}), ID, _describe)
