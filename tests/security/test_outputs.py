"""No command writes an output over the knowledge base: one guard (``store/outputs.py``) for all.

Every command that writes a file or folder is run with targets that must be refused (a record,
the config, ``.git/config``, the knowledge base's own folder, spelled with ``..`` or through a
linked folder) and with targets that are fine; a refusal is exit code 2 and changes nothing.
Internal output inside the knowledge base needs ``--force``; public output does not. Written
files are 0644 when public, 0600 when internal.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()

# name: (arguments for a target path, writes a folder, takes --audience and --force)
WRITERS: dict[str, tuple[Callable[[str], list[str]], bool, bool]] = {
    "report md": (lambda p: ["report", "quarterly", "-q", "2026-Q3", "-o", p], False, True),
    "report html": (lambda p: ["report", "quarterly", "-q", "2026-Q3", "-f", "html", "-o", p],
                    False, True),
    "report partner": (lambda p: ["report", "partner", "politie", "-q", "2026-Q3", "-o", p],
                       False, True),
    "export json": (lambda p: ["export", "json", p], False, True),
    "export sqlite": (lambda p: ["export", "sqlite", p], False, True),
    "export xlsx": (lambda p: ["export", "xlsx", p], False, True),
    "export csv": (lambda p: ["export", "csv", p], True, True),
    "schema export": (lambda p: ["schema", "export", p], True, False),
    "intake form": (lambda p: ["intake", "form", p], False, False),
    "site build": (lambda p: ["site", "build", "-o", p, "--no-search"], True, False),
}

# Targets no command may write to, with --force or without.
NEVER = {
    "record": "data/questions/Q-2026-001.yaml",
    "record by ..": "reports/../data/questions/Q-2026-001.yaml",
    "record through a link": "linked/Q-2026-001.yaml",
    "records folder": "data/questions",
    "data": "data",
    "config": "veiligestad.yaml",
    "git config": ".git/config",
    "git folder": ".git",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("outputs") / "kb")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add(all=True)
    repo.index.commit("Kennisbank")
    (root / "reports").mkdir()
    (root / "linked").symlink_to(root / "data" / "questions", target_is_directory=True)
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()
            and ".veiligestad-cache" not in p.relative_to(root).parts}


def _run(root: Path, args: list[str]) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(root)
    try:
        result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args])
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


FOLDERS = ("records folder", "data", "git folder")  # targets only a folder output can name
WRITER_TARGETS = [(w, n) for w in sorted(WRITERS) for n in sorted(NEVER)
         if WRITERS[w][1] or n not in FOLDERS]


@pytest.mark.parametrize(("writer", "target"), WRITER_TARGETS)
def test_no_command_writes_over_records_config_or_git(example: Path, writer: str,
                                                      target: str) -> None:
    args, _, takes_force = WRITERS[writer]
    before = _tree(example)
    for force in ([False, True] if takes_force else [False]):
        code, output = _run(example, args(NEVER[target]) + (["--force"] if force else []))
        assert code == 2, output
        assert "error:" in output and ("data/" in output or ".git/" in output
                                       or "config" in output), output
    assert _tree(example) == before


@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if WRITERS[w][2]))
def test_internal_output_inside_the_knowledge_base_needs_force(
        example: Path, tmp_path: Path, writer: str) -> None:
    args, folder, _ = WRITERS[writer]
    name = f"intern-{writer.replace(' ', '-')}" + ("" if folder else ".out")
    before = _tree(example)
    code, output = _run(example, args(f"reports/{name}"))
    assert code == 2 and "inside the knowledge base's folder" in output, output
    if folder:
        code, output = _run(example, args("."))
        assert code == 2, output
    assert _tree(example) == before
    code, output = _run(example, [*args(f"reports/{name}"), "--force"])
    assert code == 0, output
    # outside the knowledge base no --force is needed
    code, output = _run(example, args(str(tmp_path / name)))
    assert code == 0, output


@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if WRITERS[w][2]))
def test_public_output_may_go_inside_the_knowledge_base(example: Path, writer: str) -> None:
    args, folder, _ = WRITERS[writer]
    name = f"public-{writer.replace(' ', '-')}" + ("" if folder else ".out")
    code, output = _run(example, [*args(f"reports/{name}"), "--audience", "public"])
    assert code == 0, output


def test_schemas_go_to_their_own_folder(example: Path) -> None:
    code, output = _run(example, ["schema", "export"])
    assert code == 0, output
    code, output = _run(example, ["schema", "export", "templates/x"])
    assert code == 2 and "templates/" in output, output


def _modes(path: Path) -> set[int]:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    assert files
    return {stat.S_IMODE(p.stat().st_mode) for p in files}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if WRITERS[w][2]))
def test_internal_output_is_for_its_owner_and_public_output_for_all(
        example: Path, tmp_path: Path, writer: str) -> None:
    args, folder, _ = WRITERS[writer]
    old = os.umask(0o022)
    try:
        for audience, mode in (("internal", 0o600), ("public", 0o644)):
            out = tmp_path / audience
            out.mkdir()
            target = out / ("o" if folder else "o.out")
            code, output = _run(example, [*args(str(target)), "--audience", audience])
            assert code == 0, output
            assert _modes(out) == {mode}, (audience, writer)
    finally:
        os.umask(old)


@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if WRITERS[w][2]))
def test_internal_output_in_a_folder_git_ignores_needs_no_force(example: Path,
                                                                writer: str) -> None:
    # The README's main job writes the internal report to build/, which git ignores: a
    # coordinator's working copy of the quarter's report never reaches a commit from there.
    ignore = example / ".gitignore"
    text = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    if "build/" not in text.splitlines():
        ignore.write_text(text + "build/\n", encoding="utf-8")
    args, folder, _ = WRITERS[writer]
    name = f"intern-{writer.replace(' ', '-')}" + ("" if folder else ".out")
    code, output = _run(example, args(f"build/{name}"))
    assert code == 0, output
    assert (example / "build" / name).exists()
    code, output = _run(example, args(f"reports/not-ignored-{name}"))
    assert code == 2 and "inside the knowledge base's folder" in output, output


@pytest.mark.parametrize("writer", sorted(w for w in WRITERS if WRITERS[w][1]))
@pytest.mark.parametrize("target", [".", "..", "data/.."])
def test_a_folder_output_that_would_hold_the_knowledge_base_says_so(
        example: Path, writer: str, target: str) -> None:
    """The knowledge base's own folder or one above it, as a folder output: refused, saying
    that it holds data/ (not that it is inside it)."""
    args, _, takes_force = WRITERS[writer]
    before = _tree(example)
    for force in ([False, True] if takes_force else [False]):
        code, output = _run(example, args(target) + (["--force"] if force else []))
        assert code == 2, output
        assert "holds the knowledge base's data/" in output, output
    assert _tree(example) == before
