"""The footer that makes a report reproducible: the commit, the tool, the date, the command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from veiligestad import __version__


@dataclass(frozen=True)
class Provenance:
    """Where a report came from."""

    commit: str | None  # the knowledge base's commit, None outside git
    dirty: bool  # the working tree had uncommitted changes under the knowledge base
    version: str
    made_on: dt.date
    command: str


def git_state(root: Path) -> tuple[str | None, bool]:
    """The commit checked out at ``root`` and whether files under ``root`` differ from it.

    None when there is none to name: ``root`` is not in a repository, or git is not installed
    (GitPython does not import without it): the report is still made, its footer says so.
    """
    try:
        import git
    except ImportError:
        return None, False

    try:
        repo = git.Repo(root, search_parent_directories=True)
        commit = repo.head.commit.hexsha
    except (git.exc.GitError, ValueError, OSError):
        return None, False
    top = Path(repo.working_tree_dir or root).resolve()
    rel = root.resolve().relative_to(top).as_posix()
    paths = [] if rel == "." else [rel]
    dirty = repo.is_dirty(untracked_files=True, path=paths[0] if paths else None)
    return commit, bool(dirty)


def provenance(root: Path, today: dt.date, command: str) -> Provenance:
    commit, dirty = git_state(root)
    return Provenance(commit, dirty, __version__, today, command)
