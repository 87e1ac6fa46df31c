"""Reading ``veiligestad.yaml`` into a frozen ``Config`` that is passed down, never global."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from veiligestad.errors import ConfigError
from veiligestad.i18n import LANGUAGES, Translator
from veiligestad.store.root import CONFIG_NAME

# Top-level settings this version knows; anything else is most likely a typo.
KNOWN_SETTINGS: Final = ("city", "language", "vocabularies", "thresholds", "limits",
                         "intake_form", "suspect_fields", "site")
# Vocabularies that describe other vocabularies rather than a record field.
SUPPORTING_VOCABULARIES: Final = ("partner_types",)
DEFAULT_THRESHOLDS: Final = {"ready_without_project_days": 90, "follow_up_days": 180}
DEFAULT_LIMITS: Final = {"max_file_bytes": 262_144}
LABEL_KEYS: Final = frozenset(LANGUAGES)
_SECTIONS: Final = ("intake_form", "site")


@dataclass(frozen=True)
class VocabEntry:
    """One allowed value: its key, its labels per language and any extra attributes."""

    key: str
    labels: Mapping[str, str]
    attrs: Mapping[str, Any] = field(default_factory=dict)


Vocabulary = Mapping[str, VocabEntry]


@dataclass(frozen=True)
class Config:
    """The knowledge base's settings and vocabularies."""

    root: Path
    city: str
    language: str
    vocabularies: Mapping[str, Vocabulary]
    thresholds: Mapping[str, int]
    limits: Mapping[str, int]
    raw: Mapping[str, Any]

    def section(self, name: str) -> Any:
        """A top-level section of ``veiligestad.yaml`` as written (e.g. ``intake_form``)."""
        return self.raw.get(name)

    def vocabulary(self, name: str) -> Vocabulary:
        """The entries of vocabulary ``name`` (empty when the config has none)."""
        return self.vocabularies.get(name, MappingProxyType({}))

    @property
    def max_file_bytes(self) -> int:
        return self.limits["max_file_bytes"]


def load_config(root: Path, t: Translator) -> Config:
    """Read and check ``root/veiligestad.yaml``; a broken config is a ``ConfigError`` (exit 2)."""
    path = root / CONFIG_NAME
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config.unreadable", path=CONFIG_NAME, error=str(exc))) from exc
    return config_from_text(root, text, t)


def config_from_text(root: Path, text: str, t: Translator) -> Config:
    """The ``Config`` of the text of a ``veiligestad.yaml`` (``init`` uses it before writing)."""
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{CONFIG_NAME}:{mark.line + 1}:{mark.column + 1}" if mark else CONFIG_NAME
        raise ConfigError(
            t("config.syntax", where=where, error=str(exc.problem or exc)),
            hint=t("config.syntax_hint"),
        ) from exc
    if not isinstance(raw, dict):
        raise ConfigError(t("config.not_mapping", path=CONFIG_NAME))
    for key in raw:
        if key not in KNOWN_SETTINGS:
            raise ConfigError(t("config.unknown_key", path=CONFIG_NAME, key=key),
                              hint=_guess(str(key), KNOWN_SETTINGS, t)
                              + t("config.unknown_key_hint", known=", ".join(KNOWN_SETTINGS)))
    for section in _SECTIONS:
        # Sections read by one command each (intake_form by intake import) are kept as written
        # in ``raw``; here only their shape is checked, so a typo fails early and clearly.
        if raw.get(section) is not None and not isinstance(raw[section], dict):
            raise ConfigError(t("config.not_section", path=CONFIG_NAME, key=section))
    return Config(
        root=root,
        city=str(raw.get("city") or root.name),
        language=_language(raw, t),
        vocabularies=_vocabularies(raw.get("vocabularies") or {}, t),
        thresholds=MappingProxyType({**DEFAULT_THRESHOLDS, **_ints(raw, "thresholds", t)}),
        limits=MappingProxyType({**DEFAULT_LIMITS, **_ints(raw, "limits", t)}),
        raw=MappingProxyType(raw),
    )


def _language(raw: Mapping[str, Any], t: Translator) -> str:
    language = raw.get("language", "nl")
    if language not in LANGUAGES:
        raise ConfigError(
            t("config.bad_value", path=CONFIG_NAME, key="language", value=language),
            hint=t("config.one_of", allowed=", ".join(LANGUAGES)),
        )
    return str(language)


def _ints(raw: Mapping[str, Any], section: str, t: Translator) -> dict[str, int]:
    values = raw.get(section) or {}
    if not isinstance(values, dict):
        raise ConfigError(t("config.not_section", path=CONFIG_NAME, key=section))
    out: dict[str, int] = {}
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(
                t("config.bad_value", path=CONFIG_NAME, key=f"{section}.{key}", value=value),
                hint=t("config.want_count"),
            )
        out[str(key)] = value
    return out


def _vocabularies(raw: Any, t: Translator) -> Mapping[str, Vocabulary]:
    if not isinstance(raw, dict):
        raise ConfigError(t("config.not_section", path=CONFIG_NAME, key="vocabularies"))
    vocabularies: dict[str, Vocabulary] = {}
    programmes: dict[str, VocabEntry] = {}
    needed = _needed_vocabularies()
    known = sorted({*needed, *SUPPORTING_VOCABULARIES} - {"programmes"})
    for name, entries in raw.items():
        if name not in known:
            raise ConfigError(t("config.unknown_vocabulary", path=CONFIG_NAME, key=name),
                              hint=_guess(str(name), known, t)
                              + t("config.known_vocabularies", known=", ".join(known)))
        vocabularies[str(name)] = _entries(str(name), entries, t)
    for name in sorted(needed - {"programmes"}):
        if name not in vocabularies:
            raise ConfigError(t("config.missing_vocabulary", path=CONFIG_NAME, key=name),
                              hint=t("config.known_vocabularies", known=", ".join(known)))
    types = vocabularies.get("partner_types")
    for key, partner in vocabularies.get("partners", {}).items():
        kind = partner.attrs.get("type")
        if types is not None and kind is not None and kind not in types:
            raise ConfigError(
                t("config.bad_reference", path=CONFIG_NAME, key=f"vocabularies.partners.{key}",
                  attr="type", value=kind, vocabulary="partner_types"),
                hint=_guess(str(kind), list(types), t) + t("config.one_of",
                                                            allowed=", ".join(types)))
    for institution in vocabularies.get("institutions", {}).values():
        nested = institution.attrs.get("programmes") or {}
        for key, entry in _entries("institutions.programmes", nested, t).items():
            if key in programmes:
                raise ConfigError(
                    t("config.programme_twice", path=CONFIG_NAME, key=key,
                      first=programmes[key].attrs["institution"], second=institution.key),
                    hint=t("config.programme_twice_hint"),
                )
            programmes[key] = VocabEntry(key, entry.labels, {"institution": institution.key})
    vocabularies["programmes"] = MappingProxyType(programmes)
    return MappingProxyType(vocabularies)


def _entries(name: str, entries: Any, t: Translator) -> Vocabulary:
    if not isinstance(entries, dict):
        raise ConfigError(t("config.not_section", path=CONFIG_NAME, key=f"vocabularies.{name}"))
    out: dict[str, VocabEntry] = {}
    for key, value in entries.items():
        if not isinstance(value, dict) or not any(lang in value for lang in LABEL_KEYS):
            raise ConfigError(
                t("config.bad_entry", path=CONFIG_NAME, key=f"vocabularies.{name}.{key}"),
                hint=t("config.bad_entry_hint"),
            )
        labels = {lang: str(value[lang]) for lang in LABEL_KEYS if lang in value}
        attrs = {k: v for k, v in value.items() if k not in LABEL_KEYS}
        out[str(key)] = VocabEntry(str(key), MappingProxyType(labels), MappingProxyType(attrs))
    return MappingProxyType(out)


def _needed_vocabularies() -> set[str]:
    """Every vocabulary some record field takes its values from."""
    from veiligestad.model.fields import FieldSpec
    from veiligestad.model.kinds import KINDS, STATUS_VOCABULARY

    names: set[str] = set()

    def walk(spec: FieldSpec) -> None:
        if spec.vocabulary and spec.vocabulary != STATUS_VOCABULARY:
            names.add(spec.vocabulary)
        for sub in (*spec.fields, *((spec.item,) if spec.item else ())):
            walk(sub)

    for kind in KINDS.values():
        for spec in kind.fields:
            walk(spec)
    return names


def _guess(value: str, options: Iterable[str], t: Translator) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return t("config.did_you_mean", guess=close[0]) if close else ""
