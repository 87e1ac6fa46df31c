"""``veiligestad validate``: every rule over the whole knowledge base, problems as data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from veiligestad.checks import FILE_RULES, KB_RULES
from veiligestad.checks.context import CheckContext
from veiligestad.checks.locate import locate
from veiligestad.checks.problem import ERROR, WARNING, Problem
from veiligestad.errors import UsageError
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


def run_checks(kb: KnowledgeBase, t: Translator, today: dt.date) -> list[Problem]:
    """All problems of every rule, located and sorted.

    The file-scoped rules' problems depend only on the file, the config and the language, so they
    are taken from the cache when the file is unchanged, and computed (in parallel, where that
    pays) otherwise. Rules that look at today's date and the rules over the whole knowledge base
    always run.
    """
    ctx = CheckContext(kb, t, today)
    cache = kb.cache
    context = _cache_context(kb.config, t) if cache is not None else ""
    problems: list[Problem] = []
    todo: list[int] = []
    for index, record in enumerate(kb.files):
        rows = cache.problems(record.rel, context) if cache is not None else None
        if rows is None:
            todo.append(index)
        else:
            problems.extend(Problem(*row) for row in rows)
    for index, rows in zip(todo, map_indices(_check_files, ctx, todo), strict=True):
        problems.extend(Problem(*row) for row in rows)
        if cache is not None:
            cache.remember_problems(kb.files[index].rel, context, rows)
    always: list[Problem] = []
    for record in kb.files:
        for rule in DATED_FILE_RULES:
            always.extend(rule.check_file(record, ctx))
    for rule in KB_RULES:
        always.extend(rule.check(ctx))
    problems.extend(locate(always, kb.root, kb.config.max_file_bytes))
    return sorted(set(problems), key=Problem.sort_key)


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
        out.append(tuple((p.path, p.rule, p.severity, p.message, p.hint, p.line, p.column,
                          p.field, p.key) for p in located))
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
) -> ValidationResult:
    """Check the knowledge base at ``root``; with ``paths``, report only on those files.

    Links are always resolved against the whole knowledge base, so a change that breaks a record
    elsewhere is still seen when that record is among ``paths``. With ``changed_since`` (a git
    ref), report only on the records changed since then and on the link problems the change
    causes elsewhere (see ``commands/changed_scope.py``); git is read, never written. ``cache``
    False reads and checks every file afresh (None: on unless ``VEILIGESTAD_NO_CACHE`` is set);
    the cache folder is the only place validate ever writes to.
    """
    config = load_config(root, t)
    use_cache = enabled_by_default() if cache is None else cache
    targets = _targets(root, paths, cwd or Path.cwd(), t) if paths else None
    record_cache = None
    if use_cache:
        with paused_gc():
            record_cache = RecordCache(root, config.max_file_bytes)
            known = _unchanged(root, config, t, today, record_cache) if (
                changed_since is None) else None
        if known is not None:
            return _result(root, known, targets)
    kb = open_kb(root, t, config, cache=use_cache, save_cache=False, every_file=True,
                 record_cache=record_cache)
    scope = None
    if changed_since is not None:
        from veiligestad.commands.changed_scope import changed_scope

        scope = changed_scope(kb, changed_since, t)
    with paused_gc():
        problems = run_checks(kb, t, today)
        overview = _overview(kb)
        if kb.cache is not None:
            kb.cache.remember_result(_cacheable(kb, t, today, problems, overview))
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
    root: Path, config: Config, t: Translator, today: dt.date, cache: RecordCache
) -> Known | None:
    """The last result, when no file, nor the config, language, date or tool, changed since.

    Every file must still be in the cache as it was (by the same proof as a record read from it,
    see ``store/cache.py``), and the result's key must match: the content digest of every file in
    scan order, the config, the language, today's date and, through the cache's header, the
    tool's code. Anything unusual (a link, a stray file) takes the full path.
    """
    if cache.result is None:
        return None
    from veiligestad.store.unchanged import unchanged_files

    found = unchanged_files(root, config.max_file_bytes, cache)
    if found is None:
        return None
    files, readable = found
    if result_key(_cache_context(config, t), today, files) != cache.result.key:
        return None
    if cache.changed:
        cache.save()  # racy files were proved unchanged: record that they no longer are racy
    problems = [Problem(*row) for row in cache.result.problems]
    return problems, cache.result.overview, [rel for rel, _ in files], readable


def _cacheable(
    kb: KnowledgeBase, t: Translator, today: dt.date, problems: list[Problem],
    overview: dict[str, dict[str, int]],
) -> CachedResult | None:
    """The result to keep for next time, or None when it depends on more than its key.

    A suspect link's message names the fields that changed, read from git history, which the key
    does not cover; a file that could not be read has no digest to key on.
    """
    if any(p.rule == "suspect-link" for p in problems) or any(not r.digest for r in kb.files):
        return None
    key = result_key(_cache_context(kb.config, t), today, [(r.rel, r.digest) for r in kb.files])
    rows = tuple((p.path, p.rule, p.severity, p.message, p.hint, p.line, p.column, p.field,
                  p.key) for p in problems)
    return CachedResult(key, rows, overview)


def _overview(kb: KnowledgeBase) -> dict[str, dict[str, int]]:
    overview: dict[str, dict[str, int]] = {}
    for kind in KINDS.values():
        flow = FLOWS[kind.name]
        found = Counter(str(r.data.get(kind.status_field)) for r in kb.records(kind.name)
                        if r.data is not None)
        overview[kind.name] = {s: found[s] for s in flow if found[s]}
    return overview


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
        targets.append("" if rel == "." else rel)
    return targets


def _selected(path: str, targets: list[str]) -> bool:
    return any(t == "" or path == t or path.startswith(t + "/") for t in targets)
