"""finding-questions: a finding answers only questions its project works on.

If a finding answers a question the project did not take up, either the finding names the wrong
question or the project's ``questions`` list needs it (``veiligestad link``).
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem

ID = "finding-questions"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on its project's questions and its questions' kinds.
AFFECTED = ("self", "linking")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("finding"):
        assert record.data is not None
        project = ctx.kb.get(str(record.data.get("project")))
        if project is None or project.kind.name != "project" or project.data is None:
            continue  # link-target reports it
        theirs = project.data.get("questions")
        theirs = theirs if isinstance(theirs, list) else []
        ours = record.data.get("questions")
        for index, question in enumerate(ours if isinstance(ours, list) else []):
            target = ctx.kb.get(question) if isinstance(question, str) else None
            if target is not None and target.kind.name == "question" and question not in theirs:
                yield ctx.problem(
                    record, ID,
                    ctx.t("finding_questions.outside", id=question, project=project.record_id),
                    ctx.t("finding_questions.hint", id=question, project=project.record_id),
                    field=("questions", index),
                )
