"""``veiligestad changes --since DATE|REF [--until DATE|REF]``: what happened in a period.

Records added, changed and removed, and every change of status, read from git. The period is a
stretch of the main line (first parents): a pull request counts on the day it was merged, which is
when its records entered the knowledge base. The quarterly report uses this where records carry
no date of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veiligestad.commands.history import field_changes, parse_version, require_repo
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS_BY_PLURAL, Kind
from veiligestad.store.gitrepo import EMPTY_TREE, Commit, GitError, KBRepo

# A date, ISO or day first (1-7-2026): anything else is a git ref
_DATE = re.compile(r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})$")


@dataclass
class RecordChange:
    """A record added, changed or removed in the period (its net change over the period)."""

    record_id: str
    kind: str
    change: str  # added | changed | removed
    date: dt.datetime  # when it last happened in the period
    path: str
    title: str | None = None
    fields: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"id": self.record_id, "kind": self.kind, "change": self.change,
                "date": self.date.isoformat(), "path": self.path, "title": self.title,
                "fields": self.fields}


@dataclass
class StatusChange:
    """One change of a record's status, in the commit that made it."""

    record_id: str
    kind: str
    date: dt.datetime
    old: Any
    new: Any
    commit: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"id": self.record_id, "kind": self.kind, "date": self.date.isoformat(),
                "from": self.old, "to": self.new, "commit": self.commit}


@dataclass
class ChangeReport:
    """Everything that changed between two states of the main line."""

    since: str
    until: str
    base: str | None
    end: str | None
    records: list[RecordChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)

    def of(self, change: str) -> list[RecordChange]:
        """The records with this net change."""
        return [r for r in self.records if r.change == change]

    def to_json(self) -> dict[str, Any]:
        """``{"since", "until", "from_commit", "to_commit", "added", "changed", "removed",
        "status_changes"}``."""
        return {
            "since": self.since, "until": self.until, "from_commit": self.base,
            "to_commit": self.end,
            **{name: [r.to_json() for r in self.of(name)]
               for name in ("added", "changed", "removed")},
            "status_changes": [s.to_json() for s in self.statuses],
        }


def _record(path: str) -> tuple[Kind, str] | None:
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "data" and parts[2].endswith(".yaml"):
        kind = KINDS_BY_PLURAL.get(parts[1])
        if kind is not None:
            return kind, parts[2][: -len(".yaml")]
    return None


def _commits(repo: KBRepo, since: str, until: str | None, t: Translator) -> list[Commit]:
    """The main-line commits in the period, oldest first."""
    try:
        until_sha = repo.resolve("HEAD" if until is None or _DATE.match(until) else until)
    except GitError:
        raise UsageError(t("changes.bad_ref", ref=str(until)), hint=t("changes.ref_hint")) from None
    if _DATE.match(since):
        start = _date(since, t)
        end = _date(until, t) if until and _DATE.match(until) else None
        if end is not None and end < start:
            raise UsageError(t("changes.backwards", since=since, until=str(until)),
                             hint=t("changes.backwards_hint"))
        found = [c for c in repo.first_parent(until_sha)
                 if c.committed.date() >= start and (end is None or c.committed.date() <= end)]
    else:
        try:
            since_sha = repo.resolve(since)
        except GitError:
            raise UsageError(t("changes.bad_ref", ref=since), hint=t("changes.ref_hint")) from None
        found = repo.first_parent(until_sha, since=since_sha)
        if until and _DATE.match(until):
            end = _date(until, t)
            found = [c for c in found if c.committed.date() <= end]
    return list(reversed(found))


def _date(text: str, t: Translator) -> dt.date:
    from veiligestad.periods import read_day

    day = read_day(text)
    if day is None:
        raise UsageError(t("changes.bad_date", date=text), hint=t("changes.ref_hint"))
    return day


def changes(root: Path, t: Translator, since: str, until: str | None = None) -> ChangeReport:
    """Records added, changed and removed, and status changes, between ``since`` and ``until``.

    ``since`` and ``until`` are dates (``2026-07-01``, inclusive) or git refs (``since`` exclusive,
    as in ``git log since..until``); ``until`` defaults to the current commit.
    """
    repo = require_repo(root, t)
    commits = _commits(repo, since, until, t)
    report = ChangeReport(since, until or "HEAD", None, None)
    if not commits:
        return report
    base = commits[0].parents[0] if commits[0].parents else EMPTY_TREE
    report.base = None if base == EMPTY_TREE else base
    report.end = commits[-1].sha
    last: dict[str, dt.datetime] = {}
    for commit in commits:
        parent = commit.parents[0] if commit.parents else EMPTY_TREE
        for change in repo.diff(parent, commit.sha):
            last[change.path] = commit.committed
            if change.old:
                last[change.old] = commit.committed
            if change.status not in "MR":
                continue
            found = _record(change.path)
            if found is None:
                continue
            kind, record_id = found
            old = parse_version(repo.show(parent, change.old or change.path))
            new = parse_version(repo.show(commit.sha, change.path))
            before, after = old.get(kind.status_field), new.get(kind.status_field)
            if before != after:
                report.statuses.append(StatusChange(record_id, kind.name, commit.committed,
                                                    before, after, commit.sha))
    for change in repo.diff(base, report.end):
        pieces: list[tuple[str, str, str | None]]
        was = _record(change.old) if change.old else None
        now = _record(change.path)
        if change.status == "R" and change.old and was and now and was[1] != now[1]:
            # a file renamed to another ID: the old record is gone, a new one is there
            pieces = [("removed", change.old, None), ("added", change.path, None)]
        elif change.status == "D":
            pieces = [("removed", change.path, None)]
        elif change.status in "AC":
            pieces = [("added", change.path, None)]
        else:
            pieces = [("changed", change.path, change.old)]
        for what, path, old_path in pieces:
            found = _record(path)
            if found is None:
                continue
            kind, record_id = found
            old = {} if what == "added" else parse_version(repo.show(base, old_path or path))
            new = {} if what == "removed" else parse_version(repo.show(report.end, path))
            title = (new or old).get("title")
            report.records.append(RecordChange(
                record_id, kind.name, what, last.get(path, commits[-1].committed), path,
                title if isinstance(title, str) else None,
                field_changes(kind.name, old, new) if what == "changed" else [],
            ))
    report.records.sort(key=lambda r: (r.change, r.kind, r.record_id))
    return report
