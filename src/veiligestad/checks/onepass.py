"""Reading and checking each record file in one pass: ``validate`` without a cache (a CI run).

Without a cache every file is read and its file rules run; with two processes that was two
rounds of workers, and the first sent every parsed record back to the parent, pickled (about
1.3 CPU-seconds at 30,000 records), for the second to receive again by inheritance. Here each
worker reads a file, runs the file rules on it (as ``commands/validate._check_files`` does) and
sends back only what the rest of the run needs of it: its parse notes, digest, problem rows, its
ID and links (for the cache's index) and its *facts* (``checks/facts.py``: the few fields the
rules over the whole knowledge base and the dated file rules read, which is all they read). The
parent's knowledge base holds the facts as each record's data.

The cache keeps every record's data in shards (``store/cache.py``). The workers take the records
one shard at a time, and where a shard's records are all parsed in this run, the worker pickles
that shard itself and sends its bytes back once: the parent writes them as they are, never
unpickling nor pickling a record body. A shard that also holds records the cache proved
unchanged is made by the parent, as before, from the data its worker sends back.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veiligestad.checks import FILE_RULES, walk
from veiligestad.checks.context import CheckContext
from veiligestad.checks.facts import Fields, fact_fields, facts_of
from veiligestad.checks.locate import locate
from veiligestad.i18n import Translator
from veiligestad.parallel import map_chunks
from veiligestad.store.cache import ProblemRows, RecordCache, shard_of
from veiligestad.store.config import Config
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.links import summary
from veiligestad.store.loader import cached_or_todo
from veiligestad.store.records import FileEntry, RecordFile, load_file
from veiligestad.store.shape import walked
from veiligestad.store.yamlread import ParseNote

# What a worker sends back of one file: notes, content digest, facts (None: no record), the
# summary for the cache's index (or None), the file rules' rows, and
# the record's whole data where the parent makes its shard (else None).
Checked = tuple[list[ParseNote], str, Any, Any, ProblemRows, Any]
# One chunk of work: the shard it belongs to (None: the worker makes no shard of it), the
# entries' indices, and for each whether the cache remembers it (its shard row is made).
Chunk = tuple[int | None, tuple[int, ...], tuple[bool, ...]]


@dataclass(frozen=True)
class _Job:
    """What every worker needs, inherited (fork) or pickled once (spawn)."""

    root: Path
    entries: list[FileEntry]
    max_bytes: int
    ctx: CheckContext
    rules: tuple[str, ...]  # the IDs of the file rules to run (a module cannot be pickled)
    fields: Fields
    fingerprint: str  # the cache's, for the shards the worker pickles; "" without a cache


def read_and_check(
    root: Path, t: Translator, config: Config, today: dt.date, rules: Sequence[str],
    record_cache: RecordCache | None, entries: list[FileEntry] | None,
) -> tuple[KnowledgeBase, list[ProblemRows | None]] | None:
    """Every record file of ``root`` read and, unless the cache proves it unchanged, checked
    by the file rules ``rules`` in the same pass; the knowledge base (each record's data cut
    down to its facts where it was read here) and each file's problem rows (None for a file
    taken from the cache: its rules are the caller's to run or look up). None when the config
    leaves the facts unknown (a wrong ``suspect_fields``): the caller reads records whole.
    """
    fields = fact_fields(config)
    if fields is None:
        return None
    listed = cached_or_todo(root, entries, config.max_file_bytes, record_cache)
    entries, files, stats, todo = listed.entries, listed.files, listed.stats, listed.todo
    cached_shards = {shard_of(entries[i].rel) for i, f in enumerate(files) if f is not None}
    by_shard: dict[int, list[int]] = {}
    for index in todo:
        by_shard.setdefault(shard_of(entries[index].rel), []).append(index)
    chunks: list[Chunk] = []
    for number in sorted(by_shard):
        indices = tuple(by_shard[number])
        keep = tuple(index in stats for index in indices)
        whole = record_cache is not None and number not in cached_shards
        chunks.append((number if whole else None, indices, keep))
    job = _Job(root, entries, config.max_file_bytes,
               CheckContext(KnowledgeBase(root, config, []), t, today), tuple(rules), fields,
               record_cache.fingerprint if record_cache is not None else "")
    rows: list[ProblemRows | None] = [None] * len(entries)
    for (shard_number, indices, keep), (found, shard) in zip(
            chunks, map_chunks(_check_chunk, job, chunks, len(todo)), strict=True):
        for index, kept, (notes, content, facts, made, problem_rows, data) in zip(
                indices, keep, found, strict=True):
            entry = entries[index]
            files[index] = RecordFile(entry.rel, entry.kind, facts, notes, content)
            rows[index] = problem_rows
            if record_cache is None or not kept or not content:
                continue
            info = stats[index]
            if shard_number is None:
                record_cache.remember(entry.rel, info, content, data, notes, made)
            else:
                record_cache.remember_parsed(entry.rel, info, content, facts is not None, notes,
                                             made)
        if shard is not None and shard_number is not None and record_cache is not None:
            record_cache.keep_shard(shard_number, shard)
    kb = KnowledgeBase(root, config, [f for f in files if f is not None], cache=record_cache)
    return kb, rows


def _check_chunk(job: _Job, chunk: Chunk) -> tuple[list[Checked], bytes | None]:
    number, indices, keep = chunk
    rules = [rule for rule in FILE_RULES if rule.ID in job.rules]
    ctx = job.ctx
    out: list[Checked] = []
    shard_rows: list[tuple[str, str, Any]] = []
    send_data = job.fingerprint and number is None
    for index, kept in zip(indices, keep, strict=True):
        entry = job.entries[index]
        record = load_file(job.root, entry, job.max_bytes)
        if record.data is not None:  # the rules' walk is the one that proved the shape
            walk.survey(record, ctx, walked(entry.kind.fields, record.data))
        found = [p for rule in rules for p in rule.check_file(record, ctx)]
        ctx.forget(record)
        located = locate(found, job.root, job.max_bytes) if found else []
        rows = tuple((p.path, p.rule, p.severity, p.message, p.hint, p.line, p.column, p.field,
                      p.key) for p in located)
        data = record.data
        facts: Any = None
        if isinstance(data, dict):
            facts = facts_of(data, job.fields[entry.kind.name])
        elif data is not None:  # pragma: no cover - the readers give a mapping or nothing
            facts = data
        made = summary(entry.kind.name, data)
        if kept and record.digest and number is not None:
            shard_rows.append((entry.rel, record.digest, data))
        out.append((record.notes, record.digest, facts, made, rows,
                    data if send_data else None))
    shard = None
    if number is not None:
        shard = pickle.dumps((job.fingerprint, job.max_bytes, shard_rows),
                             protocol=pickle.HIGHEST_PROTOCOL)
    return out, shard

