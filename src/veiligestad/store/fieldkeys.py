"""The answer of ``stats`` kept under the fields it reads: an edit of any other field keeps it.

``stats`` keeps its last answer under the stat of every file (``store/answers.py``): the first
run after any edit makes it afresh, reading every record. Yet most edits (a title, a summary, a
statement, a comment) change no field a figure reads. Like the facts of ``validate``
(``checks/facts.py``), each record file gets a digest of what the figures read of it
(``READS``: the fields in ``stats.NEEDS`` and those its derived fields are made of, or that the
screened view leaves the file out), kept per file in
``.veiligestad-cache/fields-stats.pickle`` under the file's stat, with the last answer under the
key of every file's digest, the arguments, the language, the whole config and today's date, in a
file that names the tool's version and code.

After an edit, the files whose stat changed (at most ``SMALL_EDIT``) are read and their digests
made afresh; when the key is the kept one, so is the answer, and no other record is read. The
same guarantees as the kept answers: a file's row holds only for the same stat, and not for a
file changed within ``RACY_NS`` of the run that wrote it; written only when every file is
settled, never where the stat proves nothing (Windows), never with the cache off, never for the
public audience (its views read every public field). A damaged, foreign or planted file is
ignored (the cache's unpickler admits no class); a planted one cannot hold the change times and
inodes of this checkout's files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from veiligestad.store import cache as cache_module
from veiligestad.store.kb import LeftOut, fails_screen

if TYPE_CHECKING:
    from veiligestad.i18n import Translator
    from veiligestad.store.config import Config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile
    from veiligestad.store.unchanged import Listing

FIELDS_FILE: Final = "fields-{}.pickle"
FIELDS_MAGIC: Final = b"veiligestad-fields\x00"
# More files changed than this: the records are read as before (and the rows written again).
SMALL_EDIT: Final = 64
# What the figures of ``stats`` read of a record of each kind: every field in ``stats.NEEDS``
# (a derived one too: a record that holds a field of that name is read as it is, see
# ``query/view.py``), and what the derived ones are made of: a question's decision and dates
# come from its status history, a finding's themes from its questions' themes.
READS: Final[dict[str, tuple[str, ...]]] = {
    "question": ("id", "received", "decision", "decided_on", "matched_on", "delivered_on",
                 "status_history", "themes"),
    "project": ("id", "status", "start", "end", "institution", "student_count",
                "presentations"),
    "finding": ("id", "reported", "themes", "evidence", "recommendations", "questions"),
}
COMMANDS: Final = ("stats",)  # with READS; ``query`` names its own (``query.stored_reads``)
_ABSENT: Final = ("absent",)  # a field the record does not hold: no YAML value is a tuple


Reads = dict[str, tuple[str, ...]]


def _enabled() -> bool:
    return cache_module.STAT_TRUSTED and cache_module.enabled_by_default()


def usable(command: str, args: tuple[Any, ...]) -> bool:
    """Whether the answer of ``command`` with ``args`` may be kept under the fields in
    ``READS``."""
    return command in COMMANDS and _enabled() and len(args) == 2 and args[1] == "internal"


def digest_of(record: RecordFile, reads: Reads = READS, left_out: bool | None = None) -> str:
    """The digest of what an answer reads of ``record``: the fields ``reads`` names for its
    kind; only that it is there, for a kind the answer reads nothing of; or (for a file the
    screened view leaves out: ``left_out``, when the caller knows) only that."""
    kind = record.kind.name
    if fails_screen(record) if left_out is None else left_out:
        row: tuple[Any, ...] = ("left out",)
    elif kind not in reads:
        row = ("there",)
    else:
        data = record.data or {}
        row = (kind, tuple(data.get(name, _ABSENT) for name in reads[kind]))
    return hashlib.blake2b(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL),
                           digest_size=16).hexdigest()


def _context(config: Config, t: Translator, today: dt.date, command: str,
             args: tuple[Any, ...], reads: Reads = READS) -> bytes:
    return pickle.dumps((command, args, t.lang, dict(config.raw), today.isoformat(),
                         sorted(reads.items())), protocol=pickle.HIGHEST_PROTOCOL)


def _key(context: bytes, rows: list[tuple[str, str]]) -> str:
    hasher = hashlib.blake2b(context, digest_size=16)
    hasher.update("\x00".join(f"{rel}\x00{d}" for rel, d in rows).encode("utf-8",
                                                                          "surrogateescape"))
    return hasher.hexdigest()


def _read(root: Path, config: Config, command: str,
          reads: Reads) -> tuple[int, dict[str, Any], Any] | None:
    """The kept rows (by path: stat key, digest) of ``reads``, when they were written, and the
    answer."""
    try:
        kept = cache_module.read_kept(root / cache_module.CACHE_DIR,
                                      FIELDS_FILE.format(command), FIELDS_MAGIC)
        if kept is cache_module.NOTHING_KEPT:
            return None
        fingerprint, max_bytes, written_ns, kept_reads, rows, answer = kept
        if fingerprint != cache_module.tool_fingerprint() or max_bytes != config.max_file_bytes \
                or kept_reads != sorted(reads.items()) \
                or type(written_ns) is not int or written_ns > time.time_ns() \
                or type(rows) is not dict:
            return None
        return written_ns, rows, answer
    except Exception:  # damaged or foreign: the records decide
        return None


def read_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], listing: Listing,
                reads: Reads | None = None) -> tuple[Any, dict[str, LeftOut]] | None:
    """The answer kept under the fields ``command`` reads (``reads``, by kind; else ``READS``
    where ``usable``) and the files it left out, when no file changed in them; None otherwise
    (or when more than ``SMALL_EDIT`` files changed)."""
    if not (usable(command, args) if reads is None else _enabled()):
        return None
    reads = READS if reads is None else reads
    kept = _read(root, config, command, reads)
    if kept is None:
        return None
    try:
        return _answer(root, config, t, today, command, args, listing, reads, *kept)
    except Exception:  # rows or an answer not of their shape: the records decide
        return None


def _answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
            args: tuple[Any, ...], listing: Listing, reads: Reads, written_ns: int,
            rows: dict[str, Any], answer: Any) -> tuple[Any, dict[str, LeftOut]] | None:
    from veiligestad.store.cache import stat_key

    limit = written_ns - cache_module.RACY_NS
    found: list[tuple[str, str]] = []
    changed: list[int] = []
    for index, (entry, info) in enumerate(zip(listing.entries, listing.stats, strict=True)):
        if info is None:
            return None  # a link, a stray file, a pipe: the records are read, and reported
        row = rows.get(entry.rel)
        key = stat_key(info)
        if row is None or row[0] != key or max(key[1], key[2]) >= limit:
            changed.append(index)
            found.append((entry.rel, ""))
        else:
            found.append((entry.rel, str(row[1])))
    if len(changed) > SMALL_EDIT or len(changed) == len(found):
        # None proved by its stat: rows committed in a pull request hold the true digests
        # (no secret) but no stat of this checkout, so they are trusted for no file.
        return None
    from veiligestad.store.records import load_file

    for index in changed:
        record = load_file(root, listing.entries[index], config.max_file_bytes)
        found[index] = (record.rel, digest_of(record, reads))
    key, value, left_out = answer
    if key != _key(_context(config, t, today, command, args, reads), found):
        return None
    return value, {str(rel): LeftOut(str(rel), None if rid is None else str(rid))
                   for rel, rid in left_out}


def keep_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], kb: KnowledgeBase, listing: Listing, value: Any,
                reads: Reads | None = None) -> None:
    """Keep ``value`` under the fields ``command`` read (``reads``, as for ``read_answer``) of
    every file of ``kb``, when every file is settled; quietly nothing otherwise."""
    from veiligestad.store.unchanged import settled_listing

    cache = kb.cache
    if cache is None or not (usable(command, args) if reads is None else _enabled()):
        return
    reads = READS if reads is None else reads
    files = settled_listing(root, cache, listing.entries)
    path = cache.folder / FIELDS_FILE.format(command)
    try:
        if files is None or len(kb.files) != len(listing.entries):
            if os.path.lexists(path):
                os.unlink(path)
            return
        if not cache_module._plain_folder(cache.folder):
            return
        rows: dict[str, tuple[Any, str]] = {}
        found: list[tuple[str, str]] = []
        for record, (rel, key) in zip(kb.files, files, strict=False):
            if record.rel != rel:
                return
            digest = digest_of(record, reads, rel in kb.left_out)  # kb.screen's verdict
            rows[rel] = (key, digest)
            found.append((rel, digest))
        left_out = [(gone.rel, gone.record_id) for gone in kb.left_out.values()]
        answer = (_key(_context(config, t, today, command, args, reads), found), value,
                  left_out)
        cache_module.write_cache_file(cache.folder, path, FIELDS_MAGIC, (
            cache.fingerprint, cache.max_bytes, cache.started_ns, sorted(reads.items()), rows,
            answer))
    except OSError:
        return
