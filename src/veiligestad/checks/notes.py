"""Turning the reader's notes on a file into problems, for the rules about bytes and YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

Describe = Callable[[ParseNote, CheckContext], tuple[str, str | None]]


def from_notes(
    record: RecordFile, ctx: CheckContext, codes: frozenset[str], rule: str, describe: Describe
) -> Iterator[Problem]:
    """A problem for each note of ``codes`` on ``record``, worded by ``describe``."""
    for note in record.notes:
        if note.code in codes:
            message, hint = describe(note, ctx)
            yield ctx.problem(record, rule, message, hint, line=note.line, column=note.column)
