"""``veiligestad validate``: every rule over the whole knowledge base, problems as data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from veiligestad.checks import FILE_RULES, KB_RULES
from veiligestad.checks.context import CheckContext
from veiligestad.checks.locate import locate
from veiligestad.checks.problem import ERROR, WARNING, Problem
from veiligestad.errors import UsageError, VeiligestadError
from veiligestad.i18n import Translator
from veiligestad.memory import paused_gc
from veiligestad.model.kinds import KINDS
from veiligestad.model.statuses import FLOWS
from veiligestad.parallel import map_indices
from veiligestad.store.cache import (
    CachedResult,
    ProblemRows,
    RecordCache,
    enabled_by_default,
    result_key,
)
from veiligestad.store.config import Config, load_config
from veiligestad.store.kb import KnowledgeBase, open_kb
from veiligestad.store.records import DATA_DIR, FileEntry, RecordFile

if TYPE_CHECKING:
    from veiligestad.store.cache import Base, StatKey
    from veiligestad.store.unchanged import Listing, Proof


@dataclass
class ValidationResult:
    """The problems found, sorted, and what was looked at."""

    root: Path
    problems: list[Problem]
    files: int
    records: int
    targets: list[str] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    # How many records of each kind are in each status, for the summary people read.
    overview: dict[str, dict[str, int]] = field(default_factory=dict)

    def exit_code(self, strict: bool) -> int:
        """0 when clean; 1 with errors, or with warnings under ``--strict``."""
        if self.counts.get(ERROR, 0) or (strict and self.counts.get(WARNING, 0)):
            return 1
        return 0


def run_checks(kb: KnowledgeBase, t: Translator, today: dt.date,
               checked: Sequence[ProblemRows | None] | None = None) -> list[Problem]:
    """All problems of every rule, located and sorted.

    The file-scoped rules' problems depend only on the file, the config and the language, so they
    are taken from the cache when the file is unchanged, and computed (in parallel, where that
    pays) otherwise. Rules that look at today's date and the rules over the whole knowledge base
    always run here; with a cache, their result is kept under the key of every file's facts
    (``checks/facts.py``), and the facts themselves, for the next ``validate`` after an edit.
    """
    ctx = CheckContext(kb, t, today)
    cache = kb.cache
    context = _cache_context(kb.config, t) if cache is not None else ""
    problems: list[Problem] = []
    todo: list[int] = []
    for index, record in enumerate(kb.files):
        rows = checked[index] if checked is not None else None
        if rows is not None:  # the file rules ran where the file was read (checks/onepass.py)
            problems.extend(Problem(*row) for row in rows)
            if cache is not None:
                cache.remember_problems(record.rel, context, rows)
            continue
        rows = cache.problems(record.rel, context) if cache is not None else None
        if rows is None:
            todo.append(index)
        else:
            problems.extend(Problem(*row) for row in rows)
    for index, rows in zip(todo, map_indices(_check_files, ctx, todo), strict=True):
        problems.extend(Problem(*row) for row in rows)
        if cache is not None:
            cache.remember_problems(kb.files[index].rel, context, rows)
    always = _whole_kb_rules(ctx)
    if cache is not None:
        _keep_facts(kb, cache, always, context, today)
    problems.extend(locate(always, kb.root, kb.config.max_file_bytes))
    return sorted(set(problems), key=Problem.sort_key)


def _whole_kb_rules(ctx: CheckContext) -> list[Problem]:
    """The problems, not yet located, of the dated file rules and the whole-KB rules."""
    always: list[Problem] = []
    for record in ctx.kb.files:
        for rule in DATED_FILE_RULES:
            always.extend(rule.check_file(record, ctx))
    for rule in KB_RULES:
        always.extend(rule.check(ctx))
    return always


def _keep_facts(kb: KnowledgeBase, cache: RecordCache, always: list[Problem], context: str,
                today: dt.date) -> None:
    """Keep every record's facts, and the whole-KB rules' result under their key."""
    from veiligestad.checks.facts import fact_fields, facts_digest, facts_of, fields_key

    fields = fact_fields(kb.config)
    if fields is None:
        cache.remember_kb_result(None)
        return
    key = fields_key(fields)
    facts: dict[str, tuple[str, Any]] = {}
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    changed = cache.facts_unreadable
    for record in kb.files:
        found = ""
        if record.data is not None:
            kept = facts_of(record.data, fields[record.kind.name])
            found = facts_digest(kept, key)
            facts[record.rel] = (found, kept)
            entry = cache.new.get(record.rel)
            changed = changed or entry is None or entry.facts != found
            cache.remember_facts(record.rel, found)
        rows.append((record.rel, found, tuple(n.code for n in record.notes)))
    if changed:
        cache.keep_facts(key, facts)
    cacheable = all(r.digest for r in kb.files)
    cache.remember_kb_result(_kb_result(context, today, [*rows, *_saved_queries(kb.root)],
                                        always, _overview(kb.files), kb.files)
                             if cacheable else None)


def _kb_result(context: str, today: dt.date, rows: list[tuple[str, str, tuple[str, ...]]],
               always: list[Problem], overview: dict[str, dict[str, int]],
               files: Sequence[RecordFile]) -> CachedResult | None:
    """The whole-KB rules' result to keep, under the key of every file's facts, with every
    record's dependencies (``checks/incremental.py``); None when it depends on more (a suspect
    link's message is read from git history)."""
    if any(p.rule == "suspect-link" for p in always):
        return None
    return CachedResult(_kb_key(context, today, rows), _rows(always), overview,
                        _deps(files))


def _deps(files: Sequence[RecordFile]) -> tuple[str, str] | None:
    """Every file's path and dependencies, as ``CachedResult.deps`` keeps them; None when
    one cannot be kept."""
    from veiligestad.checks.incremental import deps_of

    parts: list[str] = []
    for record in files:
        found = deps_of(record.kind, record.data)
        if found is None or "\x00" in record.rel:
            return None
        parts.append(found)
    return "\x00".join(r.rel for r in files), "\x1e".join(parts)


def _kb_key(context: str, today: dt.date, rows: list[tuple[str, str, tuple[str, ...]]]) -> str:
    """What the whole-KB rules' result depends on, besides the tool's code (in the header):
    the config and language, today's date, and each file's path, facts and parse notes."""
    return result_key(context, today, [(rel, f"{facts}:{','.join(notes)}")
                                       for rel, facts, notes in rows])


def _rows(problems: Sequence[Problem]) -> ProblemRows:
    return tuple((p.path, p.rule, p.severity, p.message, p.hint, p.line, p.column, p.field,
                  p.key) for p in problems)


def _saved_queries(root: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each saved query's path and content digest, for the key of the whole-KB rules' result:
    the saved-query rule reads them (and of the records only what their facts hold: IDs and
    whether the public may see them, for ``linked_to``)."""
    from veiligestad.commands.query import QUERIES_DIR, saved_names
    from veiligestad.store.records import digest

    out: list[tuple[str, str, tuple[str, ...]]] = []
    for name in saved_names(root):
        rel = f"{QUERIES_DIR}/{name}.yaml"
        try:
            found = digest((root / rel).read_bytes())
        except OSError:
            found = "unreadable"
        out.append((rel, found, ()))
    return out


# File rules that read ``ctx.today`` run every time; the others may be cached per file.
DATED_FILE_RULES = tuple(r for r in FILE_RULES if getattr(r, "USES_TODAY", False))
CACHED_FILE_RULES = tuple(r for r in FILE_RULES if not getattr(r, "USES_TODAY", False))


def _check_files(ctx: CheckContext, indices: Sequence[int]) -> list[ProblemRows]:
    """The located problems of the cacheable file rules, as plain rows, one tuple per file."""
    out: list[ProblemRows] = []
    for index in indices:
        record = ctx.kb.files[index]
        found = [p for rule in CACHED_FILE_RULES for p in rule.check_file(record, ctx)]
        ctx.forget(record)  # no rule after these walks the record again
        located = locate(found, ctx.kb.root, ctx.kb.config.max_file_bytes) if found else []
        out.append(_rows(located))
    return out


def _cache_context(config: Config, t: Translator) -> str:
    """What, besides the file, the file rules' words depend on: the config and the language."""
    import hashlib
    import pickle

    raw = pickle.dumps((t.lang, dict(config.raw)), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def validate(
    root: Path,
    t: Translator,
    today: dt.date,
    paths: Sequence[Path] = (),
    cwd: Path | None = None,
    changed_since: str | None = None,
    cache: bool | None = None,
    listed: Listing | None = None,
) -> ValidationResult:
    """Check the knowledge base at ``root``; with ``paths``, report only on those files.

    Links are always resolved against the whole knowledge base, so a change that breaks a record
    elsewhere is still seen when that record is among ``paths``. With ``changed_since`` (a git
    ref), report only on the records changed since then and on the link problems the change
    causes elsewhere (see ``commands/changed_scope.py``); git is read, never written. ``cache``
    False reads and checks every file afresh (None: on unless ``VEILIGESTAD_NO_CACHE`` is set);
    the cache folder is the only place validate ever writes to. ``listed``: the listing of
    ``data/`` when the caller has just made it (``cli/quick.py``).
    """
    config = load_config(root, t)
    use_cache = enabled_by_default() if cache is None else cache
    targets = _targets(root, paths, cwd or Path.cwd(), t) if paths else None
    record_cache = None
    entries = None
    if not use_cache or changed_since is not None:
        listed = None
    if use_cache and changed_since is None:
        from veiligestad.store.unchanged import Listing

        listed = listed or Listing.of(root)
        quick = _quick(root, config, t, today, listed)
        if quick is not None:
            return _result(root, quick, targets)
    if use_cache:
        with paused_gc():
            record_cache = RecordCache(root, config.max_file_bytes)
            known = None
            if changed_since is None:
                from veiligestad.store.unchanged import prove

                proof = prove(root, config.max_file_bytes, record_cache, listed)
                entries = proof.entries
                known = _unchanged(root, config, t, today, record_cache, proof) or \
                    _incremental(root, config, t, today, record_cache, proof)
        if known is not None:
            return _result(root, known, targets)
    checked = None
    if changed_since is None:  # each file read and checked in one pass (checks/onepass.py)
        from veiligestad.checks.onepass import read_and_check

        with paused_gc():
            checked = read_and_check(root, t, config, today, [r.ID for r in CACHED_FILE_RULES],
                                     record_cache if use_cache else None, entries)
    kb = checked[0] if checked is not None else open_kb(
        root, t, config, cache=use_cache, save_cache=False, every_file=True,
        record_cache=record_cache, entries=entries)
    scope = None
    if changed_since is not None:
        from veiligestad.commands.changed_scope import changed_scope

        scope = changed_scope(kb, changed_since, t)
    with paused_gc():
        problems = run_checks(kb, t, today, checked[1] if checked is not None else None)
        overview = _overview(kb.files)
        if kb.cache is not None:
            kb.cache.remember_result(_cacheable(kb, t, today, problems, overview))
            if entries is not None:
                _keep_quick(root, config, t, today, kb.cache, entries)
            kb.cache.save()
    if scope is None:
        rels = [r.rel for r in kb.files]
        readable = {r.rel for r in kb.records()}
        return _result(root, (problems, overview, rels, readable), targets)
    files, records = len(kb.files), len(kb.records())
    if targets is not None:
        problems = [p for p in problems if _selected(p.path, targets)]
    if scope is not None:
        problems = [p for p in problems if scope.selects(p)]
        given = targets or [""]
        files = sum(1 for r in kb.files if scope.covers(r.rel) and _selected(r.rel, given))
        records = sum(1 for r in kb.records() if scope.covers(r.rel) and _selected(r.rel, given))
        targets = targets if targets is not None else scope.files
    counts = Counter(p.severity for p in problems)
    counts["files"] = len({p.path for p in problems})
    return ValidationResult(root, problems, files, records, targets,
                            {ERROR: counts[ERROR], WARNING: counts[WARNING],
                             "files_with_problems": counts["files"]}, overview)


class _Settled(KnowledgeBase):
    """A knowledge base whose files stay as they are while the rules run: each list of
    ``records`` is made once (the rules ask for them about fifteen times; 30,000 records
    took about 20 ms a list), and each caller gets its own copy."""

    def records(self, kind: str | None = None) -> list[RecordFile]:
        made: dict[str | None, list[RecordFile]] = self.__dict__.setdefault("_made", {})
        found = made.get(kind)
        if found is None:
            found = made[kind] = super().records(kind)
        return list(found)


# Everything a result is made of: the problems, the overview, every file and the readable ones.
Known = tuple[list[Problem], dict[str, dict[str, int]], list[str], set[str]]


def _result(root: Path, known: Known, targets: list[str] | None) -> ValidationResult:
    problems, overview, rels, readable = known
    if targets is not None:
        problems = [p for p in problems if _selected(p.path, targets)]
        rels = [rel for rel in rels if _selected(rel, targets)]
    files, records = len(rels), sum(1 for rel in rels if rel in readable)
    counts = Counter(p.severity for p in problems)
    counts["files"] = len({p.path for p in problems})
    return ValidationResult(root, problems, files, records, targets,
                            {ERROR: counts[ERROR], WARNING: counts[WARNING],
                             "files_with_problems": counts["files"]}, overview)


def _unchanged(
    root: Path, config: Config, t: Translator, today: dt.date, cache: RecordCache, proof: Proof
) -> Known | None:
    """The last result, when no file, nor the config, language, date or tool, changed since.

    Every file must still be in the cache as it was (by the same proof as a record read from it,
    see ``store/cache.py``), and the result's key must match: the content digest of every file in
    scan order, the config, the language, today's date and, through the cache's header, the
    tool's code. Anything unusual (a link, a stray file) takes the full path.
    """
    if cache.result is None or not proof.unchanged or not cache.trusted_results():
        return None
    files = [(proof.entries[i].rel, hit.digest) for i, hit in proof.kept.items()]
    readable = {proof.entries[i].rel for i, hit in proof.kept.items() if hit.has_data}
    queries = [(rel, found) for rel, found, _ in _saved_queries(root)]
    if result_key(_cache_context(config, t), today, [*files, *queries]) != cache.result.key:
        return None
    _keep_quick(root, config, t, today, cache, proof.entries)
    cache.save()  # racy files proved unchanged are no longer racy; the quick result
    problems = [Problem(*row) for row in cache.result.problems]
    return problems, cache.result.overview, [rel for rel, _ in files], readable


def _quick(root: Path, config: Config, t: Translator, today: dt.date,
           listed: Listing) -> Known | None:
    """The last whole result when no file changed, read without the index: every record file
    and saved query has the path and stat (size, times, inode) it had when the result was kept
    (``store/cache.py``: ``QUICK_FILE``), and the config, language and date are the same."""
    from veiligestad.store.cache import STAT_TRUSTED, quick_context, quick_key, read_quick

    if not STAT_TRUSTED:
        return None  # where the stat proves nothing the index decides, reading the bytes
    found = read_quick(root, config.max_file_bytes)
    config_digest = _config_digest(root)
    if found is None or config_digest is None:
        return None
    files = listed.keys(root)
    if files is None or quick_key(quick_context(t.lang, config_digest), today,
                                  files) != found.key:
        return None
    return known_from_quick(found.result, [e.rel for e in listed.entries], found.no_data)


def known_from_quick(result: CachedResult, rels: list[str], no_data: set[str]) -> Known:
    """A result as ``_result`` takes it, from the quick result and the record files listed."""
    readable = {rel for rel in rels if rel not in no_data}
    return [Problem(*row) for row in result.problems], result.overview, rels, readable


def _config_digest(root: Path, config: Config | None = None) -> str | None:
    """The digest of ``veiligestad.yaml``'s bytes (read without following a link), for the
    quick result's key; with ``config``, None unless those bytes are the config this run
    read (the file may have changed since)."""
    from veiligestad.store.cache import config_digest, read_cache_file
    from veiligestad.store.root import CONFIG_NAME

    raw = read_cache_file(root, root / CONFIG_NAME)
    if raw is None:
        return None
    if config is not None:
        from veiligestad.store.config import config_from_text
        from veiligestad.store.yamlread import UnsafeYAML

        try:
            again = config_from_text(root, raw.decode("utf-8-sig"), t=Translator("en"))
        except (UnsafeYAML, ValueError, VeiligestadError):
            return None
        if dict(again.raw) != dict(config.raw):
            return None
    return config_digest(raw)


def _keep_quick(root: Path, config: Config, t: Translator, today: dt.date, cache: RecordCache,
                entries: list[FileEntry]) -> None:
    """Have the whole result written for ``_quick``, when every file is settled (see
    ``settled_listing``); else make sure no older one is left."""
    from veiligestad.store.cache import STAT_TRUSTED, quick_context, quick_key
    from veiligestad.store.unchanged import settled_listing

    files = settled_listing(root, cache, entries) if (
        STAT_TRUSTED and cache.result is not None) else None
    config_digest = _config_digest(root, config) if files is not None else None
    if files is None or config_digest is None:
        cache.remember_quick(None)
        return
    no_data = tuple(e.rel for e in entries if e.rel in cache.new and not cache.new[e.rel].has_data)
    folders = tuple(f"{DATA_DIR}/{kind.plural}" for kind in KINDS.values())
    context = quick_context(t.lang, config_digest)
    key = quick_key(context, today, files)
    cache.remember_quick(key, no_data, folders, config.language,
                         _base(root, config, t, today, cache, key, context, files))


def _base(root: Path, config: Config, t: Translator, today: dt.date, cache: RecordCache,
          key: str, context: str, files: list[tuple[str, StatKey]]) -> Base | None:
    """What ``validate`` after an edit needs beside the quick result (``store/cache.py``:
    ``Base``), from this run's entries; None when the whole-KB rules' kept result is not this
    run's (its key, over every file's facts and notes, does not match) or a file's facts are
    unknown."""
    from veiligestad.checks.facts import fact_fields, fields_key
    from veiligestad.store.cache import FACTS_WIDTH, Base, pack_stats

    fields = fact_fields(config)
    if fields is None or cache.kb_result is None:
        return None
    facts: list[str] = []
    notes: dict[str, tuple[str, ...]] = {}
    keyed: list[tuple[str, str, tuple[str, ...]]] = []
    for rel, _ in files:
        if not rel.startswith(f"{DATA_DIR}/"):
            break  # the saved queries' entries follow the record files
        entry = cache.new.get(rel)
        if entry is None or (entry.has_data and len(entry.facts) != FACTS_WIDTH):
            return None
        codes = tuple(n.code for n in entry.notes)
        found = entry.facts if entry.has_data else ""
        facts.append(found or " " * FACTS_WIDTH)
        keyed.append((rel, found, codes))
        if codes:
            notes[rel] = codes
    rule_context = _cache_context(config, t)
    if _kb_key(rule_context, today, [*keyed, *_saved_queries(root)]) != cache.kb_result.key:
        return None
    always: dict[str, list[tuple[Any, ...]]] = {}
    for row in cache.kb_result.problems:
        always.setdefault(row[0], []).append(row)
    stats = pack_stats([stat for _, stat in files])
    facts.extend(" " * FACTS_WIDTH for _ in range(len(files) - len(facts)))  # the queries
    return Base(key, cache.started_ns, context, today.isoformat(), fields_key(fields),
                "\x00".join(rel for rel, _ in files), stats, "".join(facts), notes,
                {rel: tuple(rows) for rel, rows in always.items()},
                _aligned_deps(cache.kb_result.deps, [rel for rel, _ in files]))


def _aligned_deps(deps: tuple[str, str] | None, rels: list[str]) -> str:
    """The kept dependencies in the order of ``rels`` ("" for a saved query); "" when they are
    not known for every record file."""
    if deps is None:
        return ""
    kept = dict(zip(deps[0].split("\x00"), deps[1].split("\x1e"), strict=False))
    out: list[str] = []
    for rel in rels:
        found = kept.get(rel)
        if found is None:
            if rel.startswith(f"{DATA_DIR}/"):
                return ""
            found = ""
        out.append(found)
    return "\x1e".join(out)


def _incremental(
    root: Path, config: Config, t: Translator, today: dt.date, cache: RecordCache, proof: Proof
) -> Known | None:
    """The result after a few files changed, reading only those files; None to read them all.

    The changed files are parsed and their file rules run; every other file's file-rule problems
    come from the cache (they depend on the file, the config and the language alone). The rules
    over the whole knowledge base, and the dated file rules, are taken from the cache when no
    file's facts (``checks/facts.py``) nor saved query changed, and otherwise run on the facts
    of the unchanged records (``facts-NN.pickle``) beside the changed records, read whole.
    Whatever is missing from the cache (a file rule's problems in this context, a record's
    facts, a trusted proof) means the full path.
    """
    from veiligestad.checks.facts import fact_fields, facts_digest, facts_of, fields_key
    from veiligestad.store.unchanged import read_changed

    fields = fact_fields(config)
    if proof.unusual or not proof.kept or fields is None or not cache.trusted_results():
        return None
    context = _cache_context(config, t)
    if any(hit.problems is None or hit.context != context or (hit.has_data and not hit.facts)
           for hit in proof.kept.values()):
        return None
    key = fields_key(fields)
    changed = read_changed(root, config.max_file_bytes, cache, proof)
    if any(not record.digest for record in changed):
        return None  # an unreadable file: the full path reports it
    # The changed files' own rules, and their facts.
    small = KnowledgeBase(root, config, changed)
    problems: list[Problem] = []
    check = CheckContext(small, t, today)
    rows_of = map_indices(_check_files, check, list(range(len(changed))))
    fresh: dict[str, tuple[str, Any]] = {}
    for record, found_rows in zip(changed, rows_of, strict=True):
        problems.extend(Problem(*row) for row in found_rows)
        cache.remember_problems(record.rel, context, found_rows)
        if record.data is not None:
            kept = facts_of(record.data, fields[record.kind.name])
            found = facts_digest(kept, key)
            fresh[record.rel] = (found, kept)
            cache.remember_facts(record.rel, found)
    for kept_entry in proof.kept.values():
        problems.extend(Problem(*row) for row in kept_entry.problems or ())
    # Every file in scan order, as the whole-KB rules see it.
    by_rel = {record.rel: record for record in changed}
    keyed: list[tuple[str, str, tuple[str, ...]]] = []
    for index, entry in enumerate(proof.entries):
        hit = proof.kept.get(index)
        if hit is not None:
            keyed.append((entry.rel, hit.facts if hit.has_data else "",
                         tuple(n.code for n in hit.notes)))
        else:
            record = by_rel[entry.rel]
            keyed.append((entry.rel, fresh[entry.rel][0] if entry.rel in fresh else "",
                         tuple(n.code for n in record.notes)))
    kb_key = _kb_key(context, today, [*keyed, *_saved_queries(root)])
    files: list[RecordFile] = []
    digests = [(entry.rel, hit.digest if hit is not None else by_rel[entry.rel].digest)
               for entry, hit in zip(proof.entries, map(proof.kept.get,
                                                         range(len(proof.entries))),
                                     strict=True)]
    if cache.kb_result is not None and cache.kb_result.key == kb_key:
        always = [Problem(*row) for row in cache.kb_result.problems]
        overview = cache.kb_result.overview
    else:
        facts = cache.read_facts(key)
        if facts is None:
            return None
        for index, entry in enumerate(proof.entries):
            hit = proof.kept.get(index)
            if hit is None:
                files.append(by_rel[entry.rel])
                continue
            data = None
            if hit.has_data:
                found_facts = facts.get(entry.rel)
                if found_facts is None or found_facts[0] != hit.facts:
                    return None
                data = found_facts[1]
            files.append(RecordFile(entry.rel, entry.kind, data, list(hit.notes), hit.digest))
        whole = _Settled(root, config, files)
        always = _whole_kb_rules(CheckContext(whole, t, today))
        overview = _overview(files)
        cache.remember_kb_result(_kb_result(context, today, [*keyed, *_saved_queries(root)],
                                            always, overview, files))
        moved = {rel for rel, found in fresh.items() if facts.get(rel, ("",))[0] != found[0]}
        if moved:
            facts.update(fresh)
            cache.keep_facts(key, {rel: facts[rel] for rel, f, _ in keyed if f}, moved)
    problems.extend(locate(always, root, config.max_file_bytes))
    problems = sorted(set(problems), key=Problem.sort_key)
    cache.remember_result(_whole_result(root, context, today, digests, problems, overview))
    _keep_quick(root, config, t, today, cache, proof.entries)
    cache.save()
    rels = [entry.rel for entry in proof.entries]
    readable = {rel for rel, f, _ in keyed if f}
    return problems, overview, rels, readable


def _cacheable(
    kb: KnowledgeBase, t: Translator, today: dt.date, problems: list[Problem],
    overview: dict[str, dict[str, int]],
) -> CachedResult | None:
    """The result to keep for next time, or None when it depends on more than its key.

    A suspect link's message names the fields that changed, read from git history, which the key
    does not cover; a file that could not be read has no digest to key on.
    """
    return _whole_result(kb.root, _cache_context(kb.config, t), today,
                         [(r.rel, r.digest) for r in kb.files], problems,
                         overview)


def _whole_result(root: Path, context: str, today: dt.date, files: Sequence[tuple[str, str]],
                  problems: list[Problem],
                  overview: dict[str, dict[str, int]]) -> CachedResult | None:
    if any(p.rule == "suspect-link" for p in problems) or any(not d for _, d in files):
        return None
    queries = [(rel, found) for rel, found, _ in _saved_queries(root)]
    key = result_key(context, today, [*files, *queries])
    return CachedResult(key, _rows(problems), overview)


def _overview(files: Sequence[RecordFile]) -> dict[str, dict[str, int]]:
    """How many records of each kind are in each status."""
    found: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for record in files:
        if record.data is not None:
            found[record.kind.name][str(record.data.get(record.kind.status_field))] += 1
    return {kind: {s: found[kind][s] for s in FLOWS[kind] if found[kind][s]} for kind in KINDS}


def _targets(root: Path, paths: Sequence[Path], cwd: Path, t: Translator) -> list[str]:
    targets = []
    for given in paths:
        full = given if given.is_absolute() else cwd / given
        # Resolve the parent only: the target itself may be a link, which validate must report,
        # not follow.
        full = full.parent.resolve() / full.name
        if not full.exists() and not full.is_symlink():
            raise UsageError(t("validate.no_such_path", path=str(given)))
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(t("validate.outside", path=str(given), root=str(root))) from None
        rel = "" if rel == "." else rel
        if not _may_hold_records(rel):
            # ``validate README.md`` said "no problems in 0 files": a green light for nothing
            raise UsageError(t("validate.not_records", path=str(given)),
                             hint=t("validate.not_records_hint"))
        targets.append(rel)
    return targets


# The folders that hold what validate checks: the records and the saved queries.
CHECKED: Final = ("data", "queries")


def _may_hold_records(rel: str) -> bool:
    """Whether the path ``rel`` (from the root) is, or may hold, a file validate checks: the
    root itself, or anything under ``data/`` or ``queries/`` (a stray file there is reported,
    not passed over)."""
    top = rel.split("/", 1)[0]
    return rel == "" or top in CHECKED


def _selected(path: str, targets: list[str]) -> bool:
    return any(t == "" or path == t or path.startswith(t + "/") for t in targets)
