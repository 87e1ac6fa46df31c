"""``veiligestad gaps``: the coordinator's queue, in groups, each oldest first.

1. ``waiting_for_intake``: questions ``submitted`` (or in ``intake``) without a decision yet, the
   coordinator's first queue, with the days since they were received;
2. ``taken_up_without_project``: questions ``matched`` or ``in_progress`` that no project names;
3. ``running_past_end`` and ``running_before_start``: projects whose status and dates disagree;
4. ``suspect_links``: links whose target changed since they were last reviewed
   (``veiligestad review``);
5. ``drafts_unpublished``: findings still ``draft`` more than ``thresholds.draft_days`` after
   they were reported;
6. ``ready_without_project``: questions ``ready`` that no project has taken up, how long they
   have waited (since they became ready), and whether they must be matched for the next semester
   (their ``needed_by`` falls before that semester ends);
7. ``finished_without_findings``: projects ``finished`` without a finding;
8. ``findings_without_recommendations``;
9. ``recommendations_without_follow_up``: no follow-up (``none`` or absent) more than
   ``thresholds.follow_up_days`` after the finding was published (or reported);
10. ``answered_not_fed_back``: questions ``delivered`` but not yet fed back to the partner.

Every group is a query of the shared engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from veiligestad.model.kinds import KINDS
from veiligestad.query import Context, Row, select

GROUPS: Final = ("waiting_for_intake", "taken_up_without_project", "running_past_end",
                 "running_before_start", "suspect_links", "drafts_unpublished",
                 "ready_without_project", "finished_without_findings",
                 "findings_without_recommendations", "recommendations_without_follow_up",
                 "answered_not_fed_back")
# The top-level fields the groups read of each kind: the views are built once with these alone
# and every group's query uses them (one that reads more builds its own, so this is no more
# than a saving).
NEEDS: Final = {
    "question": ("id", "title", "status", "asked_by", "received", "matched_on", "projects",
                 "needed_by", "status_history", "delivered_on"),
    "project": ("id", "title", "status", "start", "end", "findings"),
    "finding": ("id", "title", "review", "project", "reported", "published",
                "recommendations"),
}


@dataclass
class GapsResult:
    """The groups of gaps (JSON-ready rows) and the dates they were measured against."""

    today: dt.date
    next_semester: tuple[dt.date, dt.date]
    thresholds: dict[str, int]
    groups: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.groups.values())

    def as_json(self) -> dict[str, Any]:
        """One JSON-ready mapping."""
        return {
            "today": self.today.isoformat(),
            "next_semester": {"start": self.next_semester[0].isoformat(),
                              "end": self.next_semester[1].isoformat()},
            "thresholds": self.thresholds,
            "counts": {name: len(rows) for name, rows in self.groups.items()},
            "groups": self.groups,
        }


def next_semester(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the next semester (1 Sep - 31 Jan, 1 Feb - 31 Aug)."""
    if today < dt.date(today.year, 2, 1):
        return dt.date(today.year, 2, 1), dt.date(today.year, 8, 31)
    if today < dt.date(today.year, 9, 1):
        return dt.date(today.year, 9, 1), dt.date(today.year + 1, 1, 31)
    return dt.date(today.year + 1, 2, 1), dt.date(today.year + 1, 8, 31)


def _date(value: Any) -> dt.date | None:
    """A date the view holds as text; None for none, or for a text that is no date (a record
    may hold ``2026-02-30`` in a field of a derived date's name: validate reports it)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _oldest(row: Row) -> tuple[int, str]:
    """Oldest first: most days first, rows without a date last, then by ID."""
    days = row.get("days")
    return (-(days if isinstance(days, int) else -1), str(row.get("id")))


def _title(record: Any) -> str:
    data = record.data if record is not None else None
    return str(data.get("title") or "") if isinstance(data, dict) else ""


def _dated(name: str) -> Callable[[Row], tuple[Any, ...]]:
    """By the date in ``name`` (a text in a JSON-ready row), rows without one last, then by
    ID: as the engine sorts a date, with every tie broken."""
    def key(row: Row) -> tuple[Any, ...]:
        value = row.get(name)
        return (value in (None, "", []), str(value) if value is not None else "",
                str(row.get("id")))
    return key


# Each group's order, total up to rows of one ID (which keep the order they were made in):
# ``gaps_edit.py`` sorts the rows it keeps and those it makes afresh together by it.
ORDER: Final[dict[str, Callable[[Row], Any]]] = {
    "waiting_for_intake": _oldest,
    "taken_up_without_project": _oldest,
    "running_past_end": _oldest,
    "running_before_start": lambda r: (str(r["start"]), str(r["id"])),
    "suspect_links": lambda r: (r["holder"], r["target"]),
    "drafts_unpublished": _oldest,
    "ready_without_project": lambda r: (not r["before_next_semester"],
                                        -(r["days_waiting"] or 0), str(r["id"])),
    "finished_without_findings": _dated("end"),
    "findings_without_recommendations": _dated("reported"),
    "recommendations_without_follow_up": lambda r: (-r["days"], str(r["finding"]),
                                                    r["number"]),
    "answered_not_fed_back": lambda r: (-(r["days"] or 0), str(r["id"])),
}
# The field of a group's row that names the record it is about (the link's holder for a
# suspect link): ``gaps_edit.py`` replaces the rows of the records an edit reaches.
OWNER: Final[dict[str, str]] = {name: "id" for name in GROUPS} | {
    "suspect_links": "holder", "recommendations_without_follow_up": "finding"}


def find_gaps(ctx: Context) -> GapsResult:
    """Every gap in the knowledge base on ``ctx.today``."""
    today = ctx.today
    thresholds = dict(ctx.kb.config.thresholds)
    semester = next_semester(today)
    result = GapsResult(today, semester, thresholds)
    wait_limit = thresholds.get("ready_without_project_days", 90)
    follow_limit = thresholds.get("follow_up_days", 180)
    for kind, names in NEEDS.items():
        ctx.rows(KINDS[kind], "internal", names)

    intake = []
    for row in select(ctx, "questions", ["status=submitted,intake"],
                      fields="id,title,asked_by,status,received").rows:
        since = _date(row["received"])
        intake.append({**row, "days": (today - since).days if since else None})
    result.groups["waiting_for_intake"] = intake

    taken = []
    for row in select(ctx, "questions", ["status=matched,in_progress", "!projects"],
                      fields="id,title,asked_by,status,matched_on").rows:
        since = _date(row["matched_on"])
        taken.append({**row, "days": (today - since).days if since else None})
    result.groups["taken_up_without_project"] = taken

    past, early = [], []
    for row in select(ctx, "projects", ["status=running"], fields="id,title,start,end").rows:
        start, end = _date(row["start"]), _date(row["end"])
        if end and end < today:
            past.append({**row, "days": (today - end).days})
        if start and start > today:
            early.append({**row, "days": (start - today).days})
    result.groups["running_past_end"] = past
    result.groups["running_before_start"] = early

    from veiligestad.suspects import suspect_links

    suspects = []
    for link in suspect_links(ctx.kb):
        holder, target = ctx.kb.get(link.holder), ctx.kb.get(link.target)
        suspects.append({
            "holder": link.holder, "target": link.target,
            "holder_title": _title(holder), "target_title": _title(target),
        })
    result.groups["suspect_links"] = suspects

    draft_limit = thresholds.get("draft_days", 60)
    drafts = []
    for row in select(ctx, "findings", ["review=draft"],
                      fields="id,title,project,reported").rows:
        since = _date(row["reported"])
        days = (today - since).days if since else None
        if days is not None and days > draft_limit:
            drafts.append({**row, "days": days})
    result.groups["drafts_unpublished"] = drafts

    waiting = []
    for row in select(ctx, "questions", ["status=ready", "!projects"],
                      fields="id,title,asked_by,received,needed_by,status_history").rows:
        readied = [e.get("date") for e in row.pop("status_history") or []
                   if isinstance(e, dict) and e.get("to") == "ready"]
        since = _date(readied[-1]) if readied else _date(row["received"])
        days = (today - since).days if since else None
        needed = _date(row["needed_by"])
        waiting.append({**row, "ready_since": since.isoformat() if since else None,
                        "days_waiting": days,
                        "overdue": days is not None and days > wait_limit,
                        "before_next_semester": needed is not None and needed <= semester[1]})
    result.groups["ready_without_project"] = waiting

    result.groups["finished_without_findings"] = select(
        ctx, "projects", ["status=finished", "!findings"], fields="id,title,end").rows
    result.groups["findings_without_recommendations"] = select(
        ctx, "findings", ["!recommendations"], fields="id,title,review,reported").rows

    silent = []
    for row in select(ctx, "findings", ["recommendations?"],
                      fields="id,title,published,reported,recommendations").rows:
        since = _date(row["published"]) or _date(row["reported"])
        if since is None:
            continue
        days = (today - since).days
        for number, rec in enumerate(row["recommendations"] or [], start=1):
            if not isinstance(rec, dict) or (rec.get("follow_up") or "none") != "none":
                continue
            if days > follow_limit:
                silent.append({"finding": row["id"], "number": number, "to": rec.get("to"),
                               "text": rec.get("text"), "since": since.isoformat(),
                               "days": days})
    result.groups["recommendations_without_follow_up"] = silent

    delivered = []
    for row in select(ctx, "questions", ["status=delivered"],
                      fields="id,title,asked_by,delivered_on").rows:
        day = _date(row["delivered_on"])
        delivered.append({**row, "days": (today - day).days if day else None})
    result.groups["answered_not_fed_back"] = delivered
    for name, rows in result.groups.items():
        rows.sort(key=ORDER[name])
    return result
