"""The numbers of a report, computed in one place from a knowledge base and a period.

Every figure a report prints comes from here, so the Markdown, HTML and PDF forms (and the public
and internal audiences, which differ only in the knowledge base they are given) can never
disagree with each other.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Final

from veiligestad.index import LinkIndex, build_index
from veiligestad.model.statuses import QUESTION_DECISIONS, QUESTION_OPEN
from veiligestad.report.dates import date_field, entered, first_commit_dates, status_at
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

# The key figures, in the order a report lists them.
KEY_FIGURES: Final = (
    "questions_received",
    "questions_decided",
    "questions_accepted",
    "questions_referred",
    "questions_refused",
    "questions_advised",
    "questions_matched",
    "questions_delivered",
    "projects_started",
    "projects_finished",
    "students",
    "findings_reported",
    "recommendations_made",
    "presentations_given",
)
DECISION_FIGURE: Final = {"ready": "questions_accepted", "referred": "questions_referred",
                          "refused": "questions_refused", "advised": "questions_advised"}
WAITING: Final = ("submitted", "intake", "ready", "parked")
FOLLOW_UPS: Final = ("none", "responded", "adopted", "rejected")


@dataclass
class Facts:
    """The records of a knowledge base with the dates a report needs, worked out once."""

    kb: KnowledgeBase
    links: LinkIndex
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)
    project_start: dict[str, dt.date | None] = field(default_factory=dict)
    project_finish: dict[str, dt.date | None] = field(default_factory=dict)

    def themes_of_finding(self, data: dict[str, Any]) -> list[str]:
        """The themes of the questions a finding answers, in order, without repeats."""
        out: list[str] = []
        for qid in data.get("questions") or []:
            for theme in self.questions.get(qid, {}).get("themes") or []:
                if isinstance(theme, str) and theme not in out:
                    out.append(theme)
        return out


def _by_id(records: list[RecordFile]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.record_id is not None and record.data is not None:
            out.setdefault(record.record_id, record.data)
    return dict(sorted(out.items()))


def gather(kb: KnowledgeBase) -> Facts:
    """Index the records once; project dates fall back to the status history, then to git."""
    facts = Facts(kb, build_index(kb), _by_id(kb.records("question")),
                  _by_id(kb.records("project")), _by_id(kb.records("finding")))
    committed: dict[str, dt.date] | None = None
    rel_of = {r.record_id: r.rel for r in kb.records("project")}
    for pid, data in facts.projects.items():
        start = date_field(data, "start") or entered(data, "running")
        if start is None and data.get("status") != "planned":
            if committed is None:
                committed = first_commit_dates(kb.root)
            start = committed.get(rel_of.get(pid, ""))
        facts.project_start[pid] = start
        finish = entered(data, ("finished", "stopped"))
        if finish is None and data.get("status") in ("finished", "stopped"):
            finish = date_field(data, "end")
        facts.project_finish[pid] = finish
    return facts


def _within(day: object, start: dt.date, end: dt.date) -> bool:
    return isinstance(day, dt.date) and start <= day <= end


def _decision(data: dict[str, Any]) -> tuple[str, dt.date] | None:
    for status in QUESTION_DECISIONS:
        day = entered(data, status)
        if day is not None:
            return status, day
    return None


def _active(facts: Facts, pid: str, start: dt.date, end: dt.date) -> bool:
    began = facts.project_start.get(pid)
    ended = facts.project_finish.get(pid)
    return began is not None and began <= end and (ended is None or ended >= start)


def key_figures(facts: Facts, start: dt.date, end: dt.date) -> dict[str, int]:
    """Every key figure for the days ``start`` to ``end`` (both included)."""
    out = dict.fromkeys(KEY_FIGURES, 0)
    for data in facts.questions.values():
        if _within(data.get("received"), start, end):
            out["questions_received"] += 1
        decision = _decision(data)
        if decision and _within(decision[1], start, end):
            out["questions_decided"] += 1
            out[DECISION_FIGURE[decision[0]]] += 1
        if _within(entered(data, "matched"), start, end):
            out["questions_matched"] += 1
        if _within(entered(data, "delivered"), start, end):
            out["questions_delivered"] += 1
    for pid, data in facts.projects.items():
        if _within(facts.project_start.get(pid), start, end):
            out["projects_started"] += 1
        if data.get("status") == "finished" and _within(facts.project_finish.get(pid), start, end):
            out["projects_finished"] += 1
        if _active(facts, pid, start, end):
            count = data.get("student_count")
            out["students"] += count if isinstance(count, int) else 0
        for talk in data.get("presentations") or []:
            if isinstance(talk, dict) and _within(talk.get("date"), start, end):
                out["presentations_given"] += 1
    for data in facts.findings.values():
        if _within(data.get("reported"), start, end):
            out["findings_reported"] += 1
            out["recommendations_made"] += len(data.get("recommendations") or [])
    return out


def median_days(facts: Facts, start: dt.date, end: dt.date) -> dict[str, float | None]:
    """Median days from received to matched (matched in the period) and matched to delivered."""
    to_match: list[int] = []
    to_deliver: list[int] = []
    for data in facts.questions.values():
        received = date_field(data, "received")
        matched = entered(data, "matched")
        delivered = entered(data, "delivered")
        if received and matched and _within(matched, start, end):
            to_match.append((matched - received).days)
        if matched and delivered and _within(delivered, start, end):
            to_deliver.append((delivered - matched).days)
    return {
        "received_to_matched": float(statistics.median(to_match)) if to_match else None,
        "matched_to_delivered": float(statistics.median(to_deliver)) if to_deliver else None,
    }


def waiting_questions(facts: Facts, day: dt.date) -> list[tuple[str, dict[str, Any], str, int]]:
    """Questions still waiting on ``day`` (not yet with a student): ID, record, status, days."""
    out = []
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day:
            continue
        status = status_at(data, day)
        if status in WAITING:
            out.append((qid, data, status, (day - received).days))
    return sorted(out, key=lambda row: (-row[3], row[0]))


def next_semester_start(day: dt.date) -> dt.date:
    """The first day of the next semester: 1 February or 1 September after ``day``."""
    year = day.year
    for candidate in (dt.date(year, 2, 1), dt.date(year, 9, 1), dt.date(year + 1, 2, 1)):
        if candidate > day:
            return candidate
    raise AssertionError("unreachable")


def need_student(facts: Facts, day: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """Questions ready for a student on ``day`` that no project has taken up yet."""
    out = []
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day or status_at(data, day) != "ready":
            continue
        projects = facts.links.projects_of_question.get(qid, [])
        if not any((facts.project_start.get(p) or dt.date.max) <= day for p in projects):
            out.append((qid, data))
    return out


def open_by_theme(facts: Facts, day: dt.date) -> dict[str, list[str]]:
    """Open questions on ``day`` (submitted up to in progress, or parked), per theme."""
    out: dict[str, list[str]] = defaultdict(list)
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day:
            continue
        if status_at(data, day) in (*QUESTION_OPEN, "parked"):
            for theme in data.get("themes") or ["?"]:
                out[str(theme)].append(qid)
    return dict(sorted(out.items(), key=lambda item: (-len(item[1]), item[0])))


def follow_up_counts(facts: Facts, end: dt.date) -> Counter[str]:
    """Recommendations of findings reported up to ``end``, by what is known of their follow-up."""
    counts: Counter[str] = Counter(dict.fromkeys(FOLLOW_UPS, 0))
    for data in facts.findings.values():
        if not _within(data.get("reported"), dt.date.min, end):
            continue
        for rec in data.get("recommendations") or []:
            if isinstance(rec, dict):
                state = rec.get("follow_up") or "none"
                counts[state if state in FOLLOW_UPS else "none"] += 1
    return counts


def findings_per_theme(
    facts: Facts, quarters: list[tuple[dt.date, dt.date]]
) -> dict[str, list[int]]:
    """Findings reported per quarter, by the first theme of the questions they answer."""
    out: dict[str, list[int]] = {}
    for data in facts.findings.values():
        themes = facts.themes_of_finding(data) or ["?"]
        for i, (start, end) in enumerate(quarters):
            if _within(data.get("reported"), start, end):
                out.setdefault(themes[0], [0] * len(quarters))[i] += 1
    return dict(sorted(out.items(), key=lambda item: (-sum(item[1]), item[0])))
