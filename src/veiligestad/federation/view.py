"""The programme-wide view: our records plus every other city's public records, as one KB.

``federated_kb(kb, today, t)`` is the one entry point. It returns a ``FederatedKB``: a
``KnowledgeBase`` like any other, so the query engine, ``show``, ``stats``, ``gaps`` (and a
programme-wide site) use it unchanged. In it

* our own records keep their plain IDs; every other city's record has a qualified ID
  (``utrecht:F-2026-7KQ3``), and so do the links inside it, so two cities' ``F-2026-7KQ3`` never
  meet; a link to one of the city's records that is not public is left out;
* every record has a ``city`` field (the city's key; ours is the key of our ``city:`` name);
* of another city only the **public** records are there, and of those only the public fields:
  they pass through the one public predicate of the tool, ``public_kb`` (imported once, below),
  exactly like every other public output;
* vocabulary keys are matched by key across cities (after the city's own ``same_as``); a key our
  config lacks keeps the city's label: the config of the view holds our vocabularies plus those
  keys, so conditions and labels work on them.

A city's public records of one day are cached beside its snapshot, keyed by the commit, the day
and the tool's code, so a query after ``federation sync`` only unpickles them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from veiligestad.federation import cachedir
from veiligestad.federation.sync import snapshot_key
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS
from veiligestad.privacy import public_kb  # the one public predicate (see module doc)
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.config import Config, FederatedCity, VocabEntry, city_key, config_from_text
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

SEPARATOR = ":"


@dataclass
class CityView:
    """One other city as the view serves it."""

    key: str
    name: str
    commit: str | None = None  # None: never synced (nothing served)
    synced_at: str | None = None
    error: str | None = None  # the last sync's failure, when it failed
    records: int = 0  # valid records of the snapshot
    public: int = 0  # of which public today (what the view holds)
    broken: list[tuple[str, list[str]]] = field(default_factory=list)
    outdated: bool = False  # synced, but by another version of the tool: nothing served
    vocabularies: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


@dataclass
class FederatedKB(KnowledgeBase):
    """Our knowledge base with the other cities' public records; see the module's doc."""

    home: KnowledgeBase | None = field(default=None, repr=False)
    home_key: str = ""
    cities: list[CityView] = field(default_factory=list)

    def city_of(self, record_id: str) -> str:
        """The key of the city a record ID belongs to."""
        city, sep, _ = record_id.partition(SEPARATOR)
        return city if sep else self.home_key


def qualify(city: str, record_id: str) -> str:
    """``utrecht:F-2026-7KQ3``."""
    return f"{city}{SEPARATOR}{record_id}"


def federated_kb(kb: KnowledgeBase, today: dt.date, t: Translator | None = None, *,
                 cities: tuple[FederatedCity, ...] | None = None,
                 public_home: bool = False) -> FederatedKB:
    """Our records plus every synced city's public records, as one ``KnowledgeBase``.

    ``cities`` defaults to the config's ``federation:`` list. With ``public_home`` our own
    records pass through the public predicate too (a programme-wide public site wants that);
    otherwise they are all there, as in any internal output. A city never synced is in
    ``cities`` with ``commit=None`` and adds no records; a city whose last sync failed serves
    its last synced copy. Nothing is fetched here: ``federation sync`` does that.
    """
    t = t or Translator(kb.config.language)
    home_key = city_key(kb.config.city)
    home = public_kb(kb, today) if public_home else kb
    files = [_with_city(record, home_key) for record in home.files]
    extra: dict[str, dict[str, VocabEntry]] = {}
    views = []
    for city in (kb.config.federation if cities is None else cities):
        view, records = city_view(kb.root, city, today, t)
        views.append(view)
        files.extend(records)
        for name, entries in view.vocabularies.items():
            ours = kb.config.vocabulary(name)
            for key, labels in entries.items():
                if key not in ours and key not in extra.get(name, {}):
                    extra.setdefault(name, {})[key] = VocabEntry(
                        key, MappingProxyType(labels), MappingProxyType({"city": view.key}))
    config = _merged(kb.config, extra)
    return FederatedKB(kb.root, config, files, cache=None, home=kb, home_key=home_key,
                       cities=views)


def _with_city(record: RecordFile, city: str) -> RecordFile:
    if record.data is None:
        return record
    data: dict[str, Any] = {}
    for key, value in record.data.items():
        data[key] = value
        if key == "id":
            data["city"] = city
    data.setdefault("city", city)
    return RecordFile(record.rel, record.kind, data, record.notes, record.digest)


def _merged(config: Config, extra: dict[str, dict[str, VocabEntry]]) -> Config:
    if not extra:
        return config
    vocabularies = {name: MappingProxyType({**config.vocabulary(name), **extra.get(name, {})})
                    for name in {*config.vocabularies, *extra}}
    return replace(config, vocabularies=MappingProxyType(vocabularies))


def city_view(root: Path, city: FederatedCity, today: dt.date,
              t: Translator) -> tuple[CityView, list[RecordFile]]:
    """What the view serves of one city today: its summary and its public, qualified records."""
    try:
        folder = cachedir.city_folder(root, city.key)
    except cachedir.CacheFolderError as exc:  # a link planted in our cache: nothing served
        return CityView(city.key, city.name, error=f"{CACHE_DIR}: {exc}"), []
    state = cachedir.read_state(folder)
    view = CityView(city.key, city.name, error=state.get("error"))
    commit = state.get("commit")
    if folder is None or not isinstance(commit, str) or state.get("url") != city.url \
            or state.get("branch") != city.branch:
        return view, []
    key = snapshot_key(commit)
    public_path = folder / f"public-{today.isoformat()}.pickle"
    cached = cachedir.read_pickle(public_path, key)
    if cached is None:
        snapshot = cachedir.read_pickle(folder / cachedir.SNAPSHOT, key)
        if snapshot is None:
            view.outdated = True  # read by other code: the next sync reads the city again
            return view, []
        cached = _public_part(root, city.key, snapshot, today, t)
        _drop_old_days(folder)
        with contextlib.suppress(OSError):  # a read-only cache: made again next time
            cachedir.write_pickle(public_path, key, cached)
    view.commit, view.synced_at = commit, state.get("synced_at")
    view.records, view.broken = cached["records"], [tuple(b) for b in cached["broken"]]
    view.vocabularies = cached["vocabularies"]
    files = [RecordFile(rel, KINDS[kind], data) for kind, rel, data in cached["public"]]
    view.public = len(files)
    return view, files


def _drop_old_days(folder: Path) -> None:
    for old in folder.glob("public-*.pickle"):
        with contextlib.suppress(OSError):
            old.unlink()


def _public_part(root: Path, key: str, snapshot: dict[str, Any], today: dt.date,
                 t: Translator) -> dict[str, Any]:
    """The city's public records of ``today``, qualified, as plain data for the cache."""
    checkout = root / CACHE_DIR / cachedir.FOLDER / key / cachedir.CHECKOUT
    config = config_from_text(checkout, snapshot["config_text"], t)
    records = [RecordFile(rel, KINDS[kind], data) for kind, rel, data in snapshot["records"]]
    public = public_kb(KnowledgeBase(checkout, config, records), today)
    allowed = {r.record_id for r in public.files if r.record_id is not None}
    rows = []
    for record in public.files:
        assert record.data is not None and record.record_id is not None
        data = _qualified(record.kind.fields, record.data, key, allowed)
        data = {"id": data["id"], "city": key, **data}
        rows.append((record.kind.name, f"{key}{SEPARATOR}{record.rel}", data))
    return {"public": rows, "records": len(records), "broken": snapshot["broken"],
            "vocabularies": snapshot["vocabularies"]}


def _qualified(specs: tuple[FieldSpec, ...], data: dict[str, Any], city: str,
               allowed: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in specs:
        if spec.name not in data:
            continue
        value = _qualify_value(spec, data[spec.name], city, allowed, top=spec.name == "id")
        if value is not None:
            out[spec.name] = value
    return out  # fields the model does not know: public_kb has dropped them already


def _qualify_value(spec: FieldSpec, value: Any, city: str, allowed: set[str],
                   top: bool = False) -> Any:
    if spec.type is FieldType.ID:
        if not isinstance(value, str) or (not top and value not in allowed):
            return None  # a link to a record the public does not see
        return qualify(city, value)
    if spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        items = []
        for item in value:
            kept = _qualify_value(spec.item, item, city, allowed)
            if kept is None:
                continue
            if isinstance(item, dict) and _lost_link(spec.item, item, kept):
                continue  # a relation to a finding that is not public says nothing
            items.append(kept)
        return items
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        return _qualified(spec.fields, value, city, allowed)
    return value


def _lost_link(spec: FieldSpec, item: dict[str, Any], kept: dict[str, Any]) -> bool:
    return any(f.type is FieldType.ID and item.get(f.name) is not None and f.name not in kept
               for f in spec.fields)
