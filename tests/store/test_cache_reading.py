"""The reading commands through the cache: records read from their shards only when used, the
link index built from the links kept in the cache's index, and never an answer that differs
from reading every file afresh."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cachefiles import read_blob, write_blob
from tests.conftest import REPO, TODAY
from veiligestad.commands.show import show_record
from veiligestad.errors import VeiligestadError
from veiligestad.i18n import Translator
from veiligestad.index import build_index
from veiligestad.query import context
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, CACHE_FILE, SHARD_FILE, RecordCache, shard_of
from veiligestad.store.kb import open_kb
from veiligestad.store.loader import CachedRecordFile

T = Translator("en")


def _example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    return root


def _show(root: Path, record_id: str, *, cache: bool) -> Any:
    """What ``show --format json`` prints, or the error it stops with."""
    kb = open_kb(root, T, cache=cache, lazy=cache, on_left_out=None)
    try:
        return show_record(context(kb, TODAY, T), record_id).as_json()
    except VeiligestadError as exc:
        return ("error", exc.message, exc.hint)


def _ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "data").rglob("*.yaml"))


def test_show_reads_only_the_shards_of_the_records_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _example(tmp_path)
    open_kb(root, T, on_left_out=None)  # makes the cache
    read: list[int] = []
    shard = RecordCache._shard

    def counting(self: RecordCache, number: int) -> dict[str, tuple[str, Any]]:
        read.append(number)
        return shard(self, number)

    monkeypatch.setattr(RecordCache, "_shard", counting)
    for record_id in _ids(root):
        read.clear()
        kb = open_kb(root, T, lazy=True, on_left_out=None)
        assert all(isinstance(r, CachedRecordFile) for r in kb.files)
        ctx = context(kb, TODAY, T)
        assert read == []  # the screened view and the link index read no shard
        shown = show_record(ctx, record_id)
        printed = {record_id, *(link.id for link in shown.links + shown.backlinks),
                   *(rec["finding"] for rec in shown.recommendations)}
        printed |= {q for p in shown.links if p.kind == "project"
                    for q in ctx.index.neighbours(p.id)}  # a project's themes
        printed |= set(shown.record.get("questions") or [])
        allowed = {shard_of(kb.get(i).rel) for i in printed if kb.get(i) is not None}
        assert set(read) <= allowed, record_id
        assert len(set(read)) < cache_module.SHARDS
        assert shown.as_json() == _show(root, record_id, cache=False)


def test_the_link_index_from_the_cache_is_the_one_read_from_the_records(
    tmp_path: Path
) -> None:
    root = _example(tmp_path)
    finding = root / "data/findings/F-2026-19J9.yaml"
    # Shapes no link is made of: the index must skip them the same way from the cache.
    finding.write_text(finding.read_text(encoding="utf-8")
                       + "relations:\n  - {finding: F-2026-1XXM}\n  - 3\n  - {finding: 7}\n",
                       encoding="utf-8")
    odd = root / "data/findings/F-2026-2K4R.yaml"
    text = odd.read_text(encoding="utf-8")
    odd.write_text(re.sub(r"(?m)^project: .*$", "project: [P-2026-001]", text), encoding="utf-8")
    fresh = build_index(open_kb(root, T, cache=False, on_left_out=None))
    open_kb(root, T, on_left_out=None)
    cached = build_index(open_kb(root, T, lazy=True, on_left_out=None))
    assert cached.edges and cached == fresh


def _edits(text: str) -> list[tuple[str, str]]:
    """One edit of each top-level field that is written on one line: its value changed."""
    out = []
    for match in re.finditer(r"(?m)^([a-z_]+): (\S.*)$", text):
        key, value = match.groups()
        if key == "id":
            continue
        new = value[:-1] + ("1" if value[-1] != "1" else "2")
        out.append((key, text[:match.start(2)] + new + text[match.end(2):]))
    out.append(("removed", text.split("\n", 1)[0] + "\n"))  # every field but the ID gone
    return out


@pytest.mark.parametrize("rel", ["data/questions/Q-2026-001.yaml",
                                 "data/projects/P-2026-001.yaml",
                                 "data/findings/F-2026-7KQ3.yaml"])
def test_every_edit_of_a_field_show_reads_is_seen(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch, rel: str
) -> None:
    """Every one-line field of the record and of its neighbours changed in turn, after a run
    that made the cache: ``show`` of every record agrees with reading every file afresh."""
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)  # the stat alone decides
    path = base_kb / rel
    original = path.read_text(encoding="utf-8")
    ids = _ids(base_kb)
    for key, edited in _edits(original):
        path.write_text(original, encoding="utf-8")
        for record_id in ids:
            _show(base_kb, record_id, cache=True)  # the cache holds the original
        path.write_text(edited, encoding="utf-8")
        for record_id in ids:
            assert _show(base_kb, record_id, cache=True) == \
                _show(base_kb, record_id, cache=False), (rel, key, record_id)


def test_a_new_backlink_and_a_removed_record_are_seen(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    before = _show(base_kb, "Q-2026-002", cache=True)
    finding = base_kb / "data/findings/F-2026-9ZXA.yaml"
    text = finding.read_text(encoding="utf-8")
    extra = base_kb / "data/findings/F-2026-4NEW.yaml"
    extra.write_text(re.sub(r"(?m)^questions: .*$", "questions: [Q-2026-002]",
                            text.replace("F-2026-9ZXA", "F-2026-4NEW")), encoding="utf-8")
    after = _show(base_kb, "Q-2026-002", cache=True)
    assert after == _show(base_kb, "Q-2026-002", cache=False)
    assert "F-2026-4NEW" in [link["id"] for link in after["backlinks"]]
    assert "F-2026-4NEW" not in [link["id"] for link in before["backlinks"]]
    extra.unlink()
    assert _show(base_kb, "Q-2026-002", cache=True) == before


def test_a_shard_gone_after_the_index_was_read_means_the_file_is_read_again(
    tmp_path: Path
) -> None:
    root = _example(tmp_path)
    open_kb(root, T, on_left_out=None)
    kb = open_kb(root, T, lazy=True, on_left_out=None)
    for number in range(cache_module.SHARDS):  # another process cleared the cache meanwhile
        (root / CACHE_DIR / SHARD_FILE.format(number)).unlink(missing_ok=True)
    for record_id in _ids(root):
        shown = show_record(context(kb, TODAY, T), record_id).as_json()
        assert shown == _show(root, record_id, cache=False)


@pytest.mark.parametrize("summary", [(7, ()), ("Q-1", ((["x"], "questions", "questions"),)),
                                     ("Q-1", "not links"), ("Q-1",)])
def test_an_index_whose_links_are_not_links_is_ignored(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch, summary: tuple[Any, ...]
) -> None:
    """A damaged or planted index row cannot put a value of another type into the link index:
    the whole index is ignored and every file read again."""
    import io
    import pickle

    open_kb(base_kb, T, on_left_out=None)
    blob = read_blob(base_kb / CACHE_DIR / CACHE_FILE)
    payload = cache_module._payload(blob, cache_module.MAGIC)
    assert payload is not None
    head, rows = cache_module._SafeUnpickler(io.BytesIO(payload)).load()
    rows = [(*row[:8], summary) for row in rows]
    new = pickle.dumps((head, rows))
    magic = cache_module.MAGIC
    write_blob(base_kb / CACHE_DIR / CACHE_FILE,
        magic + cache_module._HEADER.pack(cache_module.FORMAT, len(new),
                                          __import__("zlib").crc32(new)) + new)
    from veiligestad.store.config import load_config

    assert RecordCache(base_kb, load_config(base_kb, T).max_file_bytes).old == {}
    kb = open_kb(base_kb, T, lazy=True, on_left_out=None)
    assert not any(isinstance(r, CachedRecordFile) for r in kb.files)
    assert show_record(context(kb, TODAY, T), "Q-2026-001").as_json() == \
        _show(base_kb, "Q-2026-001", cache=False)


def test_no_cache_means_no_lazy_record(base_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_kb(base_kb, T, on_left_out=None)
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    kb = open_kb(base_kb, T, lazy=True, on_left_out=None)
    assert kb.cache is None and not any(isinstance(r, CachedRecordFile) for r in kb.files)
    assert os.environ["VEILIGESTAD_NO_CACHE"] == "1"
