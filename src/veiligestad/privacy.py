"""The one place that decides what the public may see (DESIGN.md, "Privacy and openness").

Every public output asks this module and no other: the public report and partner digests
(``public_kb``), ``query``, ``export`` and ``stats`` with ``--audience public`` (the query engine
builds its public views from ``public_kb`` and ``public_fields``), and whatever comes next (the
site, the programme-wide view of other cities).

**Record level** (``is_public``): a record is public when its classification is ``public`` (a
record without one is ``internal``), its embargo has passed (an embargo that cannot be read is
kept), and, for a finding, its review status is ``published``: a public classification on a draft
is an intention, not a decision.

**Field level** (``public_fields``): only fields the model marks public (``FieldSpec.public``);
a field the model does not know is dropped (nothing reaches the public by being misspelled);
nested mappings keep only their public fields; a list item that has its own classification (a
deliverable) must be public and past its embargo itself; a link (an ID field) is kept only when
it points to a record that is public too, and an item that loses its link (a relation to a
hidden finding) is dropped; a list or mapping that ends up empty is left out, so an empty
``deliverables: []`` never tells that hidden deliverables exist. The status history is never
public; reports may count with its dates and statuses (``history_dates``), never with who
changed what and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Final

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import DEFAULT_CLASSIFICATION, KINDS, Kind
from veiligestad.model.statuses import FLOWS
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

PUBLIC: Final = "public"
PUBLISHED: Final = "published"


def _kind(kind: Kind | str | None) -> Kind | None:
    if kind is None or isinstance(kind, Kind):
        return kind
    return KINDS[kind]


def is_public(kind: Kind | str | None, data: Any, today: dt.date) -> bool:
    """Whether a record of ``kind`` (or, with ``kind=None``, a nested item that carries its own
    classification, such as a deliverable) may be shown to the public today."""
    if not isinstance(data, dict):
        return False
    if data.get("classification", DEFAULT_CLASSIFICATION) != PUBLIC:
        return False
    if not _embargo_passed(data.get("embargo_until"), today):
        return False
    spec = _kind(kind)
    return spec is None or spec.name != "finding" or data.get("review") == PUBLISHED


def _embargo_passed(embargo: Any, today: dt.date) -> bool:
    if embargo is None:
        return True
    if isinstance(embargo, str):  # a row that is already JSON-ready
        try:
            embargo = dt.date.fromisoformat(embargo)
        except ValueError:
            return False  # an embargo that cannot be read is kept, to be safe
    if isinstance(embargo, dt.datetime):
        embargo = embargo.date()
    return isinstance(embargo, dt.date) and embargo <= today


def public_fields(specs: Sequence[FieldSpec], data: dict[str, Any], today: dt.date,
                  allowed: Collection[str] | None = None) -> dict[str, Any]:
    """The public fields of ``data`` described by ``specs`` (see the module's field rules).

    ``allowed`` holds the IDs that links may point to; None keeps links unchecked (only for a
    caller that has already checked them).
    """
    out: dict[str, Any] = {}
    for spec in specs:  # only known fields
        if not spec.public or spec.name not in data:
            continue
        value = _value(spec, data[spec.name], today, allowed)
        if value is not None:
            out[spec.name] = value
    return out


def public_value(spec: FieldSpec, value: Any, today: dt.date,
                 allowed: Collection[str] | None = None) -> Any:
    """What ``public_fields`` keeps of one value of the public field ``spec``: None for
    nothing (the same rules, for a caller that walks the fields itself)."""
    return _value(spec, value, today, allowed)


def _value(spec: FieldSpec, value: Any, today: dt.date,
           allowed: Collection[str] | None) -> Any:
    if value is None:
        return None
    if spec.type is FieldType.ID:
        return value if allowed is None or value in allowed else None
    if spec.type is FieldType.MAPPING:
        if not isinstance(value, dict):
            return None
        if spec.child("classification") is not None and not is_public(None, value, today):
            return None  # an item with its own classification: internal unless it says public
        kept = public_fields(spec.fields, value, today, allowed)
        if _lost_link(spec, value, kept):
            return None  # a relation to a hidden finding says nothing by itself
        return kept or None
    if spec.type is FieldType.LIST:
        if not isinstance(value, list) or spec.item is None:
            return None
        items = [_value(spec.item, item, today, allowed) for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, dict | list):
        return None  # a scalar field holding a structure: not what the model promises
    return value


def _lost_link(spec: FieldSpec, item: dict[str, Any], kept: dict[str, Any]) -> bool:
    return any(f.type is FieldType.ID and item.get(f.name) is not None
               and kept.get(f.name) is None for f in spec.fields)


def public_record(kind: Kind | str, data: dict[str, Any], today: dt.date, *,
                  allowed: Collection[str] | None = None,
                  history_dates: bool = False) -> dict[str, Any] | None:
    """The public fields of a record, or None when the record is not public today.

    ``allowed``: the IDs its links may point to (``public_ids``). With ``history_dates`` the
    status history is kept as dates and statuses only (who changed it and why are dropped):
    reports count with it (when was a question decided, matched, delivered) but never print it.
    """
    spec = _kind(kind)
    assert spec is not None
    if not is_public(spec, data, today):
        return None
    out = public_fields(spec.fields, data, today, allowed)
    history = data.get("status_history")
    if history_dates and isinstance(history, list):
        statuses = set(FLOWS[spec.name])
        out["status_history"] = [
            {"date": entry["date"], **{k: entry[k] for k in ("from", "to")
                                       if entry.get(k) in statuses}}
            for entry in history
            if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date)
        ]
    return out


def public_ids(kb: KnowledgeBase, today: dt.date) -> set[str]:
    """The IDs of the records the public may see today."""
    return {r.record_id for r in kb.records()
            if r.record_id is not None and is_public(r.kind, r.data, today)}


def public_kb(kb: KnowledgeBase, today: dt.date, *, history_dates: bool = False) -> KnowledgeBase:
    """The same knowledge base with only what the public may see of it.

    Public output is built from a knowledge base filtered here first, so no template, figure
    or query can reach a non-public value by mistake.
    """
    allowed = public_ids(kb, today)
    files = []
    for record in kb.records():
        if record.data is None or record.record_id not in allowed:
            continue
        data = public_record(record.kind, record.data, today, allowed=allowed,
                             history_dates=history_dates)
        if data is not None:
            files.append(RecordFile(record.rel, record.kind, data, [], record.digest))
    return KnowledgeBase(kb.root, kb.config, files)
