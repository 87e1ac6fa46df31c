"""The quick front door: ``--help`` and ``--version`` without Typer, and the same words as Typer."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pytest

from veiligestad import __version__
from veiligestad.cli import help_text
from veiligestad.cli.reference import top_help

_RUN = ("import sys; sys.argv = ['/usr/bin/veiligestad', *sys.argv[1:]]\n"
        "from veiligestad.cli.entry import main\n"
        "try:\n    main()\nfinally:\n"
        "    print('typer loaded' if 'typer' in sys.modules else 'no typer', file=sys.stderr)\n")


def _entry(*args: str, columns: str = "80") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True,
                          env=env, check=False)


def test_the_pre_rendered_help_is_current() -> None:
    fresh = top_help()
    if fresh != help_text.TOP_HELP:
        diff = "".join(difflib.unified_diff(help_text.TOP_HELP.splitlines(True),
                                            fresh.splitlines(True), "cli/help_text.py", "Typer"))
        pytest.fail("cli/help_text.py is out of date; run python -m veiligestad.cli.reference "
                    f"docs\n{diff}")


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
