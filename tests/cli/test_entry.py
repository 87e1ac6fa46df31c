"""The quick front door: ``--help`` and ``--version`` without Typer, and the same words as Typer."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pytest

from veiligestad import __version__
from veiligestad.cli import help_text
from veiligestad.cli.reference import PRE_RENDERED, top_help

_RUN = ("import sys; sys.argv = ['/usr/bin/veiligestad', *sys.argv[1:]]\n"
        "from veiligestad.cli.entry import main\n"
        "try:\n    main()\nfinally:\n"
        "    print('typer loaded' if 'typer' in sys.modules else 'no typer', file=sys.stderr)\n")


def _entry(*args: str, columns: str = "80") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True,
                          env=env, check=False)


@pytest.mark.parametrize("command", ["", *PRE_RENDERED])
def test_the_pre_rendered_help_is_current(command: str) -> None:
    fresh = top_help(command) if command else top_help()
    kept = help_text.COMMAND_HELP[command] if command else help_text.TOP_HELP
    if fresh != kept:
        diff = "".join(difflib.unified_diff(kept.splitlines(True), fresh.splitlines(True),
                                            "cli/help_text.py", "Typer"))
        pytest.fail("cli/help_text.py is out of date; run python -m veiligestad.cli.reference "
                    f"docs\n{diff}")


def test_exactly_the_listed_commands_are_pre_rendered() -> None:
    assert set(help_text.COMMAND_HELP) == set(PRE_RENDERED)


@pytest.mark.parametrize("command", PRE_RENDERED)
@pytest.mark.parametrize("columns", ["80", "132"])
def test_a_command_s_help_comes_without_typer_and_says_what_typer_says(
    command: str, columns: str
) -> None:
    result = _entry(command, "--help", columns=columns)
    assert result.returncode == 0
    assert result.stdout == help_text.COMMAND_HELP[command]
    assert "no typer" in result.stderr
    # What Typer itself prints at that width, in a process of its own.
    typer_run = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['veiligestad', *sys.argv[1:]]\n"
         "from veiligestad.cli.main import main\nmain()", command, "-h"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": columns}, check=False)
    assert typer_run.stdout == result.stdout


def test_a_command_s_help_on_a_narrow_terminal_or_with_more_words_goes_to_typer() -> None:
    narrow = _entry("validate", "--help", columns="60")
    assert narrow.returncode == 0 and "typer loaded" in narrow.stderr
    more = _entry("validate", "--strict", "--help")
    assert more.returncode == 0 and "typer loaded" in more.stderr
    assert "Usage: veiligestad validate" in more.stdout


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_comes_without_typer_and_says_what_typer_says(flag: str) -> None:
    result = _entry(flag, columns="132")
    assert result.returncode == 0
    assert result.stdout == help_text.TOP_HELP
    assert "no typer" in result.stderr


def test_a_narrow_terminal_gets_typer_s_own_layout() -> None:
    result = _entry("--help", columns="60")
    assert result.returncode == 0
    assert "typer loaded" in result.stderr
    assert result.stdout != help_text.TOP_HELP and "Usage: veiligestad" in result.stdout


def test_version_and_everything_else() -> None:
    version = _entry("--version")
    assert version.stdout == f"veiligestad {__version__}\n" and "no typer" in version.stderr
    sub = _entry("vocab", "--help")
    assert sub.returncode == 0 and "Usage: veiligestad vocab" in sub.stdout
    assert "typer loaded" in sub.stderr
