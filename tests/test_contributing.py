"""CONTRIBUTING.md's steps work as written: clone, branch, new finding, validate, commit."""

from __future__ import annotations

import re
from pathlib import Path

import git
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from tests.conftest import REPO
from veiligestad.cli.main import app

runner = CliRunner()
TEXT = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_both_languages_give_the_same_commands() -> None:
    dutch, english = TEXT.split("# Contributing: adding a finding", 1)

    def commands(part: str) -> list[str]:
        blocks = re.findall(r"```sh\n(.*?)```", part, re.S)
        lines = [line.strip().replace("veiligestad --lang en ", "veiligestad ")
                 for block in blocks for line in block.splitlines()]
        return sorted({" ".join(line.split()[:2]) for line in lines
                       if line.startswith(("veiligestad ", "git "))})

    assert commands(dutch) == commands(english)
    for step in ("git clone", "git switch -c", "veiligestad new finding --project",
                 "validate data/findings/", "git push -u origin"):
        assert step in dutch and step in english, step


def test_the_steps_end_in_a_green_check(tmp_path: Path) -> None:
    origin = copy_example(tmp_path / "origin")
    upstream = git.Repo.init(origin, initial_branch="main")
    upstream.git.add("-A")
    upstream.git.commit("-m", "Kennisbank")
    # 1. clone; 3. a branch of one's own
    clone = git.Repo.clone_from(str(origin), tmp_path / "kennisbank")
    root = Path(clone.working_tree_dir or "")
    clone.git.switch("-c", "bevinding-P-2026-004-lessen")
    # 4. the finding, at the prompt, with --commit
    answers = "\n".join(["Lessen worden goed bezocht",
                         "Fictief: in dit verzonnen voorbeeld komt 90% van de klas naar de les.",
                         "process_evaluation", "", "", "", ""]) + "\n"
    result = runner.invoke(app, ["--kb", str(root), "new", "finding", "--project",
                                 "P-2026-004", "--commit"], input=answers)
    assert result.exit_code == 0, result.output
    finding = result.output.strip().splitlines()[-1]
    # 6. the check, on the file and on everything (what the pull request's check runs)
    rel = f"data/findings/{finding}.yaml"
    assert runner.invoke(app, ["--kb", str(root), "validate", str(root / rel)]).exit_code == 0
    check = runner.invoke(app, ["--kb", str(root), "validate", "--format", "github"])
    assert check.exit_code == 0, check.output
    # 7. committed on the branch, nothing left behind; pushing it reaches the origin
    assert list(clone.head.commit.stats.files) == [rel]
    assert not clone.is_dirty(untracked_files=True)
    clone.git.push("-u", "origin", "bevinding-P-2026-004-lessen")
    assert "bevinding-P-2026-004-lessen" in [h.name for h in upstream.heads]
