"""Which records ``validate --changed-since REF`` reports on: the change, and what it breaks.

A pull request is checked against the whole knowledge base, but reported on only for what it
touched: the record files changed since the branch left REF (committed, staged, edited or new),
and the records elsewhere whose links the change affects: a finding that still points to a
question the branch deleted, or a project whose question changed under it (``suspect-link``).
For those other records only the link rules are reported, so a pull request is never blamed for
problems it did not cause. A change to ``veiligestad.yaml`` puts every record in scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from veiligestad.checks.problem import Problem
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.stamps import links_of
from veiligestad.store.gitrepo import GitError, open_repo, require_git
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.root import CONFIG_NAME

LINK_RULES: Final = frozenset({"link-target", "finding-questions", "suspect-link"})


@dataclass
class ChangedScope:
    """The files a change touched and the records whose links it affects."""

    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    dependents: set[str] = field(default_factory=set)
    everything: bool = False

    def selects(self, problem: Problem) -> bool:
        """Whether a problem belongs in the report of this change."""
        if self.everything or problem.path in self.changed:
            return True
        return problem.path in self.dependents and problem.rule in LINK_RULES

    def covers(self, rel: str) -> bool:
        """Whether the file at ``rel`` is looked at for this change."""
        return self.everything or rel in self.changed or rel in self.dependents

    @property
    def files(self) -> list[str]:
        """The changed files still present, sorted."""
        return sorted(self.changed)


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def changed_scope(kb: KnowledgeBase, ref: str, t: Translator) -> ChangedScope:
    """What changed in the working tree since it left ``ref`` (from their merge base)."""
    require_git(t, "changed_since")
    repo = open_repo(kb.root)
    if repo is None:
        raise UsageError(t("validate.no_git", path=str(kb.root)), hint=t("history.no_git_hint"))
    head = repo.head()
    if head is None and ref == "HEAD":
        return ChangedScope(everything=True)  # the first commit: everything in it is new
    try:
        target = repo.resolve(ref)
    except GitError:
        raise UsageError(t("validate.bad_ref", ref=ref), hint=t("validate.bad_ref_hint")) from None
    base = (repo.merge_base(target, head) if head else None) or target
    scope = ChangedScope()
    try:
        scope.everything = bool(repo.diff(base, None, under=CONFIG_NAME))
        diff = repo.diff(base, None)
    except GitError as exc:
        raise UsageError(t("validate.bad_ref", ref=ref), hint=str(exc)) from None
    for change in diff:
        if change.status == "D":
            scope.removed.add(change.path)
        else:
            scope.changed.add(change.path)
        if change.old and change.old != change.path:
            scope.removed.add(change.old)
    touched = {_stem(p) for p in scope.changed | scope.removed}
    touched |= {r.record_id for r in kb.files if r.rel in scope.changed and r.record_id}
    for record in kb.records():
        if record.rel in scope.changed:
            continue
        if any(target_id in touched for target_id, _ in links_of(record.kind.name,
                                                                 record.data or {})):
            scope.dependents.add(record.rel)
    return scope
