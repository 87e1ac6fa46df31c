"""The links a record holds, read from its data the one way every command reads them.

A record only points one way (a project names its questions; a finding its project, questions
and related findings). ``outgoing`` lists those links in the order they are written, and the
record cache keeps the list beside each file's stat (``store/cache.py``), so that the link index
(``index.py``) is built without reading any record's data. Nothing here trusts a shape: a link
field of another type than a list, a relation that is not a mapping, an ID that is not text,
holds no link.
"""

from __future__ import annotations

from typing import Any

# (target ID, relation, field): the relation is the field that holds the link (``questions``,
# ``project``) or a finding relation's type (``supports``); the field is where it was written.
Link = tuple[str, str, str]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def outgoing(kind: str, data: dict[str, Any] | None) -> tuple[Link, ...]:
    """The links ``data`` (a record of ``kind``) holds, in the order they are written."""
    if not isinstance(data, dict):
        return ()
    links: list[Link] = []
    if kind == "project":
        links.extend((q, "questions", "questions") for q in _list(data.get("questions"))
                     if isinstance(q, str))
    elif kind == "finding":
        project = data.get("project")
        if isinstance(project, str):
            links.append((project, "project", "project"))
        links.extend((q, "questions", "questions") for q in _list(data.get("questions"))
                     if isinstance(q, str))
        for relation in _list(data.get("relations")):
            if isinstance(relation, dict) and isinstance(relation.get("finding"), str):
                links.append((relation["finding"], str(relation.get("type")), "relations"))
    return tuple(links)


def summary(kind: str, data: dict[str, Any] | None) -> tuple[str | None, tuple[Link, ...]]:
    """What the cache keeps of a record beside its stat: its ID (when text) and its links."""
    record_id = data.get("id") if isinstance(data, dict) else None
    return (record_id if isinstance(record_id, str) else None, outgoing(kind, data))
