"""A knowledge base opened for one run: its root, config and record files, read once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from veiligestad.i18n import Translator
from veiligestad.store.config import Config, load_config
from veiligestad.store.records import RecordFile, load_all, scan


@dataclass
class KnowledgeBase:
    """The records of one knowledge base, with an index by ID built once."""

    root: Path
    config: Config
    files: list[RecordFile]
    by_id: dict[str, list[RecordFile]] = field(default_factory=dict)

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


def open_kb(root: Path, t: Translator, config: Config | None = None) -> KnowledgeBase:
    """Read the config (unless given) and every record file under ``root``."""
    config = config or load_config(root, t)
    files = load_all(root, scan(root), config.max_file_bytes)
    return KnowledgeBase(root, config, files)
