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


# What the top level holds instead of a record, in the user's words (the reader notes
# Python's name of the type).
_HOLDS = {"list": "list", "str": "text", "int": "number", "float": "number", "bool": "yes_no",
          "date": "date", "datetime": "date"}


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    def describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
        if note.code == "empty":  # the command that makes a record of this kind
            return ctx.t("record_shape.empty"), ctx.t(f"record_shape.empty_hint.{record.kind.name}")
        holds = _HOLDS.get(str(note.params.get("type")), "other")
        return (ctx.t("record_shape.not_mapping", type=ctx.t(f"record_shape.holds.{holds}")),
                ctx.t("record_shape.hint"))

    yield from from_notes(record, ctx, frozenset({"empty", "not_mapping"}), ID, describe)
