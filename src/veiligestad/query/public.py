"""What the public may see of a record (DESIGN.md, "Privacy and openness").

A public view holds only records that are ``public`` and past their embargo, and of those only the
fields marked public in the model (``FieldSpec.public``), only nested items (deliverables) that
are public themselves, and links only to records that are public too. Fields the model does not
know are dropped: an unknown field might hold anything. The query engine builds these views for
``audience="public"``, so conditions, sorting and output of a public query never see the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Final

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.query.view import Row, is_public

AUDIENCES: Final = ("internal", "public")


def public_view(view: Row, specs: Sequence[FieldSpec], allowed: Collection[str],
                today: dt.date) -> Row:
    """The public fields of ``view``; ``allowed`` holds the IDs that links may point to."""
    return _mapping(view, specs, allowed, today)


def _mapping(data: dict[str, Any], specs: Sequence[FieldSpec], allowed: Collection[str],
             today: dt.date) -> dict[str, Any]:
    out = {}
    for spec in specs:  # only known fields
        if spec.public and spec.name in data:
            value = _value(data[spec.name], spec, allowed, today)
            if value is not None:
                out[spec.name] = value
    return out


def _value(value: Any, spec: FieldSpec, allowed: Collection[str], today: dt.date) -> Any:
    if spec.type is FieldType.ID:
        return value if value in allowed else None
    if spec.type is FieldType.MAPPING:
        return _mapping(value, spec.fields, allowed, today) if isinstance(value, dict) else None
    if spec.type is FieldType.LIST and spec.item is not None:
        if not isinstance(value, list):
            return None
        item_spec = spec.item
        classified = any(f.name == "classification" for f in item_spec.fields)
        items = []
        for item in value:
            if classified and isinstance(item, dict) and not is_public(item, today):
                continue  # a deliverable that is not public itself
            kept = _value(item, item_spec, allowed, today)
            if kept is None or (isinstance(item, dict) and _lost_link(item, kept, item_spec)):
                continue
            items.append(kept)
        return items
    return value


def _lost_link(item: dict[str, Any], kept: dict[str, Any], spec: FieldSpec) -> bool:
    # A relation to a finding that is not public says nothing by itself: leave it out.
    return any(f.type is FieldType.ID and item.get(f.name) is not None
               and kept.get(f.name) is None for f in spec.fields)
