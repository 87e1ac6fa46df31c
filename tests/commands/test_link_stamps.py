"""New links made by ``new`` and ``link`` are stamped; ``unlink`` drops the stamp.

Stamping lives in ``stamps.py``; these tests prove the authoring commands call it, and that
making one link never marks the record's other (possibly suspect) links as reviewed.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from veiligestad.cli.main import app
from veiligestad.stamps import stamp_for

runner = CliRunner()


def _data(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _stamp(root: Path, rel: str, kind: str) -> str:
    return stamp_for(_data(root, rel), kind, None)


def _suspects(root: Path) -> list[str]:
    result = runner.invoke(app, ["--kb", str(root), "validate", "-f", "json"])
    return [p["path"] for p in json.loads(result.stdout)["problems"]
            if p["rule"] == "suspect-link"]


def test_new_finding_stamps_its_project_and_questions(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "new", "finding", "--no-input",
                                 "-p", "P-2026-001", "-q", "Q-2026-002",
                                 "--title", "Omstanders zoeken steun bij elkaar",
                                 "--statement", "Fictief voorbeeld: omstanders grijpen eerder "
                                 "in met z'n tweeën.", "--type", "explanatory", "--by", "test"])
    assert result.exit_code == 0, result.output
    finding_id = result.stdout.strip().splitlines()[-1]
    data = _data(base_kb, f"data/findings/{finding_id}.yaml")
    assert data["link_stamps"] == {
        "P-2026-001": _stamp(base_kb, "data/projects/P-2026-001.yaml", "project"),
        "Q-2026-002": _stamp(base_kb, "data/questions/Q-2026-002.yaml", "question"),
    }
    assert _suspects(base_kb) == []


def test_link_stamps_only_the_new_link_and_unlink_drops_it(base_kb: Path) -> None:
    project = base_kb / "data/projects/P-2026-001.yaml"
    # An existing, suspect stamp must survive a new link untouched.
    project.write_text(project.read_text(encoding="utf-8")
                       + "link_stamps:\n  Q-2026-001: '00000000'\n", encoding="utf-8")
    # A question ready for a project (one that is in progress cannot lose its only project).
    ready = (base_kb / "data/questions/Q-2026-002.yaml").read_text(encoding="utf-8")
    ready = ready.replace("Q-2026-002", "Q-2026-003").replace("status: in_progress",
                                                              "status: ready")
    ready = "".join(line for line in ready.splitlines(True)
                    if "to: matched" not in line and "to: in_progress" not in line)
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(ready, encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "link", "P-2026-001", "Q-2026-003",
                                 "--no-match"])
    assert result.exit_code == 0, result.output
    stamps = _data(base_kb, "data/projects/P-2026-001.yaml")["link_stamps"]
    assert stamps == {"Q-2026-001": "00000000",
                      "Q-2026-003": _stamp(base_kb, "data/questions/Q-2026-003.yaml",
                                           "question")}
    assert _suspects(base_kb) == ["data/projects/P-2026-001.yaml"]
    result = runner.invoke(app, ["--kb", str(base_kb), "unlink", "P-2026-001", "Q-2026-003"])
    assert result.exit_code == 0, result.output
    stamps = _data(base_kb, "data/projects/P-2026-001.yaml")["link_stamps"]
    assert stamps == {"Q-2026-001": "00000000"}
