"""finished-project: a finished project has at least one finding, or says why not.

Results are made available to the city; a project that finished without any finding in the
knowledge base needs a ``status_reason`` (for example: the report is under embargo, or the
question turned out to be unanswerable).
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem

ID = "finished-project"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the findings that link to it.
AFFECTED = ("self", "linked")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("project"):
        assert record.data is not None
        if record.data.get("status") != "finished" or record.record_id is None:
            continue
        if ctx.index.findings_of_project.get(record.record_id):
            continue
        if isinstance(record.data.get("status_reason"), str) and record.data["status_reason"]:
            continue
        yield ctx.problem(record, ID, ctx.t("finished_project.none"),
                          ctx.t("finished_project.hint"), field=("status",))
