"""status-history: the recorded changes of status follow the allowed transitions.

Each entry moves from the status before it to an allowed next status (for a question:
submitted → intake → ready | referred | refused | advised → matched → in_progress → delivered →
fed_back → closed, and parked from any open state and back), dates do not go back in time, and
the last entry ends in the record's current status. The first entry is the record's creation:
no ``from``, and ``to`` the first status of its kind (``submitted``, ``planned``, ``draft``).
``veiligestad status`` writes entries that pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of
from veiligestad.checks.problem import Problem
from veiligestad.model.statuses import FLOWS, allowed_next
from veiligestad.store.records import RecordFile

ID = "status-history"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or not isinstance(data.get("status_history"), list):
        return
    t = ctx.t
    kind = record.kind.name
    previous_to = None
    previous_date = None
    entries = [e for e in data["status_history"] if isinstance(e, dict)]
    initial = next(iter(FLOWS[kind].keys()))
    if entries and (entries[0].get("from") or entries[0].get("to") != initial):
        yield ctx.problem(record, ID, t("status_history.first", initial=initial),
                          t("status_history.first_hint", initial=initial),
                          field=("status_history", 0))
    for index, entry in enumerate(entries):
        old, new = entry.get("from"), entry.get("to")
        if index > 0 and old != previous_to:
            yield ctx.problem(record, ID, t("status_history.gap", number=index + 1,
                                            old=old, previous=previous_to),
                              t("status_history.gap_hint"), field=("status_history", index))
        if isinstance(old, str) and isinstance(new, str) and old and new not in allowed_next(
            kind, old
        ):
            allowed = ", ".join(allowed_next(kind, old)) or "—"
            yield ctx.problem(record, ID, t("status_history.not_allowed", old=old, new=new),
                              t("status_history.allowed", old=old, allowed=allowed),
                              field=("status_history", index))
        when = date_of(entry.get("date"))
        if when and previous_date and when < previous_date:
            yield ctx.problem(record, ID, t("status_history.backwards", number=index + 1),
                              t("status_history.backwards_hint"),
                              field=("status_history", index, "date"))
        previous_to, previous_date = new, when or previous_date
    current = data.get(record.kind.status_field)
    if entries and isinstance(current, str) and previous_to != current:
        yield ctx.problem(record, ID, t("status_history.last", last=previous_to, current=current,
                                        field=record.kind.status_field),
                          t("status_history.last_hint"), field=(record.kind.status_field,))
