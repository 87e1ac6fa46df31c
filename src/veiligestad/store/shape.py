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


def shape_note(
    specs: Sequence[FieldSpec], data: dict[str, Any], keys_are_text: bool = False
) -> ParseNote | None:
    """A ``shape`` note naming the first value of the wrong shape in ``data``, or None.

    Runs for every file that is parsed, so the common case (nothing wrong) builds no strings.
    ``keys_are_text``: the reader has proved that every key is text and no value is a float
    (the fast reader's walk does), so that walk is not made twice.
    """
    if not keys_are_text and not _keys_are_text(data):
        return ParseNote("shape", params={"field": "(a key that is not text, or .nan)"})
    where = _fields(specs, data)
    if where is None:
        return None
    return ParseNote("shape", params={"field": ".".join(str(part) for part in where)})


def _keys_are_text(data: Any) -> bool:
    """Whether every key of every mapping in ``data`` is text (not ``2026-01-01: x``, ``1: y``)
    and no value is ``.nan`` (which is not equal to itself, so no comparison of it holds)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key in value:
                if type(key) is not str:
                    return False
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, float) and value != value:
            return False
    return True


Where = tuple[str | int, ...]


def _fields(specs: Sequence[FieldSpec], data: dict[str, Any]) -> Where | None:
    for spec in specs:
        value = data.get(spec.name)
        if value is None:
            continue
        found = _value(spec, value)
        if found is not None:
            return (spec.name, *found)
    return None


def _value(spec: FieldSpec, value: Any) -> Where | None:
    """() when ``value`` itself has the wrong shape, the path below it, or None when fine."""
    if not _fits(spec, value):
        return ()
    if spec.type is FieldType.MAPPING and spec.fields:
        return _fields(spec.fields, value)
    if spec.type is FieldType.LIST and spec.item is not None:
        item = spec.item
        for index, entry in enumerate(value):
            if entry is None:
                return (index,)
            found = _value(item, entry)
            if found is not None:
                return (index, *found)
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
