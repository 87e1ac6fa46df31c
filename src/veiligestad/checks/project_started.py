"""project-started: a project is not ``running`` before its start date (warning).

Either the project has not started yet and is still ``planned``, or it started earlier than its
``start`` says and the date should be corrected.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of
from veiligestad.checks.problem import WARNING, Problem

ID = "project-started"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on itself and today's date.
AFFECTED = ("self",)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("project"):
        data = record.data
        assert data is not None
        start = date_of(data.get("start"))
        if data.get("status") == "running" and start and start > ctx.today:
            yield ctx.problem(record, ID, ctx.t("project_started.early",
                                                start=start.isoformat(),
                                                days=(start - ctx.today).days),
                              ctx.t("project_started.hint"), severity=WARNING,
                              field=("status",))
