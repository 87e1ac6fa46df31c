"""``compute_stats`` on the example knowledge base agrees with figures computed here, independently,
straight from the YAML files (yaml.safe_load, no part of the engine)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, TODAY
from veiligestad.i18n import Translator
from veiligestad.stats import compute_stats
from veiligestad.store.kb import open_kb

DECISIONS = ("refused", "referred", "advised", "ready")


def load(kind: str) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((REPO / "data" / kind).glob("*.yaml"))]


def history(record: dict[str, Any], status: str) -> list[dt.date]:
    return [e["date"] for e in record.get("status_history") or [] if e.get("to") == status]


def median(values: list[int]) -> float | int | None:
    if not values:
        return None
    m = statistics.median(values)
    return int(m) if float(m).is_integer() else m


def expected(quarter: tuple[int, int] | None) -> dict[str, Any]:
    questions, projects, findings = load("questions"), load("projects"), load("findings")
    if quarter:
        year, n = quarter
        start = dt.date(year, 3 * n - 2, 1)
        end = (dt.date(year + (n == 4), 1 if n == 4 else 3 * n + 1, 1) - dt.timedelta(days=1))
    else:
        start, end = dt.date.min, TODAY

    def inside(day: Any) -> bool:
        return isinstance(day, dt.date) and start <= day <= end

    received = [q for q in questions if inside(q["received"])]
    decisions: Counter[str] = Counter()
    for q in questions:
        taken = [e for e in q.get("status_history") or [] if e.get("to") in DECISIONS]
        if taken and inside(taken[0]["date"]):
            decisions[taken[0]["to"]] += 1
    matched = [q for q in questions if history(q, "matched") and inside(history(q, "matched")[-1])]
    delivered = [q for q in questions
                 if history(q, "delivered") and inside(history(q, "delivered")[0])]

    not_planned = [p for p in projects if p["status"] != "planned"]
    started = [p for p in not_planned if inside(p.get("start"))]
    if quarter:
        running = [p for p in not_planned if p["start"] <= end
                   and (p.get("end") is None or p["end"] >= start)]
        finished = [p for p in projects if p["status"] == "finished" and inside(p.get("end"))]
        active = running
    else:
        running = [p for p in projects if p["status"] == "running"]
        finished = [p for p in projects if p["status"] == "finished"]
        active = not_planned
    students: Counter[str] = Counter()
    for p in active:
        students[p["institution"]] += p.get("student_count") or 0

    reported = [f for f in findings if inside(f["reported"])]
    partners = {a for p in projects for talk in p.get("presentations") or []
                if inside(talk["date"]) for a in talk["audience"]}
    themes_of = {q["id"]: q["themes"] for q in questions}
    by_theme: Counter[str] = Counter()
    follow: Counter[str] = Counter({k: 0 for k in ("none", "responded", "adopted", "rejected")})
    for f in reported:
        themes = {t for qid in f["questions"] for t in themes_of[qid]}
        by_theme.update(themes)
        for r in f.get("recommendations") or []:
            partners.add(r["to"])
            follow[r.get("follow_up") or "none"] += 1
    return {
        "questions": {
            "received": len(received),
            "decided": {"total": sum(decisions.values()),
                        "by_decision": {d: decisions[d] for d in DECISIONS}},
            "matched": len(matched),
            "delivered": len(delivered),
            "median_days_received_to_matched": median(
                [(history(q, "matched")[-1] - q["received"]).days for q in matched]),
            "median_days_matched_to_delivered": median(
                [(history(q, "delivered")[0] - history(q, "matched")[-1]).days
                 for q in delivered]),
        },
        "projects": {"started": len(started), "running": len(running),
                     "finished": len(finished)},
        "students": {"total": sum(students.values()), "by_institution": dict(sorted(
            students.items()))},
        "partners_reached": {"count": len(partners), "partners": sorted(partners)},
        "findings": {
            "reported": len(reported),
            "by_theme": dict(sorted(by_theme.items())),
            "by_design": dict(sorted(Counter(
                str((f.get("evidence") or {}).get("design") or "none") for f in reported
            ).items())),
            "by_maturity": dict(sorted(Counter(
                str((f.get("evidence") or {}).get("maturity") or "none") for f in reported
            ).items())),
        },
        "recommendations": {"total": sum(follow.values()), "by_follow_up": dict(follow)},
    }


QUARTERS = [(y, n) for y in (2025, 2026) for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("quarter", [None, *QUARTERS],
                         ids=["all", *(f"{y}-Q{n}" for y, n in QUARTERS)])
def test_stats_match_the_files(quarter: tuple[int, int] | None) -> None:
    kb = open_kb(REPO, Translator("nl"))
    label = f"{quarter[0]}-Q{quarter[1]}" if quarter else None
    figures = compute_stats(kb, label, TODAY)
    period = figures.pop("period")
    assert period["quarter"] == label
    assert figures == expected(quarter)


def test_the_example_has_something_to_count() -> None:
    # Guards the comparison above against an empty example knowledge base.
    figures = expected(None)
    assert figures["questions"]["received"] >= 10
    assert figures["questions"]["median_days_received_to_matched"] is not None
    assert figures["findings"]["reported"] >= 10


def test_public_only_counts_fewer_or_equal() -> None:
    kb = open_kb(REPO, Translator("nl"))
    everything = compute_stats(kb, None, TODAY)
    public = compute_stats(kb, None, TODAY, public_only=True)
    assert public["questions"]["received"] < everything["questions"]["received"]
    assert public["findings"]["reported"] <= everything["findings"]["reported"]
