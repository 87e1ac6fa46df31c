"""Running every reading command in-process over a knowledge base, and telling a crash apart.

Typer's ``CliRunner`` calls the app directly, so a bug shows up as ``result.exception`` (not as
exit code 3, which only ``cli.main.main`` maps it to): both count as a crash here. Each run is
also bounded in time by a SIGALRM on POSIX (a hang fails the test instead of stopping the suite).
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import typer
import typer.testing
from typer.testing import CliRunner

from tests.conftest import CASES
from veiligestad.cli.main import app

# A valid finding, project and question of tests/cases/base, and one of its partners.
BASE_FINDING = "F-2026-7KQ3"
BASE_QUESTION = "Q-2026-001"
PARTNER = "wijkregie"
QUARTER = "2026-Q2"


def commands(out: Path) -> dict[str, list[str]]:
    """Every reading command with each of its output formats, writing files under ``out``."""
    runs: dict[str, list[str]] = {
        "validate-text": ["validate"],
        "validate-json": ["validate", "--format", "json"],
        "validate-github": ["validate", "--format", "github"],
    }
    for fmt in ("table", "json", "jsonl", "csv", "yaml", "ids", "md"):
        runs[f"query-{fmt}"] = ["query", "findings", "--format", fmt]
    runs["query-questions-sorted"] = ["query", "questions", "--sort", "received-",
                                      "--format", "json"]
    runs["query-public"] = ["query", "findings", "--audience", "public", "--format", "json"]
    for fmt, name in (("sqlite", "x.sqlite"), ("csv", "csv"), ("xlsx", "x.xlsx"),
                      ("json", "x.json")):
        runs[f"export-{fmt}"] = ["export", fmt, str(out / name)]
    runs["export-json-public"] = ["export", "json", str(out / "p.json"), "--audience", "public"]
    runs["stats"] = ["stats"]
    runs["gaps"] = ["gaps"]
    runs["show"] = ["show", BASE_FINDING]
    runs["show-json"] = ["show", BASE_FINDING, "--format", "json"]
    runs["show-question"] = ["show", BASE_QUESTION]
    runs["graph"] = ["graph"]
    runs["graph-dot"] = ["graph", "--format", "dot"]
    runs["report-quarterly-md"] = ["report", "quarterly", "--quarter", QUARTER, "--format", "md",
                                   "-o", str(out / "q.md")]
    runs["report-quarterly-public"] = ["report", "quarterly", "--quarter", QUARTER, "--format",
                                       "md", "--audience", "public", "-o", str(out / "qp.md")]
    runs["report-partner-md"] = ["report", "partner", PARTNER, "--quarter", QUARTER,
                                 "--format", "md", "-o", str(out / "p.md")]
    return runs


@dataclass
class Run:
    """What one command did: its exit code, output, and the exception when it crashed."""

    args: list[str]
    exit_code: int
    output: str
    stderr: str
    exception: BaseException | None

    @property
    def crashed(self) -> bool:
        """A bug: an exception other than a clean exit, exit code 3, or a traceback printed."""
        if self.exception is not None and not isinstance(self.exception, SystemExit):
            return True
        return self.exit_code == 3 or "Traceback" in self.output + self.stderr

    def explain(self) -> str:
        import traceback

        tb = "".join(traceback.format_exception(self.exception)) if self.exception else ""
        return (f"veiligestad {' '.join(self.args)} -> {self.exit_code}\n{self.output[-2000:]}\n"
                f"{self.stderr[-2000:]}\n{tb[-4000:]}")


class Hang(Exception):
    """A command ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise ``Hang`` after ``seconds`` (POSIX only; elsewhere no limit)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(root: Path, args: list[str], *, seconds: int = 30, cache: bool = True) -> Run:
    """``veiligestad --kb root ARGS`` in-process, bounded in time."""
    full = ["--kb", str(root), "--lang", "en", *args]
    env = {} if cache else {"VEILIGESTAD_NO_CACHE": "1"}
    runner = CliRunner()
    # The command built once: Typer would build it again (100 ms) for each of thousands of runs.
    with time_limit(seconds), mock.patch.object(typer.testing, "_get_command", _command):
        result = runner.invoke(app, full, env=env, catch_exceptions=True)
    return Run(full, result.exit_code, result.stdout, result.stderr, result.exception)


@functools.cache
def _command(typer_app: typer.Typer) -> Any:
    return typer.main.get_command(typer_app)


def base_copy(tmp_path: Path) -> Path:
    """A fresh copy of the small valid knowledge base."""
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    return root
