"""Opening every record file fast: from the cache where it still holds, in parallel otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from veiligestad.parallel import map_indices
from veiligestad.store.cache import RecordCache
from veiligestad.store.records import FileEntry, RecordFile, digest, load_file, read_bytes
from veiligestad.store.yamlread import ParseNote

Parsed = tuple[dict[str, Any] | None, list[ParseNote], str]


def load_records(
    root: Path, entries: Iterable[FileEntry], max_bytes: int, cache: RecordCache | None = None
) -> list[RecordFile]:
    """Every entry as a ``RecordFile``, in order; unchanged files come from ``cache``."""
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
                or entry.temporary or entry.stray:
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
            records[index] = RecordFile(entry.rel, entry.kind, hit.data, list(hit.notes),
                                        hit.digest)
    parsed = map_indices(_parse_chunk, (root, entries, max_bytes), todo)
    for index, (data, notes, content_digest) in zip(todo, parsed, strict=True):
        entry = entries[index]
        records[index] = RecordFile(entry.rel, entry.kind, data, notes, content_digest)
        seen = stats.get(index)
        if cache is not None and seen is not None and content_digest:
            cache.remember(entry.rel, seen, content_digest, data, notes)
    return [r for r in records if r is not None]


def _parse_chunk(shared: tuple[Path, list[FileEntry], int], chunk: Sequence[int]) -> list[Parsed]:
    root, entries, max_bytes = shared
    out: list[Parsed] = []
    for index in chunk:
        record = load_file(root, entries[index], max_bytes)
        out.append((record.data, record.notes, record.digest))
    return out
