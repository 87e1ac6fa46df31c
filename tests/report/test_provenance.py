"""The footer's commit: read by GitPython wherever a repository could be found, and GitPython
not even imported where none can be."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import git

from tests.gitkb import commit_all, init_repo
from veiligestad.report.provenance import _in_a_checkout, git_state, provenance


def test_outside_any_repository_there_is_no_commit_and_git_is_not_imported(
        tmp_path: Path) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    assert not _in_a_checkout(root)
    assert git_state(root) == (None, False)
    code = ("import sys; from pathlib import Path; "
            "from veiligestad.report.provenance import provenance; "
            f"p = provenance(Path({str(root)!r}), __import__('datetime').date(2026, 12, 3), 'x'); "
            "assert p.commit is None and not p.dirty; "
            "assert 'git' not in sys.modules, 'GitPython imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_kind_of_checkout_is_found(tmp_path: Path) -> None:
    repo_root = tmp_path / "repo"
    (repo_root / "city" / "kb").mkdir(parents=True)
    (repo_root / "city" / "kb" / "veiligestad.yaml").write_text("city: X\n", encoding="utf-8")
    repo = init_repo(repo_root)
    sha = repo.head.commit.hexsha
    # A knowledge base in a subfolder of a repository.
    assert _in_a_checkout(repo_root / "city" / "kb")
    assert git_state(repo_root / "city" / "kb") == (sha, False)
    # A linked worktree: its .git is a file.
    linked = tmp_path / "linked"
    repo.git.worktree("add", str(linked), "-b", "other")
    assert (linked / ".git").is_file()
    assert _in_a_checkout(linked / "city" / "kb")
    assert git_state(linked / "city" / "kb")[0] == sha
    # Uncommitted changes under the knowledge base.
    (repo_root / "city" / "kb" / "new.txt").write_text("x\n", encoding="utf-8")
    assert git_state(repo_root / "city" / "kb") == (sha, True)
    second = commit_all(repo, "more", "2026-06-02")
    assert provenance(repo_root / "city" / "kb", dt.date(2026, 12, 3), "c").commit == second
    # A bare repository's own folder is one GitPython would open.
    bare = tmp_path / "bare.git"
    git.Repo.init(bare, bare=True)
    assert _in_a_checkout(bare)
