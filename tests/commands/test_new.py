"""``veiligestad new project|finding``, and findings added on two branches that merge cleanly."""

from __future__ import annotations

from pathlib import Path

import git
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import TODAY
from veiligestad.cli.main import app

runner = CliRunner()


def _load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_new_project_scripted(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, [
        "--kb", str(root), "new", "project", "--no-input", "--title", "Deepfakes op school",
        "-q", "Q-2026-012", "--type", "thesis", "--institution", "universiteit_leiden",
        "--programme", "criminologie", "--academic-year", "2026-2027", "--semester", "2",
        "--start", "1-2-2027", "--end", "30-6-2027", "--student-count", "1",
        "--method", "interviews", "--method", "literature", "--by", "coördinator"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "P-2026-008"
    path = root / "data/projects/P-2026-008.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/project.schema.json\n")
    data = _load(path)
    assert data["questions"] == ["Q-2026-012"]
    assert data["period"] == {"academic_year": "2026-2027", "semester": 2}
    assert data["status"] == "planned"
    assert data["status_history"] == [{"date": TODAY, "to": "planned", "by": "coördinator"}]
    assert_valid(root)


def test_new_project_refuses_a_programme_of_another_institution(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, [
        "--kb", str(root), "--lang", "en", "new", "project", "--no-input", "--title", "x",
        "-q", "Q-2026-012", "--type", "thesis", "--institution", "universiteit_leiden",
        "--programme", "social_work", "--academic-year", "2026-2027"])
    assert result.exit_code == 2
    assert "programme social_work does not belong to universiteit_leiden" in result.output
    assert "criminologie, psychologie" in result.output
    unknown = runner.invoke(app, [
        "--kb", str(root), "--lang", "en", "new", "project", "--no-input", "--title", "x",
        "-q", "Q-2026-12", "--type", "thesis", "--institution", "universiteit_leiden",
        "--academic-year", "2026-2027"])
    assert unknown.exit_code == 2
    assert "there is no record with ID Q-2026-12" in unknown.output
    assert "did you mean Q-2026-012?" in unknown.output
    assert snapshot(root) == before


def test_new_finding_at_the_prompt_offers_only_the_projects_questions(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    answers = "\n".join([
        "Q-2026-001",          # not a question of P-2026-002: asked again
        "2",                   # the second of the project's questions
        "Omstanders grijpen vaker in als ze weten hoe",
        "Fictief: in dit verzonnen voorbeeld grijpen omstanders vaker in na een training.",
        "explanatory",
        "",                    # intervention
        "omstandergedrag",
        "",                    # reported: today
        "",                    # classification: internal
    ]) + "\n"
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "new", "finding",
                                 "--project", "P-2026-002"], input=answers)
    assert result.exit_code == 0, result.output
    offered = result.output.split("questions:", 1)[1].split("answer:", 1)[0]
    assert "Q-2026-002" in offered and "Q-2026-003" in offered
    assert "Q-2026-001" not in offered
    assert "questions: 'Q-2026-001' is not an allowed value" in result.output
    new_id = result.output.strip().splitlines()[-1]
    data = _load(root / f"data/findings/{new_id}.yaml")
    assert data["project"] == "P-2026-002" and data["questions"] == ["Q-2026-003"]
    assert data["review"] == "draft" and data["reported"] == TODAY
    assert data["status_history"] == [{"date": TODAY, "to": "draft", "by": "Test Student"}]
    assert_valid(root)


def test_a_project_chosen_at_the_prompt_offers_its_only_question_as_the_answer(
        tmp_path: Path) -> None:
    """--project with one question takes it; so does an empty answer once the project is
    chosen at the prompt (it said "questions is required")."""
    root = copy_example(tmp_path / "kb")
    answers = "\n".join([
        "P-2026-004",          # the project, chosen here
        "",                    # questions: the project's only one
        "Een titel", "Fictief: een uitspraak.", "explanatory", "", "", "", "",
    ]) + "\n"
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "new", "finding"],
                           input=answers)
    assert result.exit_code == 0, result.output
    assert "[Q-2026-005]" in result.output.split("questions:", 1)[1]
    new_id = result.output.strip().splitlines()[-1]
    assert _load(root / f"data/findings/{new_id}.yaml")["questions"] == ["Q-2026-005"]
    assert_valid(root)


def test_new_finding_scripted_refuses_a_question_outside_the_project(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    args = ["--kb", str(root), "--lang", "en", "new", "finding", "--no-input", "-p",
            "P-2026-004", "--title", "t", "--statement", "s", "--type", "prevalence"]
    wrong = runner.invoke(app, [*args, "-q", "Q-2026-001"])
    assert wrong.exit_code == 2
    assert "Q-2026-001 is not a question of project P-2026-004" in wrong.output
    assert "questions of P-2026-004: Q-2026-005" in wrong.output
    early = runner.invoke(app, [*args, "-p", "P-2026-007"])  # a project that has not begun
    assert early.exit_code == 2 and "P-2026-007 only starts on 2027-02-01" in early.output
    assert snapshot(root) == before
    right = runner.invoke(app, args)  # the project's only question is taken
    assert right.exit_code == 0, right.output
    assert_valid(root)


def _student_adds_a_finding(repo: git.Repo, root: Path, branch: str, title: str) -> None:
    repo.git.checkout("-b", branch, "main")
    result = runner.invoke(app, ["--kb", str(root), "new", "finding", "--no-input",
                                 "--project", "P-2026-004", "--title", title, "--statement",
                                 f"Fictief: {title}.", "--type", "process_evaluation",
                                 "--commit"])
    assert result.exit_code == 0, result.output


def test_findings_added_on_two_branches_merge_without_duplicates(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "Kennisbank")
    _student_adds_a_finding(repo, root, "student-a", "Lessen worden goed bezocht")
    _student_adds_a_finding(repo, root, "student-b", "Docenten willen een handleiding")
    repo.git.checkout("main")
    repo.git.merge("student-a", "--no-edit")
    repo.git.merge("student-b", "--no-edit")
    findings = sorted(p.name for p in (root / "data/findings").glob("*.yaml"))
    assert len(findings) == 21
    titles = {_load(root / "data/findings" / name)["title"] for name in findings}
    assert {"Lessen worden goed bezocht", "Docenten willen een handleiding"} <= titles
    assert repo.is_dirty(untracked_files=True) is False
    assert_valid(root)


def test_new_project_at_the_prompt_numbers_only_the_institutions_programmes(tmp_path: Path
                                                                            ) -> None:
    root = copy_example(tmp_path / "kb")
    answers = "\n".join([
        "Sport en veiligheid",  # title
        "Q-2099-001",           # questions: unknown, asked again
        "Q-2026-012",
        "2",                    # type: thesis
        "Universiteit Leiden",  # institution by its label
        "1",                    # programme: the first of this institution's (criminologie)
        "2026-27",              # academic_year: wrong form, asked again
        "2026-2027",
        "3",                    # semester: out of range, asked again
        "2",
        "1-2-2027", "30-6-2027", "2", "", "interviews; literature", "",
    ]) + "\n"
    result = runner.invoke(app, ["--kb", str(root), "new", "project"], input=answers)
    assert result.exit_code == 0, result.output
    assert "toegepaste_psychologie" not in result.output.split("programme:", 1)[1].split(
        "academic_year:", 1)[0]
    data = _load(root / "data/projects/P-2026-008.yaml")
    assert data["programme"] == "criminologie"
    assert data["period"] == {"academic_year": "2026-2027", "semester": 2}
    assert data["methods"] == ["interviews", "literature"]
    assert_valid(root)
