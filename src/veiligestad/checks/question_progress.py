"""question-progress: a question's status keeps up with the work on it (warning).

A question that is still ``submitted``, ``intake`` or ``ready`` while a project that took it up is
running or finished, or while a finding already answers it, has a status that lags behind: the
coordinator's overview and the quarterly figures would miss it.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import WARNING, Problem

ID = "question-progress"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the projects and findings that link to it, and those projects' statuses.
AFFECTED = ("self", "linked")
_WAITING = ("submitted", "intake", "ready")


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    for record in ctx.kb.records("question"):
        data = record.data
        assert data is not None
        status = data.get("status")
        if status not in _WAITING or record.record_id is None:
            continue
        what = None
        for project_id in ctx.index.projects_of_question.get(record.record_id, []):
            project = ctx.kb.get(project_id)
            state = project.data.get("status") if project and project.data else None
            if state in ("running", "finished"):
                what = t("question_progress.project", id=project_id, project_status=state)
                break
        if what is None and ctx.index.findings_of_question.get(record.record_id):
            what = t("question_progress.finding",
                     id=ctx.index.findings_of_question[record.record_id][0])
        if what:
            yield ctx.problem(record, ID, t("question_progress.behind", status=status, what=what),
                              t("question_progress.hint"), severity=WARNING, field=("status",))
