"""suspect-link: a changed research question makes its projects' links suspect until reviewed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
QUESTION = "data/questions/Q-2026-001.yaml"
OLD_RQ = "Welke plekken rond het station ervaren vrouwen 's avonds als onveilig, en waarom?"
NEW_RQ = "Welke plekken rond het station mijden vrouwen 's avonds, en wat zou helpen?"


def _suspects(root: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "validate", "-f", "json"])
    assert result.exit_code == 0, result.stdout
    return [p for p in json.loads(result.stdout)["problems"] if p["rule"] == "suspect-link"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _review(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "review", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def stamped(base_kb: Path) -> Path:
    """The base knowledge base in git, with every link reviewed and committed."""
    repo = init_repo(base_kb)
    out = _review(base_kb, "--all")
    assert "P-2026-001: links re-stamped (Q-2026-001, Q-2026-002)" in out
    commit_all(repo, "Review all links", "2026-06-02")
    assert _suspects(base_kb) == []
    return base_kb


def test_editing_a_research_question_makes_links_suspect_and_review_clears_them(
    stamped: Path,
) -> None:
    _edit(stamped / QUESTION, OLD_RQ, NEW_RQ)
    suspects = _suspects(stamped)
    assert {(p["path"], p["severity"]) for p in suspects} == {
        ("data/projects/P-2026-001.yaml", "warning"),
        ("data/findings/F-2026-7KQ3.yaml", "warning"),
    }
    for problem in suspects:
        # What changed is named, read from git (the stamped version was committed).
        assert problem["message"] == ("Q-2026-001 changed since this link was last reviewed: "
                                      "research_question")
        assert problem["line"] is not None
    strict = runner.invoke(app, ["--kb", str(stamped), "validate", "--strict"])
    assert strict.exit_code == 1

    _review(stamped, "P-2026-001")
    assert {p["path"] for p in _suspects(stamped)} == {"data/findings/F-2026-7KQ3.yaml"}
    _review(stamped, "--all")
    assert _suspects(stamped) == []


def test_editing_a_field_that_does_not_matter_changes_nothing(stamped: Path) -> None:
    _edit(stamped / QUESTION, "title: Hoe veilig", "title: Hoe  veilig (herzien)")
    _edit(stamped / QUESTION, "intended_use: policy_input", "intended_use: monitoring")
    assert _suspects(stamped) == []
    out = _review(stamped, "P-2026-001")
    assert "P-2026-001: links already reviewed, nothing changed" in out


def test_a_change_of_the_project_s_questions_makes_its_findings_suspect(stamped: Path) -> None:
    _edit(stamped / "data/projects/P-2026-001.yaml", "questions: [Q-2026-001, Q-2026-002]",
          "questions: [Q-2026-002, Q-2026-001]")
    messages = {p["path"]: p["message"] for p in _suspects(stamped)}
    assert messages == {
        "data/findings/F-2026-7KQ3.yaml":
            "P-2026-001 changed since this link was last reviewed: questions",
        "data/findings/F-2026-9ZXA.yaml":
            "P-2026-001 changed since this link was last reviewed: questions",
    }


def test_without_git_the_warning_names_the_fields_that_matter(base_kb: Path) -> None:
    _review(base_kb, "--all")
    _edit(base_kb / QUESTION, OLD_RQ, NEW_RQ)
    messages = {p["message"] for p in _suspects(base_kb)}
    assert messages == {"Q-2026-001 changed since this link was last reviewed "
                        "(one of: research_question, themes)"}


def test_the_fields_that_matter_are_set_in_the_config(stamped: Path) -> None:
    config = stamped / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "suspect_fields:\n  question: [title]\n", encoding="utf-8")
    # The stamps were made with other fields: review once under the new setting.
    _review(stamped, "--all")
    _edit(stamped / QUESTION, OLD_RQ, NEW_RQ)
    assert _suspects(stamped) == []
    _edit(stamped / QUESTION, "title: Hoe veilig", "title: Hoe onveilig")
    assert {p["path"] for p in _suspects(stamped)} == {"data/projects/P-2026-001.yaml",
                                                       "data/findings/F-2026-7KQ3.yaml"}


def test_a_bad_suspect_fields_setting_is_a_usage_error(base_kb: Path) -> None:
    config = base_kb / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "suspect_fields:\n  question: [no_such_field]\n", encoding="utf-8")
    _edit(base_kb / "data/projects/P-2026-001.yaml", "status: finished",
          "status: finished\nlink_stamps: {Q-2026-001: 0123abcd}")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "suspect_fields.question" in result.stderr


def test_a_stamp_written_by_hand_is_reported(base_kb: Path) -> None:
    _edit(base_kb / "data/projects/P-2026-001.yaml", "status: finished",
          "status: finished\nlink_stamps:\n  Q-2026-001: 12345\n")
    suspects = _suspects(base_kb)
    assert [(p["message"], p["line"]) for p in suspects] == [
        ("the stamp of Q-2026-001 is not a fingerprint the tool wrote", 21)]


def test_a_target_with_aliases_is_never_expanded(stamped: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(f"  {line}" for line in levels)
    path = stamped / QUESTION
    _edit(path, f"research_question: {OLD_RQ}", f"extra:\n{bomb}\nresearch_question: *i")
    result = runner.invoke(app, ["--kb", str(stamped), "--lang", "en", "validate", "-f", "json"])
    assert result.exit_code == 1  # the anchors are errors of their own
    rules = {p["rule"] for p in json.loads(result.stdout)["problems"]}
    assert "yaml-anchor" in rules and "suspect-link" not in rules
    code = runner.invoke(app, ["--kb", str(stamped), "review", "P-2026-001"]).exit_code
    assert code == 0


def test_a_pull_request_changing_a_question_is_told_which_records_to_look_at(
    stamped: Path,
) -> None:
    import git

    repo = git.Repo(stamped)
    repo.git.checkout("-q", "-b", "sharpen-question")
    _edit(stamped / QUESTION, OLD_RQ, NEW_RQ)
    commit_all(repo, "Sharpen the research question", "2026-06-10")
    result = runner.invoke(app, ["--kb", str(stamped), "--lang", "en", "validate",
                                 "--changed-since", "main", "-f", "json"])
    assert result.exit_code == 0, result.stdout
    problems = json.loads(result.stdout)["problems"]
    assert {(p["path"], p["rule"]) for p in problems} == {
        ("data/projects/P-2026-001.yaml", "suspect-link"),
        ("data/findings/F-2026-7KQ3.yaml", "suspect-link"),
    }
