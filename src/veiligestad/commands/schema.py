"""``veiligestad schema export``: a JSON Schema (draft 2020-12) per record kind, for editors.

Generated from the same field specs that ``validate`` uses and from the knowledge base's
vocabularies: descriptions in Dutch and English, every allowed value with its labels
(``enumDescriptions``, which VS Code's YAML extension shows while typing), and the IDs of the
current records as the values offered for link fields. A link field also accepts any well-formed
ID, so a schema exported yesterday does not mark today's new question as wrong (``validate``
checks that the ID exists); and two students adding findings on two branches never both have to
change a schema file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from veiligestad.i18n import LANGUAGES, Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.ids import ANY_ID, pattern_text
from veiligestad.model.kinds import KINDS, STATUS_VOCABULARY, Kind
from veiligestad.model.statuses import FLOWS
from veiligestad.store.atomic import replace, write_new
from veiligestad.store.config import Config
from veiligestad.store.kb import KnowledgeBase

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR: Final = "schemas"


@dataclass(frozen=True)
class SchemaFile:
    """One exported schema and whether the file was new, changed or already current."""

    path: Path
    state: str  # "created" | "updated" | "unchanged"


def _both(nl: str, en: str) -> str:
    return nl if nl == en else f"{nl} / {en}"


def _description(spec: FieldSpec, lang: str) -> str:
    first, second = (spec.nl, spec.en) if lang == "nl" else (spec.en, spec.nl)
    return f"{first}\n\n{second}" if first != second else first


class _Builder:
    def __init__(self, config: Config, ids: dict[str, list[tuple[str, str]]]) -> None:
        self.config = config
        self.ids = ids
        self.translators = {lang: Translator(lang) for lang in LANGUAGES}

    def enum(self, spec: FieldSpec, kind: Kind) -> dict[str, Any]:
        if spec.vocabulary == STATUS_VOCABULARY:
            keys = list(FLOWS[kind.name])
            labels = [_both(*(tr(f"status.{kind.name}.{k}") for tr in self.translators.values()))
                      for k in keys]
        elif spec.vocabulary:
            entries = list(self.config.vocabulary(spec.vocabulary).values())
            keys = [e.key for e in entries]
            labels = [_both(e.labels.get("nl", e.key), e.labels.get("en", e.labels.get(
                "nl", e.key))) for e in entries]
        else:
            keys = list(spec.choices)
            key = "status" if spec.name in ("status", "review") else f"choice.{spec.name}"
            labels = [_both(*(tr(f"{key}.{kind.name}.{k}" if key == "status" else f"{key}.{k}")
                              for tr in self.translators.values())) for k in keys]
        return {"type": "string", "enum": keys, "enumDescriptions": labels}

    def field(self, spec: FieldSpec, kind: Kind) -> dict[str, Any]:
        schema: dict[str, Any] = {"description": _description(spec, self.config.language)}
        kind_of = spec.type
        if kind_of is FieldType.TEXT:
            schema["type"] = "string"
            if spec.pattern:
                schema["pattern"] = spec.pattern
        elif kind_of is FieldType.URL:
            schema.update(type="string", format="uri", pattern=r"^https?://\S+$")
        elif kind_of is FieldType.DATE:
            schema.update(type="string", format="date")
        elif kind_of is FieldType.INT:
            schema["type"] = "integer"
            if spec.minimum is not None:
                schema["minimum"] = spec.minimum
            if spec.maximum is not None:
                schema["maximum"] = spec.maximum
        elif kind_of is FieldType.BOOL:
            schema["type"] = "boolean"
        elif kind_of is FieldType.KEY:
            schema.update(self.enum(spec, kind))
        elif kind_of is FieldType.ID:
            target = KINDS[spec.link_kind] if spec.link_kind else kind
            schema.update(type="string")
            if spec.link_kind:
                current = self.ids.get(target.name, [])
                schema["anyOf"] = [
                    {"enum": [i for i, _ in current],
                     "enumDescriptions": [title for _, title in current]},
                    {"pattern": pattern_text(target)},
                ]
            else:
                schema["pattern"] = pattern_text(target)
        elif kind_of is FieldType.LIST:
            schema["type"] = "array"
            assert spec.item is not None
            schema["items"] = self.field(spec.item, kind)
            if spec.min_items:
                schema["minItems"] = spec.min_items
        elif kind_of is FieldType.MAPPING and not spec.fields:
            # Free keys: link_stamps, a record ID → a fingerprint written by the tool (stamps.py).
            from veiligestad.stamps import STAMP_PATTERN

            schema.update(type="object", propertyNames={"pattern": ANY_ID.pattern},
                          additionalProperties={"type": "string",
                                                "pattern": STAMP_PATTERN.pattern})
        elif kind_of is FieldType.MAPPING:
            schema.update(self.mapping(spec.fields, kind))
        return schema

    def mapping(self, fields: tuple[FieldSpec, ...], kind: Kind) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {spec.name: self.field(spec, kind) for spec in fields},
        }
        required = [spec.name for spec in fields if spec.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out


def kind_schema(
    kind: Kind, config: Config, ids: dict[str, list[tuple[str, str]]]
) -> dict[str, Any]:
    """The JSON Schema of one record kind."""
    t = {lang: Translator(lang) for lang in LANGUAGES}
    name = _both(t["nl"](f"kind.{kind.name}"), t["en"](f"kind.{kind.name}"))
    return {
        "$schema": DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"veiligestad {name} ({config.city})",
        "description": t[config.language]("schema_export.description", kind=t[config.language](
            f"kind.{kind.name}"), city=config.city),
        **_Builder(config, ids).mapping(kind.fields, kind),
    }


def current_ids(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """The ID and title of every readable record, per kind, sorted by ID."""
    out: dict[str, list[tuple[str, str]]] = {}
    for kind in KINDS.values():
        found = {}
        for record in kb.records(kind.name):
            assert record.data is not None
            if record.record_id and not record.misplaced:
                found[record.record_id] = str(record.data.get("title") or "")
        out[kind.name] = sorted(found.items())
    return out


def schemas(config: Config, ids: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """Every schema file's name and text."""
    return {f"{kind.name}.schema.json": json.dumps(kind_schema(kind, config, ids), indent=2,
                                                   ensure_ascii=False) + "\n"
            for kind in KINDS.values()}


def export(kb: KnowledgeBase, target: Path | None = None,
           t: Translator | None = None) -> list[SchemaFile]:
    """Write the schemas to ``target`` (the knowledge base's ``schemas/`` by default), never
    into ``data/`` or ``.git/`` or over the config (``store.outputs``)."""
    from veiligestad.store.outputs import KB_FILE, guard_output

    folder = target or kb.root / SCHEMA_DIR
    guard_output(kb.root, folder, t or Translator(kb.config.language), audience=KB_FILE,
                 folder=True, allowed_source=SCHEMA_DIR)
    return write_schemas(schemas(kb.config, current_ids(kb)), folder)


def write_schemas(files: dict[str, str], folder: Path) -> list[SchemaFile]:
    """Write each file atomically; a file that is already current is left alone."""
    out = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if path.is_file():
            if path.read_text(encoding="utf-8") == text:
                out.append(SchemaFile(path, "unchanged"))
                continue
            replace(path, text)
            out.append(SchemaFile(path, "updated"))
        else:
            write_new(path, text)
            out.append(SchemaFile(path, "created"))
    return out
