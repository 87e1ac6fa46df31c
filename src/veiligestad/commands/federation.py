"""``veiligestad federation sync`` and ``federation status``: the other cities' copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from veiligestad.checks.context import did_you_mean, short_list
from veiligestad.errors import UsageError
from veiligestad.federation import cachedir
from veiligestad.federation.read import unmatched_keys
from veiligestad.federation.sync import CitySync, SyncResult, sync_cities
from veiligestad.federation.view import city_view
from veiligestad.i18n import Translator
from veiligestad.store.config import Config, FederatedCity


def chosen_cities(config: Config, names: Sequence[str], t: Translator) -> list[FederatedCity]:
    """The cities named (all of ``federation:`` when none); an unknown key is a UsageError."""
    cities = list(config.federation)
    if not cities:
        raise UsageError(t("federation.none"), hint=t("federation.none_hint"))
    known = {c.key: c for c in cities}
    for name in names:
        if name not in known:
            guess = did_you_mean(name, list(known))
            raise UsageError(t("federation.unknown_city", city=name),
                             hint=t("query.did_you_mean", guess=guess) if guess
                             else t("federation.known", cities=short_list(list(known))))
    return [known[n] for n in dict.fromkeys(names)] if names else cities


def sync(config: Config, names: Sequence[str], t: Translator, today: dt.date,
         progress: Callable[[CitySync], None] | None = None) -> SyncResult:
    """Fetch and read the cities named (all by default); see ``federation.sync``."""
    cities = chosen_cities(config, names, t)
    try:
        return sync_cities(config, cities, t, today, progress)
    except cachedir.CacheFolderError as exc:
        raise UsageError(t("federation.cache_folder", path=str(exc)),
                         hint=t("federation.cache_folder_hint")) from None


@dataclass
class CityStatus:
    """One city in ``federation status``."""

    city: str
    name: str
    url: str
    branch: str | None
    commit: str | None
    synced_at: str | None
    checked_at: str | None
    error: str | None
    records: int
    public: int
    broken: list[dict[str, Any]] = field(default_factory=list)
    unmatched: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """A plain mapping for ``--format json``."""
        return dict(vars(self))


def status(config: Config, t: Translator, today: dt.date) -> list[CityStatus]:
    """Every city of ``federation:``: its last sync, commit, counts, problems, unmatched keys."""
    out = []
    for city in chosen_cities(config, (), t):
        try:
            view, _ = city_view(config.root, city, today, t)
            state = cachedir.read_state(cachedir.city_folder(config.root, city.key))
        except cachedir.CacheFolderError:
            view, state = None, {}
        out.append(CityStatus(
            city.key, city.name, city.url, city.branch,
            view.commit if view else None, view.synced_at if view else None,
            state.get("checked_at"), state.get("error"),
            view.records if view else 0, view.public if view else 0,
            [{"path": path, "rules": list(rules)} for path, rules in (view.broken if view else [])],
            unmatched_keys(view.vocabularies, config) if view else {}))
    return out
