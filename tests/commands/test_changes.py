"""``veiligestad changes``: records added, changed and removed, and status changes, per period."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
NEW_QUESTION = """\
id: Q-2026-003
title: Hoe veilig is de avondbus?
fictional: true
asked_by: politie
themes: [ov]
received: 2026-07-08
status: submitted
status_history:
  - {date: 2026-07-08, to: submitted}
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def history(base_kb: Path) -> tuple[Path, git.Repo, dict[str, str]]:
    """A knowledge base with a known history from June to October 2026."""
    repo = init_repo(base_kb, "2026-06-15")
    shas = {"start": repo.head.commit.hexsha}
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(NEW_QUESTION, encoding="utf-8")
    shas["added"] = commit_all(repo, "Intake: avondbus", "2026-07-10")
    _edit(base_kb / "data/questions/Q-2026-001.yaml", "en waarom?", "en wat helpt?")
    _edit(base_kb / "data/questions/Q-2026-002.yaml", "status: in_progress", "status: delivered")
    _edit(base_kb / "data/questions/Q-2026-002.yaml",
          "  - {date: 2026-02-16, from: matched, to: in_progress}\n",
          "  - {date: 2026-02-16, from: matched, to: in_progress}\n"
          "  - {date: 2026-08-01, from: in_progress, to: delivered}\n")
    shas["edited"] = commit_all(repo, "Sharpen a question; deliver another", "2026-08-01")
    (base_kb / "data/findings/F-2026-9ZXA.yaml").unlink()
    shas["removed"] = commit_all(repo, "Withdraw a draft finding", "2026-09-20")
    _edit(base_kb / "data/questions/Q-2026-003.yaml", "status: submitted", "status: intake")
    shas["after"] = commit_all(repo, "After the period", "2026-10-05")
    return base_kb, repo, shas


def _changes(root: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["--kb", str(root), "changes", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert isinstance(payload, dict)
    return payload


def _summary(payload: dict[str, object]) -> dict[str, object]:
    def ids(name: str) -> list[tuple[str, str, list[str]]]:
        items = payload[name]
        assert isinstance(items, list)
        return [(r["id"], r["date"][:10], r["fields"]) for r in items]

    statuses = payload["status_changes"]
    assert isinstance(statuses, list)
    return {
        "added": ids("added"), "changed": ids("changed"), "removed": ids("removed"),
        "status": [(s["id"], s["date"][:10], s["from"], s["to"]) for s in statuses],
    }


EXPECTED_Q3 = {
    "added": [("Q-2026-003", "2026-07-10", [])],
    "changed": [("Q-2026-001", "2026-08-01", ["research_question"]),
                ("Q-2026-002", "2026-08-01", ["status", "status_history"])],
    "removed": [("F-2026-9ZXA", "2026-09-20", [])],
    "status": [("Q-2026-002", "2026-08-01", "in_progress", "delivered")],
}


def test_changes_in_a_quarter_match_what_happened(history: tuple[Path, git.Repo,
                                                                 dict[str, str]]) -> None:
    root, _, _ = history
    payload = _changes(root, "--since", "2026-07-01", "--until", "2026-09-30")
    assert _summary(payload) == EXPECTED_Q3


def test_changes_between_refs_are_the_same(history: tuple[Path, git.Repo,
                                                          dict[str, str]]) -> None:
    root, _, shas = history
    payload = _changes(root, "--since", shas["start"], "--until", shas["removed"])
    assert _summary(payload) == EXPECTED_Q3
    assert payload["from_commit"] == shas["start"] and payload["to_commit"] == shas["removed"]


def test_changes_until_now_include_the_later_status_change(
    history: tuple[Path, git.Repo, dict[str, str]],
) -> None:
    root, _, _ = history
    summary = _summary(_changes(root, "--since", "2026-07-01"))
    # Added and then changed within the period: still "added", with its status change listed.
    assert summary["added"] == [("Q-2026-003", "2026-10-05", [])]
    assert ("Q-2026-003", "2026-10-05", "submitted", "intake") in summary["status"]  # type: ignore[operator]


def test_a_merged_pull_request_counts_on_the_day_it_was_merged(base_kb: Path) -> None:
    repo = init_repo(base_kb, "2026-06-15")
    repo.git.checkout("-q", "-b", "student")
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(NEW_QUESTION, encoding="utf-8")
    commit_all(repo, "Written in June", "2026-06-20")
    repo.git.checkout("-q", "main")
    repo.git.merge("--no-ff", "-q", "-m", "Merge the pull request", "student",
                   env={"GIT_AUTHOR_DATE": "1783500000 +0200",  # 2026-07-08
                        "GIT_COMMITTER_DATE": "1783500000 +0200"})
    summary = _summary(_changes(base_kb, "--since", "2026-07-01", "--until", "2026-07-31"))
    assert summary["added"] == [("Q-2026-003", "2026-07-08", [])]
    june = _summary(_changes(base_kb, "--since", "2026-06-16", "--until", "2026-06-30"))
    assert june["added"] == []


def test_changes_table_and_bad_input(history: tuple[Path, git.Repo, dict[str, str]]) -> None:
    root, _, _ = history
    table = runner.invoke(app, ["--kb", str(root), "--lang", "en", "changes", "--since",
                                "2026-07-01", "--until", "2026-09-30"])
    assert table.exit_code == 0, table.output
    for text in ("Added: 1", "Changed: 2", "Removed: 1", "Status changes: 1",
                 "in progress → delivered", "Hoe veilig is de avondbus?"):
        assert text in table.stdout, text
    for bad in ("2026-13-45", "no-such-ref"):
        result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "changes", "--since",
                                     bad])
        assert result.exit_code == 2, bad
        assert "Traceback" not in result.output
