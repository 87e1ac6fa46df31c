"""stale-question: a question that is ``ready`` should not wait long for a project (warning).

After ``thresholds.ready_without_project_days`` days (90 by default, set in
``veiligestad.yaml``) without a project, it is flagged so the coordinator can match it before the
next semester, or park it.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of, status_date
from veiligestad.checks.problem import WARNING, Problem

ID = "stale-question"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the projects that link to it.
AFFECTED = ("self", "linked")


def check(ctx: CheckContext) -> Iterator[Problem]:
    limit = ctx.kb.config.thresholds["ready_without_project_days"]
    for record in ctx.kb.records("question"):
        data = record.data
        assert data is not None
        if data.get("status") != "ready" or ctx.index.projects_of_question.get(
            record.record_id or ""
        ):
            continue
        since = status_date(data, "ready") or date_of(data.get("received"))
        if since is None:
            continue
        days = (ctx.today - since).days
        if days > limit:
            yield ctx.problem(record, ID, ctx.t("stale_question.waiting", days=days, limit=limit),
                              ctx.t("stale_question.hint"), severity=WARNING, field=("status",))
