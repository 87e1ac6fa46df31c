"""link-target: every ID a record points to exists and is of the right kind.

A finding's ``project`` must be a project, its ``questions`` questions, its ``relations`` other
findings; a project's ``questions`` questions. A mistyped ID gets the nearest existing one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext, did_you_mean
from veiligestad.checks.problem import Problem, field_text
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.ids import is_valid, kind_of
from veiligestad.model.kinds import KINDS

ID = "link-target"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on its links' targets, and for a broken link every ID of the link's kind.
AFFECTED = ("self", "linking", "hints")


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    ids_by_kind: dict[str, list[str]] = {}  # made at the first broken link: most KBs have none
    for record in ctx.kb.records():
        assert record.data is not None
        for path, spec, value in walk.values(_link_specs(record.kind.fields), record.data):
            if spec.type is not FieldType.ID or spec.link_kind is None:
                continue
            if not isinstance(value, str) or path == ("id",):
                continue
            target = ctx.kb.get(value)
            if target is not None and target.kind.name == spec.link_kind:
                continue  # the common case, decided without a word of the catalog
            wanted = t(f"kind.{spec.link_kind}")
            if not ids_by_kind:
                ids_by_kind = _ids_by_kind(ctx)
            if target is None and not is_valid(value, KINDS[spec.link_kind]):
                # a malformed ID is a typing mistake in its form, not a record that is missing
                from veiligestad.checks.id_format import EXAMPLES

                guess = did_you_mean(value, ids_by_kind.get(spec.link_kind, []))
                hint = t("id_format.hint_finding") if spec.link_kind == "finding" else t(
                    "id_format.hint", example=EXAMPLES[spec.link_kind])
                if guess:
                    hint = f"{t('schema.did_you_mean', guess=guess)} ({hint})"
                yield ctx.problem(record, ID, t("link_target.malformed", field=field_text(path),
                                                id=value, kind=wanted), hint, field=path)
            elif target is None:
                guess = did_you_mean(value, ids_by_kind.get(spec.link_kind, []))
                hint = t("schema.did_you_mean", guess=guess) if guess else t(
                    "link_target.none_hint", kind=wanted)
                yield ctx.problem(record, ID, t("link_target.missing", field=field_text(path),
                                                id=value, kind=wanted), hint, field=path)
            else:
                yield ctx.problem(record, ID, t("link_target.wrong_kind", field=field_text(path),
                                                id=value, kind=wanted,
                                                actual=t(f"kind.{target.kind.name}")),
                                  t("link_target.none_hint", kind=wanted), field=path)


def _ids_by_kind(ctx: CheckContext) -> dict[str, list[str]]:
    """Every ID of the knowledge base by the kind its form names, in file order (the
    candidates of a broken link's "did you mean")."""
    found: dict[str, list[str]] = {}
    for record_id in ctx.kb.by_id:
        kind = kind_of(record_id)
        if kind is not None:
            found.setdefault(kind.name, []).append(record_id)
    return found


_PRUNED: dict[int, tuple[FieldSpec, ...]] = {}


def _link_specs(specs: Sequence[FieldSpec]) -> tuple[FieldSpec, ...]:
    """The specs with only the branches that can hold a link: walking them skips the text."""
    key = id(specs)
    if key not in _PRUNED:
        _PRUNED[key] = _prune(specs)
    return _PRUNED[key]


def _prune(specs: Sequence[FieldSpec]) -> tuple[FieldSpec, ...]:
    kept: list[FieldSpec] = []
    for spec in specs:
        if spec.type is FieldType.ID and spec.link_kind is not None:
            kept.append(spec)
        elif spec.type is FieldType.MAPPING and (fields := _prune(spec.fields)):
            kept.append(replace(spec, fields=fields))
        elif spec.type is FieldType.LIST and spec.item is not None and (
                item := _prune((spec.item,))):
            kept.append(replace(spec, item=item[0]))
    return tuple(kept)
