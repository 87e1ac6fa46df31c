"""A question whose research question changed: its suspect links show at both ends (show, gaps,
graph), and review of either end clears them after confirmation, keeping who and when."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import TODAY
from veiligestad.cli.main import app

runner = CliRunner()
HOLDERS = ["F-2026-RZVD", "P-2026-004"]


def _run(root: Path, *args: str, input: str | None = None) -> str:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args], input=input)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _changed(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "kb")
    path = root / "data/questions/Q-2026-005.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("research_question: >-\n",
                                 "research_question: >-\n  Herschreven bij de intake:\n"),
                    encoding="utf-8")
    return root


def test_suspect_links_show_at_both_ends(tmp_path: Path) -> None:
    root = _changed(tmp_path)
    out = _run(root, "show", "Q-2026-005")
    assert "Suspect links" in out
    for holder in HOLDERS:
        assert f"{holder} → Q-2026-005: Q-2026-005 changed since the link was reviewed" in out
    assert "[suspect]" in out
    data = json.loads(_run(root, "show", "Q-2026-005", "-f", "json"))
    assert data["suspect_links"] == [{"holder": h, "target": "Q-2026-005"} for h in HOLDERS]
    holder = json.loads(_run(root, "show", "P-2026-004", "-f", "json"))
    assert {"holder": "P-2026-004", "target": "Q-2026-005"} in holder["suspect_links"]
    gaps = json.loads(_run(root, "gaps", "-f", "json"))
    assert [(r["holder"], r["target"]) for r in gaps["groups"]["suspect_links"]] == [
        (h, "Q-2026-005") for h in HOLDERS]
    dot = _run(root, "graph", "-f", "dot")
    assert '"P-2026-004" -> "Q-2026-005" [label="takes up", style=dashed];' in dot
    assert '"F-2026-RZVD" -> "P-2026-004" [label="from project"];' in dot
    mermaid = _run(root, "graph")
    assert '    n_P_2026_004 -.->|"takes up"| n_Q_2026_005' in mermaid
    edges = json.loads(_run(root, "graph", "-f", "json"))["edges"]
    assert {(e["from"], e["to"]) for e in edges if e["suspect"]} == {
        (h, "Q-2026-005") for h in HOLDERS}


def test_review_of_the_changed_record_clears_them_after_confirmation(tmp_path: Path) -> None:
    root = _changed(tmp_path)
    before = snapshot(root)
    no = _run(root, "review", "Q-2026-005", input="n\n")
    assert "changed since these records last reviewed their link to it: F-2026-RZVD, " \
           "P-2026-004" in no
    assert "not confirmed" in no
    assert snapshot(root) == before
    yes = _run(root, "review", "Q-2026-005", "--by", "coördinator", input="y\n")
    assert "links confirmed in F-2026-RZVD, P-2026-004" in yes
    for rel in ("data/projects/P-2026-004.yaml", "data/findings/F-2026-RZVD.yaml"):
        data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
        assert data["links_reviewed"] == {"date": TODAY, "by": "coördinator"}
    finding = yaml.safe_load((root / "data/findings/F-2026-RZVD.yaml").read_text("utf-8"))
    assert finding["link_stamps"]["P-2026-004"] == "ef12073d"  # its other link left alone
    assert json.loads(_run(root, "show", "Q-2026-005", "-f", "json"))["suspect_links"] == []
    again = _run(root, "review", "Q-2026-005")
    assert "changed since" not in again
    assert_valid(root)
    problems = json.loads(runner.invoke(app, ["--kb", str(root), "validate", "-f", "json"])
                          .stdout)["problems"]
    assert not [p for p in problems if p["rule"] == "suspect-link"]


def test_review_of_the_holder_keeps_who_and_when(tmp_path: Path) -> None:
    root = _changed(tmp_path)
    _run(root, "review", "P-2026-004", "--by", "docent")
    data = yaml.safe_load((root / "data/projects/P-2026-004.yaml").read_text("utf-8"))
    assert data["links_reviewed"] == {"date": TODAY, "by": "docent"}
    assert_valid(root)


def test_review_without_ids_names_the_records_whose_links_wait(tmp_path: Path) -> None:
    clean = copy_example(tmp_path / "clean")
    none = runner.invoke(app, ["--kb", str(clean), "--lang", "en", "review"])
    assert none.exit_code == 2
    assert "for example: veiligestad review P-2026-001" in none.stderr
    root = _changed(tmp_path)
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "review"])
    assert result.exit_code == 2
    assert ("these records changed and their links wait for a review: Q-2026-005; "
            "for example: veiligestad review Q-2026-005") in " ".join(result.stderr.split())
    assert snapshot(root) == before
