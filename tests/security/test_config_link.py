"""A symbolically linked ``veiligestad.yaml`` is refused, like a linked record: a pull request
that swaps the config for a link to a secret file gets nothing of that file printed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CASES
from veiligestad.cli.main import app

SECRET = "SECRETKEY-5f2b"
COMMANDS = [["validate"], ["query", "questions"], ["stats"], ["vocab"], ["gaps"],
            ["validate", "--format", "github"]]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
@pytest.mark.parametrize("target", ["secret", "valid config"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_a_linked_config_is_refused_and_its_target_never_shown(
        tmp_path: Path, args: list[str], target: str) -> None:
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    if target == "secret":
        linked = tmp_path / "secret.yaml"
        linked.write_text(f"{SECRET}: 1\napi_token_{SECRET}: x\n", encoding="utf-8")
    else:
        linked = tmp_path / "elsewhere.yaml"
        shutil.copyfile(root / "veiligestad.yaml", linked)
    (root / "veiligestad.yaml").unlink()
    (root / "veiligestad.yaml").symlink_to(linked)
    result = CliRunner().invoke(app, ["--kb", str(root), "--lang", "en", *args])
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output
    assert "symbolic link" in result.output
