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
# The walk of the record whose shape was checked last (see ``walked``): its data, its specs,
# every present value with its spec and path, and every mapping with its fields' specs.
_kept: list[Any] = [None, None, None, None]


def walked(specs: Sequence[FieldSpec], data: Any) -> tuple[list[Any], list[Any]] | None:
    """The values and mappings of ``data`` (as ``checks/walk.collect`` makes them) from the
    walk its shape check just made, once, when ``data`` was the last record checked; else
    None. ``validate`` reads and checks each file in one go (``checks/onepass.py``), so the
    walk that proves a record's shape is also the walk its rules look at."""
    kept = _kept[:]
    _kept[:] = [None, None, None, None]
    if kept[0] is data and kept[1] is specs and data is not None:
        return kept[2], kept[3]
    return None


def _fields(specs: Sequence[FieldSpec], data: dict[str, Any]) -> Where | None:
    """The path of the first value of the wrong shape (depth first), or None; every value
    and mapping on the way is kept for ``walked``."""
    found: list[Any] = []
    maps: list[Any] = [((), specs, data)]
    bad: list[Where] = []
    _walk_fields(specs, data, (), found, maps, bad)
    _kept[:] = [data, specs, found, maps]
    return bad[0] if bad else None


def _walk_fields(specs: Sequence[FieldSpec], data: dict[str, Any], path: Where,
                 found: list[Any], maps: list[Any], bad: list[Where]) -> None:
    for spec in specs:
        name = spec.name
        if name in data:
            _walk_value((*path, name), spec, data[name], found, maps, bad)


def _walk_value(path: Where, spec: FieldSpec, value: Any, found: list[Any], maps: list[Any],
                bad: list[Where]) -> None:
    found.append((path, spec, value))
    if value is None:  # no value: fine for a field, the wrong shape for an item of a list
        if not bad and type(path[-1]) is int:
            bad.append(path)
        return
    kind = spec.type
    if kind is FieldType.MAPPING:
        if isinstance(value, dict):
            if spec.fields:
                maps.append((path, spec.fields, value))
            _walk_fields(spec.fields, value, path, found, maps, bad)
        elif not bad:
            bad.append(path)
    elif kind is FieldType.LIST:
        if isinstance(value, list):
            item = spec.item
            if item is not None:
                for index, entry in enumerate(value):
                    _walk_value((*path, index), item, entry, found, maps, bad)
        elif not bad:
            bad.append(path)
    elif not bad and not _fits(spec, value):
        bad.append(path)


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
