"""A cache of parsed records that can never be wrong, only missing.

Parsing YAML is most of the cost of opening a knowledge base, so each record's parse result (its
data, its notes and its content digest) is kept in ``.veiligestad-cache/records.pickle`` beside
``data/``, together with what the file-scoped validation rules said about it. The cache is an
optimisation and never an authority:

* **What a file is.** An entry is reused without reading the file only when the file's size,
  modification time, change time, inode and device are exactly those recorded. Changing a file's
  content changes its change time (ctime), which no program can set back, so a byte changed under
  a forged modification time is still seen. A file whose stat changed is parsed again.
* **Racy files.** File systems keep time in ticks: a file written in the same tick as the cache
  could look unchanged later. As in git's index, a file whose times fall within ``RACY_NS`` of the
  moment the cache started reading is not trusted by its stat: its bytes are read and their digest
  compared with the recorded one.
* **Whose cache.** The header names the tool's version and a fingerprint of its code, the size
  limit, and a checksum over the payload. A cache that is corrupt, cut short, made by another
  version, from the future, or not a plain file in a plain folder is ignored and rebuilt.
  Unpickling admits no class but those of ``datetime``: a planted cache cannot run code.
* **Two processes.** A new cache is written to a temporary file in the cache folder and renamed
  over the old one, so a reader sees a whole old or a whole new cache, never half of one.

Nothing here ever writes outside the cache folder. When the folder cannot be made (a read-only
knowledge base) the cache is simply not used.
"""

from __future__ import annotations

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
from typing import Any, Final

from veiligestad import __version__
from veiligestad.store.yamlread import ParseNote

CACHE_DIR: Final = ".veiligestad-cache"
CACHE_FILE: Final = "records.pickle"
MAGIC: Final = b"veiligestad-cache\x00"
FORMAT: Final = 1
# Two seconds: longer than the coarsest time stamps of common file systems (FAT keeps two seconds).
RACY_NS: Final = 2_000_000_000
_HEADER: Final = struct.Struct("<IQI")  # format, payload length, crc32 of the payload
ENV_OFF: Final = "VEILIGESTAD_NO_CACHE"

StatKey = tuple[int, int, int, int, int]
ProblemRows = tuple[tuple[Any, ...], ...]


def stat_key(info: os.stat_result) -> StatKey:
    """What identifies a version of a file without reading it."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def enabled_by_default() -> bool:
    """False when ``VEILIGESTAD_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


@dataclass
class Entry:
    """What is remembered of one record file."""

    key: StatKey
    digest: str
    data: dict[str, Any] | None
    notes: tuple[ParseNote, ...]
    # The file-scoped rules' problems, as rows, for one context (config, language).
    context: str = ""
    problems: ProblemRows | None = None


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
    changed rule or message never meets problems cached by the code before it.
    """
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
        self.old = self._read()

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> dict[str, Entry]:
        """The entries of the cache on disk, or none when it cannot be trusted whole."""
        try:
            if not _plain_folder(self.folder):
                return {}
            # Never opened unless a plain file: opening a pipe planted here would wait forever.
            if not stat.S_ISREG(os.lstat(self.path).st_mode):
                return {}
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return {}
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return {}
            with os.fdopen(fd, "rb", closefd=False) as handle:
                blob = handle.read()
        except OSError:
            return {}
        finally:
            os.close(fd)
        try:
            return self._decode(blob)
        except Exception:  # anything wrong with it: corrupt, foreign, cut short; start afresh
            return {}

    def _decode(self, blob: bytes) -> dict[str, Entry]:
        if not blob.startswith(MAGIC):
            return {}
        fmt, length, crc = _HEADER.unpack_from(blob, len(MAGIC))
        payload = memoryview(blob)[len(MAGIC) + _HEADER.size:]
        if fmt != FORMAT or length != len(payload) or zlib.crc32(payload) != crc:
            return {}
        head, rows = _SafeUnpickler(io.BytesIO(payload)).load()
        fingerprint, max_bytes, started_ns = head
        if fingerprint != self.fingerprint or max_bytes != self.max_bytes:
            return {}
        if not isinstance(started_ns, int) or started_ns > self.started_ns:
            return {}  # a cache from the future was not made here
        self.old_started_ns = started_ns
        entries = {}
        for rel, key, digest, data, notes, context, problems in rows:
            entries[rel] = Entry(tuple(key), digest, data,
                                 tuple(ParseNote(*n) for n in notes), context, problems)
        return entries

    def lookup(
        self, rel: str, info: os.stat_result, read: Callable[[str], str]
    ) -> Entry | None:
        """The cached entry for ``rel`` if it still describes the file, else None.

        ``read`` gives the file's current digest; it is called only for a racy file. A file whose
        stat changed is parsed again even when its bytes may be the same: taking the digest as the
        judge there would let a cache planted in a pull request (with the digests of the pull
        request's own files and a clean parse) hide its problems, whereas a stat with the change
        time and inode of this checkout cannot be forged ahead of time.
        """
        entry = self.old.get(rel)
        if entry is None:
            return None
        key = stat_key(info)
        if entry.key != key:
            return None
        if max(info.st_mtime_ns, info.st_ctime_ns) >= self.old_started_ns - RACY_NS:
            # Racy: changed so close to the cache's making that its stat proves nothing.
            if read(rel) != entry.digest:
                return None
            self.changed = True  # once written again, the file is no longer racy
        self.new[rel] = entry
        return entry

    # -- remembering ------------------------------------------------------------------------------
    def remember(self, rel: str, info: os.stat_result, digest: str,
                 data: dict[str, Any] | None, notes: list[ParseNote]) -> None:
        """Keep a freshly parsed file for next time."""
        self.new[rel] = Entry(stat_key(info), digest, data, tuple(notes))
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

    # -- writing ---------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the cache when it changed; quietly do nothing when it cannot be written."""
        if len(self.new) != len(self.old):
            self.changed = True  # files were removed
        if not self.changed:
            return
        rows = [
            (rel, e.key, e.digest, e.data, [_note_row(n) for n in e.notes], e.context,
             e.problems)
            for rel, e in self.new.items()
        ]
        payload = pickle.dumps(((self.fingerprint, self.max_bytes, self.started_ns), rows),
                               protocol=pickle.HIGHEST_PROTOCOL)
        blob = MAGIC + _HEADER.pack(FORMAT, len(payload), zlib.crc32(payload)) + payload
        import tempfile

        try:
            if not self.folder.exists():
                self.folder.mkdir()
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            if not _plain_folder(self.folder):
                return
            fd, name = tempfile.mkstemp(prefix=".records.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(blob)
                os.replace(name, self.path)
            except BaseException:
                os.unlink(name)
                raise
        except OSError:
            return  # a read-only knowledge base: run without a cache
        self.changed = False


def _plain_folder(path: Path) -> bool:
    """A real folder, not a link to one elsewhere (a pull request could plant such a link)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _note_row(note: ParseNote) -> tuple[Any, ...]:
    return (note.code, note.line, note.column, dict(note.params))

