"""``federation sync``: bring every other city's copy up to date, cheaply when nothing changed.

For each city the remote is first asked which commit its branch is at (``git ls-remote``, for all
cities at once in threads: that is network time, not work). A city whose commit is the one synced
last time, read by this version of the tool, is done. Any other city is fetched (depth 1) into the
cache, read and validated (``read.read_city``) and its snapshot replaced. A city that cannot be
reached, or whose new commit cannot be read, keeps its last snapshot: the failure is written to its
state and reported, and the view goes on serving the copy it had.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Final

from veiligestad.federation import cachedir, gitfetch
from veiligestad.federation.read import CityUnreadable, read_city
from veiligestad.i18n import Translator
from veiligestad.store.config import Config, FederatedCity

UPDATED: Final = "updated"
UNCHANGED: Final = "unchanged"
FAILED: Final = "failed"
MAX_THREADS: Final = 8


@dataclass
class CitySync:
    """What one sync did for one city."""

    key: str
    name: str
    outcome: str  # updated | unchanged | failed
    commit: str | None = None  # the commit now served (None: nothing yet)
    error: str | None = None
    records: int = 0  # valid records served
    broken: int = 0  # files left out for errors
    previous: str | None = None  # the commit served before

    @property
    def serving_old_copy(self) -> bool:
        return self.outcome == FAILED and self.commit is not None


@dataclass
class SyncResult:
    """Every city's outcome, in the order of the config."""

    cities: list[CitySync] = field(default_factory=list)

    @property
    def failed(self) -> list[CitySync]:
        return [c for c in self.cities if c.outcome == FAILED]


def snapshot_key(commit: str) -> tuple[str, str]:
    """What a snapshot is valid for: the commit, and the code that read it."""
    return (commit, _fingerprint())


@functools.cache
def _fingerprint() -> str:
    from veiligestad.store.cache import tool_fingerprint

    return tool_fingerprint()


def sync_cities(config: Config, cities: Sequence[FederatedCity], t: Translator, today: dt.date,
                progress: Callable[[CitySync], None] | None = None) -> SyncResult:
    """Sync ``cities`` (of ``config.federation``); ``progress`` hears of each city when done."""
    root = config.root
    urls = {c.key: gitfetch.git_url(c.url, root) for c in cities}
    with ThreadPoolExecutor(max_workers=max(1, min(MAX_THREADS, len(cities)))) as pool:
        heads = dict(zip(cities, pool.map(lambda c: _head(urls[c.key], c.branch), cities),
                         strict=True))
    result = SyncResult()
    fingerprint = snapshot_key("")[1]
    for city in cities:
        done = _sync_one(config, city, urls[city.key], heads[city], fingerprint, t, today)
        result.cities.append(done)
        if progress is not None:
            progress(done)
    return result


def _head(url: str, branch: str | None) -> str | gitfetch.GitFailure:
    try:
        return gitfetch.remote_head(url, branch)
    except gitfetch.GitFailure as exc:
        return exc


def _sync_one(config: Config, city: FederatedCity, url: str,
              head: str | gitfetch.GitFailure, fingerprint: str, t: Translator,
              today: dt.date) -> CitySync:
    folder = cachedir.city_folder(config.root, city.key, make=True)
    assert folder is not None
    state = cachedir.read_state(folder)
    served = state.get("commit") if isinstance(state.get("commit"), str) else None
    done = CitySync(city.key, city.name, UNCHANGED, served, previous=served,
                    records=int(state.get("records") or 0),
                    broken=len(state.get("broken") or []))
    same_source = state.get("url") == city.url and state.get("branch") == city.branch
    if served is None or not same_source:
        done.commit = done.previous = None  # a copy of another repository is not this city's
    snapshot = folder / cachedir.SNAPSHOT
    try:
        if isinstance(head, gitfetch.GitFailure):
            raise head
        fresh = (done.commit == head
                 and cachedir.read_pickle(snapshot, (head, fingerprint)) is not None)
        if not fresh:
            checkout = folder / cachedir.CHECKOUT
            if not same_source and checkout.exists():
                gitfetch.remove_tree(checkout)
            commit = gitfetch.fetch(url, city.branch, checkout)
            read = read_city(checkout, commit, t, today)
            cachedir.write_pickle(snapshot, (commit, fingerprint), read.as_payload())
            state.update(commit=commit, synced_at=cachedir.now_iso(), records=len(read.records),
                         files=read.files, broken=read.broken, name=read.name)
            done.outcome, done.commit = UPDATED, commit
            done.records, done.broken = len(read.records), len(read.broken)
        state.update(url=city.url, branch=city.branch, checked_at=cachedir.now_iso(),
                     error=None, error_at=None)
    except (gitfetch.GitFailure, CityUnreadable) as exc:
        done.outcome, done.error = FAILED, str(exc)
        state.update(error=str(exc), error_at=cachedir.now_iso())
    cachedir.write_state(folder, state)
    return done
