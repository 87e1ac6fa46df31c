"""A knowledge base opened for one run: its root, config and record files, read once.

Every command reads the knowledge base through ``open_kb``. Only ``validate`` and the commands
that write (which must see every file, to keep IDs unique and to refuse new errors) look at every
file; every other command gets the *screened* view: a file that cannot be read as a record, or
whose record has a problem the reader noted (YAML, tags, anchors, values of the wrong shape, a
name that is not its ID), is left out of ``records()`` and ``by_id``, with one line naming it,
and the command goes on. No value of a wrong type reaches the code that reads records.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from veiligestad.i18n import Translator
from veiligestad.memory import paused_gc
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import RecordCache, enabled_by_default
from veiligestad.store.config import Config, load_config
from veiligestad.store.loader import load_records
from veiligestad.store.records import FileEntry, RecordFile, scan


@dataclass(frozen=True)
class LeftOut:
    """A file the screened view leaves out, and the ID it claims (when it has one)."""

    rel: str
    record_id: str | None


@dataclass
class KnowledgeBase:
    """The records of one knowledge base, with an index by ID built once."""

    root: Path
    config: Config
    files: list[RecordFile]
    by_id: dict[str, list[RecordFile]] = field(default_factory=dict)
    # The cache the records came through (None with --no-cache); validate adds its findings to it.
    cache: RecordCache | None = field(default=None, repr=False)
    # Files the screened view leaves out, by path (empty when every file is looked at).
    left_out: dict[str, LeftOut] = field(default_factory=dict)
    # ``records()`` by kind, made once: neither ``files`` nor ``left_out`` changes after this
    # is made (a reading command asks for every kind's records several times).
    _records: dict[str | None, list[RecordFile]] = field(default_factory=dict, repr=False,
                                                          compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[RecordFile]] = defaultdict(list)
        for record in self.files:
            record_id = record.record_id
            if record_id is not None and record.rel not in self.left_out:
                index[record_id].append(record)
        self.by_id = dict(index)

    def left_out_record(self, record_id: str) -> LeftOut | None:
        """The left-out file that claims ``record_id``, when no record with it was kept."""
        if record_id in self.by_id:
            return None
        return next((gone for gone in self.left_out.values() if gone.record_id == record_id),
                    None)

    def get(self, record_id: str) -> RecordFile | None:
        """The record with this ID (the first one, when an ID is duplicated)."""
        found = self.by_id.get(record_id)
        return found[0] if found else None

    def refuse_left_out(self, record_id: str, t: Translator) -> None:
        """Raise a usage error when ``record_id`` names a record the screened view left out.

        For the commands about one record: "not valid, see validate" says more than "unknown ID".
        """
        gone = self.left_out_record(record_id)
        if gone is not None:
            from veiligestad.errors import UsageError

            raise UsageError(t("kb.left_out_id", id=record_id),
                             hint=t("kb.left_out_id_hint", path=gone.rel))

    def records(self, kind: str | None = None) -> list[RecordFile]:
        """The readable records, optionally of one kind, in file order (a new list)."""
        found = self._records.get(kind)
        if found is None:
            found = self._records[kind] = [
                r for r in self.files
                if r.has_data and (kind is None or r.kind.name == kind)
                and r.rel not in self.left_out
            ]
        return list(found)


def fails_screen(record: RecordFile) -> bool:
    """True when ``record`` must be left out of the screened view (see the module's docstring)."""
    if not record.has_data or record.notes:
        return True
    record_id = record.record_id
    return record_id is None or record_id != record.stem or record.misplaced


def screen(files: list[RecordFile]) -> dict[str, LeftOut]:
    """The files of ``files`` that the screened view leaves out."""
    return {r.rel: LeftOut(r.rel, r.record_id) for r in files if fails_screen(r)}


def print_left_out(left_out: dict[str, LeftOut], t: Translator) -> None:
    """One line on standard error for each file left out (machine output stays clean)."""
    for gone in left_out.values():
        print(t("kb.left_out", path=gone.rel), file=sys.stderr)


# A reading command that parsed at most this many files afresh leaves the index as it is.
SMALL_EDIT: Final = 64


def _small_edit(cache: RecordCache) -> bool:
    """Whether a lazy reading found the index current but for a few files parsed afresh.

    Rewriting the index (about 4 MB at 30,000 records) and a shard costs a reading command
    after one edit more than parsing the edited files again on its next run, so it is left for
    ``validate`` (or a reading that parsed more) to write. Never when the index could not be
    read, nor while a file is racy: its bytes are read on every run until the index is
    written again.
    """
    if not cache.old:
        return False
    parsed = len(cache.new) - cache.proven
    if not 0 < parsed <= SMALL_EDIT:
        return not parsed and not cache.changed
    # A file proved unchanged by its bytes because its stat was racy (the very entry the
    # index holds) stays so until the index is written again.
    limit, old = cache.old_started_ns - cache_module.RACY_NS, cache.old
    return not any(max(entry.key[1], entry.key[2]) >= limit and old.get(rel) is entry
                   for rel, entry in cache.new.items())


def open_kb(
    root: Path,
    t: Translator,
    config: Config | None = None,
    *,
    cache: bool | None = None,
    save_cache: bool = True,
    every_file: bool = False,
    on_left_out: Callable[[dict[str, LeftOut], Translator], None] | None = print_left_out,
    record_cache: RecordCache | None = None,
    entries: list[FileEntry] | None = None,
    lazy: bool = False,
    stats: list[os.stat_result | None] | None = None,
) -> KnowledgeBase:
    """Read the config (unless given) and every record file under ``root``.

    Unchanged files come from the cache in ``.veiligestad-cache/`` (see ``store.cache``), unless
    ``cache`` is False, or None and ``VEILIGESTAD_NO_CACHE`` is set. With ``save_cache`` False the
    caller saves ``kb.cache`` itself, after adding to it. Unless ``every_file`` (validate and the
    writing commands), the result is the screened view, and ``on_left_out`` is told which files
    it leaves out (by default one line each on standard error). A ``record_cache`` already
    opened for this run is used instead of reading the cache again, and ``entries`` (the scan
    of ``data/`` this run already made) instead of scanning again. With ``lazy``, the data of
    an unchanged record is read from the cache only when it is used (``store/loader.py``): for
    the commands that read a few records whole (``show``) or build what they need from the
    links and a few fields. ``stats`` are the ``lstat`` of each of ``entries``, when this run
    took them already.
    """
    config = config or load_config(root, t)
    use_cache = enabled_by_default() if cache is None else cache
    with paused_gc():
        if record_cache is None and use_cache:
            record_cache = RecordCache(root, config.max_file_bytes)
        elif not use_cache:
            record_cache = None
        files = load_records(root, scan(root) if entries is None else entries,
                             config.max_file_bytes, record_cache, lazy=lazy,
                             lstats=stats if entries is not None else None)
    if record_cache is not None and save_cache and not (lazy and _small_edit(record_cache)):
        record_cache.save()
    left_out = {} if every_file else screen(files)
    if left_out and on_left_out is not None:
        on_left_out(left_out, t)
    return KnowledgeBase(root, config, files, cache=record_cache, left_out=left_out)
