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
from tests.site.test_derived import Calls
from veiligestad import stats
from veiligestad.federation import cachedir
from veiligestad.site import opendata, rows


def _stored_key(path: Path) -> tuple[Any, ...]:
    stored = cachedir._PlainUnpickler(io.BytesIO(path.read_bytes())).load()
    assert isinstance(stored, tuple) and stored[0][0] == cachedir.FORMAT
    return tuple(stored[0][2:])  # without the format and the token


def _site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".veiligestad-site.json"}


def test_every_kept_pickle_of_a_copied_cache_folder_is_refused(tmp_path: Path) -> None:
    first = copy_example(tmp_path / "first")
    build(first, tmp_path / "site-first", search=False)
    kept = sorted((first / ".veiligestad-cache").rglob("*.pickle"))
    bound = [p for p in kept if p.read_bytes()[:2] == b"\x80\x05"
             and isinstance(pickle.loads(p.read_bytes()), tuple)
             and p.parent.name in ("site", "federation")]
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


def test_a_site_built_beside_a_planted_cache_is_made_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = copy_example(tmp_path / "first")
    build(first, tmp_path / "site-first", search=False)
    planted = tmp_path / "planted"
    shutil.copytree(first, planted)
    calls = Calls(tmp_path / "calls.txt")
    real_stats, real_data = stats.stats_in, opendata.open_data_files

    def counting_stats(*args: Any, **kw: Any) -> Any:
        calls.add()
        return real_stats(*args, **kw)

    def counting_data(*args: Any, **kw: Any) -> Any:
        calls.add()
        return real_data(*args, **kw)

    monkeypatch.setattr(stats, "stats_in", counting_stats)
    monkeypatch.setattr(opendata, "open_data_files", counting_data)
    monkeypatch.setattr(rows, "kept_open_data_files", lambda *_a, **_k: None)
    build(planted, tmp_path / "site-planted", search=False)
    assert len(calls) == 2  # the figures and the open data were made, not taken
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    build(first, tmp_path / "site-fresh", search=False)
    assert _site_files(tmp_path / "site-planted") == _site_files(tmp_path / "site-fresh")


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
