"""--lang and --kb work after the command too, and VEILIGESTAD_LANG sets the language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize("args", [
    ["--lang", "en", "show", "Q-2026-099"],
    ["show", "Q-2026-099", "--lang", "en"],
    ["show", "--lang=en", "Q-2026-099"],
    ["new", "project", "--no-input", "--lang", "en"],
])
def test_lang_anywhere(args: list[str], tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), *args])
    assert result.exit_code == 2
    assert result.output.startswith("error:"), result.output


def test_kb_after_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "kb")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["show", "Q-2026-001", "--kb", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Q-2026-001 · question" in result.output


def test_veiligestad_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "kb")
    monkeypatch.setenv("VEILIGESTAD_LANG", "en")
    result = runner.invoke(app, ["--kb", str(root), "show", "Q-2026-099"])
    assert result.output.startswith("error: no record has the ID"), result.output
    monkeypatch.setenv("VEILIGESTAD_LANG", "nl")
    result = runner.invoke(app, ["--kb", str(root), "show", "Q-2026-099", "--lang", "en"])
    assert result.output.startswith("error:"), result.output  # the flag wins


def test_a_commands_own_lang_stays_its_own(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["--kb", str(root), "report", "quarterly", "--quarter",
                                 "2026-Q3", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Quarterly" in out.read_text(encoding="utf-8")
