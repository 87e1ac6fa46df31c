"""Helpers for the tests of the writing commands: a copy of the example knowledge base, a
byte-for-byte snapshot of every file, and a validate run that must find no errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO, TODAY
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator


def copy_example(target: Path) -> Path:
    """The example knowledge base of Leiden (config and records) copied to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "veiligestad.yaml", target / "veiligestad.yaml")
    shutil.copytree(REPO / "data", target / "data")
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (outside .git and the tool's own cache) with its bytes."""
    skip = {".git", ".veiligestad-cache"}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not skip & set(p.relative_to(root).parts)}


def assert_valid(root: Path) -> None:
    """The core validator finds no errors in the knowledge base at ``root``."""
    result = validate(root, Translator("en"), TODAY)
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors == [], "\n".join(f"{p.path}:{p.line}: {p.message} [{p.rule}]" for p in errors)
