"""``--commit``: exactly the files a command wrote, nothing else, never a prompt."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()


@pytest.fixture
def repo_kb(tmp_path: Path) -> tuple[git.Repo, Path]:
    root = copy_example(tmp_path / "kb")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "Kennisbank")
    return repo, root


def test_commit_takes_only_the_files_written(repo_kb: tuple[git.Repo, Path]) -> None:
    repo, root = repo_kb
    # Someone's unrelated work in progress, staged and unstaged, must stay out of the commit.
    (root / "data/questions/Q-2026-014.yaml").write_text(
        (root / "data/questions/Q-2026-014.yaml").read_text(encoding="utf-8") + "# wip\n",
        encoding="utf-8")
    (root / "notities.txt").write_text("klad\n", encoding="utf-8")
    repo.git.add("notities.txt")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "status", "Q-2026-013",
                                 "ready", "--reason", "Akkoord.", "--commit"])
    assert result.exit_code == 0, result.output
    assert "committed to git:" in result.output
    head = repo.head.commit
    assert head.message.strip() == "status: Q-2026-013 intake → ready"
    assert sorted(head.stats.files) == ["data/questions/Q-2026-013.yaml"]
    assert head.author.name == "Test Student"
    assert "notities.txt" in [d.a_path for d in repo.index.diff("HEAD")]
    assert "data/questions/Q-2026-014.yaml" in [d.a_path for d in repo.index.diff(None)]


@pytest.mark.parametrize("args", [
    ["intake", "question", "--no-input", "--title", "Vraag", "--asked-by", "politie",
     "--theme", "ov"],
    ["new", "finding", "--no-input", "-p", "P-2026-004", "--title", "t", "--statement", "s",
     "--type", "prevalence"],
    ["link", "P-2026-005", "Q-2026-012"],
])
def test_every_writing_command_commits(repo_kb: tuple[git.Repo, Path], args: list[str]) -> None:
    repo, root = repo_kb
    result = runner.invoke(app, ["--kb", str(root), *args, "--commit"])
    assert result.exit_code == 0, result.output
    assert len(repo.head.commit.stats.files) == 1
    assert not repo.is_dirty(untracked_files=True)


def test_import_commits_the_new_questions(repo_kb: tuple[git.Repo, Path], tmp_path: Path
                                          ) -> None:
    repo, root = repo_kb
    export = tmp_path / "export.csv"
    export.write_text("Inzendingsnummer;Titel van uw vraag;Organisatie;Thema's\n"
                      "1;Een;politie;ov\n2;Twee;politie;online\n", encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(root), "intake", "import", str(export), "--commit"])
    assert result.exit_code == 0, result.output
    assert sorted(repo.head.commit.stats.files) == ["data/questions/Q-2026-015.yaml",
                                                    "data/questions/Q-2026-016.yaml"]


def test_commit_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "link", "P-2026-005",
                                 "Q-2026-012", "--commit"])
    assert result.exit_code == 2
    assert "is not in a git repository" in result.output
    # checked before anything is written
    assert "Q-2026-012" not in (root / "data/projects/P-2026-005.yaml").read_text(
        encoding="utf-8")


def test_a_commit_without_a_git_identity_says_which_settings_git_needs(
        repo_kb: tuple[git.Repo, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new laptop: git has no name or e-mail address. The message is git's own, without
    GitPython's quotes; the hint names both settings (it named only user.name) and how to
    commit the files that were written."""
    repo, root = repo_kb
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # git would guess an address from the machine's name on some machines: never here
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.useConfigOnly")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")
    before = repo.head.commit.hexsha
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "status", "Q-2026-013",
                                 "ready", "--reason", "Akkoord.", "--commit"])
    assert result.exit_code == 2, result.output
    assert "git could not commit: fatal:" in result.stderr
    assert not result.stderr.splitlines()[0].endswith("'")
    assert "user.name" in result.stderr and "user.email" in result.stderr
    assert repo.head.commit.hexsha == before
    assert "ready" in (root / "data/questions/Q-2026-013.yaml").read_text(encoding="utf-8")
