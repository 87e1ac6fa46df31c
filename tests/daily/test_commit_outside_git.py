"""``--commit`` outside a git repository is refused before anything is written, by every
command that has the option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example, snapshot
from tests.daily.walk import commands_with
from veiligestad.cli.main import app

runner = CliRunner()

# One invocation per command that has --commit; each would write when run inside git.
INVOCATIONS: dict[str, list[str]] = {
    "status": ["status", "Q-2026-014", "intake"],
    "link": ["link", "P-2026-007", "Q-2026-012", "--no-input", "--match"],
    "unlink": ["unlink", "F-2026-6HGT", "F-2026-RZVD"],
    "new project": ["new", "project", "--no-input", "--title", "x", "-q", "Q-2026-012",
                    "--type", "thesis", "--institution", "universiteit_leiden",
                    "--academic-year", "2026-2027"],
    "new finding": ["new", "finding", "--no-input", "--project", "P-2026-005", "--title", "x",
                    "--statement", "Fictief.", "--type", "explanatory"],
    "intake question": ["intake", "question", "--no-input", "--title", "x", "--asked-by",
                        "politie", "--theme", "preventie"],
    "intake import": ["intake", "import", "FORM"],
    "schema export": ["schema", "export"],
}


def test_every_command_with_commit_is_covered() -> None:
    assert commands_with("--commit") == set(INVOCATIONS)


@pytest.mark.parametrize("name", sorted(INVOCATIONS))
def test_commit_outside_git_writes_nothing(name: str, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    form = tmp_path / "form.csv"
    form.write_text("Titel,Gesteld door,Thema's\nEen vraag,politie,preventie\n", encoding="utf-8")
    args = [str(form) if a == "FORM" else a for a in INVOCATIONS[name]]
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args, "--commit"])
    assert result.exit_code == 2, result.output
    assert "git" in result.output
    assert snapshot(root) == before
