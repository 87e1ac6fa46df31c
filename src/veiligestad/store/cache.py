"""A cache of parsed records that can never be wrong, only missing.

Parsing YAML is most of the cost of opening a knowledge base, so each record's parse result (its
data, its notes and its content digest) is kept in ``.veiligestad-cache/`` beside ``data/``,
together with what the file-scoped validation rules said about it. The cache is split in two:

* **The index** (``records.pickle``): one small row per file (its stat, content digest, parse
  notes, whether it holds a record, and the file rules' problems), and the last whole result of
  ``validate`` with the key it holds for. Every command reads it; a warm ``validate`` on an
  unchanged knowledge base reads nothing else.
* **The shards** (``shard-NN.pickle``): the parsed data of the records, spread over ``SHARDS``
  files by a hash of the path. A shard is read only when one of its records is needed, and an
  edited record rewrites its own shard and the index, not the whole cache.
* **The facts** (``facts-NN.pickle``): every record cut down to what the whole-KB rules read
  (``checks/facts.py``), with the digest of each in the index; and, in the index, the last
  result of those rules under the key of every file's facts. After an edit ``validate`` reads
  the facts instead of the shards, and only when a fact changed.
* **The quick result** (``result.pickle``): the whole result of ``validate`` under a key made
  of every file's path and stat (``quick_key``); an unchanged ``validate`` reads it and no index.

The cache is an optimisation and never an authority:

* **What a file is.** An entry is reused without reading the file only when the file's size,
  modification time, change time, inode and device are exactly those recorded. Changing a file's
  content changes its change time (ctime), which no program can set back, so a byte changed under
  a forged modification time is still seen. A file whose stat changed is parsed again. Where the
  change time cannot be trusted (Windows, where ``st_ctime`` is the creation time), the file's
  bytes are read and their digest compared instead (``STAT_TRUSTED``).
* **Racy files.** File systems keep time in ticks: a file written in the same tick as the cache
  could look unchanged later. As in git's index, a file whose times fall within ``RACY_NS`` of the
  moment the cache started reading is not trusted by its stat: its bytes are read and their digest
  compared with the recorded one.
* **Whose cache.** The index and every shard name the tool's version and a fingerprint of its
  code, the size limit, and carry a checksum over their payload. An index that is corrupt, cut
  short, made by another version, from the future, or not a plain file in a plain folder is
  ignored and rebuilt; so is a shard, whose records are then parsed again. A record's data is
  taken from a shard only under the content digest the index holds for the file, so an index and
  a shard written by two different runs never mix two versions of a record.
  Unpickling admits no class but those of ``datetime``: a planted cache cannot run code.
* **Whose results.** A kept result is used, and written back, only when the run proved a file
  unchanged by its stat (``trusted_results``): a committed cache cannot know the change time
  and inode of a file of this checkout.
* **Two processes.** Every file of the cache is written to a temporary file in the cache folder
  and renamed over the old one, so a reader sees a whole old or a whole new file, never half of
  one.

Nothing here ever writes outside the cache folder. When the folder cannot be made (a read-only
knowledge base) the cache is simply not used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import stat
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from veiligestad import __version__

if TYPE_CHECKING:  # imported where used: reading the quick result needs no YAML library
    from veiligestad.store.yamlread import ParseNote

CACHE_DIR: Final = ".veiligestad-cache"
CACHE_FILE: Final = "records.pickle"  # the index
SHARD_FILE: Final = "shard-{:02d}.pickle"
SHARDS: Final = 64  # about 470 records a shard at 30,000: one edit rewrites about 0.5 MB
MAGIC: Final = b"veiligestad-cache\x00"
SHARD_MAGIC: Final = b"veiligestad-shard\x00"
# Every record's facts (checks/facts.py), spread like the shards: an edit rewrites one.
FACTS_FILE: Final = "facts-{:02d}.pickle"
FACTS_MAGIC: Final = b"veiligestad-facts\x00"
# The last whole result of validate under the stat of every file: read alone when nothing changed.
QUICK_FILE: Final = "result.pickle"
QUICK_MAGIC: Final = b"veiligestad-result\x00"
# What ``validate`` printed from the quick result, per way of printing it (``cli/quick.py``).
PRINTED_FILE: Final = "printed.pickle"
PRINTED_MAGIC: Final = b"veiligestad-printed\x00"
# Beside the quick result: what ``validate`` after an edit needs to redo one file's share of it
# (``commands/validate_edit.py``); and the rows of the files edited since, relative to it.
BASE_FILE: Final = "base.pickle"
BASE_MAGIC: Final = b"veiligestad-base\x00"
JOURNAL_FILE: Final = "journal.pickle"
JOURNAL_MAGIC: Final = b"veiligestad-journal\x00"
FORMAT: Final = 5
# Two seconds: longer than the coarsest time stamps of common file systems (FAT keeps two seconds).
RACY_NS: Final = 2_000_000_000
_HEADER: Final = struct.Struct("<IQI")  # format, payload length, crc32 of the payload
# Items per pickle of a chunked cache file (``write_cache_chunks``).
CHUNK_ITEMS: Final = 2000
ENV_OFF: Final = "VEILIGESTAD_NO_CACHE"
# Whether a file's stat proves its content unchanged. On Windows ``st_ctime`` is the creation
# time, which stays when the content changes, and the modification time can be set back by any
# program: there every file's bytes are read and their digest compared (reading is still far
# cheaper than parsing).
STAT_TRUSTED: bool = os.name != "nt"

StatKey = tuple[int, int, int, int, int]
ProblemRows = tuple[tuple[Any, ...], ...]
_UNREAD: Final[Any] = object()  # an entry's data that is still in its shard


def stat_key(info: os.stat_result) -> StatKey:
    """What identifies a version of a file without reading it."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def enabled_by_default() -> bool:
    """False when ``VEILIGESTAD_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


# The shards of each kind's folder (first shard, how many): reading one kind's records (a
# query of questions, a table of projects) reads their shards alone, not every kind's data.
# Findings, the most and the longest records, get half; about 450 records a shard at 30,000.
_KIND_SHARDS: Final = {"questions": (0, 20), "projects": (20, 12), "findings": (32, 32)}


def shard_of(rel: str) -> int:
    """The shard a file's data is kept in: stable across runs and machines; a record in a
    kind's folder (``data/findings/...``) in one of that kind's shards."""
    number = zlib.crc32(rel.encode("utf-8"))
    parts = rel.split("/", 2)
    span = _KIND_SHARDS.get(parts[1]) if len(parts) == 3 and parts[0] == "data" else None
    return number % SHARDS if span is None else span[0] + number % span[1]


@dataclass
class Entry:
    """What is remembered of one record file."""

    key: StatKey
    digest: str
    data: Any  # dict[str, Any] | None, or _UNREAD while it is still in its shard
    notes: tuple[ParseNote, ...]
    # The file-scoped rules' problems, as rows, for one context (config, language).
    context: str = ""
    problems: ProblemRows | None = None
    has_data: bool = True  # whether the file holds a record (known without reading the shard)
    facts: str = ""  # the digest of the record's facts (checks/facts.py), when known
    # The record's ID and links (``store/links.summary``), made from ``data`` when it was
    # parsed: commands build the link index from these without reading any shard.
    summary: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class CachedResult:
    """The last whole result of ``validate``, and what it holds for (see ``result_key``)."""

    key: str
    problems: ProblemRows
    overview: dict[str, dict[str, int]]
    # For the whole-KB rules' result: every record file's path (joined by NUL) and its
    # dependencies (``checks/incremental.py``, joined by its separator), or None.
    deps: tuple[str, str] | None = None


class _SafeUnpickler(pickle.Unpickler):
    """Admits plain data and dates only: a cache file planted by someone else cannot run code."""

    _ALLOWED: Final = frozenset({"date", "datetime", "time", "timedelta", "timezone"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self._ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"not allowed in a cache: {module}.{name}")


def tool_fingerprint() -> str:
    """The tool's version and the size and time of each of its source files.

    A release is told apart by its version; a working copy under development by its files, so a
    changed rule or message never meets problems cached by the code before it. Made once a
    process: the code a process runs is the code it started with.
    """
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = _fingerprint()
    return _FINGERPRINT


_FINGERPRINT: str | None = None


def _fingerprint() -> str:
    import hashlib

    package = Path(__file__).resolve().parent.parent
    hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml")):
                info = os.stat(os.path.join(folder, name))
                hasher.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return hasher.hexdigest()


def result_key(context: str, today: dt.date, files: list[tuple[str, str]]) -> str:
    """What a whole ``validate`` result depends on, besides the tool's code (in the header).

    ``context`` covers the config and the language; ``files`` is every file's path and content
    digest, in scan order; today's date is there for the rules that read it.
    """
    import hashlib

    text = "\x00".join([context, today.isoformat(), *(f"{rel}\x00{d}" for rel, d in files)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class RecordCache:
    """The cache of one knowledge base for one run: look entries up, remember new ones, save."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.folder = root / CACHE_DIR
        self.path = self.folder / CACHE_FILE
        self.fingerprint = tool_fingerprint()
        self.old: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self.changed = False  # whether the cache on disk differs from what this run knows
        # Files changed after this moment may share a time stamp with a later change.
        self.started_ns = time.time_ns()
        self.old_started_ns = 0
        self.result: CachedResult | None = None
        # The last result of the rules over the whole knowledge base (not yet located), keyed
        # by every file's facts (see ``checks/facts.py``), with the summary of statuses.
        self.kb_result: CachedResult | None = None
        self._facts_out: tuple[str, dict[str, tuple[str, Any]], set[str] | None] | None = None
        # How many files this run proved unchanged by their stat. A kept result is trusted, and
        # written back, only when at least one was: an index that proves a file of this checkout
        # was written here, by the tool, after the checkout (see ``trusted_results``).
        self.proven = 0
        self._quick: str | None = None
        self._quick_given = False  # whether this run said what QUICK_FILE should hold
        self._no_data: tuple[str, ...] = ()
        self._quick_more: tuple[tuple[str, ...], str] = ((), "")
        self._base: Base | None = None
        self.facts_unreadable = False  # read_facts found none it could use
        self._mine: set[str] = set()  # the kept results this run set itself
        self._shards: dict[int, dict[str, tuple[str, Any]]] = {}
        self._dirty: set[int] = set()  # shards that hold data this run parsed afresh
        self._made: dict[int, bytes] = {}  # whole shards pickled by the workers that parsed them
        self.old = self._read()

    # -- reading ---------------------------------------------------------------------------------
    def _read_file(self, path: Path) -> bytes | None:
        return read_cache_file(self.folder, path)

    def remember_quick(self, key: str | None, no_data: tuple[str, ...] = (),
                       folders: tuple[str, ...] = (), language: str = "",
                       base: Base | None = None) -> None:
        """The key (``quick_key``) under which the whole result is written to ``QUICK_FILE``
        by ``save``, with the files that hold no record, the record folders in scan order and
        the config's own language; or None to remove that file. ``base``, written beside it
        (``BASE_FILE``), lets ``validate`` after an edit redo only the edited files."""
        self._quick, self._quick_given, self._no_data = key, True, no_data
        self._quick_more = (folders, language)
        self._base = base

    def _save_quick(self) -> None:
        path = self.folder / QUICK_FILE
        if self.result is None or (self._quick_given and self._quick is None):
            if os.path.lexists(path):
                os.unlink(path)
            return
        if not self._quick_given:
            return  # another command: the file checks itself (see ``quick_key``)
        self._write(path, QUICK_MAGIC, (self.fingerprint, self.max_bytes, self.started_ns,
                                        self._quick, _result_row(self.result), self._no_data,
                                        *self._quick_more))
        if self._base is not None and self._base.key == self._quick:
            write_base(self.root, self._base, self.fingerprint)


    def _read(self) -> dict[str, Entry]:
        """The entries of the index on disk, or none when it cannot be trusted whole."""
        blob = self._read_file(self.path)
        if blob is None:
            return {}
        try:
            return self._decode(blob)
        except Exception:  # anything wrong with it: corrupt, foreign, cut short; start afresh
            self.result = self.kb_result = None
            return {}

    def _decode(self, blob: bytes) -> dict[str, Entry]:
        payload = _payload(blob, MAGIC)
        if payload is None:
            return {}
        head, rows = _SafeUnpickler(io.BytesIO(payload)).load()
        fingerprint, max_bytes, started_ns, result, kb_result = head
        if fingerprint != self.fingerprint or max_bytes != self.max_bytes:
            return {}
        if not isinstance(started_ns, int) or started_ns > self.started_ns:
            return {}  # a cache from the future was not made here
        self.old_started_ns = started_ns
        entries = {}
        from veiligestad.store.yamlread import ParseNote

        for rel, key, digest, has_data, notes, context, problems, facts, summary in rows:
            entries[rel] = Entry(tuple(key), digest, _UNREAD,
                                 tuple(ParseNote(*n) for n in notes) if notes else (),
                                 context, problems, bool(has_data), facts,
                                 _summary_of(summary))
        self.result = _result_of(result)
        self.kb_result = _result_of(kb_result)
        return entries

    def _shard(self, number: int) -> dict[str, tuple[str, Any]]:
        """One shard's records by path, as (digest, data); empty when it cannot be trusted."""
        found = self._shards.get(number)
        if found is None:
            found = {}
            blob = self._read_file(self.folder / SHARD_FILE.format(number))
            if blob is not None:
                try:
                    payload = _payload(blob, SHARD_MAGIC)
                    if payload is not None:
                        fingerprint, max_bytes, rows = _SafeUnpickler(
                            io.BytesIO(payload)).load()
                        if fingerprint == self.fingerprint and max_bytes == self.max_bytes:
                            found = {rel: (digest, data) for rel, digest, data in rows}
                except Exception:  # a damaged shard: its records are parsed again
                    found = {}
            self._shards[number] = found
        return found

    def read_facts(self, key: str) -> dict[str, tuple[str, Any]] | None:
        """Every record's (facts digest, facts) by path, made with the fact fields named
        ``key``; None when the file is missing, damaged, foreign or made with other fields."""
        self.facts_unreadable = True  # until proved otherwise: the next save writes them all
        found: dict[str, tuple[str, Any]] = {}
        for number in range(SHARDS):
            blob = self._read_file(self.folder / FACTS_FILE.format(number))
            if blob is None:
                return None
            try:
                payload = _payload(blob, FACTS_MAGIC)
                if payload is None:
                    return None
                fingerprint, max_bytes, fields, rows = _SafeUnpickler(
                    io.BytesIO(payload)).load()
            except Exception:  # a damaged file: the caller reads the records instead
                return None
            if fingerprint != self.fingerprint or max_bytes != self.max_bytes or fields != key:
                return None
            found.update((rel, (digest, facts)) for rel, digest, facts in rows)
        self.facts_unreadable = False
        return found

    def remember_facts(self, rel: str, digest: str) -> None:
        """Note the digest of a record's facts in its entry (see ``checks/facts.py``)."""
        entry = self.new.get(rel)
        if entry is not None and entry.facts != digest:
            entry.facts = digest
            self.changed = True

    def keep_facts(self, key: str, facts: dict[str, tuple[str, Any]],
                   changed: set[str] | None = None) -> None:
        """Write every record's facts (by path: digest, facts) with the next ``save``: the
        files that hold the ``changed`` paths, or all of them."""
        self._facts_out = (key, facts, None if self.facts_unreadable else changed)
        self.changed = True

    def remember_kb_result(self, result: CachedResult | None) -> None:
        """Keep (or forget) the result of the rules over the whole knowledge base."""
        self._mine.add("kb")
        if result != self.kb_result:
            self.kb_result = result
            self.changed = True

    def _load_data(self, rel: str, entry: Entry) -> bool:
        """Fill ``entry.data`` from its shard, under the digest the index holds; False if absent."""
        if entry.data is not _UNREAD:
            return True
        kept = self._shard(shard_of(rel)).get(rel)
        if kept is None or kept[0] != entry.digest:
            return False
        entry.data = kept[1]
        return True

    def unchanged(
        self, rel: str, info: os.stat_result, read: Callable[[str], str]
    ) -> Entry | None:
        """The cached entry for ``rel`` if it still describes the file, else None; no data read.

        ``read`` gives the file's current digest; it is called only where the stat cannot prove
        the file unchanged (a racy file, or a system whose change time is not one). A file whose
        stat changed is parsed again even when its bytes may be the same: taking the digest as
        the judge there would let a cache planted in a pull request (with the digests of the pull
        request's own files and a clean parse) hide its problems, whereas a stat with the change
        time and inode of this checkout cannot be forged ahead of time.
        """
        entry = self.old.get(rel)
        if entry is None:
            return None
        key = stat_key(info)
        if entry.key != key:
            return None
        racy = max(info.st_mtime_ns, info.st_ctime_ns) >= self.old_started_ns - RACY_NS
        if racy or not STAT_TRUSTED:
            if read(rel) != entry.digest:
                return None
            if racy:
                self.changed = True  # once written again, the file is no longer racy
        self.new[rel] = entry
        self.proven += 1
        return entry

    def trusted_results(self) -> bool:
        """Whether the kept results may be used: this run proved a file unchanged by its stat.

        A cache committed in a pull request can hold the true digests of the pull request's
        files and a clean result under the right key; but it cannot hold the change time and
        inode of a file of this checkout, so in a fresh checkout no file is proved unchanged and
        its results are neither used nor written back (``save``).
        """
        return self.proven > 0

    def data_of(self, rel: str) -> tuple[bool, Any]:
        """(True, data) of an entry this run proved unchanged, read from its shard under the
        digest the index holds; (False, None) when the shard does not hold it."""
        entry = self.new.get(rel)
        if entry is None or not self._load_data(rel, entry):
            return False, None
        return True, entry.data

    def lookup(
        self, rel: str, info: os.stat_result, read: Callable[[str], str]
    ) -> Entry | None:
        """Like ``unchanged``, with the record's data read from its shard."""
        entry = self.unchanged(rel, info, read)
        if entry is None:
            return None
        if not self._load_data(rel, entry):
            self.new.pop(rel, None)
            return None
        return entry

    # -- remembering ------------------------------------------------------------------------------
    def remember(self, rel: str, info: os.stat_result, digest: str,
                 data: dict[str, Any] | None, notes: list[ParseNote],
                 summary: tuple[Any, ...] | None = None) -> None:
        """Keep a freshly parsed file for next time (with its ID and links, when given)."""
        self.new[rel] = Entry(stat_key(info), digest, data, tuple(notes),
                              has_data=data is not None, summary=summary)
        self._dirty.add(shard_of(rel))
        self.changed = True

    def remember_parsed(self, rel: str, info: os.stat_result, digest: str, has_data: bool,
                        notes: list[ParseNote], summary: tuple[Any, ...] | None) -> None:
        """Like ``remember``, for a record whose whole shard was pickled where it was parsed
        (``keep_shard``): its data is not held here."""
        self.new[rel] = Entry(stat_key(info), digest, _UNREAD, tuple(notes),
                              has_data=has_data, summary=summary)
        self.changed = True

    def keep_shard(self, number: int, payload: bytes) -> None:
        """Write shard ``number`` with the next ``save`` as ``payload``: the pickled
        ``(fingerprint, max_bytes, rows)`` of every record this run remembers in it."""
        self._made[number] = payload
        self._dirty.discard(number)
        self._shards.pop(number, None)
        self.changed = True

    def problems(self, rel: str, context: str) -> ProblemRows | None:
        """The file-scoped rules' problems of ``rel`` in ``context``, when known."""
        entry = self.new.get(rel)
        if entry is None or entry.context != context:
            return None
        return entry.problems

    def remember_problems(self, rel: str, context: str, problems: ProblemRows) -> None:
        entry = self.new.get(rel)
        if entry is not None and (entry.context != context or entry.problems != problems):
            entry.context, entry.problems = context, problems
            self.changed = True

    def remember_result(self, result: CachedResult | None) -> None:
        """Keep (or, with None, forget) the whole result of ``validate`` for next time."""
        self._mine.add("result")
        if result != self.result:
            self.result = result
            self.changed = True

    # -- writing ---------------------------------------------------------------------------------
    def save(self) -> None:
        """Write what changed; quietly do nothing when it cannot be written."""
        if set(self.new) != set(self.old):
            self.changed = True  # files were added or removed
        if not self.trusted_results():  # loaded results are never written back unproved
            if self.result is not None and "result" not in self._mine:
                self.result, self.changed = None, True
            if self.kb_result is not None and "kb" not in self._mine:
                self.kb_result, self.changed = None, True
        if not self.changed:
            if self._quick_given and _plain_folder(self.folder):
                try:
                    self._save_quick()
                except OSError:
                    return
            return
        try:
            if not self.folder.exists():
                self.folder.mkdir()
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            if not _plain_folder(self.folder):
                return
            self._save_shards()
            if self._facts_out is not None:
                self._save_facts(*self._facts_out)
                self._facts_out = None
            rows = [
                (rel, e.key, e.digest, e.has_data, [_note_row(n) for n in e.notes], e.context,
                 e.problems, e.facts, e.summary)
                for rel, e in self.new.items()
            ]
            head = (self.fingerprint, self.max_bytes, self.started_ns,
                    _result_row(self.result), _result_row(self.kb_result))
            self._write(self.path, MAGIC, (head, rows))
            self._save_quick()
        except OSError:
            return  # a read-only knowledge base: run without a cache
        self.changed = False

    def _save_facts(self, key: str, facts: dict[str, tuple[str, Any]],
                    changed: set[str] | None) -> None:
        numbers = set(range(SHARDS)) if changed is None else {shard_of(r) for r in changed}
        rows: dict[int, list[tuple[str, str, Any]]] = {n: [] for n in numbers}
        for rel, (digest, data) in facts.items():
            number = shard_of(rel)
            if number in rows:
                rows[number].append((rel, digest, data))
        for number in sorted(numbers):
            self._write(self.folder / FACTS_FILE.format(number), FACTS_MAGIC,
                        (self.fingerprint, self.max_bytes, key, rows[number]))

    def _save_shards(self) -> None:
        """Rewrite the shards that hold new data, or whose records came and went."""
        if len(self.old) != len(self.new) or self.old.keys() != self.new.keys():
            for rel in self.old.keys() - self.new.keys():
                self._dirty.add(shard_of(rel))
        for number, payload in sorted(self._made.items()):  # whole: nothing to add to them
            self._dirty.discard(number)
            write_cache_bytes(self.folder, self.folder / SHARD_FILE.format(number), SHARD_MAGIC,
                              payload)
        self._made.clear()
        if not self._dirty:
            return
        by_shard: dict[int, list[str]] = {}
        for rel in self.new:
            number = shard_of(rel)
            if number in self._dirty:
                by_shard.setdefault(number, []).append(rel)
        for number in sorted(self._dirty):
            rows = []
            for rel in by_shard.get(number, []):
                entry = self.new[rel]
                if not self._load_data(rel, entry):
                    del self.new[rel]  # its data is gone: parse it again next time
                    continue
                rows.append((rel, entry.digest, entry.data))
            self._write(self.folder / SHARD_FILE.format(number), SHARD_MAGIC,
                        (self.fingerprint, self.max_bytes, rows))
            self._shards[number] = {rel: (d, data) for rel, d, data in rows}
        self._dirty.clear()

    def _write(self, path: Path, magic: bytes, value: Any) -> None:
        write_cache_file(self.folder, path, magic, value)


def write_cache_file(folder: Path, path: Path, magic: bytes, value: Any) -> None:
    """One cache file, whole or not at all: a temporary file renamed over the old one. The
    value is pickled straight into the file, a frame at a time (its header is written last):
    the payload is never held in memory whole, let alone twice."""
    _write_bound(folder, path, magic,
                 lambda out: pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value))


def write_cache_chunks(folder: Path, path: Path, magic: bytes, head: tuple[Any, ...],
                       items: dict[str, Any], size: int = CHUNK_ITEMS) -> None:
    """``write_cache_file`` of ``(*head, items)`` for a large mapping (the parts of every
    record: ``store/fieldkeys.py``), pickled as ``head`` and then ``items`` in chunks of
    ``size``, each a pickle of its own: the pickler's memo, which holds an entry for every
    object pickled, is emptied after each chunk (for 30,000 records' parts, one memo was
    about 60 MB, which put the first ``stats`` of such a knowledge base over 300 MB).
    ``read_kept_chunks`` reads it back."""
    def dump(out: Any) -> None:
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        keys = list(items)
        pickler.dump((*head, -(-len(keys) // size)))
        for start in range(0, len(keys), size):
            pickler.clear_memo()
            pickler.dump({key: items[key] for key in keys[start:start + size]})

    _write_bound(folder, path, magic, dump)


def read_kept_chunks(folder: Path, name: str, magic: bytes) -> Any:
    """What ``write_cache_chunks`` wrote to ``folder/name``: ``(*head, items)``, or
    ``NOTHING_KEPT`` as for ``read_kept``; a damaged payload raises."""
    blob = read_cache_file(folder, folder / name)
    if blob is None:
        return NOTHING_KEPT
    payload = _payload(blob, magic)
    if payload is None:
        return NOTHING_KEPT
    stream = _ViewReader(payload)
    top = _SafeUnpickler(stream).load()
    if type(top) is not tuple or not top:
        raise ValueError("not a chunked cache file")
    *head, chunks = top
    # Every chunk is a pickle of at least a few bytes: a count beyond that is a lie.
    if type(chunks) is not int or chunks < 0 or chunks > len(payload) // 4:
        raise ValueError("not a chunked cache file")
    items: dict[str, Any] = {}
    for _ in range(chunks):
        chunk = _SafeUnpickler(stream).load()
        if type(chunk) is not dict or not chunk:
            raise ValueError("not a chunk of items")
        items.update(chunk)
    if stream.read(1):
        raise ValueError("more than its chunks")
    return (*head, items)


class _ViewReader:
    """A file over a payload's memoryview, for the unpickler: unlike ``io.BytesIO``, it does
    not copy the payload (tens of MB for the parts of every record) before reading it."""

    __slots__ = ("position", "view")

    def __init__(self, view: memoryview) -> None:
        self.view, self.position = view, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.view) if size is None or size < 0 else self.position + size
        data = bytes(self.view[self.position:end])
        self.position += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        data = self.view[self.position:self.position + len(target)]
        target[:len(data)] = data
        self.position += len(data)
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        rest = self.view[self.position:]
        if size is not None and size >= 0:
            rest = rest[:size]
        end = _find_newline(rest)
        data = bytes(rest if end < 0 else rest[:end + 1])
        self.position += len(data)
        return data


def _find_newline(view: memoryview) -> int:
    """Where the first newline of ``view`` is (-1 when none), read a block at a time."""
    for start in range(0, len(view), 4096):
        at = bytes(view[start:start + 4096]).find(b"\n")
        if at >= 0:
            return start + at
    return -1


def write_cache_bytes(folder: Path, path: Path, magic: bytes, payload: bytes) -> None:
    """``write_cache_file`` of a value pickled already (``payload``), bound to this cache
    folder (``checkout_token``); an OSError when the folder cannot be bound."""
    _write_bound(folder, path, magic, lambda out: out.write(payload))


class _Summed:
    """The file a payload is written to, counting its length and CRC on the way."""

    __slots__ = ("crc", "handle", "length")

    def __init__(self, handle: Any) -> None:
        self.handle, self.length, self.crc = handle, 0, 0

    def write(self, data: Any) -> int:
        self.length += memoryview(data).nbytes
        self.crc = zlib.crc32(data, self.crc)
        return int(self.handle.write(data))


def _write_bound(folder: Path, path: Path, magic: bytes, payload: Callable[[Any], Any]) -> None:
    """A cache file of ``magic``, its header and the payload that ``payload(out)`` writes to
    ``out``, bound to this cache folder (``checkout_token``; an OSError when it cannot be):
    written to a temporary file, its header filled in once the payload's length and CRC are
    known, and renamed over ``path``."""
    import tempfile

    bound = b""
    if folder.name == CACHE_DIR:
        token = checkout_token(folder, make=True)
        if token is None:
            raise OSError(f"{folder}: the cache folder cannot be bound to this checkout")
        bound = token
    fd, name = tempfile.mkstemp(prefix=".records.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bound + magic + _HEADER.pack(FORMAT, 0, 0))
            summed = _Summed(handle)
            payload(summed)
            handle.seek(len(bound) + len(magic))
            handle.write(_HEADER.pack(FORMAT, summed.length, summed.crc))
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def config_digest(raw: bytes) -> str:
    """The digest of the config's bytes, for ``quick_context``."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def quick_context(lang: str, config_digest: str) -> str:
    """What, besides the files, the quick result's words depend on: the language, and the
    config by the digest of its bytes (so that it is known without parsing the config)."""
    return f"{lang}\x00{config_digest}"


def quick_key(context: str, today: dt.date, files: list[tuple[str, StatKey]],
              parts: tuple[str, bytes] | None = None) -> str:
    """What the quickly read whole result holds for: the config and language (``context``),
    today's date, and every file's path and stat in order (record files, saved queries).
    ``parts``, when given, is ``listing_parts(files)``, made once for the caller's own use."""
    import hashlib

    rels, stats = parts if parts is not None else listing_parts(files)
    hasher = hashlib.blake2b(f"{context}\x00{today.isoformat()}".encode(), digest_size=16)
    hasher.update(rels.encode("utf-8", "surrogateescape"))
    hasher.update(stats)
    return hasher.hexdigest()


def listing_parts(files: list[tuple[str, StatKey]]) -> tuple[str, bytes]:
    """A listing's paths joined by NUL (as ``Base.rels``), and the five numbers of each stat
    key packed as ``array("q")`` packs them (as ``Base.stats``): one ``struct.pack``, which
    takes a third of the time ``array`` takes to gather 150,000 numbers."""

    rels = "\x00".join([rel for rel, _ in files])
    return rels, pack_stats([key for _, key in files])


def pack_stats(keys: list[StatKey]) -> bytes:
    """The five numbers of each stat key as signed 64-bit integers, as ``array("q")`` packs
    them. A number of 2**63 or more (an inode on some file systems) is taken modulo 2**64:
    the same bytes an unsigned one would have, so every key stays its own."""
    import struct
    from itertools import chain

    numbers = list(chain.from_iterable(keys))
    try:
        return struct.pack(f"{len(numbers)}q", *numbers)
    except struct.error:
        return struct.pack(f"{len(numbers)}q", *[n - (1 << 64) if n >= 1 << 63 else n
                                                for n in numbers])


class Quick(NamedTuple):
    """The quick result as read from ``QUICK_FILE``."""

    key: str
    result: CachedResult
    no_data: set[str]  # the files that hold no record
    folders: tuple[str, ...]  # the record folders (``data/<plural>``) in scan order
    language: str  # the config's own language, for a run without ``--lang``
    max_bytes: int = -1  # the size limit it was made with


def read_quick(root: Path, max_bytes: int | None = None) -> Quick | None:
    """The quickly read whole result, or None when there is none this tool may trust: another
    version or code, another size limit (when ``max_bytes`` is given: the key covers it
    otherwise, through the config's digest), made in the future, damaged, or a link."""
    folder = root / CACHE_DIR
    blob = read_cache_file(folder, folder / QUICK_FILE)
    if blob is None:
        return None
    try:
        payload = _payload(blob, QUICK_MAGIC)
        if payload is None:
            return None
        fingerprint, limit, started_ns, key, row, no_data, folders, language = _SafeUnpickler(
            io.BytesIO(payload)).load()
        result = _result_of(row)
        found = Quick(str(key), result, {str(rel) for rel in no_data},  # type: ignore[arg-type]
                      tuple(str(f) for f in folders), str(language), int(limit))
    except Exception:  # anything wrong with it: the index decides
        return None
    if fingerprint != tool_fingerprint() or result is None:
        return None
    if max_bytes is not None and limit != max_bytes:
        return None
    if not isinstance(started_ns, int) or started_ns > time.time_ns():
        return None
    return found


class Base(NamedTuple):
    """What ``validate`` after an edit needs beside the quick result (same ``key``) to redo
    the edited files' share of it alone (``commands/validate_edit.py``): every listed file's
    path and stat (record files, then the saved queries' entries, as ``quick_key`` hashes
    them), each record file's facts digest and parse-note codes, the whole-KB rules' problems
    before positions were found, by path, and what those depend on besides the files."""

    key: str
    started_ns: int
    context: str  # ``quick_context``: the language and the config's bytes
    today: str
    fields: str  # ``checks/facts.fields_key`` of the facts digests below
    rels: str  # the paths, joined by NUL (which no path holds): one object to read, not 30,000
    stats: bytes  # array("q") of the five numbers of each stat key, in the order of ``rels``
    facts: str  # each file's facts digest, FACTS_WIDTH characters (blank: no record, a query)
    notes: dict[str, tuple[str, ...]]  # the parse-note codes of the files that have any
    always: dict[str, ProblemRows]  # whole-KB and dated rules' rows, not yet located, by path
    # Each listed file's dependencies (``checks/incremental.py``), in the order of ``rels``,
    # joined by its separator; "" when they are not known (a fact edit then reads the index).
    deps: str = ""


FACTS_WIDTH: Final = 32  # a facts digest (``checks/facts.py``: 16 bytes, in hex)


def write_base(root: Path, base: Base, fingerprint: str) -> None:
    """Write ``BASE_FILE`` (and drop the journal of the base before it)."""
    folder = root / CACHE_DIR
    write_cache_file(folder, folder / BASE_FILE, BASE_MAGIC, (fingerprint, tuple(base)))
    if os.path.lexists(folder / JOURNAL_FILE):
        os.unlink(folder / JOURNAL_FILE)


def read_base(root: Path, key: str, fingerprint: str) -> Base | None:
    """The base kept beside the quick result with key ``key``; None when there is none this
    tool may trust (another key, version or code, damaged, a link, not of the expected
    shape)."""
    try:
        kept = read_kept(root / CACHE_DIR, BASE_FILE, BASE_MAGIC)
        if kept is NOTHING_KEPT:
            return None
        found, row = kept
        base = Base(*row)
        if found != fingerprint or base.key != key or not isinstance(base.rels, str) \
                or not isinstance(base.stats, bytes) or not isinstance(base.facts, str) \
                or not isinstance(base.notes, dict) or not isinstance(base.always, dict) \
                or not isinstance(base.started_ns, int) or not isinstance(base.deps, str):
            return None
        count = base.rels.count("\x00") + 1 if base.rels else 0
        if len(base.stats) != 40 * count or len(base.facts) != FACTS_WIDTH * count:
            return None
    except Exception:  # anything wrong with it: the index decides
        return None
    return base


# A journal row: a file's stat key, content digest and every problem of that file, located.
JournalRow = tuple[StatKey, str, ProblemRows]


def read_journal(root: Path, key: str, fingerprint: str) -> tuple[int, dict[str, JournalRow]]:
    """The rows of the files edited since the base with key ``key``, and when the run that
    wrote them started; (0, {}) when there are none this tool may trust."""
    try:
        kept = read_kept(root / CACHE_DIR, JOURNAL_FILE, JOURNAL_MAGIC)
        if kept is NOTHING_KEPT:
            return 0, {}
        found, base_key, started_ns, rows = kept
        if found != fingerprint or base_key != key or not isinstance(started_ns, int) \
                or started_ns > time.time_ns() or not isinstance(rows, dict):
            return 0, {}
        return started_ns, {str(rel): (tuple(k), str(d), tuple(tuple(p) for p in problems))
                            for rel, (k, d, problems) in rows.items()}
    except Exception:  # damaged or foreign: the edited files are read again
        return 0, {}


def write_journal(root: Path, key: str, fingerprint: str, started_ns: int,
                  rows: dict[str, JournalRow]) -> None:
    """Keep the rows of the files edited since the base with key ``key``; quietly nothing
    when the cache folder cannot be written."""
    folder = root / CACHE_DIR
    if not _plain_folder(folder):
        return
    try:
        write_cache_file(folder, folder / JOURNAL_FILE, JOURNAL_MAGIC,
                         (fingerprint, key, started_ns, rows))
    except OSError:
        return


def write_quick(root: Path, fingerprint: str, started_ns: int, quick: Quick,
                base: Base) -> None:
    """Write the quick result and its base (as ``RecordCache.save`` writes them), for a run
    that answered without the index; quietly nothing when the cache folder cannot be
    written."""
    folder = root / CACHE_DIR
    if not _plain_folder(folder):
        return
    try:
        write_cache_file(folder, folder / QUICK_FILE, QUICK_MAGIC, (
            fingerprint, quick.max_bytes, started_ns, quick.key, _result_row(quick.result),
            tuple(sorted(quick.no_data)), quick.folders, quick.language))
        write_base(root, base, fingerprint)
    except OSError:
        return


def read_printed(root: Path, key: str, expected: str | None = None) -> dict[Any, Any]:
    """What ``validate`` printed from the quick result with key ``key``, per way of printing
    (``cli/quick.py``); empty when there is nothing this tool may trust. ``expected``: the
    tool's fingerprint, when known."""
    folder = root / CACHE_DIR
    blob = read_cache_file(folder, folder / PRINTED_FILE)
    if blob is None:
        return {}
    try:
        payload = _payload(blob, PRINTED_MAGIC)
        if payload is None:
            return {}
        found, kept_key, printed = _SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # damaged or foreign: print afresh
        return {}
    if kept_key != key or not isinstance(printed, dict) or \
            found != (expected or tool_fingerprint()):
        return {}
    return printed


def keep_printed(root: Path, key: str, printed: dict[Any, Any]) -> None:
    """Keep what was printed from the quick result with key ``key``; quietly nothing when the
    cache folder cannot be written."""
    folder = root / CACHE_DIR
    if not _plain_folder(folder):
        return
    try:
        write_cache_file(folder, folder / PRINTED_FILE, PRINTED_MAGIC,
                         (tool_fingerprint(), key, printed))
    except OSError:
        return


def read_cache_file(folder: Path, path: Path, *, bound: bool = True) -> bytes | None:
    """A cache file's bytes: never through a link, never from a folder that is a link; in the
    cache folder (unless ``bound`` is False), those after its binding (``checkout_token``),
    and None for a file without it."""
    try:
        if not _plain_folder(folder):
            return None
        # Never opened unless a plain file: opening a pipe planted here would wait forever.
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            blob = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    if folder.name != CACHE_DIR or not bound:  # the config, read by the same careful open
        return blob
    binding = checkout_token(folder)
    if binding is None or blob[:len(binding)] != binding:
        return None  # written in another folder (a copy, or planted by a pull request)
    return blob[len(binding):]


TOKEN_FILE: Final = "checkout.token"
_TOKENS: dict[tuple[str, int, int, int], bytes] = {}


def checkout_token(folder: Path, make: bool = False) -> bytes | None:
    """What binds every file of the cache folder ``folder`` to it: a digest of the identity of
    the file ``checkout.token`` there (inode, device, change time; and its bytes, which the
    tool leaves empty), made by the first write (``make``). None when it is missing (and not
    made), not a plain file, or unreadable: then nothing kept there is read.

    Most kept files are under keys no one can compute beforehand (the stat of this checkout's
    files), but some hold values under a digest of their content, which anyone can compute: a
    record's parsed data, its facts, the site's open data. Committed into the cache folder in a
    pull request (``git add -f``), such a file under the true digest, with false content, would
    be used. The token file can be committed too, but not the inode and change time the
    checkout gives it on this machine: a planted or copied cache folder is not read. The file
    is made empty in one step, so processes started at once all see the same token.
    """
    place = folder / TOKEN_FILE
    try:
        info: os.stat_result | None = os.lstat(place)
    except FileNotFoundError:
        info = None
    except OSError:
        return None
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A link, a pipe, a socket (a pull request can commit a link) is never read; where the
        # tool writes it is replaced, so that the cache is not turned off for good.
        if not make or stat.S_ISDIR(info.st_mode):
            return None
        try:
            os.unlink(place)
        except OSError:
            return None
        info = None
    if info is None:
        if not make:
            return None
        try:
            # Made empty and whole in one step: a process that made it at the same moment as
            # another (``O_EXCL``: one of them does) never sees it change afterwards.
            os.close(os.open(place, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_BINARY", 0), 0o600))
        except FileExistsError:
            pass
        except OSError:
            return None
        return checkout_token(folder)
    seen = (str(place), info.st_ino, info.st_dev, info.st_ctime_ns)
    found = _TOKENS.get(seen)
    if found is not None:
        return found
    try:  # its identity from the file opened, never through a link, never waiting on a pipe
        fd = os.open(place, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            return None
        seen = (str(place), opened.st_ino, opened.st_dev, opened.st_ctime_ns)
        secret = os.read(fd, 64)
    except OSError:
        return None
    finally:
        os.close(fd)
    import hashlib

    found = _TOKENS[seen] = hashlib.sha256(secret + repr(seen[1:]).encode()).digest()
    return found


NOTHING_KEPT: Final = object()  # what ``read_kept`` returns where nothing is kept


def read_kept(folder: Path, name: str, magic: bytes) -> Any:
    """What the cache file ``folder/name`` holds under ``magic``: read without following a link,
    its header checked, unpickled admitting plain data only; ``NOTHING_KEPT`` when it is absent
    or its header does not hold. A damaged payload raises: the caller treats it as nothing."""
    blob = read_cache_file(folder, folder / name)
    if blob is None:
        return NOTHING_KEPT
    payload = _payload(blob, magic)
    if payload is None:
        return NOTHING_KEPT
    return _SafeUnpickler(io.BytesIO(payload)).load()


def _payload(blob: bytes, magic: bytes) -> memoryview | None:
    """The payload of a cache file after its header, or None when the header does not hold."""
    if not blob.startswith(magic):
        return None
    fmt, length, crc = _HEADER.unpack_from(blob, len(magic))
    payload = memoryview(blob)[len(magic) + _HEADER.size:]
    if fmt != FORMAT or length != len(payload) or zlib.crc32(payload) != crc:
        return None
    return payload


def _result_of(row: Any) -> CachedResult | None:
    if row is None:
        return None
    key, problems, overview, *more = row
    deps = None
    if more and more[0] is not None:
        rels, parts = more[0]
        if type(rels) is not str or type(parts) is not str:
            raise ValueError("not a result's dependencies")
        deps = (rels, parts)
    return CachedResult(str(key), tuple(tuple(p) for p in problems),
                        {str(k): dict(v) for k, v in overview.items()}, deps)


def _summary_of(row: Any) -> tuple[str | None, tuple[tuple[str, str, str], ...]] | None:
    """A kept (ID, links) as ``store/links.summary`` made it; None when it is not one."""
    if row is None:
        return None
    record_id, links = row
    if (record_id is not None and type(record_id) is not str) or type(links) is not tuple:
        raise ValueError("not a record's ID and links")
    for link in links:
        if type(link) is not tuple or len(link) != 3 or type(link[0]) is not str \
                or type(link[1]) is not str or type(link[2]) is not str:
            raise ValueError("not a link")
    return record_id, links


def _result_row(result: CachedResult | None) -> tuple[Any, ...] | None:
    if result is None:
        return None
    if result.deps is None:
        return (result.key, result.problems, result.overview)
    return (result.key, result.problems, result.overview, result.deps)


def _plain_folder(path: Path) -> bool:
    """A real folder, not a link to one elsewhere (a pull request could plant such a link)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _note_row(note: ParseNote) -> tuple[Any, ...]:
    return (note.code, note.line, note.column, dict(note.params))


def read_facts_of(root: Path, rels: list[str], key: str, max_bytes: int,
                  fingerprint: str) -> dict[str, tuple[str, Any]] | None:
    """The kept (facts digest, facts) of ``rels``, reading only the facts files that hold
    them (``FACTS_FILE``); None when one is missing, damaged, foreign or made with other fact
    fields (``key``). A path the files do not hold is left out."""
    folder = root / CACHE_DIR
    wanted = set(rels)
    found: dict[str, tuple[str, Any]] = {}
    for number in sorted({shard_of(rel) for rel in rels}):
        rows = _facts_rows(folder, number, key, max_bytes, fingerprint)
        if rows is None:
            return None
        found.update((rel, (digest, facts)) for rel, digest, facts in rows if rel in wanted)
    return found


def update_facts(root: Path, updates: dict[str, tuple[str, Any]], key: str, max_bytes: int,
                 fingerprint: str) -> None:
    """Write the new (facts digest, facts) of a few records into the facts files that hold
    them; quietly nothing for a file that cannot be read or written (a later reader then
    finds a digest that does not match, and reads the records instead)."""
    folder = root / CACHE_DIR
    if not _plain_folder(folder):
        return
    for number in sorted({shard_of(rel) for rel in updates}):
        rows = _facts_rows(folder, number, key, max_bytes, fingerprint)
        if rows is None:
            continue
        mine = {rel: value for rel, value in updates.items() if shard_of(rel) == number}
        out = [(rel, *mine.pop(rel)) if rel in mine else (rel, digest, facts)
               for rel, digest, facts in rows]
        out.extend((rel, digest, facts) for rel, (digest, facts) in mine.items())
        try:
            write_cache_file(folder, folder / FACTS_FILE.format(number), FACTS_MAGIC,
                             (fingerprint, max_bytes, key, out))
        except OSError:
            return


def _facts_rows(folder: Path, number: int, key: str, max_bytes: int,
                fingerprint: str) -> list[tuple[str, str, Any]] | None:
    blob = read_cache_file(folder, folder / FACTS_FILE.format(number))
    if blob is None:
        return None
    try:
        payload = _payload(blob, FACTS_MAGIC)
        if payload is None:
            return None
        found, limit, fields, rows = _SafeUnpickler(io.BytesIO(payload)).load()
        if found != fingerprint or limit != max_bytes or fields != key:
            return None
        return [(str(rel), str(digest), facts) for rel, digest, facts in rows]
    except Exception:  # damaged: the caller reads the records instead
        return None
