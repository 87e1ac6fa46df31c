"""Other cities as real git repositories: a working copy each, pushed to a bare repository on disk.

The home knowledge base is a copy of ``tests/cases/base`` (city Teststad, key ``teststad``); each
other city starts as a copy of it too (so two cities share ``F-2026-7KQ3``), with its own name,
and is published as ``remotes/<key>.git``, which ``federation:`` points at.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.conftest import CASES
from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()


@dataclass
class City:
    """One other city: its working copy, its repository and its remote."""

    key: str
    work: Path
    repo: git.Repo
    bare: Path

    def write(self, rel: str, text: str) -> None:
        path = self.work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def publish(self, message: str, day: str = "2026-07-01", branch: str = "main") -> str:
        """Commit everything and push ``branch``; the new commit's sha."""
        sha = commit_all(self.repo, message, day)
        self.repo.git.push("-q", "origin", f"HEAD:refs/heads/{branch}")
        return sha


@pytest.fixture
def remotes(tmp_path: Path) -> Path:
    folder = tmp_path / "remotes"
    folder.mkdir()
    return folder


def new_city(folder: Path, key: str, name: str | None = None) -> City:
    """A copy of ``tests/cases/base`` named ``name``, published as ``folder/remotes/KEY.git``."""
    work = folder / "work" / key
    shutil.copytree(CASES / "base", work)
    config = work / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "city: Teststad", f"city: {name or key.title()}"), encoding="utf-8")
    repo = init_repo(work)
    bare = folder / "remotes" / f"{key}.git"
    git.Repo.init(bare, bare=True, initial_branch="main", mkdir=True)
    repo.create_remote("origin", str(bare))
    repo.git.push("-q", "origin", "main")
    return City(key, work, repo, bare)


@pytest.fixture
def make_city(tmp_path: Path, remotes: Path) -> Callable[..., City]:
    """A function: ``make_city("utrecht", name="Utrecht")`` publishes a city on ``main``."""

    def make(key: str, name: str | None = None) -> City:
        return new_city(tmp_path, key, name)

    return make


@pytest.fixture
def home(tmp_path: Path) -> Path:
    root = tmp_path / "home"
    shutil.copytree(CASES / "base", root)
    return root


def federate(home: Path, *entries: str) -> None:
    """Append ``federation:`` with these entries (YAML flow mappings) to the home config."""
    config = home / "veiligestad.yaml"
    lines = "".join(f"  - {entry}\n" for entry in entries)
    config.write_text(config.read_text(encoding="utf-8") + "federation:\n" + lines,
                      encoding="utf-8")


def cli(home: Path, *args: str) -> tuple[int, str, str]:
    """Run the command line on the home knowledge base, in English."""
    result = runner.invoke(app, ["--kb", str(home), "--lang", "en", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
