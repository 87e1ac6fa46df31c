"""Fixtures shared by the tests of the kept answers (``store/fieldkeys.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from veiligestad.store import cache as cache_module


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example knowledge base, with the cache on and every file settled."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files written before a run are settled
    monkeypatch.delenv("VEILIGESTAD_NO_CACHE", raising=False)
    return root
