"""Which record files are still as the cache knows them: the proof behind every kept result.

``validate`` keeps its whole result, and the result of the rules over the whole knowledge base,
in the cache; before it answers from either, every file the scan finds is looked up in the cache
by the same proof as a record read from it (see ``store/cache.py``): one ``lstat`` a file, no
record read. The scan and the reads stay here, in the store, like every other reading of record
files.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from veiligestad.store import cache as cache_module
from veiligestad.store.cache import StatKey, stat_key

if TYPE_CHECKING:  # the quick listing below runs without the YAML readers these import
    from veiligestad.store.cache import Entry, RecordCache
    from veiligestad.store.records import FileEntry, RecordFile

DATA_DIR: Final = "data"  # as store/records.py
QUERIES_DIR: Final = "queries"  # as commands/query.py
# Hidden files a record folder may hold (scan skips them); any other hidden name could be a
# temporary file the tool left behind, which the full scan reports.
QUIET_HIDDEN: Final = frozenset({".gitkeep", ".keep", ".gitignore", ".DS_Store"})


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

    from veiligestad.store.records import digest, read_bytes

    def current_digest(rel: str) -> str:
        raw, _ = read_bytes(root, rel, max_bytes)
        return digest(raw) if raw is not None else ""

    listed = listed or Listing.of(root)
    proof = Proof(listed.entries)
    for index, (entry, info) in enumerate(zip(listed.entries, listed.stats, strict=True)):
        if entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular \
                or entry.temporary or entry.bad_name:
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


def read_edited(root: Path, rels: list[str], max_bytes: int) -> list[RecordFile] | None:
    """The record files ``rels`` read whole through the loader, without a cache, in order;
    None when one is not directly in a record folder (``data/<plural>``)."""
    from veiligestad.model.kinds import KINDS
    from veiligestad.store.loader import load_records
    from veiligestad.store.records import FileEntry

    kinds = {f"{DATA_DIR}/{kind.plural}": kind for kind in KINDS.values()}
    entries = []
    for rel in rels:
        kind = kinds.get(rel[:rel.rfind("/")])
        if kind is None:
            return None
        entries.append(FileEntry(rel, kind, False))
    return load_records(root, entries, max_bytes, None)


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
        """The listing; for a plainly laid out ``data/`` by ``quick_listing``, which finds the
        same files as the scan with less work (``tests/cli/test_quick.py`` compares them)."""
        infos: list[os.stat_result] = []
        plain = quick_listing(root, kind_folders(), infos)
        found = None if plain is None else cls.of_quick(plain, infos)
        return found or cls.scanned(root)

    @classmethod
    def of_quick(cls, plain: list[tuple[str, StatKey]],
                 infos: list[os.stat_result]) -> Listing | None:
        """The listing from what ``quick_listing`` found over ``kind_folders()``."""
        from veiligestad.model.kinds import KINDS
        from veiligestad.store.records import FileEntry

        kinds = {f"{DATA_DIR}/{kind.plural}": kind for kind in KINDS.values()}
        try:
            entries = [FileEntry(rel, kinds[rel[:rel.rindex("/")]], False)
                       for rel, _ in plain[:len(infos)]]
        except KeyError:
            return None  # listed with other folders
        stats: list[os.stat_result | None] = list(infos)
        return cls(entries, stats)

    @classmethod
    def scanned(cls, root: Path) -> Listing:
        """The listing by the scan of ``store/records.py``, whatever ``data/`` holds."""
        from veiligestad.store.records import scan

        entries = list(scan(root))
        stats: list[os.stat_result | None] = []
        base = str(root) + os.sep
        for entry in entries:
            info = None
            if not (entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular
                    or entry.temporary or entry.bad_name):
                try:
                    info = os.lstat(base + entry.rel)
                except OSError:
                    info = None
            stats.append(info)
        return cls(entries, stats)

    def keys(self, root: Path) -> list[tuple[str, StatKey]] | None:
        """Every record file's path and stat key in scan order, then the saved queries' (see
        ``query_keys``); None when anything is unusual."""
        out: list[tuple[str, StatKey]] = []
        for entry, info in zip(self.entries, self.stats, strict=True):
            if info is None:
                return None
            out.append((entry.rel, stat_key(info)))
        return out + query_keys(root)


def kind_folders() -> tuple[str, ...]:
    """The record folders, ``data/<plural>``, in scan order."""
    from veiligestad.model.kinds import KINDS

    return tuple(f"{DATA_DIR}/{kind.plural}" for kind in KINDS.values())


def query_keys(root: Path) -> list[tuple[str, StatKey]]:
    """The stat of ``queries/`` and of every ``*.yaml`` entry in it, in name order: more than
    the saved queries (``commands/query.py``: ``saved_names``), so that no change to one of
    them, nor a query added or removed (which changes the folder's stat), goes unseen."""
    try:
        info = os.lstat(root / QUERIES_DIR)
    except OSError:
        return []
    out = [(QUERIES_DIR, stat_key(info))]
    if not stat.S_ISDIR(info.st_mode):
        return out
    base = os.path.join(root, QUERIES_DIR)
    try:
        names = sorted(n for n in os.listdir(base) if n.lower().endswith((".yaml", ".yml")))
    except OSError:
        return [(QUERIES_DIR, (-1, -1, -1, -1, -1))]
    for name in names:
        try:
            out.append((f"{QUERIES_DIR}/{name}", stat_key(os.lstat(os.path.join(base, name)))))
        except OSError:
            out.append((f"{QUERIES_DIR}/{name}", (-1, -1, -1, -1, -1)))
    return out


def quick_listing(root: Path, folders: tuple[str, ...],
                  infos: list[os.stat_result] | None = None) -> list[tuple[str, StatKey]] | None:
    """What ``Listing.keys`` gives, without the scan's readers, for a knowledge base laid out
    plainly: ``data/`` holds the record folders and nothing else, each record folder holds
    plain ``*.yaml`` files, other plain files that are not YAML and the hidden files in
    ``QUIET_HIDDEN``. Anything else (a link, a subfolder, a stray, ``*.yml`` or temporary
    file) gives None, and the full scan decides. ``folders`` are the record folders in scan
    order (``data/<plural>``, as the quick result was written with). ``infos``, when given,
    receives each record file's ``lstat``, in the same order."""
    data = os.path.join(root, DATA_DIR)
    try:
        if not stat.S_ISDIR(os.lstat(data).st_mode):
            return None
        with os.scandir(data) as found:
            for entry in found:
                kind_folder = f"{DATA_DIR}/{entry.name}" in folders \
                    and entry.is_dir(follow_symlinks=False)
                quiet = entry.name in QUIET_HIDDEN and entry.is_file(follow_symlinks=False)
                if not (kind_folder or quiet):
                    return None
    except OSError:
        return None
    out: list[tuple[str, StatKey]] = []
    for folder in folders:
        path = os.path.join(root, folder)
        try:
            plain = _folder_listing(path, folder + "/", out, infos)
        except FileNotFoundError:
            continue
        except OSError:
            return None
        if not plain:
            return None
    return out + query_keys(root)


# Where the system can, each file of a record folder is looked up from the open folder
# (``fstatat``): the kernel then does not walk the whole path again for each of 30,000 files.
_BY_FOLDER: Final = os.lstat in os.supports_dir_fd and os.listdir in os.supports_fd \
    and hasattr(os, "O_DIRECTORY")


def _folder_listing(path: str, prefix: str, out: list[tuple[str, StatKey]],
                    infos: list[os.stat_result] | None) -> bool:
    """Add the plain ``*.yaml`` files of the folder at ``path`` to ``out`` (their paths with
    ``prefix``) and their ``lstat`` to ``infos``, in name order; False at anything else
    ``quick_listing`` does not cover. Raises OSError when the folder cannot be listed."""
    lstat, is_regular = os.lstat, stat.S_ISREG
    if _BY_FOLDER:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
        try:
            names = sorted(os.listdir(fd))
            try:
                found = [lstat(name, dir_fd=fd) for name in names]
            except OSError:
                return False  # gone since it was listed
        finally:
            os.close(fd)
    else:
        names = sorted(os.listdir(path))
        base = path + os.sep
        try:
            found = [lstat(base + name) for name in names]
        except OSError:
            return False
    append = out.append
    for name, info in zip(names, found, strict=True):
        if not name.isprintable():
            return False  # a name that is not UTF-8 or holds a control code: ``scan`` names it
        if name.endswith(".yaml") and not name.startswith(".") and is_regular(info.st_mode):
            append((prefix + name, (info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                                    info.st_ino, info.st_dev)))
            if infos is not None:
                infos.append(info)
        elif not is_regular(info.st_mode) or name.endswith(".yml") or (
                name.startswith(".") and name not in QUIET_HIDDEN):
            return False  # a link, a folder, a pipe, a misnamed or temporary file
    return True


def settled_listing(root: Path, cache: RecordCache,
                    entries: list[FileEntry]) -> list[tuple[str, StatKey]] | None:
    """The listing this run saw (as ``Listing.keys``), or None when a file is new or changed
    within ``RACY_NS`` of this run's start: its stat could then stay the same through a later
    change."""
    limit = cache.started_ns - cache_module.RACY_NS
    out: list[tuple[str, StatKey]] = []
    for entry in entries:
        if entry.is_link or entry.wrong_suffix or entry.stray or entry.not_regular \
                or entry.temporary or entry.bad_name:
            return None
        kept = cache.new.get(entry.rel)
        if kept is None or max(kept.key[1], kept.key[2]) >= limit:
            return None
        out.append((entry.rel, kept.key))
    queries = query_keys(root)
    if any(max(key[1], key[2]) >= limit for _, key in queries):
        return None
    return out + queries
