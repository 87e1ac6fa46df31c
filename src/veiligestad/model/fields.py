"""The shape of a field: its type, whether it is required, where its allowed values come from.

One ``FieldSpec`` per field is the single source for validation, the JSON Schemas, the record
reference in ``docs/records.md`` and what may be shown to the public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FieldType(StrEnum):
    """What a field's value must be."""

    TEXT = "text"  # a string, possibly several lines
    KEY = "key"  # a controlled value: a key of a vocabulary or a fixed list
    ID = "id"  # the ID of another record
    DATE = "date"  # an ISO date, 2026-11-27
    INT = "int"
    BOOL = "bool"
    URL = "url"
    MAPPING = "mapping"  # a nested mapping with its own fields
    LIST = "list"  # a list of values of ``item``


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind (or of a nested mapping)."""

    name: str
    type: FieldType
    en: str  # description in English
    nl: str  # description in Dutch
    required: bool = False
    # KEY: the vocabulary in veiligestad.yaml, or a fixed tuple of allowed keys
    vocabulary: str | None = None
    choices: tuple[str, ...] = ()
    # ID: the kind of record it must point to
    link_kind: str | None = None
    # LIST: the spec of each item; MAPPING: the fields of the nested mapping
    item: FieldSpec | None = None
    fields: tuple[FieldSpec, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    min_items: int = 0
    # shown in public output (site, public reports and exports) when the record is public
    public: bool = True
    # a text field that may hold sentences: searched for personal data
    free_text: bool = False
    pattern: str | None = None
    examples: tuple[str, ...] = field(default=())

    def child(self, name: str) -> FieldSpec | None:
        """The nested field of this mapping (or of the mappings in this list) called ``name``."""
        spec = self.item if self.type is FieldType.LIST and self.item else self
        for sub in spec.fields:
            if sub.name == name:
                return sub
        return None
