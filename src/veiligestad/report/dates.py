"""When things happened to a record: from its own dates, its status history, else git.

A record's dates are the source (``received``, ``start``, ``reported``, the ``status_history``).
Where a record has none for an event, the date its file was first committed stands in, read from
git in one pass over the history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


def history(data: dict[str, Any]) -> list[tuple[dt.date, str]]:
    """The status history as (date, new status), oldest first; malformed entries are skipped."""
    out = []
    for entry in data.get("status_history") or []:
        if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date) \
                and isinstance(entry.get("to"), str):
            out.append((entry["date"], entry["to"]))
    return sorted(out, key=lambda pair: pair[0])


def entered(data: dict[str, Any], statuses: tuple[str, ...] | str) -> dt.date | None:
    """The first date the record entered one of ``statuses``, according to its history."""
    wanted = (statuses,) if isinstance(statuses, str) else statuses
    for day, status in history(data):
        if status in wanted:
            return day
    return None


def status_at(data: dict[str, Any], day: dt.date, status_field: str = "status") -> str | None:
    """The record's status on ``day``: the last history entry on or before it.

    Without a history the current status is taken as it is.
    """
    entries = history(data)
    if not entries:
        value = data.get(status_field)
        return value if isinstance(value, str) else None
    current = None
    for when, status in entries:
        if when <= day:
            current = status
    return current


def date_field(data: dict[str, Any], name: str) -> dt.date | None:
    value = data.get(name)
    return value if isinstance(value, dt.date) else None


def first_commit_dates(root: Path) -> dict[str, dt.date]:
    """The date each file under ``data/`` was first committed, by path relative to ``root``.

    Empty when ``root`` is not in a git repository (a fresh knowledge base, a copied folder).
    """
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        return {}
    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(repo.working_tree_dir or root).resolve()
        prefix = root.resolve().relative_to(top).as_posix()
        spec = f"{prefix}/data" if prefix != "." else "data"
        log = repo.git.log("--diff-filter=A", "--format=@%as", "--name-only", "--", spec)
    except (git.exc.GitError, ValueError, OSError):
        return {}
    out: dict[str, dt.date] = {}
    day: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            day = _day(line[1:])  # None: the files of that commit are left undated
        elif line.strip() and day is not None:
            rel = line.strip()
            if prefix != ".":
                rel = rel.removeprefix(prefix + "/")
            out[rel] = day  # log is newest first: the last one seen is the first commit
    return out


def _day(text: str) -> dt.date | None:
    """The day git wrote (``%as``), or None: for an author line it cannot read (a NUL byte in a
    name, a date that is not a number; a commit of a pull request may hold either), git writes
    the placeholder itself."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
