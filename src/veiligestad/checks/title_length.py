"""title-length: a title is short (at most 200 characters).

A title names the record in lists, tables, the graph and the site; the text itself belongs in
``research_question``, ``original_text`` or ``statement``. A title of a whole paragraph is
usually a text pasted into the wrong field (a form's answer in the title column, say).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile

ID = "title-length"
SCOPE = "file"
MAX_TITLE: Final = 200


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    title = record.data.get("title") if record.data is not None else None
    if isinstance(title, str) and len(title) > MAX_TITLE:
        yield ctx.problem(record, ID, ctx.t("title_length.long", length=len(title),
                                            limit=MAX_TITLE),
                          ctx.t("title_length.hint"), field=("title",))
