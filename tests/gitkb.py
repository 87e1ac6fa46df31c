"""Real git repositories for tests: commits with pinned authors and chosen dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git

from tests.conftest import GIT_ENV


def _stamp(day: str) -> str:
    moment = dt.datetime.fromisoformat(day + "T12:00:00+02:00")
    return f"{int(moment.timestamp())} +0200"


def commit_all(repo: git.Repo, message: str, day: str | None = None,
               author: tuple[str, str] | None = None) -> str:
    """Stage every change (new, edited, deleted files) and commit it; return the commit's sha.

    ``day`` (YYYY-MM-DD) sets the author and committer date; ``author`` (name, e-mail) the
    author. Everything else comes from the pinned environment of ``tests/conftest.py``.
    """
    env = dict(GIT_ENV)
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = _stamp(day)
    if author is not None:
        env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"] = author
    repo.git.add("-A", env=env)
    repo.git.commit("-q", "--no-verify", "--allow-empty", "-m", message, env=env)
    return repo.head.commit.hexsha


def init_repo(root: Path, day: str = "2026-06-01") -> git.Repo:
    """A repository on branch ``main`` holding everything in ``root``, in one commit."""
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("commit", "gpgsign", "false")
    commit_all(repo, "Start of the knowledge base", day)
    return repo
