"""The footer that makes a report reproducible: the commit, the tool, the date, the command."""

from __future__ import annotations

import datetime as dt
import os
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
    if not _in_a_checkout(root):
        return None, False  # nothing for git to find: no need to import GitPython
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
    try:
        dirty = repo.is_dirty(untracked_files=True, path=paths[0] if paths else None)
    except (git.exc.GitError, ValueError, OSError):
        # GitPython decodes the names of untracked files strictly: one that is not UTF-8 (a
        # file anyone can leave in the folder) is something git would list, so not clean.
        dirty = True
    return commit, bool(dirty)


def _in_a_checkout(root: Path) -> bool:
    """Whether ``root`` or a folder above it holds ``.git`` (a folder, or the file of a linked
    worktree or submodule) or is a repository's folder itself (a bare one): where GitPython's
    search for a repository could find one."""
    try:
        here = root.resolve()
    except OSError:
        return True  # let GitPython decide
    return any(os.path.lexists(folder / ".git")
               or all(os.path.lexists(folder / name) for name in ("HEAD", "objects", "refs"))
               for folder in (here, *here.parents))


def provenance(root: Path, today: dt.date, command: str) -> Provenance:
    commit, dirty = git_state(root)
    return Provenance(commit, dirty, __version__, today, command)
