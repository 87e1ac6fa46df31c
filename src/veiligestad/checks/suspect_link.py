"""suspect-link: a linked record changed after the link was last reviewed.

A project builds on the research questions it took up, a finding on its project and questions.
Each link keeps, in the dependent record's ``link_stamps``, a fingerprint of the fields of its
target that matter (by default a question's ``research_question`` and ``themes``, a project's
``questions``, a finding's ``statement``; ``suspect_fields`` in ``veiligestad.yaml`` changes them).
When the target has changed since, the link is *suspect*: the warning names the fields that
changed (read from git when it can) so someone can check that the dependent record still holds,
and then confirm it with ``veiligestad review ID``. Links without a stamp are not checked;
``veiligestad review --all`` stamps them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import WARNING, Problem
from veiligestad.errors import ConfigError
from veiligestad.stamps import (
    EXPANDING,
    FIELD,
    STAMP_PATTERN,
    SuspectFieldsError,
    changed_since_stamp,
    links_of,
    stamp_for,
    suspect_fields,
)

ID = "suspect-link"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the targets of its links and link stamps.
AFFECTED = ("self", "linking")


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    config = ctx.kb.config
    try:
        fields = suspect_fields(config)
    except SuspectFieldsError as exc:
        raise ConfigError(t("config.bad_value", path="veiligestad.yaml", key=exc.key,
                            value=exc.value),
                          hint=t("suspect_link.config_hint")) from None
    repo: list[Any] = []  # opened on the first suspect link only: git is slow to start
    # Each target's current stamp, computed once however often it is linked ("" when it has
    # none: missing, unreadable, or with aliases that must never be expanded).
    current: dict[str, str] = {}
    for record in ctx.kb.records():
        assert record.data is not None
        stamps = record.data.get(FIELD)
        if not isinstance(stamps, dict) or not stamps:
            continue
        linked: dict[str, str] | None = None
        for target_id, stamp in stamps.items():
            now = current.get(target_id) if isinstance(target_id, str) else ""
            if now is None:
                now = current[target_id] = _current(ctx, target_id, config)
            if now == stamp:
                continue  # the common case, kept cheap: 30,000 records have ~90,000 links
            where = (FIELD, str(target_id))
            if not isinstance(stamp, str) or not STAMP_PATTERN.match(stamp):
                yield ctx.problem(record, ID, t("suspect_link.bad_stamp", id=str(target_id)),
                                  t("suspect_link.review_hint", id=record.record_id),
                                  severity=WARNING, field=where)
                continue
            if linked is None:
                linked = dict(links_of(record.kind.name, record.data))
            target = ctx.kb.get(target_id)
            if not now or target is None or linked.get(target_id) != target.kind.name:
                continue  # a stale stamp is dropped by review; a missing target is link-target's
            assert target.data is not None
            if not repo:
                from veiligestad.store.gitrepo import open_repo

                repo.append(open_repo(ctx.kb.root))
            changed = changed_since_stamp(repo[0], target.rel, target.kind.name, stamp,
                                          target.data, config)
            if changed:
                message = t("suspect_link.changed", id=target_id, fields=", ".join(changed))
            else:
                message = t("suspect_link.changed_unknown", id=target_id,
                            fields=", ".join(fields.get(target.kind.name, ())))
            yield ctx.problem(record, ID, message,
                              t("suspect_link.review_hint", id=record.record_id),
                              severity=WARNING, field=where)


def _current(ctx: CheckContext, target_id: str, config: Any) -> str:
    target = ctx.kb.get(target_id)
    if target is None or target.data is None or any(
            note.code in EXPANDING for note in target.notes):
        return ""
    return stamp_for(target.data, target.kind.name, config)
