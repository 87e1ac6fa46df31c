"""A refused ``new``/``intake question`` names the option that gives each missing field, and
that option exists on the command that asked (for every required field of every kind)."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from veiligestad.cli.main import app
from veiligestad.commands.authoring import FINDING_ASKS, PROJECT_ASKS, QUESTION_ASKS, option_name
from veiligestad.model.kinds import FINDING, PROJECT, QUESTION

CASES = [(("intake", "question"), QUESTION, QUESTION_ASKS), (("new", "project"), PROJECT,
                                                            PROJECT_ASKS),
         (("new", "finding"), FINDING, FINDING_ASKS)]


def _options(path: tuple[str, ...]) -> set[str]:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # a group's subcommands, by name
    return {opt for param in command.params for opt in getattr(param, "opts", [])}


@pytest.mark.parametrize(("path", "kind", "asks"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_every_asked_field_has_the_option_its_message_names(path: tuple[str, ...], kind: Any,
                                                            asks: Any) -> None:
    options = _options(path)
    for ask in asks:
        if not ask.required:  # only a required field is named in a refusal
            continue
        assert option_name(kind, ask.name) in options, (path, ask.name)


def test_the_refusal_names_the_missing_options(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from tests.authoring_helpers import copy_example

    root = copy_example(tmp_path / "kb")
    result = CliRunner().invoke(app, ["--kb", str(root), "--lang", "en", "new", "finding",
                                      "--project", "P-2025-003", "--no-input", "--title", "x",
                                      "--statement", "y"])
    assert result.exit_code == 2, result.output
    assert "questions is required (give --question)" in result.stderr
    assert "type is required (give --type)" in result.stderr
