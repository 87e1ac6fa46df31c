"""project-period: a project starts within its academic year and semester (warning).

An academic year ``2025-2026`` runs from mid-August 2025 to the end of August 2026; semester 1
from mid-August to the end of January, semester 2 from mid-January to the end of August (the
overlap leaves room for institutions whose semesters turn a week or two apart). A start date
outside that window usually means a typing error in the year or the wrong semester.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of
from veiligestad.checks.problem import WARNING, Problem
from veiligestad.periods import academic_window
from veiligestad.store.records import RecordFile

ID = "project-period"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "project":
        return
    start = date_of(data.get("start"))
    period = data.get("period")
    if start is None or not isinstance(period, dict):
        return
    window = academic_window(period.get("academic_year"), period.get("semester"))
    if window is None or window[0] <= start <= window[1]:
        return
    yield ctx.problem(record, ID, ctx.t("project_period.outside", start=start.isoformat(),
                                        first=window[0].isoformat(),
                                        last=window[1].isoformat()),
                      ctx.t("project_period.hint"), severity=WARNING, field=("start",))
