"""link-target: every ID a record points to exists and is of the right kind.

A finding's ``project`` must be a project, its ``questions`` questions, its ``relations`` other
findings; a project's ``questions`` questions. A mistyped ID gets the nearest existing one.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext, did_you_mean
from veiligestad.checks.problem import Problem, field_text
from veiligestad.model.fields import FieldType
from veiligestad.model.ids import kind_of

ID = "link-target"
SCOPE = "kb"


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    ids_by_kind: dict[str, list[str]] = {}
    for record_id in ctx.kb.by_id:
        kind = kind_of(record_id)
        if kind is not None:
            ids_by_kind.setdefault(kind.name, []).append(record_id)
    for record in ctx.kb.records():
        assert record.data is not None
        for path, spec, value in walk.values(record.kind.fields, record.data):
            if spec.type is not FieldType.ID or spec.link_kind is None:
                continue
            if not isinstance(value, str) or path == ("id",):
                continue
            target = ctx.kb.get(value)
            wanted = t(f"kind.{spec.link_kind}")
            if target is None:
                guess = did_you_mean(value, ids_by_kind.get(spec.link_kind, []))
                hint = t("schema.did_you_mean", guess=guess) if guess else t(
                    "link_target.none_hint", kind=wanted)
                yield ctx.problem(record, ID, t("link_target.missing", field=field_text(path),
                                                id=value, kind=wanted), hint, field=path)
            elif target.kind.name != spec.link_kind:
                yield ctx.problem(record, ID, t("link_target.wrong_kind", field=field_text(path),
                                                id=value, kind=wanted,
                                                actual=t(f"kind.{target.kind.name}")),
                                  t("link_target.none_hint", kind=wanted), field=path)
