"""A reader that goes away (``veiligestad query findings -f yaml | head``) never changes how a
command ends: no traceback, no "Exception ignored", and the exit code the same command gives when
its output is read to the end (``validate`` still says 1 when it found errors).

Every command runs in a real process, as the installed ``veiligestad`` runs it, with standard
output a pipe whose reader closed before the command started: its first write is refused, as on
a terminal where ``head`` has had its lines. The reading commands run both ways they can answer:
through Typer, and from what an earlier run kept (``cli/quick.py``, ``cli/quick_read.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from tests.authoring_helpers import copy_example
from tests.cli.test_main import _all_commands
from tests.conftest import GIT_ENV, TODAY

# Every command, with what it needs to run; {out} is a fresh folder outside the knowledge base.
# A new command needs a line here (test_every_command_is_here says so).
CASES: dict[str, list[list[str]]] = {
    "validate": [["validate"], ["validate", "-f", "json"], ["validate", "-f", "github"],
                 ["validate", "--strict"]],
    "vocab": [["vocab"], ["vocab", "-f", "json"]],
    "query": [["query", "findings"], ["query", "findings", "-f", "yaml"],
              ["query", "findings", "-f", "csv"], ["query", "questions", "-f", "json"],
              ["query", "projects", "-f", "md"], ["query", "findings", "-f", "ids"]],
    "show": [["show", "Q-2026-001"], ["show", "Q-2026-001", "-f", "json"]],
    "graph": [["graph"], ["graph", "-f", "dot"]],
    "gaps": [["gaps"], ["gaps", "-f", "json"]],
    "stats": [["stats"], ["stats", "-f", "json"]],
    "history": [["history", "Q-2026-001"]],
    "changes": [["changes", "--since", "2020-01-01"]],
    "contributors": [["contributors"]],
    "export": [["export", "json", "{out}/kb.json"]],
    "report quarterly": [["report", "quarterly", "--quarter", "2026-Q3", "-o", "{out}/r.md"]],
    "report partner": [["report", "partner", "politie", "--quarter", "2026-Q3", "-o",
                        "{out}/p.md"]],
    "site build": [["site", "build", "--no-search", "-o", "{out}/site"]],
    "schema export": [["schema", "export", "{out}/schemas"]],
    "init": [["init", "{out}/stad", "--city", "Teststad"]],
    "intake question": [["intake", "question", "--no-input", "--title", "Een vraag",
                         "--asked-by", "politie", "--theme", "preventie"]],
    "intake form": [["intake", "form", "{out}/form.xlsx"]],
    "intake import": [["intake", "import", "{out}/missing.csv"]],  # a usage error, on stderr
    "new project": [["new", "project", "--no-input"]],  # what it lacks: a usage error
    "new finding": [["new", "finding", "--no-input", "-p", "P-2026-004", "--title", "t",
                     "--statement", "s", "--type", "policy_input", "--by", "coördinator"]],
    "link": [["link", "P-2026-007", "Q-2026-012", "--no-input"]],
    "unlink": [["unlink", "F-2026-6HGT", "F-2026-RZVD"]],
    "status": [["status", "Q-2026-014", "intake", "--by", "coördinator"]],
    "review": [["review", "--all", "--yes"]],
    "renumber": [["renumber"]],
    "federation status": [["federation", "status"]],
    "federation sync": [["federation", "sync"]],
}
# Commands that only read: also run after a first run, so that they answer from what it kept.
READING = {"validate", "vocab", "query", "show", "graph", "gaps", "stats"}


def test_every_command_is_here() -> None:
    groups = {"federation", "intake", "new", "report", "schema", "site"}
    assert set(_all_commands()) - groups == set(CASES)


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example knowledge base in a git repository of one commit (for history, changes
    and contributors), copied afresh for every run of a command."""
    root = copy_example(tmp_path_factory.mktemp("closed") / "kb")
    repo = git.Repo.init(root)
    repo.git.add(A=True)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Coördinator")
        config.set_value("user", "email", "coordinator@example.org")
    repo.index.commit("De kennisbank", author_date=GIT_ENV["GIT_AUTHOR_DATE"],
                      commit_date=GIT_ENV["GIT_COMMITTER_DATE"])
    return root


def _env(quick: bool) -> dict[str, str]:
    env = {**os.environ, **GIT_ENV, "VEILIGESTAD_TODAY": TODAY.isoformat(), "COLUMNS": "120",
           "NO_COLOR": "1", "TERM": "dumb"}
    # Buffered, as for a user: unbuffered output fails sooner and hides the writes that fail
    # only when the buffer is flushed as the process ends.
    env.pop("PYTHONUNBUFFERED", None)
    env.pop("VEILIGESTAD_KB", None)
    env["VEILIGESTAD_QUICK"] = "1" if quick else "0"
    return env


def _run(root: Path, args: list[str], stdout: int, env: dict[str, str]
         ) -> subprocess.CompletedProcess[bytes]:
    # as the installed program starts (``cli/entry.py`` takes its quick paths only for the
    # program named veiligestad)
    command = [sys.executable, "-c", "import sys; sys.argv[0] = 'veiligestad'; "
               "from veiligestad.cli.entry import main; main()", "--kb", str(root), *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=env,
                          cwd=root, check=False, timeout=300)


def _closed_pipe(root: Path, args: list[str], env: dict[str, str], both: bool
                 ) -> subprocess.CompletedProcess[bytes]:
    """``args`` run with standard output (and, with ``both``, standard error: ``2>&1 |
    head``) a pipe nobody reads any more."""
    reader, writer = os.pipe()
    os.close(reader)
    command = [sys.executable, "-c", "import sys; sys.argv[0] = 'veiligestad'; "
               "from veiligestad.cli.entry import main; main()", "--kb", str(root), *args]
    try:
        return subprocess.run(command, stdout=writer,
                              stderr=writer if both else subprocess.PIPE, env=env, cwd=root,
                              check=False, timeout=300)
    finally:
        os.close(writer)


def _fresh(committed: Path, tmp_path: Path, name: str) -> tuple[Path, Path]:
    root = tmp_path / name / "kb"
    shutil.copytree(committed, root)
    out = tmp_path / name / "out"
    out.mkdir()
    return root, out


RUNS = [(words, args, quick) for words, lines in CASES.items() for args in lines
        for quick in ((False, True) if words in READING else (False,))]


@pytest.mark.parametrize(("words", "args", "quick"), RUNS,
                         ids=[" ".join(a) + (" (kept)" if q else "") for _, a, q in RUNS])
def test_a_reader_that_goes_away(committed: Path, tmp_path: Path, words: str,
                                 args: list[str], quick: bool) -> None:
    env = _env(quick)
    codes = {}
    for way in ("read to the end", "stdout closed", "stdout and stderr closed"):
        root, out = _fresh(committed, tmp_path, way.replace(" ", "-"))
        line = [a.replace("{out}", str(out)) for a in args]
        if quick:  # a first run keeps what the next one answers from
            _run(root, line, subprocess.DEVNULL, env)
        if way == "read to the end":
            printed = tmp_path / "printed.txt"
            with printed.open("wb") as handle:
                done = _run(root, line, handle.fileno(), env)
            if done.returncode in (0, 1):  # what the closed pipe refuses: there is some
                assert printed.stat().st_size > 0, (args, done.stderr.decode())
        else:
            done = _closed_pipe(root, line, env, both=way.startswith("stdout and"))
        stderr = done.stderr.decode("utf-8", "replace") if done.stderr else ""
        for sign in ("Traceback", "Exception ignored", "BrokenPipe", "Broken pipe"):
            assert sign not in stderr, (args, way, stderr)
        codes[way] = done.returncode
    assert codes["read to the end"] in (0, 1, 2), (args, codes)
    assert len(set(codes.values())) == 1, (args, codes)
