"""Whether every record file is still as the cache knows it: the proof behind a kept result.

``validate`` keeps its whole result in the cache; before it answers from it, every file the
scan finds must be in the cache as it was, by the same proof as a record read from the cache
(see ``store/cache.py``). The scan and the reads stay here, in the store, like every other
reading of record files.
"""

from __future__ import annotations

import os
from pathlib import Path

from veiligestad.store.cache import RecordCache
from veiligestad.store.records import digest, read_bytes, scan


def unchanged_files(root: Path, max_bytes: int,
                    cache: RecordCache) -> tuple[list[tuple[str, str]], set[str]] | None:
    """Every file's ``(path, content digest)`` in scan order, and the paths whose record data
    the cache holds; None when any file is new, changed, gone, a link or not a record file."""

    def current_digest(rel: str) -> str:
        raw, _ = read_bytes(root, rel, max_bytes)
        return digest(raw) if raw is not None else ""

    files: list[tuple[str, str]] = []
    readable: set[str] = set()
    base = str(root) + os.sep
    for entry in scan(root):
        if entry.is_link or entry.wrong_suffix or entry.stray:
            return None
        try:
            info = os.lstat(base + entry.rel)
        except OSError:
            return None
        hit = cache.unchanged(entry.rel, info, current_digest)
        if hit is None:
            return None
        files.append((entry.rel, hit.digest))
        if hit.has_data:
            readable.add(entry.rel)
    return files, readable
