"""Every command, every path-like argument, pointed at what a user gets wrong: a missing folder,
a file where a folder is expected, a folder where a file is expected, a place nobody may write.
Never an internal error (exit code 3): a clear message and exit code 2 (or the command works).

The commands and their path parameters are read from the Typer app itself, so a new command or a
new path option is covered, or this test says what it needs to know about it.
"""

from __future__ import annotations

import pathlib
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()

# How to run each command with its required values; {name} is a path parameter. A new command
# needs a line here (test_every_command_is_known says so).
BASE: dict[str, list[str]] = {
    "init": ["init", "{directory}", "--city", "Teststad"],
    "validate": ["validate", "{paths}"],
    "vocab": ["vocab"],
    "link": ["link", "P-2026-007", "Q-2026-012", "--no-input"],
    "status": ["status", "Q-2026-014", "intake"],
    "unlink": ["unlink", "F-2026-6HGT", "F-2026-RZVD"],
    "query": ["query", "questions"],
    "show": ["show", "Q-2026-001"],
    "graph": ["graph"],
    "gaps": ["gaps"],
    "stats": ["stats"],
    "export": ["export", "json", "{path}"],
    "changes": ["changes", "--since", "2026-01-01"],
    "contributors": ["contributors"],
    "history": ["history", "Q-2026-001"],
    "review": ["review", "--all"],
    "renumber": ["renumber"],
    "federation sync": ["federation", "sync"],
    "site build": ["site", "build", "--no-search", "-o", "{output}"],
    "federation status": ["federation", "status"],
    "intake question": ["intake", "question", "--no-input", "--title", "x", "--asked-by",
                        "politie", "--theme", "preventie", "--answers", "{answers_file}"],
    "intake import": ["intake", "import", "{file}"],
    "intake form": ["intake", "form", "{file}"],
    "new project": ["new", "project", "--no-input", "--answers", "{answers_file}"],
    "new finding": ["new", "finding", "--no-input", "--answers", "{answers_file}"],
    "schema export": ["schema", "export", "{directory}"],
    "report quarterly": ["report", "quarterly", "--quarter", "2026-Q3", "-o", "{output}"],
    "report partner": ["report", "partner", "politie", "--quarter", "2026-Q3", "-o",
                       "{output}"],
}
# The file name a path parameter is given (its suffix decides what some commands do).
SUFFIX = {"file": ".csv", "output": ".md", "path": ".json", "answers_file": ".yaml"}


def _walk(typer_app: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for command in typer_app.registered_commands:
        yield f"{prefix} {command.name or command.callback.__name__}".strip(), command.callback
    for group in typer_app.registered_groups:
        yield from _walk(group.typer_instance, f"{prefix} {group.name}".strip())


def _path_parameters(function: Any) -> list[str]:
    found = []
    for name, hint in typing.get_type_hints(function, include_extras=True).items():
        base = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
        inner = [base, *typing.get_args(base)]
        inner += [a for b in inner for a in typing.get_args(b)]
        if pathlib.Path in inner:
            found.append(name)
    return found


COMMANDS = {words: _path_parameters(callback) for words, callback in _walk(app, "")}


def test_every_command_is_known() -> None:
    assert set(COMMANDS) == set(BASE)
    for words, names in COMMANDS.items():
        for name in names:
            assert f"{{{name}}}" in BASE[words], f"{words}: how is {name} given?"


def _bad_places(tmp_path: Path, name: str) -> dict[str, Path]:
    suffix = SUFFIX.get(name, "")
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    a_folder = tmp_path / f"a-folder{suffix}"
    a_folder.mkdir()
    places = {
        "missing folder": tmp_path / "missing" / "deeper" / f"x{suffix}",
        "file as folder": a_file / f"x{suffix}",
        "folder as file": a_folder,
        "file for folder": a_file,
    }
    if sys.platform.startswith("linux"):
        places["not writable"] = Path("/proc/x")
    return places


CASES = [(words, name) for words, names in COMMANDS.items() for name in names]


@pytest.mark.parametrize(("words", "name"), CASES, ids=[f"{w}:{n}" for w, n in CASES])
def test_path_arguments_never_crash(words: str, name: str, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    for what, place in _bad_places(tmp_path, name).items():
        args = [str(place) if a == f"{{{name}}}" else a for a in BASE[words]]
        result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args])
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"{words} {name} = {what}: {result.exception!r}\n{result.output}"
        assert result.exit_code in (0, 1, 2), (what, result.exit_code, result.output)
        if result.exit_code == 2:
            assert "error" in result.output, (what, result.output)


@pytest.mark.parametrize("words", sorted(BASE))
def test_a_knowledge_base_that_is_not_one(words: str, tmp_path: Path) -> None:
    places = _bad_places(tmp_path, "kb")
    for what, place in places.items():
        args = [str(tmp_path / f"p{SUFFIX.get(n, '')}") if a.startswith("{") else a
                for a in BASE[words] for n in [a.strip("{}")]]
        result = runner.invoke(app, ["--kb", str(place), "--lang", "en", *args])
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"--kb = {what}: {result.exception!r}\n{result.output}"
        if words != "init":  # init makes a new knowledge base and ignores --kb
            assert result.exit_code == 2, (what, result.output)
