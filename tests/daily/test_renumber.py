"""Questions and projects numbered alike on two branches: validate names the conflict, and
``renumber`` gives the merged branch's records the next numbers and fixes every reference."""

from __future__ import annotations

import contextlib
from pathlib import Path

import git
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example
from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()


def _run(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args])
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _intake_and_project(repo: git.Repo, root: Path, branch: str, title: str) -> None:
    repo.git.checkout("-b", branch, "main")
    _run(root, "intake", "question", "--no-input", "--title", title, "--asked-by", "politie",
         "--theme", "preventie", "--by", "coördinator")
    _run(root, "status", "Q-2026-015", "intake")
    _run(root, "status", "Q-2026-015", "ready", "--reason", "Past bij een scriptie.")
    _run(root, "new", "project", "--no-input", "--title", f"Project: {title}", "-q",
         "Q-2026-015", "--type", "thesis", "--institution", "universiteit_leiden",
         "--academic-year", "2026-2027", "--semester", "2")
    _run(root, "link", "P-2026-007", "Q-2026-015", "--no-input", "--no-match")
    commit_all(repo, f"Intake op {branch}", "2026-11-20")


def _load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_two_branches_that_number_alike_are_renumbered(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    repo = init_repo(root)
    _intake_and_project(repo, root, "laptop-1", "Veilig fietsen door het park")
    _intake_and_project(repo, root, "laptop-2", "Meldingen bij de bushalte")
    repo.git.checkout("main")
    repo.git.merge("laptop-1", "--no-edit")
    try:
        repo.git.merge("laptop-2", "--no-edit")
    except git.GitCommandError:
        pass  # add/add conflicts, as on a coordinator's laptop
    else:
        raise AssertionError("the merge should have conflicted")
    # validate says what happened, not what the YAML parser saw
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "validate",
                                 "--format", "json"])
    problems = yaml.safe_load(result.stdout)["problems"]
    conflicts = {p["path"] for p in problems if p["rule"] == "merge-conflict"}
    assert {"data/questions/Q-2026-015.yaml", "data/projects/P-2026-008.yaml"} <= conflicts
    assert not [p for p in problems if p["rule"] == "yaml-syntax"]

    out = runner.invoke(app, ["--kb", str(root), "--lang", "en", "renumber"])
    # P-2026-007 was linked to Q-2026-015 on both branches: the same line on both sides is a
    # conflict for a person, and renumber says so
    assert "Q-2026-015 of the merged branch is now Q-2026-016" in out.output, out.output
    assert "P-2026-008 of the merged branch is now P-2026-009" in out.output
    ours_q = _load(root / "data/questions/Q-2026-015.yaml")
    theirs_q = _load(root / "data/questions/Q-2026-016.yaml")
    assert ours_q["title"] == "Veilig fietsen door het park"
    assert theirs_q["title"] == "Meldingen bij de bushalte" and theirs_q["id"] == "Q-2026-016"
    theirs_p = _load(root / "data/projects/P-2026-009.yaml")
    assert theirs_p["id"] == "P-2026-009"
    assert theirs_p["questions"] == ["Q-2026-016"]
    assert list(theirs_p["link_stamps"]) == ["Q-2026-016"]  # type: ignore[call-overload]
    assert _load(root / "data/projects/P-2026-008.yaml")["questions"] == ["Q-2026-015"]
    # P-2026-007 took up Q-2026-015 on both branches with the same line: git merged it, and
    # renumber cannot tell whose it is, so it says so; the coordinator adds the other one
    assert out.exit_code == 0, out.output
    assert ("data/projects/P-2026-007.yaml: both branches wrote the same line naming "
            "Q-2026-015") in out.output
    _run(root, "link", "P-2026-007", "Q-2026-016", "--no-input", "--no-match")
    repo.git.add("data/projects/P-2026-007.yaml")
    repo.git.commit("-q", "--no-edit")
    assert not repo.is_dirty(untracked_files=True)
    assert_valid(root)


def test_renumber_outside_a_merge_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    init_repo(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "renumber"])
    assert result.exit_code == 2 and "no merge is in progress" in result.output


def test_a_finding_on_the_renumbered_project_keeps_its_reviewed_link(tmp_path: Path) -> None:
    # The merged branch's finding was linked (and stamped) to its project P-2026-008 while that
    # project took up Q-2026-015; after renumber the project is P-2026-009 and takes up
    # Q-2026-016. Only numbers changed: the link is not suspect.
    root = copy_example(tmp_path / "kb")
    repo = init_repo(root)
    _intake_and_project(repo, root, "laptop-1", "Veilig fietsen door het park")
    _intake_and_project(repo, root, "laptop-2", "Meldingen bij de bushalte")
    out = _run(root, "new", "finding", "--no-input", "-p", "P-2026-008", "-q", "Q-2026-015",
               "--title", "Meldingen bij de bushalte", "--statement", "Fictief.",
               "--type", "prevalence")
    finding = out.strip().splitlines()[-1]
    commit_all(repo, "Bevinding op laptop-2", "2026-11-21")
    repo.git.checkout("main")
    repo.git.merge("laptop-1", "--no-edit")
    with contextlib.suppress(git.GitCommandError):
        repo.git.merge("laptop-2", "--no-edit")
    _run(root, "renumber")
    data = _load(root / f"data/findings/{finding}.yaml")
    assert data["project"] == "P-2026-009" and data["questions"] == ["Q-2026-016"]
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "validate",
                                 "--format", "json"])
    problems = yaml.safe_load(result.stdout)["problems"]
    assert not [p for p in problems if p["rule"] == "suspect-link"], problems
    assert "data/findings/" + finding + ".yaml" in repo.git.diff("--cached", "--name-only")
