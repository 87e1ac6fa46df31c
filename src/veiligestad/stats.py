"""The figures a coordinator reports, for one quarter or for everything up to today.

Every figure is a query of the shared engine (``veiligestad.query``), so the number in a report
and the same query at the command line agree. What each figure counts:

- questions ``received``: ``received`` in the period; ``decided``: the intake decision
  (``refused | referred | advised | ready``, the first one in the status history) taken in the
  period; ``matched``: last matched to a project in the period; ``delivered``: first delivered in
  the period; the medians are over those same questions (days from ``received`` to
  ``matched_on``, and from ``matched_on`` to ``delivered_on``);
- projects ``started``: ``start`` in the period and no longer ``planned``; ``running``: not
  ``planned`` and active on some day of the period (``start`` on or before its end, ``end`` absent
  or on or after its start); ``finished``: ``finished`` with ``end`` in the period. Without a
  quarter the period is everything up to today, and ``running`` is the projects running now;
- students by institution: the ``student_count`` of the running projects (without a quarter: of
  every project that is not ``planned``);
- partners reached: the audience of presentations in the period and the addressees of the
  recommendations of findings reported in the period;
- findings reported in the period, by theme (of their questions; a finding counts once in each of
  its themes), by evidence design (Maryland 1-5) and by maturity word;
- recommendations of those findings by follow-up (absent counts as ``none``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

from veiligestad.i18n import Translator
from veiligestad.model.statuses import QUESTION_DECISIONS
from veiligestad.periods import parse_quarter
from veiligestad.query import Context, context, select
from veiligestad.store.kb import KnowledgeBase

FOLLOW_UPS = ("none", "responded", "adopted", "rejected")
NONE_KEY = "none"


def compute_stats(kb: KnowledgeBase, quarter: str | None, today: dt.date, *,
                  public_only: bool = False, t: Translator | None = None) -> dict[str, Any]:
    """Every figure of ``veiligestad stats`` as a JSON-ready mapping.

    ``quarter`` is ``2026-Q3`` (or ``2026Q3``, ``2026-K3``) or None for everything up to
    ``today``; ``public_only`` counts only what the public may see today (public records past
    their embargo, public fields).
    """
    ctx = context(kb, today, t)
    return stats_in(ctx, quarter, public_only=public_only)


def stats_in(ctx: Context, quarter: str | None, *, public_only: bool = False) -> dict[str, Any]:
    """``compute_stats`` in an existing query context (reports share one)."""
    q = parse_quarter(quarter, ctx.t) if quarter else None
    start, end = (q.start, q.end) if q else (None, ctx.today)
    audience = "public" if public_only else "internal"

    def within(name: str) -> list[str]:
        return [f"{name}>={start}", f"{name}<={end}"] if start else [f"{name}<={end}"]

    def rows(kind: str, conditions: list[str], fields: str) -> list[dict[str, Any]]:
        return select(ctx, kind, conditions, fields=fields, audience=audience).rows

    received = rows("questions", within("received"), "id")
    decided = rows("questions", within("decided_on"), "id,decision")
    matched = rows("questions", within("matched_on"), "id,received,matched_on")
    delivered = rows("questions", within("delivered_on"), "id,matched_on,delivered_on")
    decisions = Counter(r["decision"] for r in decided)

    started = rows("projects", [*within("start"), "status!=planned"], "id")
    if start:
        running = rows("projects", ["status!=planned", f"start<={end}"],
                       "id,end,institution,student_count")
        running = [r for r in running if r["end"] is None or r["end"] >= start.isoformat()]
        finished = rows("projects", [*within("end"), "status=finished"], "id")
        active = running
    else:
        running = rows("projects", ["status=running"], "id")
        finished = rows("projects", ["status=finished"], "id")
        active = rows("projects", ["status!=planned"], "id,institution,student_count")
    students: Counter[str] = Counter()
    for project in active:
        count = project["student_count"]
        if isinstance(count, int) and not isinstance(count, bool):
            students[str(project["institution"])] += count

    findings = rows("findings", within("reported"),
                    "id,themes,evidence.design,evidence.maturity,recommendations")
    presentations = rows("projects", [], "presentations")
    partners: set[str] = set()
    for project in presentations:
        for talk in project["presentations"] or []:
            day = talk.get("date") if isinstance(talk, dict) else None
            if isinstance(day, str) and (start is None or day >= start.isoformat()) \
                    and day <= end.isoformat():
                partners.update(p for p in talk.get("audience") or [] if isinstance(p, str))
    follow_ups: Counter[str] = Counter({key: 0 for key in FOLLOW_UPS})
    for finding in findings:
        for recommendation in finding["recommendations"] or []:
            if not isinstance(recommendation, dict):
                continue
            if isinstance(recommendation.get("to"), str):
                partners.add(recommendation["to"])
            follow_ups[str(recommendation.get("follow_up") or NONE_KEY)] += 1

    return {
        "period": {
            "quarter": q.label if q else None,
            "start": start.isoformat() if start else None,
            "end": end.isoformat(),
        },
        "questions": {
            "received": len(received),
            "decided": {
                "total": len(decided),
                "by_decision": {d: decisions.get(d, 0) for d in QUESTION_DECISIONS},
            },
            "matched": len(matched),
            "delivered": len(delivered),
            "median_days_received_to_matched": _median_days(matched, "received", "matched_on"),
            "median_days_matched_to_delivered": _median_days(delivered, "matched_on",
                                                             "delivered_on"),
        },
        "projects": {"started": len(started), "running": len(running),
                     "finished": len(finished)},
        "students": {"total": sum(students.values()), "by_institution": dict(sorted(
            students.items()))},
        "partners_reached": {"count": len(partners), "partners": sorted(partners)},
        "findings": {
            "reported": len(findings),
            "by_theme": _count(t for f in findings for t in f["themes"] or []),
            "by_design": _count(str(f["evidence.design"] or NONE_KEY) for f in findings),
            "by_maturity": _count(str(f["evidence.maturity"] or NONE_KEY) for f in findings),
        },
        "recommendations": {"total": sum(follow_ups.values()),
                            "by_follow_up": dict(follow_ups)},
    }


def _count(values: Any) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _median_days(rows: list[dict[str, Any]], first: str, second: str) -> float | int | None:
    days = []
    for row in rows:
        a, b = row.get(first), row.get(second)
        if isinstance(a, str) and isinstance(b, str):
            days.append((dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days)
    if not days:
        return None
    value = statistics.median(days)
    return int(value) if float(value).is_integer() else float(value)
