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
from veiligestad.store.cache import ProblemRows
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
    context = _cache_context(kb, t) if cache is not None else ""
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
        located = locate(found, ctx.kb.root, ctx.kb.config.max_file_bytes) if found else []
        out.append(tuple((p.path, p.rule, p.severity, p.message, p.hint, p.line, p.column,
                          p.field, p.key) for p in located))
    return out


def _cache_context(kb: KnowledgeBase, t: Translator) -> str:
    """What, besides the file, the file rules' words depend on: the config and the language."""
    import hashlib
    import pickle

    raw = pickle.dumps((t.lang, dict(kb.config.raw)), protocol=pickle.HIGHEST_PROTOCOL)
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
    kb = open_kb(root, t, cache=cache, save_cache=False, every_file=True)
    targets = _targets(root, paths, cwd or Path.cwd(), t) if paths else None
    scope = None
    if changed_since is not None:
        from veiligestad.commands.changed_scope import changed_scope

        scope = changed_scope(kb, changed_since, t)
    with paused_gc():
        problems = run_checks(kb, t, today)
        if kb.cache is not None:
            kb.cache.save()
    files, records = len(kb.files), len(kb.records())
    if targets is not None:
        problems = [p for p in problems if _selected(p.path, targets)]
        files = sum(1 for r in kb.files if _selected(r.rel, targets))
        records = sum(1 for r in kb.records() if _selected(r.rel, targets))
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
                             "files_with_problems": counts["files"]}, _overview(kb))


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
