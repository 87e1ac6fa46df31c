"""The public view of the knowledge base, kept per record between builds.

The site is made from what the tool's one public predicate (``privacy.public_kb``) leaves of the
knowledge base. Running it over every record costs seconds on a large knowledge base, on every
build, also when one record changed. So its result is kept per record in the git-ignored cache
folder (``.veiligestad-cache/site/public-NN.pickle``, 16 files, a record's chosen by its path):
for each record file, its content digest, its ID, whether the public may see it and, when it
may, its public fields, together with the IDs its links point to and whether each of those was
public (a link is only kept to a public record).

A kept entry is used only when the file's content digest is the one it was made from and every
ID it looked at is still exactly as public as it was; the whole file is only used for the same
day (embargoes end on a day) and the same code of the tool (its version and every source
file's size and time, ``store.cache.tool_fingerprint``); the predicate reads nothing else (not
the config). Everything else is worked out again through the predicate itself, so the result is
always the same knowledge base as ``public_kb(kb, today, history_dates=True)`` gives. With the
knowledge base opened lazily (``open_kb(lazy=True)``), the data of a record whose entry is used
is never read.

The stored file admits plain data and dates only (``federation.cachedir.read_pickle``); a
damaged file, or one of another shape, is ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from veiligestad.privacy import is_public, public_kb, public_record
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

FORMAT: Final = 1
# The entries are kept in this many files, a record's chosen by its path, so a rebuild after
# one edit writes one small file again instead of every entry.
SHARDS: Final = 16


def shard_of(rel: str) -> int:
    """The part of the kept entries that holds the record file ``rel``."""
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % SHARDS


def shard_name(number: int) -> str:
    return f"public-{number:02d}.pickle"

# rel -> (content digest, record ID, public, ((linked ID, public), ...), public fields or None)
Entry = tuple[str, str | None, bool, tuple[tuple[str, bool], ...], dict[str, Any] | None]


class _Watched:
    """The set of public IDs as ``public_record`` asks it, noting each ID asked about."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed
        self.asked: dict[str, bool] = {}
        self.plain = True  # False when something other than text was asked about

    def __contains__(self, value: object) -> bool:
        found = value in self.allowed
        if isinstance(value, str):
            self.asked[value] = found
        else:
            self.plain = False
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.allowed)

    def __len__(self) -> int:
        return len(self.allowed)


def _key(today: dt.date) -> tuple[str, ...]:
    """What every entry of the file holds for: the day (embargoes, the records' own and those of
    nested items such as deliverables) and the tool's code (the predicate and the model's list
    of public fields). The predicate reads nothing else: not the config, not the language."""
    from veiligestad import __version__
    from veiligestad.store.cache import tool_fingerprint

    return ("site-public", str(FORMAT), __version__, tool_fingerprint(), today.isoformat())


def _entry(value: Any) -> Entry | None:
    """A stored entry when it has the shape of one, else None."""
    if not (isinstance(value, tuple) and len(value) == 5):
        return None
    digest, rid, public, asked, data = value
    if not (isinstance(digest, str) and digest and (rid is None or isinstance(rid, str))
            and isinstance(public, bool) and isinstance(asked, tuple)
            and (data is None or isinstance(data, dict)) and (data is not None) == public):
        return None
    if not all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
               and isinstance(item[1], bool) for item in asked):
        return None
    return value


def kept_public_view(root: Path, kb: KnowledgeBase, today: dt.date) -> KnowledgeBase:
    """``public_kb(kb, today, history_dates=True)``, from the entries kept for records that did
    not change (see the module's docstring), and the entries kept again for the next build."""
    return kept_public_view_tokens(root, kb, today)[0]


def kept_public_view_tokens(root: Path, kb: KnowledgeBase, today: dt.date
                            ) -> tuple[KnowledgeBase, dict[str, str] | None]:
    """``kept_public_view``, and for each public record's file a token of what its public
    fields were made from (its content digest and how public each ID it links to was): the same
    token, the same public fields. None when the records are not known by content."""
    from veiligestad.federation.cachedir import read_pickle, write_pickle
    from veiligestad.site.derived import _folder

    records = kb.records()
    if any(not record.digest for record in records):  # not known by content: nothing kept
        return public_kb(kb, today, history_dates=True), None
    key = _key(today)
    folder = _folder(root, make=False)
    stored: dict[str, Any] = {}
    sizes = [0] * SHARDS  # entries read from each part
    for number in range(SHARDS) if folder is not None else ():
        assert folder is not None
        part = read_pickle(folder / shard_name(number), key)
        if isinstance(part, dict):
            stored.update(part)
            sizes[number] = len(part)
    verdicts: list[tuple[RecordFile, Entry | None, str | None, bool]] = []
    for record in records:
        entry = _entry(stored.get(record.rel))
        if entry is not None and entry[0] == record.digest:
            verdicts.append((record, entry, entry[1], entry[2]))
            continue
        rid = record.record_id
        verdicts.append((record, None, rid, rid is not None
                         and is_public(record.kind, record.data, today)))
    allowed = {rid for _, _, rid, public in verdicts if public and rid is not None}
    files: list[RecordFile] = []
    tokens: dict[str, str] | None = {}
    kept: list[dict[str, Entry]] = [{} for _ in range(SHARDS)]
    changed: set[int] = set()  # the parts to write again
    for record, entry, rid, public in verdicts:
        number = shard_of(record.rel)
        if not public:
            kept[number][record.rel] = (record.digest, rid, False, (), None)
            if entry is None:
                changed.add(number)
            continue
        if entry is not None and all((rid_ in allowed) == was for rid_, was in entry[3]):
            data = entry[4]
            kept[number][record.rel] = entry
            asked: tuple[tuple[str, bool], ...] | None = entry[3]
        else:
            watched = _Watched(allowed)
            data = public_record(record.kind, record.data or {}, today,
                                 allowed=watched, history_dates=True)
            changed.add(number)
            asked = tuple(sorted(watched.asked.items())) if watched.plain else None
            if data is not None and asked is not None:
                kept[number][record.rel] = (record.digest, rid, True, asked, data)
        if data is not None:
            files.append(RecordFile(record.rel, record.kind, data, [], record.digest))
            if asked is None:
                tokens = None
            elif tokens is not None:
                tokens[record.rel] = f"{record.digest}:{asked!r}"
    changed.update(n for n in range(SHARDS) if len(kept[n]) != sizes[n])  # records gone
    target = _folder(root, make=True) if changed else None
    for number in sorted(changed) if target is not None else ():
        assert target is not None
        with contextlib.suppress(OSError):  # a read-only cache: worked out again next time
            write_pickle(target / shard_name(number), key, kept[number])
    return KnowledgeBase(kb.root, kb.config, files), tokens
