"""A reading command after a small edit leaves the cache's index as it is (``store/kb.py``,
``SMALL_EDIT``): it parses the edited files, answers as a run without a cache does, and leaves
rewriting the index to a run that parsed more, or met a racy file. And the record files' entries
are made without importing a YAML reader."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, TODAY
from veiligestad.commands.show import show_record
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store import cache as cache_module
from veiligestad.store import kb as kb_module
from veiligestad.store.cache import CACHE_DIR, CACHE_FILE
from veiligestad.store.kb import open_kb
from veiligestad.store.loader import CachedRecordFile

T = Translator("en")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    open_kb(root, T, on_left_out=None)  # makes the cache
    return root


def _index(root: Path) -> bytes:
    return (root / CACHE_DIR / CACHE_FILE).read_bytes()


def _retitle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (revised)", text, count=1),
                    encoding="utf-8")


def _everything(root: Path, *, cache: bool) -> dict[str, Any]:
    """What ``show`` gives of a record of each kind and of every finding (the edited kind)."""
    kb = open_kb(root, T, cache=cache, lazy=cache, on_left_out=None)
    qctx = context(kb, TODAY, T)
    shown = [rid for rid in sorted(kb.by_id) if rid.startswith("F-")] + \
        [min(rid for rid in kb.by_id if rid.startswith(p)) for p in ("Q-", "P-")]
    return {rid: show_record(qctx, rid).as_json() for rid in shown}


def test_a_reading_after_a_small_edit_leaves_the_index_and_answers_as_without_a_cache(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)  # the stat alone decides
    before = _index(root)
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    _retitle(finding)
    for _ in range(2):  # the next run parses the edited file again, with the same answer
        assert _everything(root, cache=True) == _everything(root, cache=False)
        assert _index(root) == before
    kb = open_kb(root, T, lazy=True, on_left_out=None)
    fresh = [r.rel for r in kb.files if not isinstance(r, CachedRecordFile)]
    assert fresh == [finding.relative_to(root).as_posix()]


def test_a_reading_that_parsed_more_than_a_few_files_writes_the_index(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    monkeypatch.setattr(kb_module, "SMALL_EDIT", 1)
    before = _index(root)
    for path in sorted((root / "data/findings").glob("*.yaml"))[:2]:
        _retitle(path)
    assert _everything(root, cache=True) == _everything(root, cache=False)
    assert _index(root) != before
    kb = open_kb(root, T, lazy=True, on_left_out=None)
    assert all(isinstance(r, CachedRecordFile) for r in kb.files if r.has_data)


def test_a_racy_file_means_the_index_is_written(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file proved unchanged by its bytes (its stat is racy) is read on every run until the
    index is written again: so a reading that met one writes it, edit or no edit."""
    monkeypatch.setattr(cache_module, "RACY_NS", 10**18)  # every file is racy
    _retitle(sorted((root / "data/projects").glob("*.yaml"))[0])
    before = _index(root)
    assert _everything(root, cache=True) == _everything(root, cache=False)
    assert _index(root) != before


def test_an_unreadable_index_is_written_whatever_was_parsed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    (root / CACHE_DIR / CACHE_FILE).write_bytes(b"damaged")
    assert _everything(root, cache=True) == _everything(root, cache=False)
    kb = open_kb(root, T, lazy=True, on_left_out=None)
    assert all(isinstance(r, CachedRecordFile) for r in kb.files if r.has_data)


def test_record_entries_are_made_without_a_yaml_reader(root: Path) -> None:
    """The scan and the listing of a knowledge base import neither PyYAML nor ``yaml-rs``: a
    reading command that finds every file in the cache parses nothing, and pays for neither."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from veiligestad.store.records import FileEntry, scan\n"
        "from veiligestad.store.unchanged import Listing\n"
        f"root = Path({str(root)!r})\n"
        "assert len(list(scan(root))) == len(Listing.of(root).entries) > 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'yaml_rs')\n"
        "             or m in ('veiligestad.store.fastread', 'veiligestad.store.yamlread')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
