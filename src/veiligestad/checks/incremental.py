"""The rules over the whole knowledge base redone for a few edited records, not for all.

Each rule over the whole knowledge base (``SCOPE = "kb"``), and each dated file rule, declares
in ``AFFECTED`` whose problems an edit of a record X can change, as a tuple of these relations:

- ``self``: X itself;
- ``same-id``: the records that hold X's ID, before or after the edit;
- ``linking``: the records that refer to X's ID (before or after) in a link or a link stamp;
- ``linked``: the records that X, or a record sharing X's ID, refers to, before or after;
- ``hints``: when X's ID changed, every record with a broken link (``link-target``'s "did you
  mean" hint is chosen among all IDs of the link's kind);

A rule without ``AFFECTED`` cannot say, and the whole run decides (so does a knowledge base
with saved queries, whose rule reads every record). The *dependencies* of every record are kept
in the base (``store/cache.py``: ``Base.deps``): its ID, its status and every ID it refers to
(``deps_of``). From them the records concerned are found without reading any other record; the
rules then run over those records and everything they read (their targets, the records linking
to them and the records sharing their IDs: ``needed``), read from the kept facts, and only
the problems of the records concerned are taken. ``tests/checks/test_incremental.py`` proves
each declaration complete: random fact edits of every record, each answer compared with a run
over every record, and a shrunk declaration must fail it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

# Separators of the kept dependencies; a record whose ID or links hold one is not kept so.
_FIELD: Final = "\x1f"
_RECORD: Final = "\x1e"
_NO_ID: Final = "\x00"
_LINK_FIELDS: Final = ("project", "questions", "relations")
RELATIONS: Final = frozenset({"self", "same-id", "linking", "linked", "hints"})


class Deps:
    """Every file's dependencies as kept in the base, by position in the base's listing: its
    ID (``id_of``; None: no ID, or no record), status and the IDs it refers to. Read lazily:
    at 30,000 records only the IDs are split out of every entry."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts
        self.id_of: list[str | None] = [  # _id, inline: a third quicker over 30,000
            None if not part or (found := part.partition(_FIELD)[0]) == _NO_ID else found
            for part in parts]
        self._text: str | None = None  # the parts joined, once searched

    def fields(self, index: int) -> list[str]:
        part = self.parts[index]
        return part.split(_FIELD) if part else []

    def status_of(self, index: int) -> str | None:
        found = self.fields(index)
        return found[1] if found else None

    def refs_of(self, index: int) -> list[str]:
        return self.fields(index)[2:]

    def referring(self, ids: set[str]) -> list[int]:
        """The positions of the entries that refer to one of ``ids`` (found in the joined
        text, then each candidate read field by field)."""
        if not ids:
            return []
        import re

        if self._text is None:
            self._text = _RECORD.join(self.parts)
        text = self._text
        pattern = re.compile(_FIELD + "(?:" + "|".join(map(re.escape, sorted(ids))) + ")(?=["
                             + _FIELD + _RECORD + "]|$)")
        found: set[int] = set()
        index = at = 0
        for match in pattern.finditer(text):  # in order: each entry's position by counting
            index += text.count(_RECORD, at, match.start())  # the separators before it
            at = match.start()
            found.add(index)
        return sorted(index for index in found if not ids.isdisjoint(self.refs_of(index)))

    def replace(self, index: int, part: str) -> None:
        self.parts[index] = part
        self.id_of[index] = _id(part)
        self._text = None

    def joined(self) -> str:
        return _RECORD.join(self.parts)


def _id(part: str) -> str | None:
    if not part:
        return None
    found = part.partition(_FIELD)[0]
    return None if found == _NO_ID else found


def split(deps: str, count: int) -> Deps | None:
    """The kept dependencies of ``count`` files; None when they are not those."""
    parts = deps.split(_RECORD) if count else []
    if len(parts) != count:
        return None
    return Deps(parts)


def deps_of(kind: Any, data: Mapping[str, Any] | None) -> str | None:
    """A record's dependencies as kept: its ID, status and every ID it refers to (every text
    inside its link fields, and every key of its link stamps); "" for a file without a record;
    None when one of them holds a separator (the base is then not kept)."""
    if data is None:
        return ""
    record_id = data.get("id") if data else None
    parts = [record_id if isinstance(record_id, str) else _NO_ID,
             str(data.get(kind.status_field))]
    names = _NAMES.get(kind.name)
    if names is None:
        names = _NAMES[kind.name] = tuple(dict.fromkeys(
            (*_LINK_FIELDS, *(s.name for s in kind.fields if _has_link(s)))))
    refs: dict[str, None] = {}
    for name in names:
        _texts(data.get(name), refs)
    # date-order and finding-questions look a finding's project up by its text, whatever it is
    # (a list, a number, nothing: "None"), so a record with that text as its ID is read too.
    refs[str(data.get("project"))] = None
    stamps = data.get("link_stamps")
    if isinstance(stamps, dict):
        refs.update((key, None) for key in stamps if isinstance(key, str))
    parts.extend(refs)
    if any(_FIELD in p or _RECORD in p or (_NO_ID in p and p != _NO_ID) for p in parts) \
            or (parts[0] == _NO_ID and isinstance(record_id, str)):
        return None
    return _FIELD.join(parts)


_NAMES: dict[str, tuple[str, ...]] = {}  # the fields read for the IDs referred to, per kind


def _has_link(spec: Any) -> bool:
    from veiligestad.checks.facts import _links

    return _links(spec)


def _texts(value: Any, out: dict[str, None]) -> None:
    if isinstance(value, str):
        out[value] = None
    elif isinstance(value, dict):
        for item in value.values():
            _texts(item, out)
    elif isinstance(value, list):
        for item in value:
            _texts(item, out)


def declared(rule: Any) -> tuple[str, ...] | None:
    """What ``rule`` declares it depends on; None when it does not say."""
    found = getattr(rule, "AFFECTED", None)
    if found is None or not set(found) <= RELATIONS:
        return None
    return tuple(found)


class Edit:
    """The records concerned by an edit of the files at ``edited`` (positions in ``deps``,
    which already holds their new dependencies; ``before`` holds their old ones)."""

    def __init__(self, deps: Deps, edited: Sequence[int], before: Sequence[str],
                 broken: Iterable[int]) -> None:
        self.deps = deps
        self.edited = list(edited)
        old = Deps(list(before))
        ids = {i for i in (*old.id_of, *(deps.id_of[e] for e in self.edited)) if i is not None}
        self.ids_changed = any(old.id_of[n] != deps.id_of[e]
                               for n, e in enumerate(self.edited))
        self.same = [i for i, found in enumerate(deps.id_of) if found in ids]
        refs: set[str] = set()
        for n in range(len(before)):
            refs.update(old.refs_of(n))
        for index in {*self.edited, *self.same}:
            refs.update(deps.refs_of(index))
        self.linking = deps.referring(ids)
        self.linked = [i for i, found in enumerate(deps.id_of) if found in refs]
        self.broken = sorted(set(broken))

    def affected(self, relations: Iterable[str]) -> set[int]:
        """The positions of the records whose problems these relations say may change."""
        out: set[int] = set()
        for relation in relations:
            if relation == "self":
                out.update(self.edited)
            elif relation == "same-id":
                out.update(self.same)
            elif relation == "linking":
                out.update(self.linking)
            elif relation == "linked":
                out.update(self.linked)
            elif relation == "hints" and self.ids_changed:
                out.update(self.broken)
        return out

    def needed(self, concerned: Iterable[int]) -> list[int]:
        """Every record the rules read to redo the ``concerned`` ones: each with the records
        sharing its ID, those it refers to, and those that refer to it (with theirs)."""
        deps = self.deps
        wanted = set(concerned)
        ids: set[str] = set()
        for index in wanted:
            own = deps.id_of[index]
            if own is not None:
                ids.add(own)
            ids.update(deps.refs_of(index))
        backlinks = {deps.id_of[index] for index in wanted} - {None}
        for index in deps.referring({found for found in backlinks if found is not None}):
            wanted.add(index)
            own = deps.id_of[index]
            if own is not None:
                ids.add(own)
        wanted.update(index for index, found in enumerate(deps.id_of) if found in ids)
        return sorted(wanted)
