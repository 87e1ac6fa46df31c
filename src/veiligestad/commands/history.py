"""``veiligestad history ID``: every commit that changed a record, and what it changed.

The record's file is followed through renames (``git log --follow``); both versions of each
commit are read with the safe loader and compared field by field, so a reader sees which fields a
commit touched and, set apart, how the status moved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.ids import kind_of
from veiligestad.model.kinds import KINDS
from veiligestad.stamps import EXPANDING
from veiligestad.store.config import DEFAULT_LIMITS
from veiligestad.store.gitrepo import GitError, KBRepo, open_repo, require_git
from veiligestad.store.records import read_text
from veiligestad.store.root import CONFIG_NAME


@dataclass
class HistoryEntry:
    """One commit that changed the record."""

    sha: str
    date: dt.datetime
    author: str
    message: str
    change: str  # added | changed | renamed | removed
    path: str
    old_path: str | None = None
    fields: list[str] = field(default_factory=list)
    status: tuple[Any, Any] | None = None  # (before, after) when the status changed

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "commit": self.sha, "date": self.date.isoformat(), "author": self.author,
            "message": self.message, "change": self.change, "path": self.path,
            "old_path": self.old_path, "fields": self.fields,
            "status": {"from": self.status[0], "to": self.status[1]} if self.status else None,
        }


@dataclass
class RecordHistory:
    """A record's history, newest first."""

    record_id: str
    kind: str
    entries: list[HistoryEntry]


_CHANGE = {"A": "added", "M": "changed", "R": "renamed", "D": "removed", "C": "added",
           "T": "changed"}


def require_repo(root: Path, t: Translator) -> KBRepo:
    """The knowledge base's repository, or a usage error saying history needs git."""
    require_git(t, "history")
    repo = open_repo(root)
    if repo is None or repo.head() is None:
        raise UsageError(t("history.no_git", path=str(root)), hint=t("history.no_git_hint"))
    return repo


def parse_version(text: str | None, max_bytes: int = DEFAULT_LIMITS["max_file_bytes"]) -> dict[
        str, Any]:
    """A record version's fields, or an empty mapping when it cannot be read safely.

    Old versions from git are as untrusted as the files on disk: one over the size limit, not
    UTF-8, or with anchors and aliases (which could expand into a huge structure when compared), is
    treated as unreadable.
    """
    if text is None:
        return {}
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # bytes that are not UTF-8 (read from git as escapes)
        return {}
    if size > max_bytes:
        return {}
    data, notes = read_text(text[1:] if text.startswith("\ufeff") else text)
    if any(note.code in EXPANDING for note in notes):
        return {}
    return data if isinstance(data, dict) else {}


def field_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The top-level fields that differ, in the kind's field order (unknown ones last)."""
    order = list(KINDS[kind].field_names)
    names = [n for n in order if n in old or n in new]
    names += sorted(str(n) for n in {*old, *new} if n not in order)
    return [n for n in names if old.get(n) != new.get(n)]


def record_history(root: Path, record_id: str, t: Translator) -> RecordHistory:
    """The commits that changed ``record_id``'s file, with the fields each one changed."""
    kind = kind_of(record_id)
    if kind is None or not (root / CONFIG_NAME).exists():
        raise UsageError(t("history.unknown_id", id=record_id), hint=t("history.unknown_hint"))
    repo = require_repo(root, t)
    rel = f"data/{kind.plural}/{record_id}.yaml"
    try:
        log = repo.file_log(rel)
    except GitError:
        log = []
    if not log:
        raise UsageError(t("history.unknown_id", id=record_id), hint=t("history.unknown_hint"))
    entries = []
    for commit, change in log:
        new = {} if change.status == "D" else parse_version(repo.show(commit.sha, change.path))
        old_path = change.old or change.path
        parent = commit.parents[0] if commit.parents else None
        old = parse_version(repo.show(parent, old_path)) if parent and change.status != "A" else {}
        status_field = kind.status_field
        status = None
        if old.get(status_field) != new.get(status_field):
            status = (old.get(status_field), new.get(status_field))
        entries.append(HistoryEntry(
            commit.sha, commit.authored, commit.author, commit.subject,
            _CHANGE.get(change.status, "changed"), change.path,
            change.old if change.status == "R" else None,
            field_changes(kind.name, old, new) if old and new else [], status,
        ))
    return RecordHistory(record_id, kind.name, entries)
