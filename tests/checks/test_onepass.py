"""Reading and checking in one pass (``checks/onepass.py``) finds what reading whole, then
checking, finds: every problem, position and order, the overview, and a cache that holds every
record whole, though the workers never send a record's body back."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checks.test_cases import INVALID, VALID, build
from tests.conftest import CASES, REPO, TODAY
from veiligestad import parallel
from veiligestad.checks.facts import fact_fields, facts_of
from veiligestad.checks.onepass import read_and_check
from veiligestad.commands.validate import CACHED_FILE_RULES, _overview, run_checks, validate
from veiligestad.i18n import Translator
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import RecordCache
from veiligestad.store.config import load_config
from veiligestad.store.kb import open_kb
from veiligestad.store.records import digest, load_file, scan

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())
T = Translator("en")


def _reference(root: Path) -> tuple[list[object], dict[str, dict[str, int]]]:
    """The problems and overview of records read whole, then checked (the path before)."""
    kb = open_kb(root, T, cache=False, every_file=True, on_left_out=None)
    return run_checks(kb, T, TODAY), _overview(kb.files)


def _digest_of(root: Path) -> Callable[[str], str]:
    return lambda rel: digest((root / rel).read_bytes())


def _two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel.map_indices, "__defaults__", (2,))


@pytest.mark.parametrize("case", [*INVALID, *VALID, *HOSTILE],
                         ids=[c.parent.name + "/" + c.name for c in [*INVALID, *VALID, *HOSTILE]])
def test_every_case_gives_what_reading_whole_then_checking_gives(
    case: Path, tmp_path: Path
) -> None:
    root = build(case, tmp_path)
    problems, overview = _reference(root)
    for cache in (False, True):
        found = validate(root, T, TODAY, cache=cache)
        assert found.problems == problems, cache
        assert found.overview == overview
        shutil.rmtree(root / ".veiligestad-cache", ignore_errors=True)


def _mixed(tmp_path: Path) -> Path:
    """Every invalid and hostile case's files in one knowledge base, beside the example's."""
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    for case in [*INVALID, *HOSTILE]:
        data = case / "data"
        for path in data.rglob("*") if data.is_dir() else ():
            if path.is_file():
                target = root / "data" / path.relative_to(data)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return root


def test_workers_give_what_one_process_gives_on_every_case_at_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _mixed(tmp_path)
    problems, overview = _reference(root)
    # the cases' problems (files of the same name overwrite each other), not an empty comparison
    assert len({p.rule for p in problems}) >= 10  # type: ignore[attr-defined]
    _two_workers(monkeypatch)
    for cache in (False, True, True):  # without a cache, writing it, reading it back
        found = validate(root, T, TODAY, cache=cache)
        assert found.problems == problems, cache
        assert found.overview == overview


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_parent_holds_facts_and_the_cache_every_record_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str
) -> None:
    """No record body comes back from a worker; the shards it pickled hold every record whole,
    and a later command reads them from there."""
    root = _mixed(tmp_path)
    _two_workers(monkeypatch)
    monkeypatch.setenv(parallel.ENV_JOBS, jobs)
    config = load_config(root, T)
    fields = fact_fields(config)
    assert fields is not None
    record_cache = RecordCache(root, config.max_file_bytes)
    made = read_and_check(root, T, config, TODAY, [r.ID for r in CACHED_FILE_RULES],
                          record_cache, None)
    assert made is not None
    kb, rows = made
    whole = {r.rel: load_file(root, e, config.max_file_bytes)
             for r, e in zip(kb.files, scan(root), strict=True)}
    assert len(rows) == len(kb.files) and all(r is not None for r in rows)
    for record in kb.files:
        full = whole[record.rel].data
        assert record.data == (facts_of(full, fields[record.kind.name]) if full else full)
        assert record.notes == whole[record.rel].notes
        entry = record_cache.new.get(record.rel)
        if entry is not None:
            assert entry.data is cache_module._UNREAD  # in a shard pickled by its worker
    record_cache.save()
    reread = RecordCache(root, config.max_file_bytes)
    for record in kb.files:
        info = os.lstat(root / record.rel)
        if record.rel in record_cache.new:
            hit = reread.lookup(record.rel, info, _digest_of(root))
            assert hit is not None and hit.data == whole[record.rel].data


def test_a_removed_file_leaves_no_row_in_a_shard_its_workers_made(tmp_path: Path) -> None:
    """Every file changed and one removed: the shards are made by the workers, and the removed
    file's shard (which the cache rewrites for a removal) is theirs, not rebuilt without data."""
    root = _mixed(tmp_path)
    first = validate(root, T, TODAY)
    files = sorted((root / "data").rglob("*.yaml"))
    gone = files[len(files) // 2]
    gone.unlink()
    for path in files:
        if path != gone:
            path.write_bytes(path.read_bytes() + b"\n")
    second = validate(root, T, TODAY)
    assert second.files == first.files - 1
    config = load_config(root, T)
    reread = RecordCache(root, config.max_file_bytes)
    rel = gone.relative_to(root).as_posix()
    assert rel not in reread.old
    entries = list(scan(root))
    kept = [e for e in entries if e.rel in reread.old]
    assert len(kept) > len(entries) // 2
    for entry in kept:
        hit = reread.lookup(entry.rel, os.lstat(root / entry.rel), _digest_of(root))
        assert hit is not None
        assert hit.data == load_file(root, entry, config.max_file_bytes).data
    assert validate(root, T, TODAY).problems == second.problems
