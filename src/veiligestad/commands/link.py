"""``veiligestad link A B`` and ``unlink A B``: project↔question, finding↔question, finding↔finding.

Records point one way only (a project names its questions, a finding its questions and related
findings); the backlinks are derived. So a link is always written into one record, and ``add_link``
is the one function that writes a link value, for ``link`` as for ``new`` and ``intake``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, Final

from veiligestad.commands.authoring import edit_existing, unknown_id
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import FINDING, PROJECT, QUESTION, Kind
from veiligestad.stamps import EXPANDING, drop_stamp, links_of, stamp_link
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

RELATION_TYPES: Final = ("supports", "contradicts", "replicates")


@dataclass(frozen=True)
class LinkResult:
    """What ``link`` or ``unlink`` did: the file it changed, or nothing when already so."""

    rel: str | None
    holder: str  # the ID of the record that holds the link
    target: str
    retyped: tuple[str, str] | None = None  # a relation's type, changed from → to


def add_link(data: MutableMapping[str, Any], kind: Kind, field: str, target: str,
             relation_type: str | None = None) -> bool:
    """Add a link from a record's ``data`` to ``target`` in ``field``; False when it is there.

    ``data`` is a plain mapping (a record being made) or a round-trip mapping (a record being
    edited: the new item takes the style of the list's other items).
    """
    from veiligestad.store.edit import append_item, new_list, set_after

    items = data.get(field)
    if field == "relations":
        value: Any = {"type": relation_type or RELATION_TYPES[0], "finding": target}
        if isinstance(items, list) and any(isinstance(i, dict) and i.get("finding") == target
                                           for i in items):
            return False
    else:
        value = target
        if isinstance(items, list) and target in items:
            return False
    if isinstance(items, list):
        append_item(items, value)
    elif hasattr(data, "insert"):  # a round-trip mapping: keep the file's key order
        items = new_list([value], flow=field != "relations")
        set_after(data, field, items, kind.field_names)  # type: ignore[arg-type]
    else:
        data[field] = [value]
    return True


def remove_link(data: MutableMapping[str, Any], field: str, target: str) -> bool:
    """Remove the link to ``target`` from ``field``; False when there was none."""
    items = data.get(field)
    if not isinstance(items, list):
        return False
    for index, item in enumerate(items):
        if item == target or (isinstance(item, dict) and item.get("finding") == target):
            if len(items) == 1:  # an emptied list goes, as it was before the first link
                _remove_field(data, field)
            else:
                del items[index]
            return True
    return False


def _remove_field(data: MutableMapping[str, Any], field: str) -> None:
    from ruamel.yaml.comments import CommentedMap

    from veiligestad.store.edit import remove_key

    if isinstance(data, CommentedMap):
        remove_key(data, field)
    else:
        del data[field]


def _record(kb: KnowledgeBase, record_id: str, t: Translator) -> RecordFile:
    record = kb.get(record_id)
    if record is None or record.data is None:
        raise unknown_id(kb, record_id, t)
    if len(kb.by_id.get(record_id, [])) > 1:
        raise UsageError(t("link.duplicate", id=record_id), hint=t("link.duplicate_hint"))
    return record


def _pair(kb: KnowledgeBase, first: str, second: str,
          t: Translator) -> tuple[RecordFile, RecordFile, str]:
    """The record that holds the link, the one it points to, and the field it goes in."""
    a, b = _record(kb, first, t), _record(kb, second, t)
    kinds = (a.kind, b.kind)
    if kinds == (QUESTION, PROJECT) or kinds == (QUESTION, FINDING):
        a, b = b, a
    if (a.kind, b.kind) in ((PROJECT, QUESTION), (FINDING, QUESTION)):
        return a, b, "questions"
    if (a.kind, b.kind) == (FINDING, FINDING) and first != second:
        return a, b, "relations"
    raise UsageError(t("link.pair", first=first, second=second), hint=t("link.pairs"))


def link(kb: KnowledgeBase, first: str, second: str, t: Translator, today: dt.date,
         relation_type: str | None = None) -> LinkResult:
    """Link two records; refuses a finding↔question link outside the finding's project."""
    holder, target, field = _pair(kb, first, second, t)
    assert holder.data is not None and holder.record_id and target.record_id
    if field == "relations":
        if relation_type not in (None, *RELATION_TYPES):
            raise UsageError(t("input.not_allowed", field="type", value=relation_type),
                             hint=t("input.allowed", allowed=", ".join(RELATION_TYPES)))
    elif relation_type is not None:
        raise UsageError(t("link.type_only_findings"))
    if holder.kind is FINDING and field == "questions":
        from veiligestad.commands.new import project_questions

        project = str(holder.data.get("project"))
        if target.record_id not in project_questions(kb, project, t):
            raise UsageError(t("new.question_outside", id=target.record_id, project=project),
                             hint=t("link.project_first", project=project, id=target.record_id))
    old_type = _relation_type(holder.data, target.record_id) if field == "relations" else None
    if old_type is not None and relation_type is not None and relation_type != old_type:
        def retype(data: MutableMapping[str, Any]) -> bool:
            for item in data.get("relations") or []:
                if isinstance(item, dict) and item.get("finding") == target.record_id:
                    item["type"] = relation_type
            return True

        changed = edit_existing(kb, holder, t, retype, today)
        return LinkResult(holder.rel if changed else None, holder.record_id, target.record_id,
                          (old_type, str(relation_type)))

    def change(data: MutableMapping[str, Any]) -> bool:
        added = add_link(data, holder.kind, field, str(target.record_id), relation_type)
        if added:
            stamp_new_link(kb, data, target)
        return added

    changed = edit_existing(kb, holder, t, change, today)
    return LinkResult(holder.rel if changed else None, holder.record_id, target.record_id)


def _relation_type(data: Any, target_id: str) -> str | None:
    """The type of the relation ``data`` holds to ``target_id``, or None when there is none."""
    items = data.get("relations") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("finding") == target_id:
            return str(item.get("type") or "")
    return None


def question_to_match(kb: KnowledgeBase, result: LinkResult) -> str | None:
    """The question a link just made a project take up while it is still ``ready``: the one
    to offer to move to ``matched`` (a question is matched when a project takes it up)."""
    holder, target = kb.get(result.holder), kb.get(result.target)
    if result.rel is None or holder is None or target is None:
        return None
    if holder.kind is PROJECT and target.kind is QUESTION and target.data is not None and (
            target.data.get("status") == "ready"):
        return result.target
    return None


def stamp_new_link(kb: KnowledgeBase, data: MutableMapping[str, Any], target: RecordFile) -> None:
    """Stamp a link just made (``link_stamps``), leaving the record's other links as they are.

    A target with anchors or aliases is not stamped: its data is never expanded.
    """
    if target.record_id and target.data is not None and not any(
            note.code in EXPANDING for note in target.notes):
        stamp_link(data, target.record_id, target.kind.name, target.data, kb.config)


def unlink(kb: KnowledgeBase, first: str, second: str, t: Translator,
           today: dt.date) -> LinkResult:
    """Remove a link; refuses to leave a required list empty or a finding outside its project."""
    holder, target, field = _pair(kb, first, second, t)
    assert holder.data is not None and holder.record_id and target.record_id
    if field == "relations" and not _holds(holder, target) and _holds(target, holder):
        holder, target = target, holder  # the relation is kept by the other finding
    assert holder.data is not None and holder.record_id and target.record_id
    current = holder.data.get(field)
    linked = _holds(holder, target)
    if not linked:
        return LinkResult(None, holder.record_id, target.record_id)
    spec = holder.kind.field(field)
    if spec is not None and spec.min_items and isinstance(current, list) and len(current) <= 1:
        raise UsageError(t("link.last", id=target.record_id, holder=holder.record_id,
                           field=field), hint=t("link.last_hint"))
    if holder.kind is PROJECT:
        from veiligestad.index import build_index
        from veiligestad.model.statuses import QUESTION_TAKEN_UP

        index = build_index(kb)
        status = target.data.get("status") if target.data else None
        if status in QUESTION_TAKEN_UP and index.projects_of_question.get(
                target.record_id, []) == [holder.record_id]:
            raise UsageError(t("link.taken_up", id=target.record_id, project=holder.record_id,
                               status=status), hint=t("link.taken_up_hint", id=target.record_id))
        answering = [f for f in index.findings_of_project.get(holder.record_id, [])
                     if target.record_id in _questions(kb, f)]
        if answering:
            raise UsageError(t("link.answered", id=target.record_id, project=holder.record_id,
                               findings=", ".join(answering)), hint=t("link.answered_hint"))
    def change(data: MutableMapping[str, Any]) -> bool:
        removed = remove_link(data, field, str(target.record_id))
        if removed and not any(target.record_id == target_id for target_id, _ in
                               links_of(holder.kind.name, data)):
            drop_stamp(data, str(target.record_id))
        return removed

    changed = edit_existing(kb, holder, t, change, today)
    return LinkResult(holder.rel if changed else None, holder.record_id, target.record_id)


def _holds(holder: RecordFile, target: RecordFile) -> bool:
    """Whether ``holder`` already points at ``target`` (in questions or relations)."""
    data = holder.data or {}
    for field in ("questions", "relations"):
        items = data.get(field)
        for item in items if isinstance(items, list) else []:
            if item == target.record_id or (
                isinstance(item, dict) and item.get("finding") == target.record_id
            ):
                return True
    return False


def _questions(kb: KnowledgeBase, finding_id: str) -> list[str]:
    record = kb.get(finding_id)
    value = record.data.get("questions") if record and record.data else None
    return [q for q in value if isinstance(q, str)] if isinstance(value, list) else []
