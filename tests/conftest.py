"""Shared fixtures: knowledge bases in temporary folders, a pinned date, a deterministic CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
REPO = TESTS.parent
TODAY = dt.date(2026, 11, 27)

# Reproducible git: commits made by tests always have the same author and dates.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Student",
    "GIT_AUTHOR_EMAIL": "student@example.invalid",
    "GIT_AUTHOR_DATE": "1795777200 +0100",
    "GIT_COMMITTER_NAME": "Test Coordinator",
    "GIT_COMMITTER_EMAIL": "coordinator@example.invalid",
    "GIT_COMMITTER_DATE": "1795777200 +0100",
}


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("VEILIGESTAD_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("VEILIGESTAD_KB", raising=False)


@pytest.fixture
def base_kb(tmp_path: Path) -> Iterator[Path]:
    """A copy of the small valid knowledge base in ``tests/cases/base``."""
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    yield root


def copy_into(source: Path, root: Path) -> None:
    """Copy the files below ``source/data`` into the knowledge base at ``root``."""
    data = source / "data"
    if not data.is_dir():
        return
    for path in data.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def pin_cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)
