"""Reading a knowledge base's git history: what changed, when, by whom. Never writing it.

GitPython is imported only here and only when a command asks for history, so ``--help`` and a
plain ``validate`` never pay for it. Every git command runs with ``GIT_OPTIONAL_LOCKS=0`` so that
not even the index's stat cache is refreshed: reading history must leave the repository exactly
as it was. Paths going in and coming out are relative to the knowledge base's root, which may be
a subfolder of the repository.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from veiligestad.i18n import Translator

_ENV: Final = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
# A log is read with -z and its fields are separated by NUL: the one character git never
# writes inside a name, an e-mail or a subject (it reads them as C strings), which a commit of
# a pull request may fill with any other byte (a separator of ours, a line break, an escape).
_FORMAT: Final = "%H%x00%P%x00%aI%x00%cI%x00%an%x00%ae%x00%s"
_FIELDS: Final = 7
_SHA: Final = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# a name, e-mail or subject is cut to this many characters (a commit may hold megabytes)
MAX_TEXT: Final = 300
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# git's "empty tree": the state before the first commit
EMPTY_TREE: Final = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def git_available() -> bool:
    """Whether the git program can be run: GitPython refuses to import without it."""
    try:
        import git  # noqa: F401
    except ImportError:
        return False
    return True


def require_git(t: Translator, purpose: str) -> None:
    """A usage error (exit 2) naming what needs git, when the git program is missing.

    ``purpose`` is a catalog key under ``git.needed_for.`` (init, history, commit, changed_since).
    Commands call it before they write anything.
    """
    if not git_available():
        from veiligestad.errors import UsageError

        raise UsageError(t("git.missing", purpose=t(f"git.needed_for.{purpose}")),
                         hint=t("git.missing_hint"))


class GitError(Exception):
    """git could not answer (no repository, unknown ref); the caller words it for the user."""


@dataclass(frozen=True)
class Commit:
    """One commit, as much as the history commands show of it."""

    sha: str
    parents: tuple[str, ...]
    authored: dt.datetime
    committed: dt.datetime
    author: str
    email: str
    subject: str


@dataclass(frozen=True)
class FileChange:
    """One file changed by a commit: A(dded), M(odified), D(eleted) or R(enamed, from ``old``)."""

    status: str
    path: str
    old: str | None = None


def _commit(fields: list[str]) -> Commit:
    sha, parents, authored, committed, author, email, subject = fields[:_FIELDS]
    when, at = _moment(authored), _moment(committed)
    return Commit(sha, tuple(parents.split()), when or at or _EPOCH, at or when or _EPOCH,
                  printable(author), printable(email), printable(subject))


def _moment(text: str) -> dt.datetime | None:
    """A date git wrote (``%aI``), or None: for an author line it cannot read (one with a NUL
    byte, a date that is not a number), git writes the placeholder itself."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def printable(text: str) -> str:
    """A name, e-mail or subject of a commit as it can be shown: bytes that are not UTF-8,
    control codes and direction marks written as escapes (``records.printable_name``), and no
    longer than ``MAX_TEXT`` characters."""
    from veiligestad.store.records import printable_name

    text = printable_name(text[:MAX_TEXT + 1])
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def _log(raw: str) -> list[tuple[Commit, list[tuple[str, str, str | None]]]]:
    """A log read with ``_FORMAT`` and ``-z``: each commit and (with ``--name-status``) its
    files. Read field by field: a commit's fields are followed by its files, and a file's
    status (``M``, ``R100``) is never a commit's sha."""
    parts = raw.split("\0")
    out: list[tuple[Commit, list[tuple[str, str, str | None]]]] = []
    index = 0
    while index + _FIELDS <= len(parts):
        if not _SHA.fullmatch(parts[index]):
            index += 1  # nothing else is expected here: skipped, never misread
            continue
        commit = _commit(parts[index:index + _FIELDS])
        end = index = index + _FIELDS
        while end < len(parts) and not _SHA.fullmatch(parts[end]):
            status = parts[end].strip()
            end += 3 if status[:1] in ("R", "C") else 2 if status else 1
        out.append((commit, _changes(parts[index:end])))
        index = end
    return out


def _changes(parts: list[str]) -> list[tuple[str, str, str | None]]:
    """``--name-status -z`` output split on NUL: (status, path, old path) per file."""
    out: list[tuple[str, str, str | None]] = []
    index = 0
    while index < len(parts):
        status = parts[index].strip()
        if not status:
            index += 1
            continue
        if status[0] in "RC" and index + 2 < len(parts):
            out.append((status[0], parts[index + 2], parts[index + 1]))
        elif status[0] not in "RC" and index + 1 < len(parts):
            out.append((status[0], parts[index + 1], None))
        index += 3 if status[0] in "RC" else 2
    return out


class KBRepo:
    """The git repository around a knowledge base, read-only."""

    def __init__(self, repo: Any, root: Path) -> None:
        self.repo = repo
        top = Path(repo.working_tree_dir).resolve()
        rel = root.resolve().relative_to(top).as_posix()
        self.prefix = "" if rel == "." else rel + "/"

    def git(self, *args: str) -> str:
        """The output of one git command, run at the repository's top."""
        import git

        try:
            return str(self.repo.git.execute(["git", *args], env=_ENV,
                                             strip_newline_in_stdout=False))
        except git.GitCommandError as exc:
            raise GitError(str(exc.stderr or exc).strip()) from exc

    def _in(self, rel: str) -> str:
        return self.prefix + rel

    def _out(self, path: str) -> str | None:
        """The path relative to the knowledge base, as it can be printed: a name that is not
        UTF-8 or holds a control code comes with escapes (``records.printable_name``), as
        ``scan`` names it; such a file is never read."""
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix):]
        if rel.isprintable():
            return rel
        from veiligestad.store.records import printable_name

        return printable_name(rel)

    def resolve(self, ref: str) -> str:
        """The commit a ref (branch, tag, sha, ``HEAD~3``) names; ``GitError`` when none."""
        if ref.startswith("-"):
            raise GitError(ref)
        return self.git("rev-parse", "--verify", "--quiet", "--end-of-options",
                        ref + "^{commit}").strip()

    def head(self) -> str | None:
        """The current commit, or None in a repository without commits."""
        try:
            return self.resolve("HEAD")
        except GitError:
            return None

    def merge_base(self, one: str, other: str) -> str | None:
        """The newest common ancestor of two commits (None when they share none)."""
        try:
            return self.git("merge-base", one, other).strip() or None
        except GitError:
            return None

    def diff(self, base: str, target: str | None = None, under: str = "data") -> list[FileChange]:
        """Files under ``under`` changed from ``base`` to ``target`` (the working tree if None).

        The working tree includes files not yet committed and files git does not track yet, so
        a pre-commit hook and a local run see the same as CI does on a pushed branch.
        """
        args = ["diff", "--name-status", "-z", "-M", base]
        if target is not None:
            args.append(target)
        raw = self.git(*args, "--", self._in(under)).split("\0")
        found = [FileChange(s, p, self._out(o) if o else None)
                 for s, path, o in _changes(raw) if (p := self._out(path)) is not None]
        if target is None:
            others = self.git("ls-files", "--others", "--exclude-standard", "-z", "--",
                              self._in(under))
            found += [FileChange("A", p) for path in others.split("\0")
                      if path and (p := self._out(path)) is not None]
        return found

    def show(self, commit: str, rel: str) -> str | None:
        """The text of ``rel`` at ``commit``, or None when it is not there."""
        try:
            return self.git("show", f"{commit}:{self._in(rel)}")
        except GitError:
            return None

    def file_log(self, rel: str) -> list[tuple[Commit, FileChange]]:
        """Every commit that changed ``rel``, newest first, following renames."""
        raw = self.git("log", "--follow", "-M", "--name-status", "-z", f"--format={_FORMAT}",
                       "--", self._in(rel))
        out = []
        for commit, changes in _log(raw):
            for status, path, old in changes:
                new = self._out(path)
                if new is not None:
                    out.append((commit, FileChange(status, new, self._out(old) if old else None)))
                    break
        return out

    def first_parent(self, until: str, since: str | None = None) -> list[Commit]:
        """Commits on the main line of ``until`` (newest first), after ``since`` if given."""
        spec = f"{since}..{until}" if since else until
        raw = self.git("log", "--first-parent", "-z", f"--format={_FORMAT}", spec)
        return [commit for commit, _ in _log(raw)]

    def commits_adding(self, under: str) -> list[tuple[Commit, str]]:
        """(commit, file) for every file under ``under`` added by a commit, oldest first."""
        # -M: a renamed file is not an added one (its author did not add the finding)
        raw = self.git("log", "--reverse", "--diff-filter=A", "-M", "--name-status",
                       "-z", f"--format={_FORMAT}", "--", self._in(under))
        out = []
        for commit, changes in _log(raw):
            for _, path, _ in changes:
                rel = self._out(path)
                if rel is not None:
                    out.append((commit, rel))
        return out


def open_repo(root: Path) -> KBRepo | None:
    """The repository that holds ``root``, or None when it is not in one (or git is missing)."""
    try:
        import git

        repo = git.Repo(root, search_parent_directories=True)
    except Exception:  # no repository, no git binary, a broken .git: no history to read
        return None
    if repo.bare or repo.working_tree_dir is None:
        return None
    try:
        return KBRepo(repo, root)
    except ValueError:
        return None
