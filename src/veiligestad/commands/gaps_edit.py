"""``gaps`` after an edit: the kept groups, the rows of the records the edit reaches made again.

``gaps`` keeps its last answer under the stat of every file (``store/answers.py``), so the
first run after any edit used to make every group afresh over every record (about 3 s at 30,000
records). Yet a record's rows read little beyond the record itself: its own fields, whether a
project or finding links to it (the ``!projects`` and ``!findings`` groups), and, for a suspect
link, its target's stamp and title (``suspects.py``). Each group's row names the record it is
about (``gaps.OWNER``). So beside the answer, the stat and ID of every file and the IDs it links
to are kept (``gaps-rows.pickle``), and after an edit the records it *reaches* are

* every ID a changed, added or removed file held before or holds now, and
* every record linked to one of those, either way, before the edit (the links the changed files
  held, as kept) or after it (the link index of this run);

their rows are dropped from the kept groups, made afresh by ``find_gaps`` over those records
alone (with the whole link index, and every record to look up), and every group is sorted again
by its order (``gaps.ORDER``, total up to rows of one ID).

The whole answer is made afresh instead when more than ``SMALL_EDIT`` files changed, when no
file is proved unchanged (rows from another checkout), when a file is not a plain record file,
when the screen leaves out other files than before or a changed one, when a changed file holds
no ID, when a reached ID is held by more than one file, and for another config, language, day,
tool or size limit. The same guarantees as every kept answer: a file's row holds only for the
same stat and not for a file changed within ``RACY_NS`` of the run that wrote it; written only
when every file is settled (else the rows and answer before stay, and the next run starts from
them again), never where the stat proves nothing (Windows), never with the cache off. A damaged
or planted file is ignored: the cache's unpickler admits plain data only, and a planted file
cannot hold the change times and inodes of this checkout's files.
"""

from __future__ import annotations

import pickle
import time
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from veiligestad.store import cache as cache_module

if TYPE_CHECKING:
    from veiligestad.query import Context
    from veiligestad.store.records import RecordFile
    from veiligestad.store.unchanged import Listing

ROWS_FILE: Final = "gaps-rows.pickle"
ROWS_MAGIC: Final = b"veiligestad-gaps-rows\x00"
# More files changed than this: every group is made afresh.
SMALL_EDIT: Final = 64


def _enabled() -> bool:
    return cache_module.STAT_TRUSTED and cache_module.enabled_by_default()


def _context(ctx: Context) -> bytes:
    """What every row depends on besides the records: the language, the whole config (the
    thresholds, the suspect fields) and today's date (the days a gap has waited)."""
    return pickle.dumps((ctx.t.lang, dict(ctx.kb.config.raw), ctx.today.isoformat()),
                        protocol=pickle.HIGHEST_PROTOCOL)


Rows = dict[str, tuple[Any, str | None, tuple[str, ...]]]  # by path: stat key, ID, targets


def _targets(record: RecordFile) -> tuple[str, ...]:
    """The IDs ``record`` links to, each once."""
    return tuple(dict.fromkeys([link[0] for link in record.outgoing()]))


class Patched(NamedTuple):
    """The answer made from the kept one, and the rows to keep with it (None when a changed
    file is not settled yet: the rows and answer before are kept)."""

    value: Any
    rows: Rows | None


def keep(ctx: Context, listing: Listing, value: Any, rows: Rows | None = None) -> None:
    """Keep ``value`` (``gaps``' answer over ``ctx``) with the stat, ID and links of every file
    of the listing (``rows``, when ``patched`` made them), when every file is settled; quietly
    nothing otherwise."""
    from veiligestad.store.unchanged import settled_listing

    kb = ctx.kb
    cache = kb.cache
    if cache is None or not _enabled() or not cache_module._plain_folder(cache.folder):
        return
    if rows is None:
        files = settled_listing(kb.root, cache, listing.entries)
        if files is None or len(kb.files) != len(listing.entries):
            return  # the rows kept before, and their answer, still hold together
        rows = {}
        # the record files' (the saved queries' entries follow them: gaps reads none)
        for record, (rel, key) in zip(kb.files, files[:len(kb.files)], strict=True):
            if record.rel != rel:
                return
            rows[rel] = (key, record.record_id, _targets(record))
    try:
        cache_module.write_cache_file(cache.folder, cache.folder / ROWS_FILE, ROWS_MAGIC, (
            cache_module.tool_fingerprint(), kb.config.max_file_bytes, cache.started_ns,
            _context(ctx), rows, value, sorted(kb.left_out)))
    except OSError:
        return


def patched(ctx: Context, listing: Listing) -> Patched | None:
    """``gaps``' answer over ``ctx`` made from the kept one (see the module), or None where it
    cannot be."""
    kb = ctx.kb
    if kb.cache is None or not _enabled():
        return None
    try:
        kept = cache_module.read_kept(kb.cache.folder, ROWS_FILE, ROWS_MAGIC)
        if kept is cache_module.NOTHING_KEPT:
            return None
        fingerprint, max_bytes, written_ns, context, rows, value, left_out = kept
        if fingerprint != cache_module.tool_fingerprint() \
                or max_bytes != kb.config.max_file_bytes or context != _context(ctx) \
                or type(written_ns) is not int or written_ns > time.time_ns() \
                or type(rows) is not dict or left_out != sorted(kb.left_out):
            return None
        return _patch(ctx, listing, written_ns, rows, value)
    except Exception:  # rows or an answer not of their shape: every group is made afresh
        return None


def _patch(ctx: Context, listing: Listing, written_ns: int, rows: dict[str, Any],
           value: Any) -> Patched | None:
    from veiligestad.commands.gaps import ORDER, OWNER, find_gaps
    from veiligestad.query import Context
    from veiligestad.store.cache import stat_key
    from veiligestad.store.kb import KnowledgeBase

    kb = ctx.kb
    if len(kb.files) != len(listing.entries):
        return None
    limit = written_ns - cache_module.RACY_NS
    settled = kb.cache.started_ns - cache_module.RACY_NS if kb.cache is not None else 0
    changed: list[RecordFile] = []
    new_rows: Rows | None = {}
    for record, entry, info in zip(kb.files, listing.entries, listing.stats, strict=True):
        if info is None or record.rel != entry.rel:
            return None  # a link, a stray file, a pipe: the records are read, and reported
        row = rows.get(entry.rel)
        key = stat_key(info)
        if row is None or row[0] != key or max(key[1], key[2]) >= limit:
            changed.append(record)
            if new_rows is not None:
                new_rows[entry.rel] = (key, record.record_id, _targets(record))
                if max(key[1], key[2]) >= settled:
                    new_rows = None
        elif new_rows is not None:
            new_rows[entry.rel] = row
    present = {record.rel for record in kb.files}
    removed = [rel for rel in rows if rel not in present]
    if len(changed) + len(removed) > SMALL_EDIT or len(changed) == len(kb.files):
        return None  # a large edit, or rows that prove no file of this checkout
    ids: set[str] = set()
    linked: set[str] = set()
    for rel in [*removed, *(record.rel for record in changed)]:
        if rel in kb.left_out:
            return None
        old = rows.get(rel)
        if old is not None:  # as it was
            if type(old[1]) is not str:
                return None
            ids.add(old[1])
            linked.update(str(target) for target in old[2])
    for record in changed:  # as it is
        rid = record.record_id
        if rid is None:
            return None
        ids.add(rid)
        linked.update(_targets(record))
    # and the records linking to one of those IDs now (those that did before and changed are
    # changed files): one pass over the links, not the adjacency of every record
    reached = ids | linked | {source for source, target, _ in ctx.index.edges if target in ids}
    if any(len(kb.by_id.get(rid, ())) > 1 for rid in reached):
        return None  # which of two records is shown first depends on them all
    today, semester, thresholds, groups = value
    part = KnowledgeBase(kb.root, kb.config, [r for rid in sorted(reached)
                                               for r in kb.by_id.get(rid, ())])
    part.by_id = kb.by_id  # every link's target and holder can still be looked up
    fresh = find_gaps(Context(part, ctx.today, ctx.t, ctx.index))
    if (today, tuple(semester), thresholds) != (fresh.today, fresh.next_semester,
                                               fresh.thresholds) \
            or list(groups) != list(fresh.groups):
        return None
    merged: dict[str, list[Any]] = {}
    for name, kept_rows in groups.items():
        owner = OWNER[name]
        made = [row for row in kept_rows if row.get(owner) not in reached]
        made.extend(fresh.groups[name])
        made.sort(key=ORDER[name])
        merged[name] = made
    return Patched((today, semester, thresholds, merged), new_rows)
