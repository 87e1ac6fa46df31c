"""``--commit``: commit exactly the files a command wrote, never anything else, never push."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator


def commit_files(root: Path, rels: Sequence[str], message: str, t: Translator) -> str:
    """Commit the files ``rels`` (relative to ``root``) and nothing else; the new commit's hash.

    Other changes, staged or not, stay as they were: ``git commit --only`` takes just the given
    paths. Git is told never to ask anything (no editor, no credential prompt).
    """
    from veiligestad.store.gitrepo import require_git

    require_git(t, "commit")
    import git  # slow to import: only when a command commits

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(t("commit.no_repo", path=str(root)),
                         hint=t("commit.no_repo_hint")) from None
    top = Path(repo.working_tree_dir or root).resolve()
    paths = [(root.resolve() / rel).relative_to(top).as_posix() for rel in rels]
    env = {"GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true"}
    try:
        with repo.git.custom_environment(**env):
            repo.git.add("--", *paths)
            repo.git.commit("--only", "-m", message, "--", *paths)
    except git.GitCommandError as exc:
        said = exc.stderr or str(exc)
        detail = said.strip().splitlines()
        # GitPython quotes git's own words: "stderr: 'fatal: …'"
        error = (detail[-1] if detail else str(exc)).strip().removeprefix("stderr:").strip()
        error = error.strip("'").strip() or str(exc)
        # git does not know who the user is yet (a new laptop): say which two settings it needs
        identity = any(sign in said for sign in _NO_IDENTITY)
        raise UsageError(t("commit.failed", error=error),
                         hint=t("commit.identity_hint" if identity else "commit.failed_hint")
                         ) from None
    return str(repo.head.commit.hexsha)


# What git says when it has no name or e-mail address to commit with.
_NO_IDENTITY = ("Please tell me who you are", "unable to auto-detect", "empty ident name",
                "auto-detection is disabled")


def git_user(root: Path) -> str | None:
    """Who git would name as the author here: ``GIT_AUTHOR_NAME``, else ``user.name``."""
    name = os.environ.get("GIT_AUTHOR_NAME", "").strip()
    if name:
        return name
    try:
        import git

        repo = git.Repo(root, search_parent_directories=True)
        with repo.config_reader() as config:
            value = config.get_value("user", "name", default="")
        if value:
            return str(value)
    except Exception:  # no repository, no git: the name is simply unknown
        pass
    return None
