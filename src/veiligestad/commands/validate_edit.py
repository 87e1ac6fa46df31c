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
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from veiligestad.store import cache as cache_module

if TYPE_CHECKING:
    from veiligestad.commands.validate import Known
    from veiligestad.store.cache import Base, JournalRow, ProblemRows, Quick, StatKey

# More edited files than this: the full path (which keeps the index current) is as quick.
MOST: Final = 64
_STAT_BYTES: Final = 40  # five 8-byte numbers a file


def after_edit(root: Path, lang: str, today: dt.date, quick: Quick,
               files: list[tuple[str, StatKey]], listed_key: str | None = None,
               parts: tuple[str, bytes] | None = None) -> Known | None:
    """The result when only a few record files changed since the quick result ``quick`` (of
    the listing ``files``, as ``quick_listing`` made it, in ``lang``; ``listed_key``, when
    given, is its ``quick_key``, and ``parts`` its ``listing_parts``); None when the full
    path must decide. Keeps what it found for the next run."""
    started_ns = time.time_ns()
    fingerprint = cache_module.tool_fingerprint()
    base = cache_module.read_base(root, quick.key, fingerprint)
    if base is None or base.today != today.isoformat():
        return None
    raw_config = cache_module.read_cache_file(root, root / "veiligestad.yaml")
    if raw_config is None or base.context != cache_module.quick_context(
            lang, cache_module.config_digest(raw_config)):
        return None
    joined, now = parts if parts is not None else cache_module.listing_parts(files)
    if joined != base.rels:
        return None
    changed = _changed(base.stats, now)
    if not changed or len(changed) > MOST:
        return None
    if any(not files[i][0].startswith("data/") for i in changed):
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
    patch: Patch | None = None
    if todo:
        width = cache_module.FACTS_WIDTH
        fresh = _redo(root, lang, today, base, [files[i] for i in todo],
                      [base.facts[i * width:(i + 1) * width].strip() for i in todo])
        if fresh is None:
            return None
        found, moved, config, fields = fresh
        rows.update(found)
        if moved:
            patch = _refacts(root, lang, today, base, files,
                             {todo[at]: edited for at, edited in moved.items()}, config,
                             fields, fingerprint, quick.result.overview)
            if patch is None:
                return None
    return _known(root, today, quick, base, files, now, rows, started_ns, fingerprint,
                  journal, patch, listed_key)


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


def _redo(root: Path, lang: str, today: dt.date, base: Base, files: list[tuple[str, StatKey]],
          facts: list[str]) -> tuple[dict[str, JournalRow], dict[int, Moved], Any, Any] | None:
    """The rows of the edited ``files`` read afresh (their stat taken before the read, so
    a change during it is seen next time), the edited records whose facts changed (by their
    position in ``files``: the record, its new facts digest and facts), the config and its
    fact fields; None
    when one's parse notes changed, or it cannot be read as it was (a record that is no
    longer one, or that became one)."""
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
    moved: dict[int, Moved] = {}
    for at, (record, found) in enumerate(zip(records, facts, strict=True)):
        if not record.digest or (record.data is None) != (not found):
            return None
        if tuple(n.code for n in record.notes) != base.notes.get(record.rel, ()):
            return None
        if record.data is not None:
            own_facts = facts_of(record.data, fields[record.kind.name])
            digest = facts_digest(own_facts, base.fields)
            if digest != found:  # a fact changed: the whole-KB rules redo what it concerns
                moved[at] = (record, digest, own_facts)
    small = KnowledgeBase(root, config, records)
    own = _check_files(CheckContext(small, t, today), list(range(len(records))))
    out: dict[str, JournalRow] = {}
    for (rel, key), record, rows in zip(files, records, own, strict=True):
        kept = [Problem(*row) for row in base.always.get(rel, ())]
        located = locate(kept, root, config.max_file_bytes) if kept else []
        out[rel] = (key, record.digest, tuple(rows) + _rows(located))
    return out, moved, config, fields


def _known(root: Path, today: dt.date, quick: Quick, base: Base,
           files: list[tuple[str, StatKey]], now: bytes, rows: dict[str, JournalRow],
           started_ns: int, fingerprint: str, journal: dict[str, JournalRow],
           patch: Patch | None, listed_key: str | None) -> Known:
    """The new result; kept as a new quick result and base when no edited file is racy, else
    (when no fact changed) as the journal's rows."""
    from veiligestad.checks.problem import Problem
    from veiligestad.store.cache import CachedResult, Quick, quick_key

    edited = set(rows)
    redone = patch.redone if patch is not None else {}
    problem_rows: list[Any] = [row for row in quick.result.problems if row[0] not in edited
                               and row[1] not in redone.get(row[0], ())]
    for rel, (_, _, found) in rows.items():
        problem_rows.extend(row for row in found if row[1] not in redone.get(rel, ()))
    if patch is not None:
        problem_rows.extend(patch.located)
    problems = sorted({Problem(*row) for row in problem_rows}, key=Problem.sort_key)
    record_rels = _record_rels(files, base.rels)
    overview = patch.overview if patch is not None else quick.result.overview
    limit = started_ns - cache_module.RACY_NS
    if all(max(key[1], key[2]) < limit for key, _, _ in rows.values()):
        key = listed_key or quick_key(base.context, today, files)
        result = CachedResult(key, _as_rows(problems), overview)
        new_base = base._replace(key=key, started_ns=started_ns, stats=now)
        if patch is not None:
            new_base = new_base._replace(facts=patch.facts, always=patch.always,
                                         deps=patch.deps)
            cache_module.update_facts(root, patch.kept_facts, base.fields, quick.max_bytes,
                                      fingerprint)
        cache_module.write_quick(
            root, fingerprint, started_ns,
            Quick(key, result, quick.no_data, quick.folders, quick.language, quick.max_bytes),
            new_base)
    elif patch is None and rows != journal:
        cache_module.write_journal(root, quick.key, fingerprint, started_ns, rows)
    readable = set(record_rels).difference(quick.no_data)
    return problems, overview, record_rels, readable


def _record_rels(files: list[tuple[str, StatKey]], joined: str) -> list[str]:
    """The paths of the record files among ``files`` (``joined``: their paths joined by NUL),
    in order. The saved queries' entries come last (``quick_listing``): when the count of
    record paths in ``joined`` says that every entry before them is a record file, they are
    cut off at once instead of testing 30,000 paths one by one."""
    from operator import itemgetter

    count = len(files)
    while count and not files[count - 1][0].startswith("data/"):
        count -= 1
    if joined.count("\x00data/") + joined.startswith("data/") == count:
        return list(map(itemgetter(0), files[:count]))
    return [rel for rel, _ in files if rel.startswith("data/")]


# An edited record whose facts changed: the record read whole, its new facts digest and facts.
Moved = tuple[Any, str, dict[str, Any]]


class Patch(NamedTuple):
    """What the whole-KB rules redone for a fact edit change in the kept result and base."""

    redone: dict[str, set[str]]  # by path, the rules whose problems about it were redone
    located: list[tuple[Any, ...]]  # those problems, located, as rows
    always: dict[str, ProblemRows]  # the base's whole-KB rows, with them
    facts: str  # the base's facts digests, with the edited records' new ones
    deps: str  # the base's dependencies, with the edited records' new ones
    overview: dict[str, dict[str, int]]
    kept_facts: dict[str, tuple[str, Any]]  # the edited records' new facts, to keep


def _refacts(root: Path, lang: str, today: dt.date, base: Base,
             files: list[tuple[str, StatKey]], moved: dict[int, Moved], config: Any,
             fields: Any, fingerprint: str, overview: dict[str, dict[str, int]]) -> Patch | None:
    """The whole-KB rules redone for the records an edit of the ``moved`` records (by position
    in ``files``) concerns, as each rule declares (``checks/incremental.py``), over the kept
    facts of those records and of what they read; None when that cannot be done (a rule that
    does not say, saved queries, dependencies or facts not kept, a suspect link)."""
    from veiligestad.checks import KB_RULES, incremental
    from veiligestad.checks.context import CheckContext
    from veiligestad.checks.locate import locate
    from veiligestad.commands.validate import DATED_FILE_RULES, _rows, _Settled
    from veiligestad.i18n import Translator
    from veiligestad.model.kinds import KINDS
    from veiligestad.model.statuses import FLOWS
    from veiligestad.store.records import RecordFile
    from veiligestad.store.yamlread import ParseNote

    rels = [rel for rel, _ in files]
    if not base.deps or base.rels.count("\x00data/") != len(rels) - 1 \
            or not base.rels.startswith("data/"):
        return None  # unknown dependencies, or saved queries (whose rule reads every record)
    deps = incremental.split(base.deps, len(rels))
    rules = (*DATED_FILE_RULES, *KB_RULES)
    declared = {rule.ID: incremental.declared(rule) for rule in rules}
    if deps is None or any(found is None for found in declared.values()):
        return None
    before: list[str] = []
    for index, (record, _, kept) in moved.items():
        before.append(deps.parts[index])
        part = incremental.deps_of(record.kind, kept)
        if part is None:
            return None
        deps.replace(index, part)
    broken_rels = {rel for rel, found in base.always.items()
                   if any(row[1] == "link-target" for row in found)}
    broken = [index for index, rel in enumerate(rels) if rel in broken_rels] \
        if broken_rels else []
    edit = incremental.Edit(deps, list(moved), before, broken)
    per_rule = {rule.ID: edit.affected(declared[rule.ID] or ()) for rule in rules}
    concerned: set[int] = set().union(*per_rule.values())
    needed = edit.needed(concerned)
    width = cache_module.FACTS_WIDTH
    others = [rels[i] for i in needed if i not in moved]
    kept_facts = _facts_of(root, others, base.fields, fields, config.max_file_bytes,
                           fingerprint)
    if kept_facts is None:
        return None
    kinds = {f"data/{kind.plural}": kind for kind in KINDS.values()}
    records: list[Any] = []
    for index in needed:
        if index in moved:
            records.append(moved[index][0])
            continue
        rel = rels[index]
        found = kept_facts.get(rel)
        kind = kinds.get(rel[:rel.rfind("/")])
        if found is None or kind is None or found[0] != base.facts[
                index * width:(index + 1) * width].strip():
            return None
        notes = [ParseNote(code) for code in base.notes.get(rel, ())]
        records.append(RecordFile(rel, kind, found[1], notes, "kept"))
    # Every ID in the order of the whole knowledge base (``link-target`` picks its hints
    # among them), each with the records read here that hold it.
    sub = _Settled(root, config, records)
    nobody: list[Any] = []  # shared by every ID no record read here holds; never added to
    sub.by_id = dict.fromkeys(deps.id_of, nobody)  # type: ignore[arg-type]
    sub.by_id.pop(None, None)  # type: ignore[call-overload]
    for record in records:
        if record.record_id is not None:
            holders = sub.by_id[record.record_id]
            if holders is nobody:
                sub.by_id[record.record_id] = [record]
            else:
                holders.append(record)
    ctx = CheckContext(sub, Translator(lang), today)
    at = {index: n for n, index in enumerate(needed)}
    redone: dict[str, set[str]] = {}
    new: dict[str, list[Any]] = {}
    for rule in rules:
        wanted = {rels[i] for i in per_rule[rule.ID]}
        if not wanted:
            continue  # nobody's problems of this rule can have changed
        for rel in wanted:
            redone.setdefault(rel, set()).add(rule.ID)
        if rule in DATED_FILE_RULES:
            found_problems = [p for i in per_rule[rule.ID]
                              for p in rule.check_file(records[at[i]], ctx)]
        else:
            found_problems = [p for p in rule.check(ctx) if p.path in wanted]
        for problem in found_problems:
            if problem.rule == "suspect-link":
                return None  # its message is read from git history: the full path
            new.setdefault(problem.path, []).append(problem)
    always = dict(base.always)
    for rel, names in redone.items():
        rows = tuple(row for row in base.always.get(rel, ()) if row[1] not in names)
        rows += _rows(new.get(rel, []))
        if rows:
            always[rel] = rows
        else:
            always.pop(rel, None)
    located = _rows(locate([p for found in new.values() for p in found], root,
                           config.max_file_bytes))
    new_facts: dict[int, str] = {}
    kept_out: dict[str, tuple[str, Any]] = {}
    counts = {kind: dict(found) for kind, found in overview.items()}
    old = incremental.Deps(before)
    for n, (index, (record, digest, kept)) in enumerate(moved.items()):
        new_facts[index] = digest
        kept_out[rels[index]] = (digest, kept)
        own = counts.setdefault(record.kind.name, {})
        was, now = old.status_of(n), deps.status_of(index)
        if was in own:
            own[was] -= 1
        if now in FLOWS[record.kind.name]:
            own[now] = own.get(now, 0) + 1
    redone_overview = {kind: {s: counts.get(kind, {}).get(s, 0) for s in FLOWS[kind]
                              if counts.get(kind, {}).get(s, 0)} for kind in KINDS}
    return Patch(redone, list(located), always, _spliced(base.facts, new_facts),
                 deps.joined(), redone_overview, kept_out)


def _spliced(facts: str, new: dict[int, str]) -> str:
    """The base's facts digests with the ``new`` ones (by position) in their places."""
    width = cache_module.FACTS_WIDTH
    out: list[str] = []
    start = 0
    for index in sorted(new):
        out.extend((facts[start:index * width], new[index]))
        start = (index + 1) * width
    out.append(facts[start:])
    return "".join(out)


# Reading a record file and cutting it down to its facts takes about 0.35 ms at 30,000
# records; reading one facts file (about 500 records' facts) about 3 ms. Never so many
# records that the loader would start processes for them (``parallel.MIN_ITEMS``).
_FILES_PER_FACTS_FILE: Final = 8
_MOST_FILES: Final = 256


def _facts_of(root: Path, rels: list[str], key: str, fields: Any, max_bytes: int,
              fingerprint: str) -> dict[str, tuple[str, Any]] | None:
    """The (facts digest, facts) of the unchanged records ``rels`` (as ``read_facts_of``
    gives them): for a few records, read from the records themselves (the caller checks each
    digest against the base's, as it does the kept ones); else from the facts files that hold
    them. None when they cannot be read."""
    if len(rels) > min(_MOST_FILES, _FILES_PER_FACTS_FILE * len(
            {cache_module.shard_of(rel) for rel in rels})):
        return cache_module.read_facts_of(root, rels, key, max_bytes, fingerprint)
    from veiligestad.checks.facts import facts_digest, facts_of
    from veiligestad.store.unchanged import read_edited

    records = read_edited(root, rels, max_bytes)
    if records is None:
        return None
    out: dict[str, tuple[str, Any]] = {}
    for record in records:
        if record.data is not None:  # left out, as the facts files leave a non-record out
            own = facts_of(record.data, fields[record.kind.name])
            out[record.rel] = (facts_digest(own, key), own)
    return out


def _as_rows(problems: list[Any]) -> ProblemRows:
    from veiligestad.commands.validate import _rows

    return _rows(problems)
