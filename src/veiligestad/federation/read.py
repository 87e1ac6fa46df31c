"""Reading another city's checkout with the same loader and rules as our own knowledge base.

A city's repository is untrusted like a pull request. Its ``veiligestad.yaml`` is read only when
it is a regular file (never through a link), within a size limit; its records go through the
same loader as ours (``store.kb.open_kb``: links are refused, never followed, so a link to a
secret file is a problem and its target is never read); and the same rules (``run_checks``)
decide which records are valid. A record with an error is left out and counted; the others
still count. Its templates are never looked at, let alone run.

What is kept (the *snapshot*) is plain data: the valid records, with vocabulary keys the city
maps by ``same_as`` already replaced, the city's vocabularies, and the broken files with the IDs
of the rules they break. Problem messages are not kept: a message may quote a value of a record
that is not public, and the programme-wide view shows only public records.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from veiligestad.checks.problem import ERROR
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.store.config import Config, config_from_text
from veiligestad.store.root import CONFIG_NAME

MAX_CONFIG_BYTES: Final = 1_048_576


class CityUnreadable(Exception):
    """The city's checkout has no usable ``veiligestad.yaml``; the message says why."""


@dataclass
class Snapshot:
    """What the programme-wide view keeps of one city at one commit."""

    commit: str
    name: str
    config_text: str
    records: list[tuple[str, str, dict[str, Any]]]  # (kind, path, data) of the valid records
    vocabularies: dict[str, dict[str, dict[str, str]]]  # name -> key -> labels (after same_as)
    files: int = 0
    broken: list[tuple[str, list[str]]] = field(default_factory=list)  # (path, rule IDs)

    def as_payload(self) -> dict[str, Any]:
        """Plain data for the cache."""
        return dict(vars(self))


def config_text(checkout: Path) -> str:
    """The text of the city's ``veiligestad.yaml``: never through a link, never too large."""
    path = checkout / CONFIG_NAME
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise CityUnreadable(f"{CONFIG_NAME} is not a regular file")
        if info.st_size > MAX_CONFIG_BYTES:
            raise CityUnreadable(f"{CONFIG_NAME} is larger than {MAX_CONFIG_BYTES} bytes")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0))  # Windows: never read as text
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
        return raw.decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise CityUnreadable(f"no {CONFIG_NAME}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CityUnreadable(f"{CONFIG_NAME} cannot be read") from exc


def read_city(checkout: Path, commit: str, t: Translator, today: dt.date) -> Snapshot:
    """Read and validate the city's records; ``CityUnreadable`` when its config is unusable."""
    from veiligestad.commands.validate import run_checks
    from veiligestad.errors import ConfigError
    from veiligestad.store.kb import open_kb

    text = config_text(checkout)
    try:
        config = config_from_text(checkout, text, t)
    except ConfigError as exc:
        raise CityUnreadable(exc.message) from None
    kb = open_kb(checkout, t, config, cache=False)
    rules: dict[str, list[str]] = {}
    for problem in run_checks(kb, t, today):
        if problem.severity == ERROR:
            found = rules.setdefault(problem.path, [])
            if problem.rule not in found:
                found.append(problem.rule)
    mapping = same_as(config)
    records = []
    for record in kb.records():
        if record.rel in rules or record.record_id is None or record.data is None:
            continue
        data = map_keys(record.kind.fields, record.data, mapping) if mapping else record.data
        records.append((record.kind.name, record.rel, data))
    return Snapshot(commit, config.city, text, records, vocabularies(config, mapping),
                    len(kb.files), sorted(rules.items()))


def same_as(config: Config) -> dict[str, dict[str, str]]:
    """For each vocabulary, the city's keys that ``same_as`` maps to another key."""
    out: dict[str, dict[str, str]] = {}
    for name, entries in config.vocabularies.items():
        for key, entry in entries.items():
            target = entry.attrs.get("same_as")
            if isinstance(target, str) and target != key:
                out.setdefault(name, {})[key] = target
    return out


def vocabularies(config: Config,
                 mapping: dict[str, dict[str, str]]) -> dict[str, dict[str, dict[str, str]]]:
    """The city's vocabularies as plain labels, under the keys they are matched by."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for name, entries in config.vocabularies.items():
        renamed = mapping.get(name, {})
        out[name] = {renamed.get(key, key): dict(entry.labels) for key, entry in entries.items()}
    return out


def map_keys(specs: tuple[FieldSpec, ...], data: dict[str, Any],
             mapping: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A copy of ``data`` with every vocabulary key the city maps replaced by its ``same_as``."""
    out = dict(data)
    for spec in specs:
        if spec.name in out:
            out[spec.name] = _mapped(spec, out[spec.name], mapping)
    return out


def _mapped(spec: FieldSpec, value: Any, mapping: dict[str, dict[str, str]]) -> Any:
    if spec.type is FieldType.KEY and spec.vocabulary and isinstance(value, str):
        return mapping.get(spec.vocabulary, {}).get(value, value)
    if spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        return [_mapped(spec.item, item, mapping) for item in value]
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        return map_keys(spec.fields, value, mapping)
    return value


# Matched across cities by key (the issue's "theme, partner type, outcome domain or finding
# type"); the others (partners, places, schools) belong to one city by nature.
SHARED_VOCABULARIES: Final = ("themes", "partner_types", "outcome_domains", "finding_types")


def unmatched_keys(snapshot_vocabularies: dict[str, dict[str, dict[str, str]]],
                   home: Config) -> dict[str, list[str]]:
    """Per shared vocabulary, the city's keys (after ``same_as``) that our config lacks."""
    out: dict[str, list[str]] = {}
    for name in SHARED_VOCABULARIES:
        ours = home.vocabulary(name)
        missing = sorted(k for k in snapshot_vocabularies.get(name, {}) if k not in ours)
        if missing:
            out[name] = missing
    return out

