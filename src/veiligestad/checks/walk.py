"""Walking a record's data along its kind's field specs, shared by the schema-like rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from veiligestad.checks.problem import FieldPath
from veiligestad.model.fields import FieldSpec, FieldType


def values(
    specs: Sequence[FieldSpec], data: dict[str, Any], path: FieldPath = ()
) -> Iterator[tuple[FieldPath, FieldSpec, Any]]:
    """Every present value with its spec, depth first; list items get the item's spec."""
    for spec in specs:
        if spec.name not in data:
            continue
        yield from _value((*path, spec.name), spec, data[spec.name])


def _value(
    path: FieldPath, spec: FieldSpec, value: Any
) -> Iterator[tuple[FieldPath, FieldSpec, Any]]:
    yield path, spec, value
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        yield from values(spec.fields, value, path)
    elif spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _value((*path, index), spec.item, item)


def mappings(
    specs: Sequence[FieldSpec], data: dict[str, Any], path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Sequence[FieldSpec], dict[str, Any]]]:
    """Every mapping in the record (the record itself first) with the specs of its fields.

    A mapping field without declared fields (``link_stamps``: ID → fingerprint) has free keys;
    its own rule checks them, so it is not yielded here.
    """
    yield path, specs, data
    for field_path, spec, value in values(specs, data, path):
        if spec.type is FieldType.MAPPING and spec.fields and isinstance(value, dict):
            yield field_path, spec.fields, value


Value = tuple[FieldPath, FieldSpec, Any]
Mapping = tuple[FieldPath, Sequence[FieldSpec], dict[str, Any]]


def collect(specs: Sequence[FieldSpec], data: dict[str, Any]) -> tuple[list[Value], list[Mapping]]:
    """``list(values(specs, data))`` and ``list(mappings(specs, data))`` in one walk.

    The file rules share this walk for every record; built into two lists by plain calls instead
    of nested generators, it costs a fifth of those (at 30,000 records: about 0.5 instead of 2.5
    CPU-seconds).
    """
    found: list[Value] = []
    maps: list[Mapping] = [((), specs, data)]
    _collect_fields(specs, data, (), found, maps)
    return found, maps


def _collect_fields(specs: Sequence[FieldSpec], data: dict[str, Any], path: FieldPath,
                    found: list[Value], maps: list[Mapping]) -> None:
    for spec in specs:
        name = spec.name
        if name in data:
            _collect_value((*path, name), spec, data[name], found, maps)


def _collect_value(path: FieldPath, spec: FieldSpec, value: Any, found: list[Value],
                   maps: list[Mapping]) -> None:
    found.append((path, spec, value))
    kind = spec.type
    if kind is FieldType.MAPPING:
        if isinstance(value, dict):
            if spec.fields:
                maps.append((path, spec.fields, value))
            _collect_fields(spec.fields, value, path, found, maps)
    elif kind is FieldType.LIST and spec.item is not None and isinstance(value, list):
        item = spec.item
        for index, entry in enumerate(value):
            _collect_value((*path, index), item, entry, found, maps)
