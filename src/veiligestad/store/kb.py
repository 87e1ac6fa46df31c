"""A knowledge base opened for one run: its root, config and record files, read once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from veiligestad.i18n import Translator
from veiligestad.memory import paused_gc
from veiligestad.store.cache import RecordCache, enabled_by_default
from veiligestad.store.config import Config, load_config
from veiligestad.store.loader import load_records
from veiligestad.store.records import RecordFile, scan


@dataclass
class KnowledgeBase:
    """The records of one knowledge base, with an index by ID built once."""

    root: Path
    config: Config
    files: list[RecordFile]
    by_id: dict[str, list[RecordFile]] = field(default_factory=dict)
    # The cache the records came through (None with --no-cache); validate adds its findings to it.
    cache: RecordCache | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[RecordFile]] = defaultdict(list)
        for record in self.files:
            record_id = record.record_id
            if record_id is not None:
                index[record_id].append(record)
        self.by_id = dict(index)

    def get(self, record_id: str) -> RecordFile | None:
        """The record with this ID (the first one, when an ID is duplicated)."""
        found = self.by_id.get(record_id)
        return found[0] if found else None

    def records(self, kind: str | None = None) -> list[RecordFile]:
        """The readable records, optionally of one kind, in file order."""
        return [
            r for r in self.files
            if r.data is not None and (kind is None or r.kind.name == kind)
        ]


def open_kb(
    root: Path,
    t: Translator,
    config: Config | None = None,
    *,
    cache: bool | None = None,
    save_cache: bool = True,
    record_cache: RecordCache | None = None,
) -> KnowledgeBase:
    """Read the config (unless given) and every record file under ``root``.

    Unchanged files come from the cache in ``.veiligestad-cache/`` (see ``store.cache``), unless
    ``cache`` is False, or None and ``VEILIGESTAD_NO_CACHE`` is set. With ``save_cache`` False the
    caller saves ``kb.cache`` itself, after adding to it. A ``record_cache`` already opened for
    this run is used instead of reading the cache again.
    """
    config = config or load_config(root, t)
    use_cache = enabled_by_default() if cache is None else cache
    with paused_gc():
        if record_cache is None and use_cache:
            record_cache = RecordCache(root, config.max_file_bytes)
        elif not use_cache:
            record_cache = None
    with paused_gc():
        files = load_records(root, scan(root), config.max_file_bytes, record_cache)
    if record_cache is not None and save_cache:
        record_cache.save()
    return KnowledgeBase(root, config, files, cache=record_cache)
