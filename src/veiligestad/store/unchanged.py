"""Which record files are still as the cache knows them: the proof behind every kept result.

``validate`` keeps its whole result, and the result of the rules over the whole knowledge base,
in the cache; before it answers from either, every file the scan finds is looked up in the cache
by the same proof as a record read from it (see ``store/cache.py``): one ``lstat`` a file, no
record read. The scan and the reads stay here, in the store, like every other reading of record
files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from veiligestad.store import cache as cache_module
from veiligestad.store.cache import Entry, RecordCache, StatKey, stat_key
from veiligestad.store.records import FileEntry, RecordFile, digest, read_bytes, scan


@dataclass
class Proof:
    """The scan, split into files the cache proves unchanged and files to read again."""

    entries: list[FileEntry]
    kept: dict[int, Entry] = field(default_factory=dict)  # by position in ``entries``
    changed: list[int] = field(default_factory=list)
    unusual: bool = False  # a link, a stray or misnamed file, a pipe, a left-over temporary file

    @property
    def unchanged(self) -> bool:
        return not self.changed and not self.unusual


def prove(root: Path, max_bytes: int, cache: RecordCache,
          listed: Listing | None = None) -> Proof:
    """Look every file of the scan (or of ``listed``) up in ``cache``; no record data is
    read."""

    def current_digest(rel: str) -> str:
        raw, _ = read_bytes(root, rel, max_bytes)
        return digest(raw) if raw is not None else ""

    listed = listed or Listing.of(root)
    proof = Proof(listed.entries)
    for index, (entry, info) in enumerate(zip(listed.entries, listed.stats, strict=True)):
        if entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular \
                or entry.temporary:
            proof.unusual = True
        if info is None:
            proof.changed.append(index)
            continue
        hit = cache.unchanged(entry.rel, info, current_digest)
        if hit is None:
            proof.changed.append(index)
        else:
            proof.kept[index] = hit
    return proof


def read_changed(root: Path, max_bytes: int, cache: RecordCache,
                 proof: Proof) -> list[RecordFile]:
    """The files ``proof`` found changed, read whole through the loader (and remembered in
    ``cache``), in scan order."""
    from veiligestad.store.loader import load_records

    return load_records(root, [proof.entries[i] for i in proof.changed], max_bytes, cache)


def unchanged_files(root: Path, max_bytes: int,
                    cache: RecordCache) -> tuple[list[tuple[str, str]], set[str]] | None:
    """Every file's ``(path, content digest)`` in scan order, and the paths whose record data
    the cache holds; None when any file is new, changed, gone, a link or not a record file."""
    proof = prove(root, max_bytes, cache)
    if not proof.unchanged:
        return None
    files = [(proof.entries[i].rel, hit.digest) for i, hit in proof.kept.items()]
    readable = {proof.entries[i].rel for i, hit in proof.kept.items() if hit.has_data}
    return files, readable


@dataclass
class Listing:
    """The scan of ``data/`` and one ``lstat`` of each plain record file (None for the others:
    a link, a stray or misnamed file, a pipe, a left-over temporary file, one that vanished)."""

    entries: list[FileEntry]
    stats: list[os.stat_result | None]

    @classmethod
    def of(cls, root: Path) -> Listing:
        entries = list(scan(root))
        stats: list[os.stat_result | None] = []
        base = str(root) + os.sep
        for entry in entries:
            info = None
            if not (entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular
                    or entry.temporary):
                try:
                    info = os.lstat(base + entry.rel)
                except OSError:
                    info = None
            stats.append(info)
        return cls(entries, stats)

    def keys(self, root: Path, queries: list[str]) -> list[tuple[str, StatKey]] | None:
        """Every record file's and saved query's path and stat key, in scan order; None when
        anything is unusual."""
        out: list[tuple[str, StatKey]] = []
        for entry, info in zip(self.entries, self.stats, strict=True):
            if info is None:
                return None
            out.append((entry.rel, stat_key(info)))
        base = str(root) + os.sep
        for rel in queries:
            try:
                out.append((rel, stat_key(os.lstat(base + rel))))
            except OSError:
                return None
        return out


def settled_listing(root: Path, cache: RecordCache, entries: list[FileEntry],
                    queries: list[str]) -> list[tuple[str, StatKey]] | None:
    """The listing this run saw (as ``listing``), or None when a file is new or changed within
    ``RACY_NS`` of this run's start: its stat could then stay the same through a later change."""
    limit = cache.started_ns - cache_module.RACY_NS
    out: list[tuple[str, StatKey]] = []
    for entry in entries:
        if entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular \
                or entry.temporary:
            return None
        kept = cache.new.get(entry.rel)
        if kept is None or max(kept.key[1], kept.key[2]) >= limit:
            return None
        out.append((entry.rel, kept.key))
    base = str(root) + os.sep
    for rel in queries:
        try:
            key = stat_key(os.lstat(base + rel))
        except OSError:
            return None
        if max(key[1], key[2]) >= limit:
            return None
        out.append((rel, key))
    return out
