"""query: OR across fields, labels in the table (keys in json and csv), and --limit says how many
there were in all."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()


def _query(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "query", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_or_across_different_fields(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    ready = set(_query(root, "questions", "-w", "status=ready", "-f", "ids").split())
    ov = set(_query(root, "questions", "-w", "themes=ov", "-f", "ids").split())
    either = set(_query(root, "questions", "-w", "status=ready | themes=ov", "-f", "ids").split())
    assert ready and ov and not ready <= ov
    assert either == ready | ov
    both = set(_query(root, "questions", "-w", "status=ready | themes=ov", "-w",
                      "received>=2026-01-01", "-f", "ids").split())
    assert both < either  # AND-ed with the other conditions
    bad = runner.invoke(app, ["--kb", str(root), "--lang", "en", "query", "questions", "-w",
                              "status=ready | theme=ov"])
    assert bad.exit_code == 2 and "did you mean `themes`?" in bad.output


def test_labels_in_the_table_keys_in_json(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    table = _query(root, "questions", "-w", "id=Q-2026-012", "--fields", "id,status,themes")
    rows = json.loads(_query(root, "questions", "-w", "id=Q-2026-012", "--fields",
                             "id,status,themes", "-f", "json"))
    assert rows[0]["status"] == "ready"
    assert rows[0]["themes"] == ["openbare_ruimte", "veiligheidsbeleving"]
    assert "│ Q-2026-012 │ ready for a student │ Public space, Perceived safety │" in table
    assert "openbare_ruimte" not in table
    csv = _query(root, "questions", "-w", "id=Q-2026-012", "--fields", "id,status", "-f", "csv")
    assert "ready" in csv


def test_limit_says_how_many_in_all(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    out = _query(root, "questions", "--limit", "3")
    assert out.rstrip().endswith("3 of 20 record(s) (--limit)")
    assert _query(root, "questions", "--limit", "50").rstrip().endswith("20 record(s)")
