"""question-project: a question that is ``matched`` or ``in_progress`` is taken up by a project.

A question is matched when a project takes it up: the project names it in its ``questions``
(``veiligestad link P-… Q-…``, or ``new project --questions Q-…``). A matched question without
such a project is a state that cannot be true, and it would be missing from the coordinator's
queue of questions that wait for a student. Link the project, or move the question back to
``ready``.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.model.statuses import QUESTION_TAKEN_UP

ID = "question-project"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the projects that link to it.
AFFECTED = ("self", "linked")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("question"):
        data = record.data
        assert data is not None
        status = data.get("status")
        if status not in QUESTION_TAKEN_UP or record.record_id is None:
            continue
        if ctx.index.projects_of_question.get(record.record_id):
            continue
        yield ctx.problem(record, ID, ctx.t("question_project.none", status=status),
                          ctx.t("question_project.hint", id=record.record_id),
                          field=("status",))
