"""overdue-project: a project still ``running`` after its end date (warning).

Either it ended and its status should move on (``veiligestad status P-… finished``), or its
``end`` date has moved and the record should say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of
from veiligestad.checks.problem import WARNING, Problem

ID = "overdue-project"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on itself and today's date.
AFFECTED = ("self",)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("project"):
        data = record.data
        assert data is not None
        end = date_of(data.get("end"))
        if data.get("status") == "running" and end and end < ctx.today:
            yield ctx.problem(record, ID, ctx.t("overdue_project.past_end", end=end.isoformat(),
                                                days=(ctx.today - end).days),
                              ctx.t("overdue_project.hint", id=record.record_id or ""),
                              severity=WARNING, field=("end",))
