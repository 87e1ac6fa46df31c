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
import io
import os
import pickle
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol, runtime_checkable

from veiligestad.store import cache as cache_module
from veiligestad.store.kb import LeftOut, fails_screen

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from veiligestad.i18n import Translator
    from veiligestad.query import Context
    from veiligestad.store.config import Config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile
    from veiligestad.store.unchanged import Listing

FIELDS_FILE: Final = "fields-{}.pickle"
FIELDS_MAGIC: Final = b"veiligestad-fields\x00"
PARTS_FILE: Final = "parts-{}.pickle"
PARTS_MAGIC: Final = b"veiligestad-parts\x00"
ADDED_FILE: Final = "parts-{}-added.pickle"
# The parts of at most this many files made since the whole parts file was written are kept in
# a file of their own; then the whole file is written again.
ADDED_MOST: Final = 256
# The commands whose answer, after an edit of a field it reads, is made again from what it reads
# of every record (``part_of``, kept beside the rows) instead of from the records: ``stats``,
# whose figures refuse any field outside ``stats.NEEDS`` (``stats._Source``), all of them in
# ``READS`` with what the derived ones are made of (``tests/store/test_fieldkeys.py``); and a
# ``query`` whose answer is kept under its fields at all: ``query.stored_reads`` names every
# field ``select`` reads, and only stored ones of one kind; and the figures of a quarterly
# report (``stats`` of each quarter of its year, under ``READS``: ``commands/report.py``).
FROM_PARTS: Final = frozenset({"stats", "query", "report-figures"})
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
# What ``show`` reads of every record but the ones it shows (``commands/show.py``): the ID and
# the links (``store/links.py``), which make the link index and the index by ID, and nothing
# else. A record's digest under these is made of ``RecordFile.record_id`` and
# ``RecordFile.outgoing()``, which a record the cache proved unchanged gives from the cache's
# index without reading its data (``store/loader.py``), so keeping it reads no shard. The
# records it shows whole are named with the answer (``pinned``): any change to their files
# makes it again.
LINKS: Final[dict[str, tuple[str, ...]]] = {
    kind: ("id", "links") for kind in ("question", "project", "finding")}
_ABSENT: Final = ("absent",)  # a field the record does not hold: no YAML value is a tuple
_LEFT, _HELD = "left out", "held"


@runtime_checkable
class Additive(Protocol):
    """An answer made of a tally that adds up over records (``stats.StatsAnswer``): after an
    edit, the kept tally less the tally of the records the edit changed (as they were) plus
    theirs as they are is the tally of the whole, without tallying every record."""

    # By kind, the field whose IDs name the records a record's tally also reads (a finding's
    # questions, whose themes it takes): those are tallied with it.
    depends: Mapping[str, str]

    def __call__(self, ctx: Context) -> Any: ...

    def tally(self, ctx: Context) -> Any: ...

    def finish(self, tallied: Any) -> Any: ...

    def combine(self, total: Any, minus: Any, plus: Any) -> Any | None: ...


Reads = dict[str, tuple[str, ...]]
Part = tuple[str, Any]
Parts = dict[str, tuple[str, Part]]  # by path: the digest a part was made with, and the part


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
    elif reads is LINKS:
        row = (kind, record.record_id, record.outgoing())
    elif kind not in reads:
        row = ("there",)
    else:
        data = record.data or {}
        row = (kind, tuple(data.get(name, _ABSENT) for name in reads[kind]))
    return hashlib.blake2b(_canonical(row), digest_size=16).hexdigest()


def _canonical(row: tuple[Any, ...]) -> bytes:
    """``row`` pickled without the memo: the same bytes for equal values however their objects
    are shared (a record read afresh may share one string between a relation's key and a
    kind's name, the same record from the record cache not), so that a file's digest does not
    depend on the way it was read. A value that holds itself (never a screened record's)
    goes through the memo."""
    made = getattr(_PICKLERS, "made", None)
    if made is None:  # one per thread, used again: about a third of the cost, 30,000 times
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        made = _PICKLERS.made = (buffer, pickler)
    buffer, pickler = made
    buffer.seek(0)
    buffer.truncate()
    try:
        pickler.dump(row)
    except (RecursionError, ValueError):
        _PICKLERS.made = None  # left mid-way: a fresh one next time
        return pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
    return buffer.getvalue()


_PICKLERS: Final = threading.local()


def part_of(record: RecordFile, reads: Reads = READS, left_out: bool | None = None) -> Part:
    """What an answer reads of ``record`` (what ``digest_of`` digests): for a file the
    screened view leaves out, that and the ID it claims; else its ID and the fields ``reads``
    names for its kind that it holds; nothing, for a kind ``reads`` does not name."""
    if fails_screen(record) if left_out is None else left_out:
        return (_LEFT, record.record_id)
    names = reads.get(record.kind.name)
    if names is None:  # a kind the answer reads nothing of (its digest holds no ID either)
        return (_HELD, {})
    data = record.data or {}
    return (_HELD, {name: data[name] for name in ("id", *names) if name in data})


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
          reads: Reads) -> tuple[int, dict[str, Any], Any, Any] | None:
    """The kept rows (by path: stat key, digest) of ``reads``, when they were written, the
    answer, and the token that binds the parts to them."""
    try:
        kept = cache_module.read_kept(root / cache_module.CACHE_DIR,
                                      FIELDS_FILE.format(command), FIELDS_MAGIC)
        if kept is cache_module.NOTHING_KEPT:
            return None
        fingerprint, max_bytes, written_ns, kept_reads, rows, answer, nonce = kept
        if fingerprint != cache_module.tool_fingerprint() or max_bytes != config.max_file_bytes \
                or kept_reads != sorted(reads.items()) \
                or type(written_ns) is not int or written_ns > time.time_ns() \
                or type(rows) is not dict:
            return None
        return written_ns, rows, answer, nonce
    except Exception:  # damaged or foreign: the records decide
        return None


def read_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], listing: Listing, reads: Reads | None = None,
                compute: Callable[[Context], Any] | None = None,
                ) -> tuple[Any, dict[str, LeftOut]] | None:
    """The answer kept under the fields ``command`` reads (``reads``, by kind; else ``READS``
    where ``usable``) and the files it left out, when no file changed in them; None otherwise
    (or when more than ``SMALL_EDIT`` files changed).

    With ``compute`` (for a command in ``FROM_PARTS``), when a field it reads did change, the
    answer is made again by ``compute`` over a knowledge base of what it reads of each record:
    the kept parts of the files that did not change and the changed files read afresh
    (``_from_parts``), and kept again."""
    if not (usable(command, args) if reads is None else _enabled()):
        return None
    started_ns = time.time_ns()
    reads = READS if reads is None else reads
    kept = _read(root, config, command, reads)
    if kept is None:
        return None
    try:
        return _answer(root, config, t, today, command, args, listing, reads, *kept,
                       compute=compute, started_ns=started_ns)
    except Exception:  # rows or an answer not of their shape: the records decide
        return None


def _answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
            args: tuple[Any, ...], listing: Listing, reads: Reads, written_ns: int,
            rows: dict[str, Any], answer: Any, nonce: Any, *,
            compute: Callable[[Context], Any] | None,
            started_ns: int) -> tuple[Any, dict[str, LeftOut]] | None:
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
    pinned = answer[4]
    if pinned and not pinned.isdisjoint(found[index][0] for index in changed):
        return None  # a file the answer read whole changed
    from veiligestad.store.records import load_file

    records: dict[int, RecordFile] = {}
    for index in changed:
        record = records[index] = load_file(root, listing.entries[index], config.max_file_bytes)
        found[index] = (record.rel, digest_of(record, reads))
    key, value, left_out, tallied, _ = answer
    context = _context(config, t, today, command, args, reads)
    if key == _key(context, found):
        return value, {str(rel): LeftOut(str(rel), None if rid is None else str(rid))
                       for rel, rid in left_out}
    if compute is None or command not in FROM_PARTS:
        return None
    return _from_parts(root, config, t, today, command, listing, reads, rows, found, records,
                       context, compute, started_ns, nonce, tallied)


def _from_parts(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                listing: Listing, reads: Reads, rows: dict[str, Any],
                found: list[tuple[str, str]], records: dict[int, RecordFile], context: bytes,
                compute: Callable[[Context], Any], started_ns: int,
                nonce: Any, tallied: Any = None) -> tuple[Any, dict[str, LeftOut]] | None:
    """``compute`` over a knowledge base of what ``reads`` names of each record, from the kept
    parts (each under the digest its row holds) and the changed ``records``; the rows, parts
    and answer kept again when every changed file is settled. None when a part is missing.

    For an ``Additive`` answer with its kept tally (``tallied``), the records the edit reaches
    (``_reached``) are tallied as they were and as they are, and the answer is made of the kept
    tally with that difference; where it cannot be (``_reached`` or ``combine`` declines), the
    whole is tallied as for any answer."""
    from veiligestad.index import LinkIndex
    from veiligestad.query import Context
    from veiligestad.store.cache import stat_key
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile

    kept_parts = _read_parts(root, config, command, reads, nonce)
    if kept_parts is None:
        return None
    parts, added = kept_parts
    before = {found[index][0]: parts.get(found[index][0]) for index in records}
    held_parts: list[tuple[int, dict[str, Any]]] = []
    left_out: dict[str, LeftOut] = {}
    for index, (rel, digest) in enumerate(found):
        record = records.get(index)
        if record is not None:
            part = part_of(record, reads)
            parts[rel] = added[rel] = (digest, part)
        else:
            got = parts.get(rel)
            if got is None or got[0] != digest:
                return None
            part = got[1]
        what, held = part
        if what == _LEFT:
            left_out[rel] = LeftOut(rel, None if held is None else str(held))
        elif what == _HELD and type(held) is dict:
            held_parts.append((index, held))
        else:
            return None
    entries = listing.entries

    def tally_of(held: list[tuple[int, dict[str, Any]]]) -> Any:
        files = [RecordFile(entries[index].rel, entries[index].kind, data=data)
                 for index, data in held]
        # The link index is left empty: what these commands read holds no derived field made
        # of links (``READS`` holds what their derived fields are made of).
        return Context(KnowledgeBase(root, config, files), today, t, LinkIndex())

    value: Any = None
    if isinstance(compute, Additive):
        # The kept tally holds for the context it was made in (arguments, language, config,
        # today, fields): the rows keep one answer, perhaps of other arguments.
        if type(tallied) is not tuple or len(tallied) != 2 or tallied[0] != context:
            tallied = None
        else:
            tallied = tallied[1]
        reached = None if tallied is None else _reached(
            compute.depends, entries, found, rows, held_parts, before, records)
        if reached is not None:
            was, now = reached
            tallied = compute.combine(tallied, compute.tally(tally_of(was)),
                                      compute.tally(tally_of(now)))
        else:
            tallied = None
        if tallied is None:
            tallied = compute.tally(tally_of(held_parts))
        value = compute.finish(tallied)
    else:
        value = compute(tally_of(held_parts))
    limit = started_ns - cache_module.RACY_NS
    keys = {i: stat_key(info) for i, info in enumerate(listing.stats)
            if i in records and info is not None}
    if len(keys) == len(records) and all(max(k[1], k[2]) < limit for k in keys.values()):
        # The files of this listing only: a removed file's row and part are dropped.
        new_rows = {rel: (keys[index], digest) if index in keys else rows[rel]
                    for index, (rel, digest) in enumerate(found)}
        gone = [(g.rel, g.record_id) for g in left_out.values()]
        _write(root, command, config, reads, started_ns, new_rows,
               (_key(context, found), value, gone,
                None if tallied is None else (context, tallied), frozenset()),
               {rel: parts[rel] for rel, _ in found}, (nonce[0], added))
    return value, left_out


def _reached(depends: Mapping[str, str], entries: list[Any], found: list[tuple[str, str]],
             rows: dict[str, Any], held_parts: list[tuple[int, dict[str, Any]]],
             before: dict[str, Part | None], records: dict[int, RecordFile],
             ) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]] | None:
    """The records an edit reaches, as they were and as they are (index in the listing, the
    part held): the changed files, the records of a kind in ``depends`` that name an ID a
    changed file held or holds, and the records those name. None where an answer made of
    their difference could differ from one made afresh: a file removed, a changed file whose
    kept part is not the one its row names, an ID that more than one file holds among those
    (the first one would be read, and which is first can change)."""
    added_files = sum(1 for index in records if found[index][0] not in rows)
    if len(rows) + added_files != len(found):
        return None  # a file removed: its kind is not kept
    was_held: dict[int, dict[str, Any]] = {}
    for index in records:
        rel = found[index][0]
        if rel not in rows:
            continue
        got = before.get(rel)
        if got is None or got[0] != rows[rel][1]:
            return None
        what, held = got[1]
        if what == _HELD and type(held) is dict:
            was_held[index] = held
        elif what != _LEFT:
            return None
    now_held = dict(held_parts)
    holders: dict[str, list[int]] = {}
    for index, held in held_parts:
        rid = held.get("id")
        if isinstance(rid, str):
            holders.setdefault(rid, []).append(index)
    was_holders = {rid: list(where) for rid, where in holders.items()}
    for index in records:
        for state, sign in ((now_held, -1), (was_held, 1)):
            rid = state.get(index, {}).get("id")
            if isinstance(rid, str):
                where = was_holders.setdefault(rid, [])
                if sign < 0:
                    where.remove(index)
                else:
                    where.append(index)
    changed_ids = {rid for state in (was_held, now_held) for index in records
                   if isinstance(rid := state.get(index, {}).get("id"), str)}
    reached = set(records)

    def named(held: dict[str, Any], kind: str) -> list[str]:
        name = depends.get(kind)
        value = held.get(name) if name is not None else None
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    kinds = set(depends)
    for index, held in held_parts:
        if entries[index].kind.name in kinds and not changed_ids.isdisjoint(
                named(held, entries[index].kind.name)):
            reached.add(index)
    looked_up = set(changed_ids)
    for index in list(reached):
        kind = entries[index].kind.name
        for state in (was_held, now_held):
            held = state.get(index)
            for rid in named(held, kind) if held is not None else []:
                looked_up.add(rid)
                reached.update(holders.get(rid, ()))
                reached.update(was_holders.get(rid, ()))
    if any(len(holders.get(rid, ())) > 1 or len(was_holders.get(rid, ())) > 1
           for rid in looked_up):
        return None
    order = sorted(reached)
    was = [(i, was_held[i] if i in records else now_held[i]) for i in order
           if (i in was_held if i in records else i in now_held)]
    now = [(i, now_held[i]) for i in order if i in now_held]
    return was, now


def _read_parts(root: Path, config: Config, command: str, reads: Reads,
                nonce: Any) -> tuple[Parts, Parts] | None:
    """The kept parts by path, each with the digest it was made with (those made since the
    whole file was written over it), and those made since alone, when each file holds the
    token the rows name for it (``nonce``: the whole file's and the added file's, or None);
    None otherwise. The tokens are random and never leave this checkout's cache: a parts file
    planted beside this checkout's rows (true digests, false fields) holds another, and is not
    used."""
    if type(nonce) is not tuple or len(nonce) != 2 or type(nonce[0]) is not str:
        return None
    folder = root / cache_module.CACHE_DIR
    found: list[Parts] = []
    for name, token in ((PARTS_FILE.format(command), nonce[0]),
                        (ADDED_FILE.format(command), nonce[1])):
        if token is None:
            found.append({})
            continue
        try:
            kept = cache_module.read_kept_chunks(folder, name, PARTS_MAGIC)
            if kept is cache_module.NOTHING_KEPT:
                return None
            fingerprint, max_bytes, kept_reads, kept_token, parts = kept
            if fingerprint != cache_module.tool_fingerprint() \
                    or max_bytes != config.max_file_bytes or kept_reads != sorted(reads.items()) \
                    or type(token) is not str or kept_token != token or type(parts) is not dict:
                return None
            found.append(parts)
        except Exception:  # damaged or foreign: the records decide
            return None
    whole, added = found
    whole.update(added)
    return whole, added


def _write(root: Path, command: str, config: Config, reads: Reads, written_ns: int,
           rows: dict[str, Any], answer: tuple[Any, ...],
           parts: Parts | None, added: tuple[Any, Parts] | None = None) -> None:
    """The rows and answer, and (for a command in ``FROM_PARTS``) the parts; quietly nothing
    when the cache folder cannot be written. With ``added`` (the whole parts file's token and
    the parts made since it was written), while there are at most ``ADDED_MOST`` of those, only
    they are written (the whole file is about 14 MB at 30,000 records). Each parts file gets a
    fresh random token, which the rows name."""
    folder = root / cache_module.CACHE_DIR
    if not cache_module._plain_folder(folder):
        return
    fingerprint, reads_key = cache_module.tool_fingerprint(), sorted(reads.items())
    token = os.urandom(16).hex()
    nonce: tuple[str, str | None] | None = None
    try:
        if parts is not None:
            if added is not None and len(added[1]) <= ADDED_MOST:
                nonce = (added[0], token)
                name, value = ADDED_FILE.format(command), added[1]
            else:
                nonce = (token, None)
                name, value = PARTS_FILE.format(command), parts
            # in chunks: one pickler's memo over every record's part was about 60 MB
            cache_module.write_cache_chunks(folder, folder / name, PARTS_MAGIC, (
                fingerprint, config.max_file_bytes, reads_key, token), value)
            stale = folder / ADDED_FILE.format(command)
            if nonce[1] is None and os.path.lexists(stale):
                os.unlink(stale)
        cache_module.write_cache_file(folder, folder / FIELDS_FILE.format(command),
                                      FIELDS_MAGIC, (fingerprint, config.max_file_bytes,
                                                     written_ns, reads_key, rows, answer, nonce))
    except OSError:
        return


def keep_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], kb: KnowledgeBase, listing: Listing, value: Any,
                reads: Reads | None = None, tallied: Any = None,
                pinned: frozenset[str] = frozenset()) -> None:
    """Keep ``value`` under the fields ``command`` read (``reads``, as for ``read_answer``) of
    every file of ``kb``, and for a command in ``FROM_PARTS`` what it read of each, when every
    file is settled; quietly nothing otherwise. ``tallied``: an ``Additive`` answer's tally,
    kept with it. ``pinned``: the paths of files the answer read more of than ``reads``
    names (``show``: the records it shows whole); a change to any of them makes it again."""
    from veiligestad.store.unchanged import settled_listing

    cache = kb.cache
    if cache is None or not (usable(command, args) if reads is None else _enabled()):
        return
    reads = READS if reads is None else reads
    files = settled_listing(root, cache, listing.entries)
    path = cache.folder / FIELDS_FILE.format(command)
    try:
        if files is None or len(kb.files) != len(listing.entries):
            for stale in (path, cache.folder / PARTS_FILE.format(command),
                          cache.folder / ADDED_FILE.format(command)):
                if os.path.lexists(stale):
                    os.unlink(stale)
            return
        if not cache_module._plain_folder(cache.folder):
            return
        rows: dict[str, tuple[Any, str]] = {}
        found: list[tuple[str, str]] = []
        parts: Parts | None = {} if command in FROM_PARTS else None
        for record, (rel, key) in zip(kb.files, files, strict=False):
            if record.rel != rel:
                return
            out = rel in kb.left_out  # kb.screen's verdict
            digest = digest_of(record, reads, out)
            rows[rel] = (key, digest)
            found.append((rel, digest))
            if parts is not None:
                parts[rel] = (digest, part_of(record, reads, out))
        left_out = [(gone.rel, gone.record_id) for gone in kb.left_out.values()]
        context = _context(config, t, today, command, args, reads)
        answer = (_key(context, found), value, left_out,
                  None if tallied is None else (context, tallied), frozenset(pinned))
    except OSError:
        return
    _write(root, command, config, reads, cache.started_ns, rows, answer, parts)
