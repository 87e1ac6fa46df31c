"""Kept pickles a pull request could plant are never used (``federation/cachedir.token``).

The site's and the programme-wide view's kept files (open data, figures, what the public may
see of each record, each record's rows, the build's key, another city's snapshot) are stored
under keys anyone can compute from the records (content digests, the day, the version). A copy
of a knowledge base *with* its cache folder is exactly such a plant: every file holds the true
key for the copy's records. None of them may be used in the copy, and the copy's site must be
the one a build without any cache makes.
"""

from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.commands.report_helpers import copy_example
from tests.site.conftest import build
from tests.site.test_derived import count_calls
from veiligestad import stats
from veiligestad.federation import cachedir


def _stored_key(path: Path) -> tuple[Any, ...]:
    """The key a kept pickle was stored under (read past its folder's binding)."""
    bound = cachedir.token(path)
    blob = path.read_bytes()
    assert bound and blob.startswith(bound)
    stored = cachedir._PlainUnpickler(io.BytesIO(blob[len(bound):])).load()
    assert isinstance(stored, tuple) and stored[0][0] == cachedir.FORMAT
    return tuple(stored[0][1:])  # without the format


def test_every_kept_pickle_of_a_copied_cache_folder_is_refused(tmp_path: Path) -> None:
    first = copy_example(tmp_path / "first")
    build(first, tmp_path / "site-first", search=False)
    kept = sorted((first / ".veiligestad-cache").rglob("*.pickle"))
    bound = [p for p in kept if p.parent.name in ("site", "federation")]
    assert len(bound) >= 4  # outputs, figures, the public view's and the rows' parts
    for path in bound:
        key = _stored_key(path)
        assert cachedir.read_pickle(path, key) is not None, path  # used where it was made
    planted = tmp_path / "planted"
    shutil.copytree(first, planted)
    for path in bound:
        copy = planted / path.relative_to(first)
        assert copy.read_bytes() == path.read_bytes()
        assert cachedir.read_pickle(copy, _stored_key(path)) is None, copy


def _forge_figures(value: Any) -> Any:
    """Every count of the figures made 7777777 (a false figure anyone could plant)."""
    if isinstance(value, dict):
        return {k: _forge_figures(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_forge_figures(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return FORGED
    return value


FORGED = 7777777


def _shows_forged(out: Path) -> bool:
    home = (out / "index.html").read_text(encoding="utf-8")
    return any(text in home for text in ("7777777", "7.777.777", "7 777 777"))


def test_a_site_built_beside_planted_figures_shows_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept key figures with false counts, under their true key, made in the attacker's
    own checkout (bound to that folder) and committed: the site built from that checkout
    makes its figures afresh (counted) and shows none of the false ones; the same file bound
    to the checkout's own folder would be shown (so the binding is what the test tests)."""
    from veiligestad.site.keptfigures import NAME

    attacker = copy_example(tmp_path / "attacker")
    build(attacker, tmp_path / "site-attacker", search=False)
    made = attacker / ".veiligestad-cache/site" / NAME.format("nl")
    blob = made.read_bytes()
    bound = cachedir.token(made)
    assert bound and blob.startswith(bound)
    (key_part, figures) = pickle.loads(blob[len(bound):])
    forged = _forge_figures(figures)
    assert forged != figures
    cachedir.write_pickle(made, tuple(key_part[1:]), forged)  # bound to the attacker's folder
    planted = tmp_path / "planted"
    shutil.copytree(attacker, planted)  # committed with the checkout
    calls = count_calls(monkeypatch, stats, "stats_in", tmp_path / "calls.txt")
    build(planted, tmp_path / "site-planted", search=False)
    assert len(calls) == 1  # the figures were made, not taken
    assert not _shows_forged(tmp_path / "site-planted")
    # Past the binding (written with the planted folder's own), the false figures would show.
    cachedir.write_pickle(planted / made.relative_to(attacker), tuple(key_part[1:]), forged)
    build(planted, tmp_path / "site-bound", search=False)
    assert _shows_forged(tmp_path / "site-bound")


def test_a_planted_state_of_another_city_is_ignored_and_never_a_crash(tmp_path: Path) -> None:
    """``state.json`` of a city in the programme-wide view, committed into the cache folder:
    one nested past what the JSON reader takes, or one with a false commit, reads as none."""
    root = copy_example(tmp_path / "kb")
    folder = root / ".veiligestad-cache" / "federation" / "utrecht"
    folder.mkdir(parents=True)
    (folder / cachedir.STATE).write_text("[" * 200_000, encoding="utf-8")
    assert cachedir.read_state(folder) == {}
    (folder / cachedir.STATE).write_text('{"commit": "0" , "binding": "00"}', encoding="utf-8")
    assert cachedir.read_state(folder) == {}
    cachedir.write_state(folder, {"commit": "abc"})
    assert cachedir.read_state(folder) == {"commit": "abc"}


def test_a_pickle_out_of_range_is_never_unpickled_unbound_nor_a_crash(tmp_path: Path) -> None:
    """A pickle that raises on loading (a date out of range) planted as a kept site file: not
    even read without this folder's binding, and with it, nothing rather than a crash."""
    root = copy_example(tmp_path / "kb")
    build(root, tmp_path / "site", search=False)
    path = root / ".veiligestad-cache/site/public-00.pickle"
    hostile = b"\x80\x02cdatetime\ndate\n(\x8a\x0d" + (10**30).to_bytes(13, "little") \
        + b"K\x01K\x01tR."
    path.write_bytes(hostile)
    assert cachedir.read_pickle(path, ("anything",)) is None
    bound = cachedir.token(path)
    assert bound
    path.write_bytes(bound + hostile)
    assert cachedir.read_pickle(path, ("anything",)) is None
    build(root, tmp_path / "site-again", search=False)  # and the build goes on


def test_every_file_of_a_copied_record_cache_is_refused(tmp_path: Path) -> None:
    """The record cache's files (index, shards, facts, base, journal, answers, kept texts):
    several hold values under content digests anyone can compute (a shard: each record's
    parsed data under its file's digest). Copied with the knowledge base, none is read."""
    from tests.conftest import TODAY
    from veiligestad.commands.validate import validate
    from veiligestad.i18n import Translator
    from veiligestad.query import context
    from veiligestad.stats import stats_in as real_stats
    from veiligestad.store import cache as cache_module
    from veiligestad.store.kb import open_kb

    first = copy_example(tmp_path / "first")
    t = Translator("nl")
    validate(first, t, TODAY)
    real_stats(context(open_kb(first, t, on_left_out=None), TODAY, t), None)
    folder = first / cache_module.CACHE_DIR
    files = sorted(p for p in folder.iterdir() if p.is_file()
                   and p.name not in (cache_module.TOKEN_FILE, ".gitignore"))
    assert any(p.name.startswith("shard-") for p in files)
    assert any(p.name.startswith("facts-") for p in files)
    for path in files:
        assert cache_module.read_cache_file(folder, path) is not None, path
    planted = tmp_path / "planted"
    shutil.copytree(first, planted)
    copy = planted / cache_module.CACHE_DIR
    for path in files:
        assert cache_module.read_cache_file(copy, copy / path.name) is None, path.name


def test_a_planted_shard_cannot_make_an_internal_finding_public(tmp_path: Path) -> None:
    """A pull request that commits a shard holding an internal finding's true digest with its
    data made public and published (made in the attacker's own checkout, so bound to that
    folder): pulled into a checkout whose index proves the finding's file unchanged, the site
    built there does not show it, while the same shard bound to this folder would be read (so
    the binding is what the test tests)."""
    from tests.cachefiles import read_blob, write_blob
    from veiligestad.i18n import Translator
    from veiligestad.store import cache as cache_module
    from veiligestad.store.kb import open_kb

    attacker, victim = copy_example(tmp_path / "attacker"), copy_example(tmp_path / "victim")
    rel = "data/findings/F-2026-QAME.yaml"
    assert "classification: internal" in (victim / rel).read_text(encoding="utf-8")
    for root in (attacker, victim):
        open_kb(root, Translator("nl"), on_left_out=None)  # each writes its cache
    name = cache_module.SHARD_FILE.format(cache_module.shard_of(rel))
    made = attacker / cache_module.CACHE_DIR / name
    payload = cache_module._payload(read_blob(made), cache_module.SHARD_MAGIC)
    assert payload is not None
    fingerprint, max_bytes, shard_rows = pickle.loads(bytes(payload))
    marker = "GEPLANT-IN-DE-CACHE"
    forged = [(r, d, {**data, "classification": "public", "review": "published",
                      "title": marker} if r == rel else data) for r, d, data in shard_rows]
    new = pickle.dumps((fingerprint, max_bytes, forged))
    forged_blob = cache_module.SHARD_MAGIC + cache_module._HEADER.pack(
        cache_module.FORMAT, len(new), __import__("zlib").crc32(new)) + new
    write_blob(made, forged_blob)  # bound in the attacker's folder, then committed and pulled
    shard = victim / cache_module.CACHE_DIR / name
    shard.write_bytes(made.read_bytes())
    build(victim, tmp_path / "site", search=False)
    assert not any(marker.encode() in p.read_bytes()
                   for p in (tmp_path / "site").rglob("*") if p.is_file())
    # Past the binding (written with the victim folder's own), it would be read.
    write_blob(shard, forged_blob)
    kb = open_kb(victim, Translator("nl"), on_left_out=None)
    assert kb.get("F-2026-QAME").data["title"] == marker  # type: ignore[union-attr]
