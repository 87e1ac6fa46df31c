"""The main commands as a Windows laptop runs them, simulated: no POSIX-only calls, cp1252 output,
and no git program.

Each command runs as a real process (``python -m veiligestad``) so that the interpreter starts the
way a user's does: a ``sitecustomize.py`` on ``PYTHONPATH`` removes ``os.getloadavg``,
``os.fchmod`` and ``os.fork`` (absent on Windows) before the tool is imported, and
``PYTHONIOENCODING=cp1252`` gives stdout and stderr Windows' usual console and pipe encoding,
which has no "→" or "↔". A command may succeed or report problems (exit 0, 1 or 2); it may never
end as a bug (exit 3) or print a traceback. The tool's own repository also runs the whole suite on
real Windows and macOS (.github/workflows/tests.yml).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands.report_helpers import copy_example
from tests.gitkb import commit_all, init_repo

SITECUSTOMIZE = """\
import os
for _name in ("getloadavg", "fchmod", "fork"):
    if hasattr(os, _name):
        delattr(os, _name)
"""

# (arguments, whether the command writes files). Paths are relative to the knowledge base.
COMMANDS: list[tuple[tuple[str, ...], bool]] = [
    (("validate",), False),
    (("show", "P-2026-001"), False),   # its links are drawn with "→"
    (("gaps",), False),                # "·" and "—", which cp1252 has, and "→"
    (("query", "finding", "--sort", "reported"), False),
    (("stats",), False),
    (("history", "Q-2026-001"), False),
    (("graph", "P-2026-001"), False),
    (("status", "Q-2026-014", "intake"), True),
    # internal output inside a knowledge base in git needs --force (store/outputs.py)
    (("report", "quarterly", "--quarter", "2026-Q3", "-o", "rapport.md", "--force"), True),
    (("export", "csv", "export", "--force"), True),
    (("init", "../nieuwe-stad", "--city", "Proefstad"), False),  # beside the knowledge base
]


@pytest.fixture(scope="module")
def windows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("windows")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "leiden")
    commit_all(init_repo(root), "Kennisbank van Leiden")
    return root


def _run(root: Path, args: tuple[str, ...], **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "VEILIGESTAD_LANG": "en", **env}
    return subprocess.run([sys.executable, "-m", "veiligestad", "--lang", "en", *args],
                          cwd=root, env=environment, capture_output=True, timeout=120)


def _assert_no_bug(result: subprocess.CompletedProcess[bytes]) -> str:
    out = result.stdout.decode("cp1252", errors="strict")
    err = result.stderr.decode("cp1252", errors="strict")
    assert result.returncode in (0, 1, 2), out + err
    assert "Traceback" not in err and "internal error" not in err, err
    assert out.strip() or err.strip()
    return out


@pytest.mark.parametrize("args, writes", COMMANDS, ids=[" ".join(a[:2]) for a, _ in COMMANDS])
def test_a_cp1252_console_never_fails_on_arrows(kb: Path, args: tuple[str, ...],
                                                writes: bool) -> None:
    out = _assert_no_bug(_run(kb, args, PYTHONIOENCODING="cp1252"))
    if args[0] == "show":  # the arrows were there, and were replaced rather than failing
        utf8 = _run(kb, args, PYTHONIOENCODING="utf-8").stdout.decode("utf-8")
        assert "→" in utf8 and "→" not in out and "?" in out


@pytest.mark.parametrize("args, writes", [
    pytest.param(args, writes, id=" ".join(args[:2])) for args, writes in COMMANDS])
def test_the_main_commands_run_without_posix_only_functions(
        kb: Path, windows: Path, args: tuple[str, ...], writes: bool) -> None:
    before = _files(kb)
    result = _run(kb, args, PYTHONIOENCODING="cp1252", PYTHONPATH=str(windows) if windows else "")
    _assert_no_bug(result)
    assert result.returncode == 0, result.stderr.decode("cp1252")
    assert (_files(kb) != before) is writes
    if args[0] == "init":
        assert (kb.parent / "nieuwe-stad/veiligestad.yaml").is_file()


def _files(root: Path) -> dict[Path, bytes]:
    """The knowledge base's files and their bytes (not git's, not the record cache)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()
            and not {".git", ".veiligestad-cache"} & set(p.relative_to(root).parts)}


def test_the_simulation_really_removes_the_functions(kb: Path, windows: Path) -> None:
    code = "import os; print(hasattr(os, 'getloadavg'), hasattr(os, 'fchmod'), " \
           "hasattr(os, 'fork'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(windows)}, check=True)
    assert result.stdout.split() == ["False", "False", "False"]


# --- no git program on the PATH (a Windows laptop without Git for Windows) -----------------------

@pytest.fixture
def no_git(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    return {"PATH": str(empty), "GIT_PYTHON_GIT_EXECUTABLE": ""}


def test_init_without_git_says_so_and_writes_nothing(tmp_path: Path,
                                                     no_git: dict[str, str]) -> None:
    result = _run(tmp_path, ("init", "kb", "--city", "Proefstad"), **no_git)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "git is needed for veiligestad init (nothing was written)" in err
    assert "Git for Windows" in err
    assert not (tmp_path / "kb").exists()


def test_a_report_from_a_folder_outside_git_works_without_git(tmp_path: Path,
                                                              no_git: dict[str, str]) -> None:
    root = copy_example(tmp_path / "leiden")  # not a repository
    result = _run(root, ("report", "quarterly", "--quarter", "2026-Q3", "-o", "r.md"), **no_git)
    assert result.returncode == 0, result.stderr.decode()
    assert "Knowledge base: not in git" in (root / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [("history", "Q-2026-001"),
                                  ("validate", "--changed-since", "main")])
def test_history_without_git_says_git_is_needed(kb: Path, no_git: dict[str, str],
                                                args: tuple[str, ...]) -> None:
    result = _run(kb, args, **no_git)
    assert result.returncode == 2, result.stderr.decode()
    assert "git is needed for" in result.stderr.decode()


def test_commit_without_git_says_git_is_needed(kb: Path, no_git: dict[str, str]) -> None:
    result = _run(kb, ("status", "P-2026-006", "running", "--commit"), **no_git)
    assert result.returncode == 2, result.stderr.decode()
    assert "git is needed for --commit" in result.stderr.decode()


# --- the tool's own CI on Windows, macOS and Linux ---------------------------------------------

def test_the_os_matrix_runs_the_readme_s_test_command_everywhere() -> None:
    import tomllib

    import yaml

    from tests.conftest import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/tests.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["tests"]
    matrix = job["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    assert job["strategy"]["fail-fast"] is False
    minimum = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["requires-python"]
    assert minimum == f">={matrix['python'][0]}"
    runs = "\n".join(str(step.get("run", "")) for step in job["steps"])
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -q -e '.[dev]'" in runs and "pip install -q -e '.[dev]'" in readme
    assert '"$BIN/python" -m pytest -q' in runs
    # CI=true there too: missing system tools may skip only because the job says so
    assert job["env"]["VEILIGESTAD_TOOLS_OPTIONAL"] == "1"


def test_every_file_the_tool_opens_with_os_open_is_opened_as_bytes_on_windows() -> None:
    """On Windows a file opened by ``os.open`` without ``O_BINARY`` is read as text: CR LF
    becomes LF and reading stops at a Ctrl-Z byte, so a record holding one would be cut short
    and the rest never validated or published. Every ``os.open`` of a file in the tool names
    the flag (a folder, opened with ``O_DIRECTORY``, is never read)."""
    import ast

    from tests.conftest import REPO

    missing = []
    for path in sorted((REPO / "src" / "veiligestad").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "os.open":
                flags = ast.unparse(node.args[1]) if len(node.args) > 1 else ""
                if flags and flags.isidentifier():  # a variable: its assignment holds them
                    flags = path.read_text(encoding="utf-8")
                if "O_DIRECTORY" not in flags and "O_BINARY" not in flags:
                    missing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not missing, missing
