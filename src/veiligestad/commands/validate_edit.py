"""``validate`` after a few records were edited, without the index: the edited files' share redone.

After an edit the quick result (``store/cache.py``: ``QUICK_FILE``) no longer holds, but most of
it still does: every other file's problems are what they were. When the edit changed none of
the file's facts (``checks/facts.py``) nor its parse notes, the rules over the whole knowledge
base say what they said before (their kept result is keyed by exactly these), so the new result
is the old one with the edited files' problems made afresh: their file rules run again, and the
whole-KB rules' problems about them, kept without positions in the base (``Base``), are given
positions in the edited text. No index is decoded, no record but the edited ones is read, and
nothing but two small files is written.

What an edited file's run found is kept in a journal relative to the base (its stat, content
digest and problems), so the next run reads it again only when it changed again; once no
edited file is racy (``RACY_NS``) a new quick result and base are written instead. The proof is
the one of the quick result: every listed file and saved query has the path and stat it had,
except the edited files, whose journal row holds only under the same stat (and, for a racy
one, the same content digest); the config, language and date are those of the base. Anything
else (a file added, removed or unusual, a saved query touched, a fact or parse note changed, an
unreadable file, many files edited) returns None, and the full path decides, reading the index.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from veiligestad.store import cache as cache_module

if TYPE_CHECKING:
    from veiligestad.commands.validate import Known
    from veiligestad.store.cache import Base, JournalRow, ProblemRows, Quick, StatKey

# More edited files than this: the full path (which keeps the index current) is as quick.
MOST: Final = 64
_STAT_BYTES: Final = 40  # five 8-byte numbers a file


def after_edit(root: Path, lang: str, today: dt.date, quick: Quick,
               files: list[tuple[str, StatKey]]) -> Known | None:
    """The result when only a few record files changed since the quick result ``quick`` (of
    the listing ``files``, as ``quick_listing`` made it, in ``lang``); None when the full path
    must decide. Keeps what it found for the next run."""
    from array import array
    from itertools import chain

    started_ns = time.time_ns()
    fingerprint = cache_module.tool_fingerprint()
    base = cache_module.read_base(root, quick.key, fingerprint)
    if base is None or base.today != today.isoformat():
        return None
    raw_config = cache_module.read_cache_file(root, root / "veiligestad.yaml")
    if raw_config is None or base.context != cache_module.quick_context(
            lang, cache_module.config_digest(raw_config)):
        return None
    rels = [rel for rel, _ in files]
    if "\x00".join(rels) != base.rels:
        return None
    now = array("q", chain.from_iterable(key for _, key in files)).tobytes()
    changed = _changed(base.stats, now)
    if not changed or len(changed) > MOST:
        return None
    if any(not rels[i].startswith("data/") for i in changed):
        return None  # a saved query or the queries folder: the whole-KB rules read them
    written_ns, journal = cache_module.read_journal(root, quick.key, fingerprint)
    rows: dict[str, JournalRow] = {}
    todo: list[int] = []
    for index in changed:
        rel, key = files[index]
        row = journal.get(rel)
        if row is not None and row[0] == key and _proved(root, rel, key, row[1], written_ns,
                                                          quick.max_bytes):
            rows[rel] = row
        else:
            todo.append(index)
    if todo:
        width = cache_module.FACTS_WIDTH
        fresh = _redo(root, lang, today, base, [files[i] for i in todo],
                      [base.facts[i * width:(i + 1) * width].strip() for i in todo])
        if fresh is None:
            return None
        rows.update(fresh)
    return _known(root, today, quick, base, files, now, rows, started_ns, fingerprint,
                  journal)


def _changed(before: bytes, now: bytes) -> list[int]:
    """The positions of the files whose stat differs."""
    if len(before) != len(now):
        return list(range(len(now) // _STAT_BYTES))
    if before == now:
        return []
    step = _STAT_BYTES * 256  # compare in blocks, then file by file inside a differing one
    out: list[int] = []
    for start in range(0, len(now), step):
        if before[start:start + step] != now[start:start + step]:
            for at in range(start, min(start + step, len(now)), _STAT_BYTES):
                if before[at:at + _STAT_BYTES] != now[at:at + _STAT_BYTES]:
                    out.append(at // _STAT_BYTES)
                    if len(out) > MOST:
                        return out
    return out


def _proved(root: Path, rel: str, key: StatKey, digest: str, written_ns: int,
            max_bytes: int) -> bool:
    """Whether a file with the stat ``key`` a journal row holds is the file that row was made
    from: by its stat, unless it is racy against the run that wrote the row (then by its
    bytes), as ``RecordCache.unchanged`` proves a file."""
    if max(key[1], key[2]) < written_ns - cache_module.RACY_NS:
        return True
    from veiligestad.store.records import digest as digest_of
    from veiligestad.store.records import read_bytes

    raw, _ = read_bytes(root, rel, max_bytes)
    return raw is not None and digest_of(raw) == digest


def _redo(root: Path, lang: str, today: dt.date, base: Base,
          files: list[tuple[str, StatKey]], facts: list[str]) -> dict[str, JournalRow] | None:
    """The rows of the edited ``files`` read afresh (their stat taken before the read, so
    a change during it is seen next time); None when one's facts or parse notes changed, or
    it cannot be read as it was (a record that is no longer one)."""
    from veiligestad.checks.context import CheckContext
    from veiligestad.checks.facts import fact_fields, facts_digest, facts_of, fields_key
    from veiligestad.checks.locate import locate
    from veiligestad.checks.problem import Problem
    from veiligestad.commands.validate import _check_files, _rows
    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.config import load_config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.unchanged import read_edited

    try:
        config = load_config(root, Translator(lang))
    except VeiligestadError:
        return None
    fields = fact_fields(config)
    if fields is None or fields_key(fields) != base.fields:
        return None
    records = read_edited(root, [rel for rel, _ in files], config.max_file_bytes)
    if records is None:
        return None
    t = Translator(lang)
    for record, found in zip(records, facts, strict=True):
        if not record.digest or (record.data is None) != (not found):
            return None
        if record.data is not None and facts_digest(
                facts_of(record.data, fields[record.kind.name]), base.fields) != found:
            return None  # a fact changed: the whole-KB rules must run
        if tuple(n.code for n in record.notes) != base.notes.get(record.rel, ()):
            return None
    small = KnowledgeBase(root, config, records)
    own = _check_files(CheckContext(small, t, today), list(range(len(records))))
    out: dict[str, JournalRow] = {}
    for (rel, key), record, rows in zip(files, records, own, strict=True):
        kept = [Problem(*row) for row in base.always.get(rel, ())]
        located = locate(kept, root, config.max_file_bytes) if kept else []
        out[rel] = (key, record.digest, tuple(rows) + _rows(located))
    return out


def _known(root: Path, today: dt.date, quick: Quick, base: Base,
           files: list[tuple[str, StatKey]], now: bytes, rows: dict[str, JournalRow],
           started_ns: int, fingerprint: str, journal: dict[str, JournalRow]) -> Known:
    """The new result; kept as a new quick result and base when no edited file is racy, else
    as the journal's rows."""
    from veiligestad.checks.problem import Problem
    from veiligestad.store.cache import CachedResult, Quick, quick_key

    edited = set(rows)
    problem_rows: list[Any] = [row for row in quick.result.problems if row[0] not in edited]
    for _, _, found in rows.values():
        problem_rows.extend(found)
    problems = sorted({Problem(*row) for row in problem_rows}, key=Problem.sort_key)
    record_rels = [rel for rel, _ in files if rel.startswith("data/")]
    limit = started_ns - cache_module.RACY_NS
    if all(max(key[1], key[2]) < limit for key, _, _ in rows.values()):
        key = quick_key(base.context, today, files)
        result = CachedResult(key, _as_rows(problems), quick.result.overview)
        cache_module.write_quick(
            root, fingerprint, started_ns,
            Quick(key, result, quick.no_data, quick.folders, quick.language, quick.max_bytes),
            base._replace(key=key, started_ns=started_ns, stats=now))
    elif rows != journal:
        cache_module.write_journal(root, quick.key, fingerprint, started_ns, rows)
    readable = {rel for rel in record_rels if rel not in quick.no_data}
    return problems, quick.result.overview, record_rels, readable


def _as_rows(problems: list[Any]) -> ProblemRows:
    from veiligestad.commands.validate import _rows

    return _rows(problems)
