"""``veiligestad history ID``: a record's commits, following renames, with the fields changed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
QUESTION = """\
id: Q-2026-010
title: Voelen meisjes zich veilig op weg naar de sportclub?
classification: internal
fictional: true
asked_by: welzijnswerk
themes: [sport]
research_question: Hoe veilig voelen meisjes zich onderweg?
received: 2026-06-02
status: submitted
status_history:
  - {date: 2026-06-02, to: submitted}
"""


def _history(root: Path, record_id: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["--kb", str(root), "history", record_id, "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["id"] == record_id
    commits = payload["commits"]
    assert isinstance(commits, list)
    return commits


def test_history_follows_a_renamed_record(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    old = base_kb / "data/questions/Q-2026-010.yaml"
    old.write_text(QUESTION, encoding="utf-8")
    first = commit_all(repo, "Intake of a question", "2026-06-02",
                       ("Coordinator", "coordinator@example.invalid"))
    text = QUESTION.replace("Q-2026-010", "Q-2026-003").replace(
        "Hoe veilig voelen meisjes zich onderweg?",
        "Welke routes naar de sportclub mijden meisjes, en waarom?")
    old.unlink()
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(text, encoding="utf-8")
    second = commit_all(repo, "Renumber the question and articulate it", "2026-06-10")
    text = text.replace("status: submitted", "status: intake").replace(
        "  - {date: 2026-06-02, to: submitted}\n",
        "  - {date: 2026-06-02, to: submitted}\n"
        "  - {date: 2026-06-12, from: submitted, to: intake}\n")
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(text, encoding="utf-8")
    third = commit_all(repo, "Intake started", "2026-06-12")

    commits = _history(base_kb, "Q-2026-003")
    assert [c["commit"] for c in commits] == [third, second, first]
    assert [c["change"] for c in commits] == ["changed", "renamed", "added"]
    assert commits[0]["fields"] == ["status", "status_history"]
    assert commits[0]["status"] == {"from": "submitted", "to": "intake"}
    assert commits[1]["old_path"] == "data/questions/Q-2026-010.yaml"
    assert commits[1]["path"] == "data/questions/Q-2026-003.yaml"
    assert commits[1]["fields"] == ["id", "research_question"]
    assert commits[1]["status"] is None
    assert commits[2]["author"] == "Coordinator"
    assert commits[2]["message"] == "Intake of a question"
    assert str(commits[2]["date"]).startswith("2026-06-02")
    assert commits[2]["status"] == {"from": None, "to": "submitted"}


def test_history_table_makes_status_changes_stand_out(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    path = base_kb / "data/findings/F-2026-9ZXA.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("review: draft", "review: reviewed"),
                    encoding="utf-8")
    commit_all(repo, "Reviewed by the supervisor", "2026-07-01")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "history",
                                 "F-2026-9ZXA"])
    assert result.exit_code == 0, result.output
    assert "History of F-2026-9ZXA: 2 commit(s)" in result.stdout
    assert "status draft → reviewed" in result.stdout
    assert "Reviewed by the supervisor" in result.stdout


def test_history_of_an_unknown_record_or_without_git_is_a_usage_error(base_kb: Path) -> None:
    no_git = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "history", "Q-2026-001"])
    assert no_git.exit_code == 2 and "git" in no_git.stderr
    init_repo(base_kb)
    unknown = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "history", "Q-2026-999"])
    assert unknown.exit_code == 2
    assert "Q-2026-999 has no history" in unknown.stderr
    nonsense = runner.invoke(app, ["--kb", str(base_kb), "history", "--", "-rf"])
    assert nonsense.exit_code == 2


def test_history_of_a_removed_record_is_still_shown(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    (base_kb / "data/findings/F-2026-9ZXA.yaml").unlink()
    commit_all(repo, "Withdraw a finding", "2026-08-01")
    commits = _history(base_kb, "F-2026-9ZXA")
    assert [c["change"] for c in commits] == ["removed", "added"]
