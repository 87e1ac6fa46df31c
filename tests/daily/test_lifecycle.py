"""States that cannot be true are refused by the writing commands (and reported by validate)."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import TODAY
from veiligestad.cli.main import app

runner = CliRunner()


def _load(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _kb(root: Path) -> list[str]:
    return ["--kb", str(root), "--lang", "en"]


def test_a_question_is_matched_only_by_a_project(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, [*_kb(root), "status", "Q-2026-012", "matched"])
    assert result.exit_code == 2, result.output
    assert "no project takes up Q-2026-012" in result.output
    assert "veiligestad link P-" in result.output
    assert snapshot(root) == before


def test_refused_and_referred_need_a_reason(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    assert runner.invoke(app, [*_kb(root), "status", "Q-2026-014", "intake"]).exit_code == 0
    before = snapshot(root)
    for decision in ("refused", "referred"):
        result = runner.invoke(app, [*_kb(root), "status", "Q-2026-014", decision])
        assert result.exit_code == 2, result.output
        assert "--reason" in result.output
        blank = runner.invoke(app, [*_kb(root), "status", "Q-2026-014", decision,
                                    "--reason", "   "])
        assert blank.exit_code == 2, blank.output
    assert snapshot(root) == before
    done = runner.invoke(app, [*_kb(root), "status", "Q-2026-014", "refused",
                               "--reason", "Geen onderzoeksvraag."])
    assert done.exit_code == 0, done.output
    assert _load(root, "data/questions/Q-2026-014.yaml")["decision_reason"] == \
        "Geen onderzoeksvraag."
    assert_valid(root)


def test_reviewed_by_fills_reviewed_by(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, [*_kb(root), "status", "F-2026-6HGT", "reviewed",
                                 "--by", "dr. Jansen"])
    assert result.exit_code == 0, result.output
    data = _load(root, "data/findings/F-2026-6HGT.yaml")
    assert data["review"] == "reviewed"
    assert data["reviewed_by"] == "dr. Jansen"
    assert_valid(root)


def _new_project(root: Path, question: str, *extra: str) -> object:
    return runner.invoke(app, [
        *_kb(root), "new", "project", "--no-input", "--title", "Deepfakes op school",
        "-q", question, "--type", "thesis", "--institution", "universiteit_leiden",
        "--programme", "criminologie", "--academic-year", "2026-2027", "--semester", "2",
        *extra])


def test_new_project_refuses_questions_not_ready_for_a_project(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    for question, status in (("Q-2026-014", "submitted"), ("Q-2026-013", "intake"),
                             ("Q-2025-001", "closed"), ("Q-2026-009", "refused")):
        result = _new_project(root, question)
        assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
        assert f"{question} is '{status}'" in result.output  # type: ignore[attr-defined]
    assert snapshot(root) == before


def test_new_project_refuses_a_start_outside_its_period(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = _new_project(root, "Q-2026-012", "--start", "2026-02-01", "--end", "2026-06-30")
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "outside its academic period (2027-01-15 to 2027-08-31)" in \
        result.output  # type: ignore[attr-defined]
    assert snapshot(root) == before


def test_new_project_writes_no_ethics_answers_nobody_gave(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = _new_project(root, "Q-2026-012", "--start", "2027-02-01")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = (root / "data/projects/P-2026-008.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ethics = data.get("ethics") or {}
    for key in ("minors", "consent", "dmp", "supervisor_check", "dpia"):
        assert key not in ethics, text
    assert "minors" in text  # still there to be filled in, as a comment
    assert_valid(root)


def test_link_offers_to_move_a_ready_question_to_matched(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    # P-2026-007 is planned; Q-2026-012 is ready
    result = runner.invoke(app, [*_kb(root), "link", "P-2026-007", "Q-2026-012"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "matched" in result.output
    data = _load(root, "data/questions/Q-2026-012.yaml")
    assert data["status"] == "matched"
    assert data["status_history"][-1]["to"] == "matched"  # type: ignore[index]
    assert data["status_history"][-1]["date"] == TODAY  # type: ignore[index]
    assert_valid(root)


def test_link_without_input_moves_only_with_the_flag(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, [*_kb(root), "link", "P-2026-007", "Q-2026-012", "--no-input"])
    assert result.exit_code == 0, result.output
    assert _load(root, "data/questions/Q-2026-012.yaml")["status"] == "ready"
    assert "veiligestad status Q-2026-012 matched" in result.output
    root2 = copy_example(tmp_path / "kb2")
    result = runner.invoke(app, [*_kb(root2), "link", "P-2026-007", "Q-2026-012", "--no-input",
                                 "--match"])
    assert result.exit_code == 0, result.output
    assert _load(root2, "data/questions/Q-2026-012.yaml")["status"] == "matched"
    assert_valid(root2)


def test_unlink_refuses_to_leave_a_question_in_progress_without_project(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    # P-2026-006 is the only project of Q-2026-007 (matched); give it a second question
    assert runner.invoke(app, [*_kb(root), "link", "P-2026-006", "Q-2026-012",
                               "--no-match"]).exit_code == 0
    before = snapshot(root)
    result = runner.invoke(app, [*_kb(root), "unlink", "P-2026-006", "Q-2026-007"])
    assert result.exit_code == 2, result.output
    assert "P-2026-006 is the only project of Q-2026-007" in result.output
    assert "veiligestad status Q-2026-007 ready" in result.output
    assert snapshot(root) == before


def test_new_project_offers_to_match_its_ready_question(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = _new_project(root, "Q-2026-012", "--start", "2027-02-01", "--match")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.output.strip().splitlines()[-1] == "P-2026-008"  # type: ignore[attr-defined]
    assert _load(root, "data/questions/Q-2026-012.yaml")["status"] == "matched"
    assert_valid(root)
    other = copy_example(tmp_path / "kb2")
    result = _new_project(other, "Q-2026-012")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "veiligestad status Q-2026-012 matched" in result.output  # type: ignore[attr-defined]
    assert _load(other, "data/questions/Q-2026-012.yaml")["status"] == "ready"
