"""``veiligestad vocab``: the allowed values of every controlled field, with their labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from veiligestad.i18n import LANGUAGES, Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS, STATUS_VOCABULARY
from veiligestad.model.statuses import FLOWS
from veiligestad.store.config import Config


@dataclass(frozen=True)
class Choice:
    """One allowed value with its labels."""

    key: str
    labels: dict[str, str]
    attrs: dict[str, Any]


@dataclass(frozen=True)
class ControlledField:
    """A field that takes one of a set of values, and those values."""

    field: str  # question.themes, finding.recommendations.to
    source: str  # the vocabulary's name in veiligestad.yaml, or "fixed"
    choices: list[Choice]


def _fields(spec: FieldSpec, prefix: str) -> list[tuple[str, FieldSpec]]:
    name = f"{prefix}.{spec.name}"
    if spec.type is FieldType.LIST and spec.item is not None:
        if spec.item.type is FieldType.MAPPING:
            return [pair for sub in spec.item.fields for pair in _fields(sub, name)]
        return [(name, spec.item)] if spec.item.type is FieldType.KEY else []
    if spec.type is FieldType.MAPPING:
        return [pair for sub in spec.fields for pair in _fields(sub, name)]
    return [(name, spec)] if spec.type is FieldType.KEY else []


def controlled_fields(config: Config) -> list[ControlledField]:
    """Every controlled field of every kind with its allowed values, in model order."""
    both = {lang: Translator(lang) for lang in LANGUAGES}
    out = []
    for kind in KINDS.values():
        for spec in kind.fields:
            for name, leaf in _fields(spec, kind.name):
                if leaf.vocabulary == STATUS_VOCABULARY:
                    status_spec = kind.field(kind.status_field)
                    keys = list(status_spec.choices if status_spec else FLOWS[kind.name])
                    out.append(ControlledField(name, "fixed", [
                        Choice(k, {lang: tr(f"status.{kind.name}.{k}")
                                   for lang, tr in both.items()}, {})
                        for k in keys]))
                elif leaf.vocabulary:
                    vocab = config.vocabulary(leaf.vocabulary)
                    out.append(ControlledField(name, leaf.vocabulary, [
                        Choice(e.key, dict(e.labels), dict(e.attrs)) for e in vocab.values()]))
                else:
                    out.append(ControlledField(name, "fixed", [
                        Choice(k, {lang: _choice_label(tr, kind.name, name, k)
                                   for lang, tr in both.items()}, {})
                        for k in leaf.choices]))
    return out


def _choice_label(t: Translator, kind: str, field: str, key: str) -> str:
    if field.endswith(".status") or field.endswith(".review"):
        return t(f"status.{kind}.{key}")
    return t(f"choice.{field.rsplit('.', 1)[-1]}.{key}")


def as_json(fields: list[ControlledField]) -> dict[str, Any]:
    """``{"question.themes": {"vocabulary": "themes", "values": {key: {nl, en, ...}}}, ...}``."""
    return {
        f.field: {
            "vocabulary": f.source,
            "values": {c.key: {**c.labels, **_plain(c.attrs)} for c in f.choices},
        }
        for f in fields
    }


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    # Programmes are shown as their own field; keep the institution entry readable.
    return {k: (sorted(v) if k == "programmes" and isinstance(v, dict) else v)
            for k, v in attrs.items()}
