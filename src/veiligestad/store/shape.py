"""Whether a record's values have the shapes the code that reads them assumes.

Checked once, when a file is parsed (the verdict is cached with the file's data): every key of
every mapping is text, and every known field holds its type (text is text, a date a date without
a time, a whole number a whole number, a list a list, and so on down the lists and mappings). A
record that fails gets a ``shape`` note; ``validate`` says what is wrong through its rules
(schema, implicit-type, ...), and every other command leaves the record out, so no value of a
wrong type ever reaches code that assumes a type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.store.yamlread import ParseNote

_TEXT_TYPES = (FieldType.TEXT, FieldType.KEY, FieldType.ID, FieldType.URL)


def shape_note(specs: Sequence[FieldSpec], data: dict[str, Any]) -> ParseNote | None:
    """A ``shape`` note naming the first value of the wrong shape in ``data``, or None."""
    bad_key = _non_text_key(data)
    if bad_key is not None:
        return ParseNote("shape", params={"field": bad_key})
    return _fields(specs, data, "")


def _non_text_key(data: Any) -> str | None:
    """The path of the first mapping key that is not text (``2026-01-01: x``, ``1: y``)."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    return f"{path}{key!r}"
                stack.append((item, f"{path}{key}."))
        elif isinstance(value, list):
            stack.extend((item, f"{path}{index}.") for index, item in enumerate(value))
    return None


def _fields(specs: Sequence[FieldSpec], data: dict[str, Any], path: str) -> ParseNote | None:
    for spec in specs:
        value = data.get(spec.name)
        if value is None:
            continue
        where = f"{path}{spec.name}"
        if not _fits(spec, value):
            return ParseNote("shape", params={"field": where})
        if spec.type is FieldType.MAPPING and spec.fields:
            found = _fields(spec.fields, value, f"{where}.")
        elif spec.type is FieldType.LIST and spec.item is not None:
            found = _items(spec.item, value, where)
        else:
            found = None
        if found is not None:
            return found
    return None


def _items(item: FieldSpec, values: list[Any], where: str) -> ParseNote | None:
    for index, value in enumerate(values):
        at = f"{where}[{index}]"
        if value is None or not _fits(item, value):
            return ParseNote("shape", params={"field": at})
        found = None
        if item.type is FieldType.MAPPING and item.fields:
            found = _fields(item.fields, value, f"{at}.")
        elif item.type is FieldType.LIST and item.item is not None:
            found = _items(item.item, value, at)
        if found is not None:
            return found
    return None


def _fits(spec: FieldSpec, value: Any) -> bool:
    kind = spec.type
    if kind in _TEXT_TYPES:
        return isinstance(value, str)
    if kind is FieldType.DATE:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is FieldType.INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is FieldType.BOOL:
        return isinstance(value, bool)
    if kind is FieldType.MAPPING:
        return isinstance(value, dict)
    if kind is FieldType.LIST:
        return isinstance(value, list)
    return True
