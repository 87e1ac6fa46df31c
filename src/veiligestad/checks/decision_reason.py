"""decision-reason: a question that was refused or referred says why (``decision_reason``).

Refusing or referring a question is a decision the partner who asked will want explained, and
the quarterly report counts the reasons. ``veiligestad status Q-… refused --reason "…"`` writes
the reason; ``validate`` reports a refused or referred question without one.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.model.statuses import QUESTION_NEEDS_REASON
from veiligestad.store.records import RecordFile

ID = "decision-reason"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "question":
        return
    status = data.get("status")
    if status not in QUESTION_NEEDS_REASON:
        return
    reason = data.get("decision_reason")
    if isinstance(reason, str) and reason.strip():
        return
    yield ctx.problem(record, ID, ctx.t("decision_reason.none", status=status),
                      ctx.t("decision_reason.hint", id=record.record_id or "Q-…", status=status),
                      field=("status",))
