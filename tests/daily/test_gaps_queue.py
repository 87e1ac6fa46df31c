"""``gaps`` shows the coordinator's whole queue: every group with its count, oldest first, and
the same groups in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import TODAY
from veiligestad.cli.main import app
from veiligestad.commands.gaps import GROUPS, find_gaps
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store.kb import open_kb


def _question(number: str, status: str, received: str, history: str = "") -> str:
    return (f"id: Q-2026-{number}\ntitle: Vraag {number}\nfictional: true\nasked_by: politie\n"
            f"themes: [preventie]\nreceived: {received}\nstatus: {status}\n{history}")


def _project(number: str, start: str, end: str) -> str:
    return (f"id: P-2026-{number}\ntitle: Project {number}\nfictional: true\n"
            "questions: [Q-2026-001]\ntype: thesis\ninstitution: universiteit\n"
            "programme: criminologie\nperiod: {academic_year: 2026-2027}\n"
            f"start: {start}\nend: {end}\nstatus: running\n")


@pytest.fixture
def root(base_kb: Path) -> Path:
    files = {
        "data/questions/Q-2026-010.yaml": _question("010", "submitted", "2026-10-01"),
        "data/questions/Q-2026-011.yaml": _question("011", "intake", "2026-09-01"),
        "data/questions/Q-2026-012.yaml": _question(
            "012", "matched", "2026-08-01",
            "status_history:\n  - {date: 2026-08-01, to: submitted}\n"
            "  - {date: 2026-08-02, from: submitted, to: intake}\n"
            "  - {date: 2026-08-03, from: intake, to: ready}\n"
            "  - {date: 2026-09-10, from: ready, to: matched}\n"),
        "data/projects/P-2026-002.yaml": _project("002", "2026-09-01", "2026-10-01"),
        "data/projects/P-2026-003.yaml": _project("003", "2027-01-20", "2027-06-30"),
    }
    for rel, text in files.items():
        (base_kb / rel).write_text(text, encoding="utf-8")
    project = base_kb / "data/projects/P-2026-001.yaml"
    project.write_text(project.read_text(encoding="utf-8")
                       + "link_stamps:\n  Q-2026-001: '00000000'\n", encoding="utf-8")
    return base_kb


def test_the_coordinators_queue(root: Path) -> None:
    groups = find_gaps(context(open_kb(root, Translator("en")), TODAY)).groups
    assert list(groups) == list(GROUPS)
    assert [(r["id"], r["days"]) for r in groups["waiting_for_intake"]] == [
        ("Q-2026-011", 87), ("Q-2026-010", 57)]  # oldest first
    assert [(r["id"], r["status"]) for r in groups["taken_up_without_project"]] == [
        ("Q-2026-012", "matched")]
    assert [(r["id"], r["days"]) for r in groups["running_past_end"]] == [("P-2026-002", 57)]
    assert [(r["id"], r["days"]) for r in groups["running_before_start"]] == [
        ("P-2026-003", 54)]
    assert [(r["holder"], r["target"]) for r in groups["suspect_links"]] == [
        ("P-2026-001", "Q-2026-001")]
    assert [(r["id"], r["days"]) for r in groups["drafts_unpublished"]] == [
        ("F-2026-9ZXA", 158)]


def test_text_and_json_show_the_same_groups(root: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["--kb", str(root), "--lang", "en", "gaps"])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    titles = [line for line in lines if line and not line.startswith(" ")][:-1]
    assert len(titles) == len(GROUPS)
    assert titles[:6] == [
        "Questions waiting for intake (2)",
        "Questions matched or in progress without a project (1)",
        "Running projects past their end date (1)",
        "Running projects that have not started yet (1)",
        "Suspect links waiting for review (1)",
        "Findings in draft for long (1)",
    ]
    assert "  Q-2026-011 Vraag 011 — Police, in intake, received 2026-09-01, 87 days ago" in lines
    assert any("P-2026-001" in line and "veiligestad review P-2026-001" in line
               for line in lines)
    data = json.loads(runner.invoke(app, ["--kb", str(root), "gaps", "-f", "json"]).stdout)
    assert list(data["groups"]) == list(GROUPS)
    assert data["counts"] == {name: len(rows) for name, rows in data["groups"].items()}
    assert data["counts"]["waiting_for_intake"] == 2
    assert [r["id"] for r in data["groups"]["waiting_for_intake"]] == ["Q-2026-011",
                                                                      "Q-2026-010"]
