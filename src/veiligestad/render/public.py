"""What the public may see: public records past their embargo, and of those only public fields.

The filter is driven by ``FieldSpec.public`` in ``model/kinds.py`` and applied recursively: a
nested mapping keeps only its public fields, a list of mappings filters each item, and an item that
has its own ``classification`` or ``embargo_until`` (a project's deliverables) is dropped unless it
is public and past its embargo too. A field that the model does not know is dropped: nothing
reaches the public by being misspelled. A record without a classification is internal.

Public output is built from a knowledge base *filtered here first*, so no template or figure can
reach a non-public value by mistake.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import Kind
from veiligestad.model.statuses import FLOWS

# One privacy predicate for the whole tool: the query engine's, which exports and stats use too.
from veiligestad.query.view import is_public
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile


def _value(spec: FieldSpec, value: Any, today: dt.date) -> Any:
    if spec.type is FieldType.MAPPING:
        if not isinstance(value, dict):
            return None
        if spec.child("classification") is not None and not is_public(value, today):
            return None  # an item with its own classification: internal unless it says public
        return _mapping(spec.fields, value, today)
    if spec.type is FieldType.LIST:
        if not isinstance(value, list) or spec.item is None:
            return None
        items = [_value(spec.item, item, today) for item in value]
        return [item for item in items if item is not None]
    return value


def _mapping(specs: tuple[FieldSpec, ...], data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in specs:
        if not spec.public or spec.name not in data:
            continue
        value = _value(spec, data[spec.name], today)
        if value is not None:
            out[spec.name] = value
    return out


def public_record(kind: Kind, data: dict[str, Any], today: dt.date, *,
                  history_dates: bool = False) -> dict[str, Any] | None:
    """The public fields of a record, or None when the record is not public today.

    A finding is public only once its review is ``published``: a public classification on a
    draft is an intention, not a decision. With ``history_dates`` the status history is kept as
    dates and statuses only (who changed it and why are dropped): reports count with it (when
    was a question decided, matched, delivered) but never print it.
    """
    if not is_public(data, today):
        return None
    if kind.name == "finding" and data.get("review") != "published":
        return None
    out = _mapping(kind.fields, data, today)
    history = data.get("status_history")
    if history_dates and isinstance(history, list):
        statuses = set(FLOWS[kind.name])
        out["status_history"] = [
            {"date": entry["date"], **{k: entry[k] for k in ("from", "to")
                                       if entry.get(k) in statuses}}
            for entry in history
            if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date)
        ]
    return out


def public_kb(kb: KnowledgeBase, today: dt.date, *, history_dates: bool = False) -> KnowledgeBase:
    """The same knowledge base with only what the public may see of it."""
    files = []
    for record in kb.records():
        assert record.data is not None
        data = public_record(record.kind, record.data, today, history_dates=history_dates)
        if data is not None:
            files.append(RecordFile(record.rel, record.kind, data, [], record.digest))
    return KnowledgeBase(kb.root, kb.config, files)
