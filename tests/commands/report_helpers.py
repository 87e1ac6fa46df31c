"""Helpers shared by the report tests: the example knowledge base, running the command, goldens."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()


def copy_example(target: Path) -> Path:
    """A copy of the example knowledge base of Leiden (config and records) at ``target``."""
    target.mkdir(parents=True)
    shutil.copyfile(REPO / "veiligestad.yaml", target / "veiligestad.yaml")
    shutil.copytree(REPO / "data", target / "data")
    return target


def report(root: Path, *args: str) -> Result:
    """``veiligestad --kb ROOT report ARGS --force`` in-process, from inside ``root``.

    ``--force``: these tests write internal reports inside the (temporary) knowledge base,
    which the tool otherwise refuses (tests/security/test_outputs.py)."""
    from veiligestad.cli.main import app

    old = Path.cwd()
    os.chdir(root)
    try:
        return runner.invoke(app, ["--kb", str(root), "report", *args, "--force"])
    finally:
        os.chdir(old)


def assert_golden(name: str, actual: str) -> None:
    """Compare with ``golden/NAME``; ``VEILIGESTAD_UPDATE_GOLDEN=1`` rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("VEILIGESTAD_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "actual"))
        pytest.fail(f"{name} differs from the golden file (VEILIGESTAD_UPDATE_GOLDEN=1 to "
                    f"accept):\n{diff[:6000]}")
