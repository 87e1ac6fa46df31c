"""record-shape speaks the user's words: what a file holds instead of a record is said as a
list, a text, a number … (never Python's ``list``, ``str``, ``int``), and an empty file's hint
names the command that makes a record of its own kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from veiligestad.cli.main import app

runner = CliRunner()
# Python's names of what YAML read ("a date" is the user's word too, so it is not here)
PYTHON_NAMES = ("list", "str", "int", "float", "bool", "datetime", "NoneType")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    return root


def _problem(kb: Path, rel: str, content: str, lang: str) -> str:
    (kb / rel).write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(kb), "--lang", lang, "validate", str(kb / rel)])
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("content", ["- a\n- b\n", "hallo\n", "42\n", "4.5\n", "true\n",
                                     "2026-01-01\n", "'tekst'\n"])
def test_what_a_file_holds_is_said_in_words(kb: Path, lang: str, content: str) -> None:
    out = _problem(kb, "data/findings/F-2026-AAAA.yaml", content, lang)
    message = next(line for line in out.splitlines() if "[record-shape]" in line)
    said = message.split("error", 1)[1]
    for name in PYTHON_NAMES:  # the name right before the comma: Python's, not a word
        assert f" {name}, " not in said, message
    assert "'field: value'" in said or "'veld: waarde'" in said, message


@pytest.mark.parametrize(("folder", "command"), [("questions", "intake question"),
                                                 ("projects", "new project"),
                                                 ("findings", "new finding")])
def test_an_empty_file_is_pointed_to_the_command_of_its_kind(kb: Path, folder: str,
                                                             command: str) -> None:
    rel = {"questions": "data/questions/Q-2026-901.yaml",
           "projects": "data/projects/P-2026-901.yaml",
           "findings": "data/findings/F-2026-AAAA.yaml"}[folder]
    out = _problem(kb, rel, "", "en")
    assert f"veiligestad {command}" in out, out
