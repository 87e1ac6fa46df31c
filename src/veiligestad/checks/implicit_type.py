"""implicit-type: unquoted values that YAML turns into something else.

YAML reads ``no``, ``yes``, ``on`` and ``off`` as true/false, ``1:30`` as the number 90 and
``2026-01-01`` as a date. In a text field or a controlled field that is never what was meant:
put the value in quotes (``"no"``, ``"1:30"``). A run of more than 4,300 digits is read as a
number too long to use at all: its value is left out, and reported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile

ID = "implicit-type"
SCOPE = "file"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    sexagesimal = [n for n in record.notes if n.code == "sexagesimal"]
    for note in sexagesimal:
        yield ctx.problem(record, ID, t("implicit_type.sexagesimal", **note.params),
                          t("implicit_type.quote_hint", raw=note.params.get("raw", "")),
                          line=note.line, column=note.column)
    for note in record.notes:
        if note.code == "long_number":
            yield ctx.problem(record, ID, t("implicit_type.long_number", **note.params),
                              t("implicit_type.long_number_hint"),
                              line=note.line, column=note.column)
    if record.data is None or record.misplaced:
        return
    # The values of text-like fields that are not text (``checks/walk.survey``).
    for path, _spec, value in walk.survey(record, ctx).implicit:
        if isinstance(value, str):
            continue
        if isinstance(value, (bool, int, float, dt.date)):
            if sexagesimal and isinstance(value, (int, float)) and not isinstance(value, bool):
                continue  # already reported with its original text
            kind = "bool" if isinstance(value, bool) else (
                "date" if isinstance(value, dt.date) else "number")
            yield ctx.problem(record, ID, t(f"implicit_type.{kind}", value=_shown(value)),
                              t("implicit_type.hint"), field=path)
