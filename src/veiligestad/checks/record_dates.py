"""record-dates: a state that happened on a day carries that day.

A finding whose review is ``published`` has a ``published`` date (error: the site and the
quarterly report need it); a recommendation whose ``follow_up`` is known (responded, adopted,
rejected) has a ``follow_up_date`` (warning: reports count follow-up per quarter).
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import WARNING, Problem
from veiligestad.store.records import RecordFile

ID = "record-dates"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "finding" or record.misplaced:
        return
    t = ctx.t
    if data.get("review") == "published" and data.get("published") is None:
        yield ctx.problem(record, ID, t("record_dates.published"),
                          t("record_dates.published_hint"), field=("review",))
    recommendations = data.get("recommendations")
    for index, item in enumerate(recommendations if isinstance(recommendations, list) else []):
        if not isinstance(item, dict):
            continue
        state = item.get("follow_up")
        if state in ("responded", "adopted", "rejected") and item.get("follow_up_date") is None:
            yield ctx.problem(record, ID, t("record_dates.follow_up", state=state),
                              t("record_dates.follow_up_hint"), severity=WARNING,
                              field=("recommendations", index, "follow_up"))
