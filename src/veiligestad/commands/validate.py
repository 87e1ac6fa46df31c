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
from veiligestad.model.kinds import KINDS
from veiligestad.model.statuses import FLOWS
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
    """All problems of every rule, located and sorted."""
    ctx = CheckContext(kb, t, today)
    problems: list[Problem] = []
    for record in kb.files:
        for rule in FILE_RULES:
            problems.extend(rule.check_file(record, ctx))
    for rule in KB_RULES:
        problems.extend(rule.check(ctx))
    located = locate(problems, kb.root, kb.config.max_file_bytes)
    return sorted(set(located), key=Problem.sort_key)


def validate(
    root: Path,
    t: Translator,
    today: dt.date,
    paths: Sequence[Path] = (),
    cwd: Path | None = None,
    changed_since: str | None = None,
) -> ValidationResult:
    """Check the knowledge base at ``root``; with ``paths``, report only on those files.

    Links are always resolved against the whole knowledge base, so a change that breaks a record
    elsewhere is still seen when that record is among ``paths``. With ``changed_since`` (a git
    ref), report only on the records changed since then and on the link problems the change
    causes elsewhere (see ``commands/changed_scope.py``); git is read, never written.
    """
    kb = open_kb(root, t)
    targets = _targets(root, paths, cwd or Path.cwd(), t) if paths else None
    scope = None
    if changed_since is not None:
        from veiligestad.commands.changed_scope import changed_scope

        scope = changed_scope(kb, changed_since, t)
    problems = run_checks(kb, t, today)
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
