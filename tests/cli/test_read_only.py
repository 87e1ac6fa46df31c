"""``query``, ``show``, ``graph``, ``gaps``, ``stats`` and ``export`` never write into the
knowledge base: after running them all, git sees no change and no new file."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
from typer.testing import CliRunner

from tests.conftest import REPO
from veiligestad.cli.main import app

COMMANDS = [
    ["query", "questions", "-w", "!projects", "-f", "json"],
    ["query", "--saved", "waiting-for-students", "-f", "csv"],
    ["query", "findings", "--group-by", "themes"],
    ["show", "Q-2025-001"],
    ["show", "F-2026-J3DD", "-f", "json"],
    ["graph"],
    ["graph", "P-2026-002", "-f", "dot"],
    ["gaps"],
    ["gaps", "-f", "json"],
    ["stats"],
    ["stats", "--quarter", "2026-Q3", "-f", "json"],
]


def test_reading_commands_change_nothing(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    for name in ("data", "queries"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "veiligestad.yaml", root)
    repo = git.Repo.init(root)
    repo.git.add(A=True)
    repo.index.commit("the knowledge base")
    # The cache (.veiligestad-cache/, ignored by git) is the tool's scratch space, not the
    # knowledge base.
    skip = {".git", ".veiligestad-cache"}
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if not skip & set(p.parts)}
    runner = CliRunner()
    out = tmp_path / "out"
    exports = [["export", fmt, str(out / name)] for fmt, name in (
        ("sqlite", "kb.db"), ("csv", "csv"), ("xlsx", "kb.xlsx"), ("json", "kb.json"))]
    for args in [*COMMANDS, *exports]:
        result = runner.invoke(app, ["--kb", str(root), *args])
        assert result.exit_code == 0, (args, result.stderr)
    assert not repo.is_dirty(untracked_files=True)
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*") if not skip & set(p.parts)}
    assert after == before
    assert sorted(p.name for p in out.iterdir()) == ["csv", "kb.db", "kb.json", "kb.xlsx"]
