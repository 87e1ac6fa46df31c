"""unanswered-question: a question that is delivered, fed back or closed has a finding.

Delivering means the students answered it; the answer belongs in the knowledge base as at least
one finding whose ``questions`` name it. Questions closed after a referral, refusal or advice
need none.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.model.statuses import QUESTION_ANSWERED

ID = "unanswered-question"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the findings that link to it.
AFFECTED = ("self", "linked")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record in ctx.kb.records("question"):
        assert record.data is not None
        status = record.data.get("status")
        if status not in QUESTION_ANSWERED or record.record_id is None:
            continue
        if status == "closed" and not _was_delivered(record.data):
            continue
        if not ctx.index.findings_of_question.get(record.record_id):
            yield ctx.problem(record, ID, ctx.t("unanswered_question.none", status=status),
                              ctx.t("unanswered_question.hint"), field=("status",))


def _was_delivered(data: dict[str, object]) -> bool:
    history = data.get("status_history")
    if not isinstance(history, list):
        return True  # without a history, assume the common path
    return any(isinstance(e, dict) and e.get("to") == "delivered" for e in history)
