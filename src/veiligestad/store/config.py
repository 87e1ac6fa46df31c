"""Reading ``veiligestad.yaml`` into a frozen ``Config`` that is passed down, never global."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from veiligestad.errors import ConfigError
from veiligestad.i18n import LANGUAGES, Translator
from veiligestad.store.root import CONFIG_NAME
from veiligestad.store.yamlread import UnsafeYAML, load_bounded

# Top-level settings this version knows; anything else is most likely a typo.
KNOWN_SETTINGS: Final = ("city", "language", "vocabularies", "thresholds", "limits",
                         "intake_form", "suspect_fields", "federation", "site")
# Vocabularies that describe other vocabularies rather than a record field.
SUPPORTING_VOCABULARIES: Final = ("partner_types",)
DEFAULT_THRESHOLDS: Final = {"ready_without_project_days": 90, "follow_up_days": 180,
                              "draft_days": 60}
DEFAULT_LIMITS: Final = {"max_file_bytes": 262_144}
# The largest value each number setting may take: a record file is read whole into memory, and
# the thresholds are days added to dates.
MAX_SETTING: Final = {"max_file_bytes": 64 * 1024 * 1024}
MAX_DAYS: Final = 36_500
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
class FederatedCity:
    """Another city's knowledge base in the programme-wide view (``federation:``)."""

    key: str  # qualifies the city's IDs: utrecht:F-2026-7KQ3
    name: str
    url: str  # any git URL, or a local folder (relative to this knowledge base)
    branch: str | None = None  # None: the remote's default branch


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
    # The other cities of the programme-wide view (``federation:``), in the order listed.
    federation: tuple[FederatedCity, ...] = ()

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
        text = read_no_follow(path, t).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config.unreadable", path=CONFIG_NAME, error=str(exc))) from exc
    return config_from_text(root, text, t)


def read_no_follow(path: Path, t: Translator) -> bytes:
    """The bytes of the config, never through a symbolic link (like records): a pull request
    that replaces ``veiligestad.yaml`` by a link to a secret file must not get that file's
    keys printed in an error message. ``O_NOFOLLOW`` also refuses a link swapped in after the
    check; where it does not exist (Windows) the check alone stands."""
    if path.is_symlink():
        raise ConfigError(t("config.link", path=CONFIG_NAME), hint=t("config.link_hint"))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise ConfigError(t("config.link", path=CONFIG_NAME),
                              hint=t("config.link_hint")) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ConfigError(t("config.unreadable", path=CONFIG_NAME,
                                error="not a regular file"))
        return handle.read()


def config_from_text(root: Path, text: str, t: Translator) -> Config:
    """The ``Config`` of the text of a ``veiligestad.yaml`` (``init`` uses it before writing)."""
    try:
        raw = load_bounded(text)  # the bounds of records: no alias bomb, no deep nesting
    except UnsafeYAML as exc:
        where = f"{CONFIG_NAME}:{exc.line}:{exc.column}" if exc.line else CONFIG_NAME
        raise ConfigError(t("config.syntax", where=where, error=exc.detail[:200]),
                          hint=t("config.syntax_hint")) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        # A NUL or other control byte (ReaderError, with a byte position rather than a mark), a
        # value no constructor accepts: still the config's problem, not the tool's.
        raise ConfigError(t("config.syntax", where=CONFIG_NAME, error=str(exc)[:200]),
                          hint=t("config.syntax_hint")) from None
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
    city = str(raw.get("city") or root.name)
    return Config(
        root=root,
        city=city,
        language=_language(raw, t),
        vocabularies=_vocabularies(raw.get("vocabularies") or {}, t),
        thresholds=MappingProxyType({**DEFAULT_THRESHOLDS, **_ints(raw, "thresholds", t)}),
        limits=MappingProxyType({**DEFAULT_LIMITS, **_ints(raw, "limits", t)}),
        raw=MappingProxyType(raw),
        federation=_federation(raw.get("federation"), city_key(city), t),
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
        # A number past what makes sense would overflow a date or fill the memory later on.
        highest = MAX_SETTING.get(str(key), MAX_DAYS)
        if value > highest:
            raise ConfigError(
                t("config.too_high", path=CONFIG_NAME, key=f"{section}.{key}", value=value,
                  highest=highest))
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
        # Anything but a key of partner_types, also a list or mapping (which no lookup takes).
        if types is not None and kind is not None and (not isinstance(kind, str)
                                                       or kind not in types):
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
        same_as = attrs.get("same_as")
        if same_as is not None and not (isinstance(same_as, str) and _CITY_KEY.match(same_as)):
            raise ConfigError(
                t("config.same_as", path=CONFIG_NAME, key=f"vocabularies.{name}.{key}.same_as",
                  value=same_as), hint=t("config.same_as_hint"))
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


# -- federation: the other cities of the programme-wide view ------------------------------------

_CITY_KEY: Final = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FEDERATION_KEYS: Final = ("city", "name", "url", "branch")


def city_key(name: str) -> str:
    """The key of a city's name, as ``federation:`` writes keys: ``Den Haag`` → ``den_haag``."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "home"


def _federation(raw: Any, home: str, t: Translator) -> tuple[FederatedCity, ...]:
    if raw is None:
        return ()
    hint = t("config.federation_hint")
    if not isinstance(raw, list):
        raise ConfigError(t("config.federation_not_list", path=CONFIG_NAME), hint=hint)
    cities: list[FederatedCity] = []
    for index, entry in enumerate(raw):
        where = f"federation[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(t("config.federation_entry", path=CONFIG_NAME, key=where), hint=hint)
        for name in entry:
            if name not in _FEDERATION_KEYS:
                raise ConfigError(
                    t("config.unknown_key", path=CONFIG_NAME, key=f"{where}.{name}"),
                    hint=_guess(str(name), _FEDERATION_KEYS, t)
                    + t("config.unknown_key_hint", known=", ".join(_FEDERATION_KEYS)))
        for name in ("city", "url"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise ConfigError(t("config.federation_missing", path=CONFIG_NAME,
                                    key=f"{where}.{name}"), hint=hint)
        key, url = entry["city"].strip(), entry["url"].strip()
        if not _CITY_KEY.match(key):
            raise ConfigError(t("config.bad_value", path=CONFIG_NAME, key=f"{where}.city",
                                value=key), hint=t("config.federation_key_hint"))
        if key == home or any(c.key == key for c in cities):
            raise ConfigError(t("config.federation_twice", path=CONFIG_NAME, key=key,
                                home=home), hint=t("config.federation_twice_hint"))
        # A URL that git would read as an option, or a transport helper ("ext::sh -c …"), could
        # run a command: a pull request that edits this file must never get that far.
        if url.startswith("-") or _HELPER.match(url) or any(c in url for c in "\0\n\r"):
            raise ConfigError(t("config.bad_value", path=CONFIG_NAME, key=f"{where}.url",
                                value=url), hint=t("config.federation_url_hint"))
        branch = entry.get("branch")
        if branch is not None and not (isinstance(branch, str) and _BRANCH.match(branch)
                                       and ".." not in branch):
            raise ConfigError(t("config.bad_value", path=CONFIG_NAME, key=f"{where}.branch",
                                value=branch), hint=t("config.federation_branch_hint"))
        name = entry.get("name")
        cities.append(FederatedCity(key, str(name) if name else key, url, branch))
    return tuple(cities)


_HELPER: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")
_BRANCH: Final = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
