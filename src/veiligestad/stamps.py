"""Change-impact fingerprints on links ("suspect links").

A project builds on the research question of the questions it took up; a finding on its project's
questions. When such a target changes after the link was made, the dependent record must be looked
at again. Each link therefore keeps a short fingerprint of the target's fields that matter, in the
dependent record's ``link_stamps`` mapping (``{Q-2026-001: 3f9a1c2b}``), so students still write
plain ``questions: [Q-…]`` lists. Which fields matter is set per kind in ``veiligestad.yaml``
(``suspect_fields``), with the defaults below.

Every command that makes or reviews a link stamps it through :func:`stamp_links` (one place), and
the ``suspect-link`` rule compares the stamps with :func:`stamp_for`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, Final

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS
from veiligestad.store.config import Config

if TYPE_CHECKING:
    from veiligestad.store.gitrepo import KBRepo

Lookup = Callable[[str], "tuple[str, Mapping[str, Any]] | None"]

FIELD: Final = "link_stamps"
DEFAULT_SUSPECT_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "question": ("research_question", "themes"),
    "project": ("questions",),
    "finding": ("statement",),
}
STAMP_PATTERN: Final = re.compile(r"^[0-9a-f]{8}$")
# Notes of a record whose data may share structure through aliases: serialising it for a
# fingerprint could expand it without bound (a "billion laughs" file), so it is never stamped.
EXPANDING: Final = frozenset({"anchor", "alias"})


class SuspectFieldsError(ValueError):
    """``suspect_fields`` in ``veiligestad.yaml`` names a kind or field that does not exist."""

    def __init__(self, key: str, value: object) -> None:
        super().__init__(key)
        self.key = key
        self.value = value


# The parsed setting of the last few configs: stamp_for runs once per link, tens of thousands of
# times in a large knowledge base. The config is kept with its entry, so its id is not reused.
_PARSED: dict[int, tuple[Config, dict[str, tuple[str, ...]]]] = {}


def suspect_fields(config: Config | None) -> dict[str, tuple[str, ...]]:
    """The fields per kind whose change makes links to a record suspect.

    ``suspect_fields`` in ``veiligestad.yaml`` replaces the default of each kind it names.
    """
    if config is None:
        return dict(DEFAULT_SUSPECT_FIELDS)
    cached = _PARSED.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    fields = _parse(config)
    if len(_PARSED) >= 8:
        _PARSED.clear()
    _PARSED[id(config)] = (config, fields)
    return fields


def _parse(config: Config) -> dict[str, tuple[str, ...]]:
    fields = dict(DEFAULT_SUSPECT_FIELDS)
    raw = config.raw.get("suspect_fields")
    if raw is None:
        return fields
    if not isinstance(raw, dict):
        raise SuspectFieldsError("suspect_fields", raw)
    for kind, names in raw.items():
        if kind not in KINDS:
            raise SuspectFieldsError(f"suspect_fields.{kind}", kind)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise SuspectFieldsError(f"suspect_fields.{kind}", names)
        for name in names:
            if KINDS[kind].field(name) is None:
                raise SuspectFieldsError(f"suspect_fields.{kind}", name)
        fields[kind] = tuple(names)
    return fields


def _plain(value: Any) -> Any:
    """The value as plain JSON data, however it was read (PyYAML or ruamel.yaml)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def stamp_for(target_data: Mapping[str, Any], kind: str, config: Config | None) -> str:
    """The fingerprint of a target record: 8 hex digits over the fields that matter for ``kind``.

    Text is compared with surrounding white space stripped, so re-flowing a YAML block does not
    make links suspect; any other edit of those fields does.
    """
    names = suspect_fields(config).get(kind, ())
    payload = {}
    for name in names:
        value = _plain(target_data.get(name))
        payload[name] = value.strip() if isinstance(value, str) else value
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any], kind: str,
                   config: Config | None) -> list[str]:
    """The fields that matter for ``kind`` whose values differ between two versions."""
    out = []
    for name in suspect_fields(config).get(kind, ()):
        before, after = _plain(old.get(name)), _plain(new.get(name))
        if isinstance(before, str) and isinstance(after, str):
            before, after = before.strip(), after.strip()
        if before != after:
            out.append(name)
    return out


# How to find the links in a record, per kind: (field, target kind, nested plan). Made once from
# the field specs, so that a run over 30,000 records does not walk every spec of every record.
Plan = tuple[tuple[str, str | None, bool, "Plan | None"], ...]


def _plan(specs: tuple[FieldSpec, ...]) -> Plan:
    out: list[tuple[str, str | None, bool, Plan | None]] = []
    for spec in specs:
        if spec.type is FieldType.ID and spec.link_kind and spec.name != "id":
            out.append((spec.name, spec.link_kind, False, None))
        elif spec.type is FieldType.LIST and spec.item is not None:
            if spec.item.type is FieldType.ID and spec.item.link_kind:
                out.append((spec.name, spec.item.link_kind, True, None))
            elif spec.item.fields and (nested := _plan(spec.item.fields)):
                out.append((spec.name, None, True, nested))
        elif spec.type is FieldType.MAPPING and spec.fields and (nested := _plan(spec.fields)):
            out.append((spec.name, None, False, nested))
    return tuple(out)


_PLANS: Final = {name: _plan(kind.fields) for name, kind in KINDS.items()}


def _walk(plan: Plan, data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for name, target_kind, many, nested in plan:
        value = data.get(name)
        if value is None:
            continue
        items = value if many and isinstance(value, list) else [] if many else [value]
        for item in items:
            if nested is None:
                if isinstance(item, str) and target_kind:
                    yield item, target_kind
            elif isinstance(item, Mapping):
                yield from _walk(nested, item)


def links_of(kind: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (target ID, target kind) pairs a record links to, each once, in field order."""
    seen: dict[str, str] = {}
    for target, target_kind in _walk(_PLANS[kind], data):
        seen.setdefault(target, target_kind)
    return list(seen.items())


def stamp_links(
    data: MutableMapping[str, Any],
    kind: str,
    lookup: Lookup,
    config: Config | None,
) -> list[str]:
    """Re-stamp every link of ``data`` in place; return the IDs whose stamp was added or changed.

    ``lookup(target_id)`` gives ``(target kind, target data)`` or None for a target that does not
    exist (its link is left unstamped: link-target reports it). Stamps of IDs the record no
    longer links to are dropped. ``data`` may be a ruamel.yaml mapping: the stamps are then
    written as a block at the end (or in place, when the record already has them), quoted so that
    YAML never reads a stamp such as ``12345678`` as a number. This is the one function that
    writes stamps: ``review``, ``link``, ``new`` and intake all call it.
    """
    old = data.get(FIELD)
    old = old if isinstance(old, Mapping) else {}
    new: dict[str, str] = {}
    for target, target_kind in links_of(kind, data):
        found = lookup(target)
        if found is None or found[0] != target_kind:
            continue
        new[target] = stamp_for(found[1], target_kind, config)
    changed = [target for target, stamp in new.items() if old.get(target) != stamp]
    if not new:
        if FIELD in data:
            del data[FIELD]
        return changed
    if dict(old) == new and list(old) == list(new):
        return changed
    data[FIELD] = _mapping_like(data, new)
    return changed


def stamp_link(
    data: MutableMapping[str, Any],
    target_id: str,
    target_kind: str,
    target_data: Mapping[str, Any],
    config: Config | None,
) -> bool:
    """Stamp one new link of ``data`` (to ``target_id``); the others are left as they are.

    For ``link`` and intake: making one link must not silently mark the record's other, possibly
    suspect, links as reviewed. Returns whether the stamp was added or changed.
    """
    stamp = stamp_for(target_data, target_kind, config)
    old = data.get(FIELD)
    if isinstance(old, MutableMapping):
        if old.get(target_id) == stamp:
            return False
        old[target_id] = _mapping_like(data, {target_id: stamp})[target_id]
        return True
    data[FIELD] = _mapping_like(data, {target_id: stamp})
    return True


def drop_stamp(data: MutableMapping[str, Any], target_id: str) -> bool:
    """Remove the stamp of a link that was removed (``unlink``); whether there was one."""
    old = data.get(FIELD)
    if not isinstance(old, MutableMapping) or target_id not in old:
        return False
    from ruamel.yaml.comments import CommentedMap

    from veiligestad.store.edit import remove_key

    # A round-trip mapping keeps the comments below the removed line (they belong to what follows).
    if isinstance(old, CommentedMap):
        remove_key(old, target_id)
    else:
        del old[target_id]
    if not old:
        if isinstance(data, CommentedMap):
            remove_key(data, FIELD)
        else:
            del data[FIELD]
    return True


def _mapping_like(data: Any, stamps: dict[str, str]) -> Any:
    """A plain dict, or a ruamel.yaml block mapping with quoted stamps when editing in place."""
    if type(data).__module__.startswith("ruamel"):
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import SingleQuotedScalarString

        block = CommentedMap((k, SingleQuotedScalarString(v)) for k, v in stamps.items())
        block.fa.set_block_style()
        return block
    return stamps


def changed_since_stamp(
    repo: KBRepo | None,
    target_rel: str,
    target_kind: str,
    stamp: str,
    current: Mapping[str, Any],
    config: Config | None,
    depth: int = 50,
) -> list[str] | None:
    """Which fields that matter changed since the version of the target that has ``stamp``.

    Walks the target file's history (newest first, following renames) to the version whose
    fingerprint is ``stamp``; None when git cannot tell (no repository, history too deep, or
    the stamped version was never committed).
    """
    if repo is None:
        return None
    from veiligestad.store.gitrepo import GitError
    from veiligestad.store.records import read_text

    try:
        history = repo.file_log(target_rel)[:depth]
        for commit, change in history:
            if change.status == "D":
                continue
            text = repo.show(commit.sha, change.path)
            if text is None or len(text) > 4 * 262_144:
                continue
            data, notes = read_text(text)
            if any(note.code in EXPANDING for note in notes):
                continue
            if isinstance(data, dict) and stamp_for(data, target_kind, config) == stamp:
                return changed_fields(data, current, target_kind, config)
    except GitError:
        return None
    return None
