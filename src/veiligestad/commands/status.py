"""``veiligestad status ID NEW_STATUS``: an allowed transition, written down in ``status_history``.

The record's status field (``status``, or ``review`` for a finding) changes, and an entry with the
date, the old and new status, who did it and why is appended to ``status_history``. What a
status needs is filled in at the same time, so the record still validates: the reason of a
decision (``decision_reason``) or of a stopped project (``status_reason``), the date a finding is
``published``. A transition that ``validate`` would then reject is refused instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from veiligestad.commands.authoring import edit_existing, unknown_id
from veiligestad.commands.fieldinput import Option, resolve_option
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.statuses import (
    FLOWS,
    QUESTION_ANSWERED,
    QUESTION_DECISIONS,
    QUESTION_NEEDS_REASON,
    QUESTION_TAKEN_UP,
    allowed_next,
)
from veiligestad.store.kb import KnowledgeBase


@dataclass(frozen=True)
class StatusResult:
    """The change made."""

    record_id: str
    rel: str
    old: str
    new: str


def change_status(
    kb: KnowledgeBase,
    record_id: str,
    new_status: str,
    t: Translator,
    today: dt.date,
    by: str | None = None,
    reason: str | None = None,
    on: dt.date | None = None,
) -> StatusResult:
    """Move ``record_id`` to ``new_status`` (a key or its label) when the transition is allowed.

    ``on`` is the day the change happened when it is recorded later (default: ``today``): not in
    the future, and not before the record's last recorded change."""
    from veiligestad.store.edit import append_item, set_after

    record = kb.get(record_id)
    if record is None or record.data is None:
        raise unknown_id(kb, record_id, t)
    kind = record.kind
    field = kind.status_field
    statuses = [Option(k, t(f"status.{kind.name}.{k}")) for k in FLOWS[kind.name]]
    new = resolve_option(new_status, statuses, field, t)
    old = str(record.data.get(field))
    nexts = allowed_next(kind.name, old)
    if new not in nexts:
        raise UsageError(t("status_change.not_allowed", id=record_id, old=old, new=new),
                         hint=t("status_change.allowed", old=old, allowed=", ".join(
                             f"{k} ({t(f'status.{kind.name}.{k}')})" for k in nexts) or "—"))
    reason = (reason or "").strip() or None
    _refuse_incomplete(kb, record_id, kind.name, new, reason, record.data, t)
    day = _day_of_change(record_id, record.data, on, today, t)

    def change(data: Any) -> bool:
        data[field] = new
        extra = _fills(kind.name, new, reason, day, by)
        for key, value in extra.items():
            # the last reviewer is the one who answers for it; other fills keep a first value
            if not data.get(key) or key == "reviewed_by":
                set_after(data, key, value, kind.field_names)
        history = data.get("status_history")
        if isinstance(history, list):
            entry: dict[str, Any] = {"date": day, "from": old, "to": new}
            if by:
                entry["by"] = by
            if reason:
                entry["reason"] = reason
            append_item(history, entry)
        return True

    edit_existing(kb, record, t, change, today)
    return StatusResult(record_id, record.rel, old, new)


def last_change(data: Any) -> dt.date | None:
    """The date of the record's last recorded status change (``status_history``), if any."""
    history = data.get("status_history") if isinstance(data, dict) else None
    if not isinstance(history, list):
        return None
    return max((e["date"] for e in history if isinstance(e, dict)
                and isinstance(e.get("date"), dt.date)), default=None)


def _day_of_change(record_id: str, data: Any, on: dt.date | None, today: dt.date,
                   t: Translator) -> dt.date:
    """``on`` (or today), when it is neither in the future nor before the last change."""
    if on is None:
        return today
    if on > today:
        raise UsageError(t("status_change.on_future", date=on.isoformat()),
                         hint=t("status_change.on_hint"))
    last = last_change(data)
    if last is not None and on < last:
        raise UsageError(t("status_change.on_before_last", id=record_id, date=on.isoformat(),
                           last=last.isoformat()), hint=t("status_change.on_hint"))
    return on


def _fills(kind: str, new: str, reason: str | None, today: dt.date,
           by: str | None) -> dict[str, Any]:
    if kind == "finding" and new == "published":
        return {"published": today}
    if kind == "finding" and new == "reviewed" and by:
        return {"reviewed_by": by}
    if reason and kind == "question" and new in QUESTION_DECISIONS:
        return {"decision_reason": reason}
    if reason and kind == "project" and new in ("finished", "stopped"):
        return {"status_reason": reason}
    return {}


def _refuse_incomplete(kb: KnowledgeBase, record_id: str, kind: str, new: str,
                       reason: str | None, data: dict[str, Any], t: Translator) -> None:
    from veiligestad.index import build_index

    index = build_index(kb)
    if kind == "question" and new in QUESTION_NEEDS_REASON and not reason:
        raise UsageError(t("status_change.needs_decision_reason", id=record_id, new=new),
                         hint=t("status_change.needs_decision_reason_hint", id=record_id,
                                new=new))
    if kind == "question" and new in QUESTION_TAKEN_UP and not index.projects_of_question.get(
        record_id
    ):
        raise UsageError(t("status_change.needs_project", id=record_id, new=new),
                         hint=t("status_change.needs_project_hint", id=record_id))
    if kind == "question" and new in QUESTION_ANSWERED and not index.findings_of_question.get(
        record_id
    ):
        raise UsageError(t("status_change.needs_finding", id=record_id, new=new),
                         hint=t("status_change.needs_finding_hint"))
    if (kind == "project" and new == "finished" and not reason and not data.get("status_reason")
            and not index.findings_of_project.get(record_id)):
        raise UsageError(t("status_change.needs_reason", id=record_id, new=new),
                         hint=t("status_change.needs_reason_hint"))
