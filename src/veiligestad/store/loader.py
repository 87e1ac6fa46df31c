"""Opening every record file fast: from the cache where it still holds, in parallel otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from veiligestad.parallel import map_indices
from veiligestad.store.cache import Entry, RecordCache
from veiligestad.store.links import Link, summary
from veiligestad.store.records import FileEntry, RecordFile, digest, load_file, read_bytes, scan
from veiligestad.store.yamlread import ParseNote

Parsed = tuple[dict[str, Any] | None, list[ParseNote], str]
_UNREAD: Any = object()


class CachedRecordFile(RecordFile):
    """A record proved unchanged by the cache, whose data stays in its shard until first read.

    Its ID and links come from the cache's index (made from the same data when the file was
    parsed, kept under the same content digest), so the screened view and the link index are
    built without reading a shard; ``data`` reads the record's shard on first use. Should the
    shard no longer hold it (deleted or damaged since), the file is read and parsed again.
    """

    def __init__(self, root: Path, entry: FileEntry, max_bytes: int, cache: RecordCache,
                 hit: Entry) -> None:
        # The dataclass's fields set directly (it has nothing more to do): 30,000 of these are
        # made by every reading command.
        self._source = (root, entry, max_bytes, cache)
        self._data: Any = _UNREAD
        self._summary: tuple[str | None, tuple[Link, ...]] = hit.summary  # type: ignore[assignment]
        self.rel = entry.rel
        self.kind = entry.kind
        self.notes = list(hit.notes)
        self.digest = hit.digest

    @property
    def data(self) -> dict[str, Any] | None:
        if self._data is _UNREAD:
            root, entry, max_bytes, cache = self._source
            found, data = cache.data_of(entry.rel)
            if not found:
                data = load_file(root, entry, max_bytes).data
            self._data = data
        return self._data  # type: ignore[no-any-return]

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        self._data = value

    @property
    def record_id(self) -> str | None:
        if self._data is _UNREAD:
            return self._summary[0]
        return super().record_id

    @property
    def has_data(self) -> bool:
        return True if self._data is _UNREAD else self._data is not None

    def outgoing(self) -> tuple[Link, ...]:
        if self._data is _UNREAD:
            return self._summary[1]
        return super().outgoing()


def load_records(
    root: Path, entries: Iterable[FileEntry], max_bytes: int, cache: RecordCache | None = None,
    *, lazy: bool = False, lstats: Sequence[os.stat_result | None] | None = None,
) -> list[RecordFile]:
    """Every entry as a ``RecordFile``, in order; unchanged files come from ``cache``.

    With ``lazy``, an unchanged record's data is read from its shard only when it is used
    (``CachedRecordFile``): a command that reads a few records reads a few shards. ``lstats``
    (one ``lstat`` of each entry, None where there is none, as ``store.unchanged.Listing``
    makes them) saves taking them again.
    """
    entries = list(entries)
    records: list[RecordFile | None] = [None] * len(entries)
    stats: dict[int, os.stat_result] = {}
    todo: list[int] = []

    def current_digest(rel: str) -> str:
        raw, _ = read_bytes(root, rel, max_bytes)
        return digest(raw) if raw is not None else ""

    base = str(root)
    for index, entry in enumerate(entries):
        if cache is None or entry.is_link or entry.wrong_suffix or entry.not_regular \
                or entry.temporary or entry.stray or entry.bad_name:
            todo.append(index)
            continue
        try:
            found = os.lstat(os.path.join(base, entry.rel)) if lstats is None else lstats[index]
        except OSError:
            found = None
        if found is None:
            todo.append(index)
            continue
        info = found
        if lazy:
            hit = cache.unchanged(entry.rel, info, current_digest)
            if hit is not None and hit.has_data and hit.summary is not None:
                records[index] = CachedRecordFile(root, entry, max_bytes, cache, hit)
                continue
            if hit is not None and not hit.has_data:
                records[index] = RecordFile(entry.rel, entry.kind, None, list(hit.notes),
                                            hit.digest)
                continue
            if hit is not None and not cache.data_of(entry.rel)[0]:  # kept without links
                cache.new.pop(entry.rel, None)
                hit = None
        else:
            hit = cache.lookup(entry.rel, info, current_digest)
        if hit is None:
            stats[index] = info
            todo.append(index)
        else:
            records[index] = RecordFile(entry.rel, entry.kind, hit.data, list(hit.notes),
                                        hit.digest)
    parsed = map_indices(_parse_chunk, (root, entries, max_bytes), todo)
    for index, (data, notes, content_digest) in zip(todo, parsed, strict=True):
        entry = entries[index]
        records[index] = RecordFile(entry.rel, entry.kind, data, notes, content_digest)
        seen = stats.get(index)
        if cache is not None and seen is not None and content_digest:
            cache.remember(entry.rel, seen, content_digest, data, notes,
                           summary(entry.kind.name, data))
    return [r for r in records if r is not None]


def _parse_chunk(shared: tuple[Path, list[FileEntry], int], chunk: Sequence[int]) -> list[Parsed]:
    root, entries, max_bytes = shared
    out: list[Parsed] = []
    for index in chunk:
        record = load_file(root, entries[index], max_bytes)
        out.append((record.data, record.notes, record.digest))
    return out


class Sorted(NamedTuple):
    """The record files of a run: those the cache proved unchanged (read from it, whole) and
    those still to read (``todo``, with their ``lstat`` where the cache may remember them)."""

    entries: list[FileEntry]
    files: list[RecordFile | None]  # None where still to read
    stats: dict[int, os.stat_result]
    todo: list[int]


def cached_or_todo(root: Path, entries: Iterable[FileEntry] | None, max_bytes: int,
                   cache: RecordCache | None) -> Sorted:
    """Every record file of ``root`` (``entries``, or a scan), each either read from ``cache``
    where it proves the file unchanged, or left to read: for ``validate``, which reads and
    checks the rest in one pass (``checks/onepass.py``)."""
    listed = list(scan(root) if entries is None else entries)
    files: list[RecordFile | None] = [None] * len(listed)
    stats: dict[int, os.stat_result] = {}
    todo: list[int] = []
    base = str(root)

    def current_digest(rel: str) -> str:
        raw, _ = read_bytes(root, rel, max_bytes)
        return digest(raw) if raw is not None else ""

    for index, entry in enumerate(listed):
        if cache is None or entry.is_link or entry.wrong_suffix or entry.not_regular \
                or entry.temporary or entry.stray or entry.bad_name:
            todo.append(index)
            continue
        try:
            info = os.lstat(os.path.join(base, entry.rel))
        except OSError:
            todo.append(index)
            continue
        hit = cache.lookup(entry.rel, info, current_digest)
        if hit is None:
            stats[index] = info
            todo.append(index)
        else:
            files[index] = RecordFile(entry.rel, entry.kind, hit.data, list(hit.notes),
                                      hit.digest)
    return Sorted(listed, files, stats, todo)
