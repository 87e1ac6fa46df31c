"""``gaps``: each of the five groups, measured against a pinned date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.query.conftest import EXTRA
from veiligestad.cli.main import app
from veiligestad.commands.gaps import find_gaps, next_semester
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store.kb import open_kb

FINISHED_EMPTY = """\
id: P-2026-002
title: Project zonder bevindingen
fictional: true
questions: [Q-2026-003]
type: action_research
institution: hogeschool
period: {academic_year: 2025-2026, semester: 2}
start: 2026-02-16
end: 2026-06-30
status: finished
"""

DELIVERED = """\
id: Q-2026-006
title: Opgeleverd maar niet besproken
fictional: true
asked_by: veiligheid
themes: [ov]
received: 2026-01-05
status: delivered
status_history:
  - {date: 2026-01-05, to: submitted}
  - {date: 2026-01-06, from: submitted, to: intake}
  - {date: 2026-01-07, from: intake, to: ready}
  - {date: 2026-01-08, from: ready, to: matched}
  - {date: 2026-01-09, from: matched, to: in_progress}
  - {date: 2026-10-01, from: in_progress, to: delivered}
"""


@pytest.fixture
def root(base_kb: Path) -> Path:
    for rel, text in EXTRA.items():
        (base_kb / rel).write_text(text, encoding="utf-8")
    waiting = base_kb / "data/questions/Q-2026-004.yaml"
    waiting.write_text(waiting.read_text().replace("status: submitted", "status: ready")
                       + "needed_by: 2027-03-01\n")
    (base_kb / "data/projects/P-2026-002.yaml").write_text(FINISHED_EMPTY)
    (base_kb / "data/questions/Q-2026-006.yaml").write_text(DELIVERED)
    return base_kb


def gaps_on(root: Path, today: dt.date) -> dict[str, list[dict[str, object]]]:
    return find_gaps(context(open_kb(root, Translator("en")), today)).groups


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2026, 1, 31), (dt.date(2026, 2, 1), dt.date(2026, 8, 31))),
    (dt.date(2026, 2, 1), (dt.date(2026, 9, 1), dt.date(2027, 1, 31))),
    (dt.date(2026, 11, 27), (dt.date(2027, 2, 1), dt.date(2027, 8, 31))),
])
def test_next_semester(today: dt.date, expected: tuple[dt.date, dt.date]) -> None:
    assert next_semester(today) == expected


def test_every_group(root: Path) -> None:
    groups = gaps_on(root, dt.date(2026, 11, 27))
    waiting = groups["ready_without_project"]
    assert [(r["id"], r["days_waiting"], r["before_next_semester"], r["overdue"])
            for r in waiting] == [
        ("Q-2026-004", 99, True, True),  # needed 2027-03-01, before the spring semester ends
    ]
    assert [r["id"] for r in groups["finished_without_findings"]] == ["P-2026-002"]
    assert [r["id"] for r in groups["findings_without_recommendations"]] == ["F-2026-9ZXA"]
    assert groups["recommendations_without_follow_up"] == []  # 149 days < 180
    assert groups["answered_not_fed_back"] == [
        {"id": "Q-2026-006", "title": "Opgeleverd maar niet besproken",
         "asked_by": "veiligheid", "delivered_on": "2026-10-01", "days": 57}]


def test_follow_up_after_the_threshold(root: Path) -> None:
    silent = gaps_on(root, dt.date(2027, 1, 1))["recommendations_without_follow_up"]
    assert silent == [{"finding": "F-2026-7KQ3", "number": 1, "to": "wijkregie",
                       "text": "Verbeter de verlichting langs de looproute.",
                       "since": "2026-07-01", "days": 184}]


def test_a_question_taken_up_is_no_gap(root: Path) -> None:
    path = root / "data/projects/P-2026-002.yaml"
    path.write_text(path.read_text().replace("[Q-2026-003]", "[Q-2026-003, Q-2026-004]"))
    assert gaps_on(root, dt.date(2026, 11, 27))["ready_without_project"] == []


def test_cli_table_and_json(root: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "gaps"])
    assert result.exit_code == 0
    assert "Questions ready without a project (1)" in result.stdout
    assert ("  Q-2026-004 Online intimidatie van scholieren — Police, waiting 99 days "
            "[needed by 2027-03-01: match for the next semester; waiting longer than the "
            "threshold]") in result.stdout.splitlines()
    assert "Recommendations without follow-up (0)\n  none" in result.stdout
    assert result.stdout.rstrip().endswith(
        "5 gap(s); the next semester runs from 2027-02-01 to 2027-08-31")
    result = runner.invoke(app, ["--kb", str(root), "gaps", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["counts"] == {"waiting_for_intake": 0, "taken_up_without_project": 0,
                              "running_past_end": 0, "running_before_start": 0,
                              "suspect_links": 0,
                              "drafts_unpublished": 1,  # F-2026-9ZXA, draft since 2026-06-22
                              "ready_without_project": 1, "finished_without_findings": 1,
                              "findings_without_recommendations": 1,
                              "recommendations_without_follow_up": 0,
                              "answered_not_fed_back": 1}
    assert data["thresholds"]["follow_up_days"] == 180
