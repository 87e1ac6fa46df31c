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
from concurrent.futures import ThreadPoolExecutor
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
                     "--statement", "s", "--type", "policy_advice", "--by", "coördinator"]],
    "link": [["link", "P-2026-007", "Q-2026-012", "--no-input"]],
    "unlink": [["unlink", "F-2026-6HGT", "F-2026-RZVD"]],
    "status": [["status", "Q-2026-014", "intake", "--by", "coördinator"]],
    "review": [["review", "--all", "--yes"]],
    "renumber": [["renumber"]],
    "federation status": [["federation", "status"]],
    "federation sync": [["federation", "sync"]],
}
# Commands with a quick path (``cli/quick.py``, ``cli/quick_read.py``): also run after a first
# run, so that they answer from what it kept.
READING = {"validate", "query", "show", "gaps", "stats"}
# What ``cli/entry.py`` answers before anything else (without a knowledge base).
FIRST = [["--version"], ["--help"], ["validate", "--help"], ["query", "--help"]]
# A record that cannot be read: validate exits 1 and the reading commands say on standard error
# that they left it out, so that both streams carry text.
BROKEN = ("data/findings/F-2026-ZZZZ.yaml", "id: F-2026-ZZZZ\ntitle: [niet afgesloten\n")


def test_every_command_is_here() -> None:
    groups = {"federation", "intake", "new", "report", "schema", "site"}
    assert set(_all_commands()) - groups == set(CASES)


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example knowledge base in a git repository of one commit (for history, changes
    and contributors), copied afresh for every run of a command."""
    root = copy_example(tmp_path_factory.mktemp("closed") / "kb")
    (root / BROKEN[0]).write_text(BROKEN[1], encoding="utf-8")
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


def _command(root: Path, args: list[str]) -> list[str]:
    """As the installed program starts: ``cli/entry.py`` takes its quick paths only for the
    program named veiligestad, and answers ``--help`` and ``--version`` only when they are all
    there is (so those run without ``--kb``)."""
    kb = [] if args in FIRST else ["--kb", str(root)]
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'veiligestad'; "
            "from veiligestad.cli.entry import main; main()", *kb, *args]


def _run(root: Path, args: list[str], stdout: int, env: dict[str, str]
         ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(_command(root, args), stdout=stdout, stderr=subprocess.PIPE, env=env,
                          cwd=root, check=False, timeout=300)


def _closed_pipe(root: Path, args: list[str], env: dict[str, str], both: bool
                 ) -> subprocess.CompletedProcess[bytes]:
    """``args`` run with standard output (and, with ``both``, standard error: ``2>&1 |
    head``) a pipe nobody reads any more."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(_command(root, args), stdout=writer,
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
        for quick in ((False, True) if words in READING else (False,))] + [
    ("first", args, False) for args in FIRST]


@pytest.mark.parametrize(("words", "args", "quick"), RUNS,
                         ids=[" ".join(a) + (" (kept)" if q else "") for _, a, q in RUNS])
def test_a_reader_that_goes_away(committed: Path, tmp_path: Path, words: str,
                                 args: list[str], quick: bool) -> None:
    env = _env(quick)

    def one_way(way: str) -> tuple[int, str, int | None]:
        """The exit code, standard error and (read to the end) the size of the output."""
        root, out = _fresh(committed, tmp_path, way.replace(" ", "-"))
        line = [a.replace("{out}", str(out)) for a in args]
        if quick:  # a first run keeps what the next one answers from
            _run(root, line, subprocess.DEVNULL, env)
        size = None
        if way == "read to the end":
            printed = tmp_path / "printed.txt"
            with printed.open("wb") as handle:
                done = _run(root, line, handle.fileno(), env)
            size = printed.stat().st_size
        else:
            done = _closed_pipe(root, line, env, both=way.startswith("stdout and"))
        return done.returncode, (done.stderr or b"").decode("utf-8", "replace"), size

    ways = ("read to the end", "stdout closed", "stdout and stderr closed")
    with ThreadPoolExecutor(len(ways)) as pool:  # each way in its own copy, side by side
        found = dict(zip(ways, pool.map(one_way, ways), strict=True))
    for way, (_code, stderr, _size) in found.items():
        for sign in ("Traceback", "Exception ignored", "BrokenPipe", "Broken pipe"):
            assert sign not in stderr, (args, way, stderr)
    code, stderr, size = found["read to the end"]
    assert code in (0, 1, 2), (args, code, stderr)
    if code in (0, 1):  # what the closed pipe refuses: there is some
        assert size, (args, stderr)
    codes = {way: done[0] for way, done in found.items()}
    assert len(set(codes.values())) == 1, (args, codes)


def _asked(root: Path, args: list[str], answers: str) -> subprocess.CompletedProcess[bytes]:
    """``args`` asking its questions, ``answers`` waiting on standard input, into a pipe
    nobody reads any more."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(_command(root, args), stdout=writer, stderr=subprocess.PIPE,
                              input=answers.encode(), env=_env(False), cwd=root, check=False,
                              timeout=120)
    finally:
        os.close(writer)


def test_a_question_nobody_can_read_is_not_answered_blind(committed: Path,
                                                          tmp_path: Path) -> None:
    """The answers are there to be read, but nobody sees the questions: the command ends as at
    the end of its input (exit 2, nothing written), rather than take answers typed blind."""
    from tests.authoring_helpers import snapshot

    root, _ = _fresh(committed, tmp_path, "new")
    before = snapshot(root)
    # what is not given is asked; empty answers would take every default and write the record
    done = _asked(root, ["new", "finding", "-p", "P-2026-004", "--title", "t", "--statement",
                         "s", "--type", "policy_advice", "--by", "coördinator"], "\n" * 60)
    assert done.returncode == 2, done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    assert snapshot(root) == before


def test_a_confirmation_nobody_can_read_is_not_given(committed: Path, tmp_path: Path) -> None:
    """``link`` offers to move a ready question to matched (yes by default): a "y" waiting on
    standard input is not taken as the answer to a question nobody saw."""
    root, _ = _fresh(committed, tmp_path, "link")
    question = root / "data" / "questions" / "Q-2026-012.yaml"
    assert "\nstatus: ready\n" in question.read_text(encoding="utf-8")
    done = _asked(root, ["link", "P-2026-007", "Q-2026-012"], "y\n")
    assert done.returncode == 0, done.stderr.decode()
    assert "\nstatus: ready\n" in question.read_text(encoding="utf-8")
    assert "Q-2026-012" in (root / "data" / "projects" / "P-2026-007.yaml").read_text(
        encoding="utf-8")
