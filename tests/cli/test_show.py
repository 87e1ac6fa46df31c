"""``veiligestad show`` and ``veiligestad graph`` at the command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veiligestad.cli.main import app

runner = CliRunner()


def run(kb: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--kb", str(kb), "--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_show_a_question_with_backlinks_and_recommendations(base_kb: Path) -> None:
    code, out, _ = run(base_kb, "show", "Q-2026-001")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Q-2026-001 · question · in progress"
    assert lines[1] == "Hoe veilig voelen vrouwen zich 's avonds rond het station?"
    assert "  taken up by: P-2026-001 Avondschouw stationsgebied (finished)" in lines
    assert ("  answered by: F-2026-7KQ3 Slecht verlichte looproutes worden gemeden "
            "(published)") in lines
    assert ("  → wijkregie (Municipality – Neighbourhood management): Verbeter de verlichting "
            "langs de looproute. [F-2026-7KQ3] (no response yet)") in lines
    assert any(line.startswith("themes") and "ov (Public transport)" in line for line in lines)


def test_show_a_finding_points_both_ways(base_kb: Path) -> None:
    code, out, _ = run(base_kb, "show", "F-2026-7KQ3", "--format", "json")
    assert code == 0
    shown = json.loads(out)
    assert shown["record"]["id"] == "F-2026-7KQ3"
    assert [(link["relation"], link["id"]) for link in shown["links"]] == [
        ("project", "P-2026-001"), ("questions", "Q-2026-001")]
    assert [(link["relation"], link["id"]) for link in shown["backlinks"]] == [
        ("supports", "F-2026-9ZXA")]
    assert shown["recommendations"][0]["to"] == "wijkregie"


def test_show_text_from_records_is_not_markup(base_kb: Path) -> None:
    path = base_kb / "data/questions/Q-2026-002.yaml"
    path.write_text(path.read_text().replace("title: Wat doen", "title: '[bold]Wat[/bold] doen"
                                             ).replace("straatintimidatie?", "straatintimidatie?'"
                                                       , 1))
    code, out, _ = run(base_kb, "show", "Q-2026-002")
    assert code == 0
    assert "[bold]Wat[/bold] doen omstanders" in out


def test_show_unknown_id(base_kb: Path) -> None:
    code, out, err = run(base_kb, "show", "Q-2026-01")
    assert code == 2 and out == ""
    assert "no record has the ID Q-2026-01" in err
    assert "did you mean `Q-2026-001`?" in err


def test_graph_mermaid_of_everything(base_kb: Path) -> None:
    code, out, _ = run(base_kb, "graph")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    assert ('    n_Q_2026_001["Q-2026-001: Hoe veilig voelen vrouwen zich \'s avonds rond h…'
            '<br/><i>in progress</i>"]:::question') in lines
    assert '    n_P_2026_001 -->|"takes up"| n_Q_2026_001' in lines
    assert '    n_F_2026_9ZXA -->|"supports"| n_F_2026_7KQ3' in lines
    assert sum("-->" in line for line in lines) == 7


def test_graph_around_one_record(base_kb: Path) -> None:
    _, out, _ = run(base_kb, "graph", "Q-2026-002", "--depth", "1", "--format", "json")
    graph = json.loads(out)
    assert [n["id"] for n in graph["nodes"]] == ["Q-2026-002", "P-2026-001", "F-2026-9ZXA"]
    assert {(e["from"], e["to"]) for e in graph["edges"]} == {
        ("P-2026-001", "Q-2026-002"), ("F-2026-9ZXA", "Q-2026-002"),
        ("F-2026-9ZXA", "P-2026-001")}
    _, out, _ = run(base_kb, "graph", "Q-2026-002", "--depth", "0", "--format", "json")
    assert json.loads(out) == {"nodes": [{"id": "Q-2026-002", "kind": "question", "title":
                                          "Wat doen omstanders bij straatintimidatie?",
                                          "status": "in_progress"}], "edges": []}


def test_graph_mistakes(base_kb: Path) -> None:
    code, _, err = run(base_kb, "graph", "P-2026-002")
    assert code == 2 and "no record has the ID P-2026-002" in err
    code, _, err = run(base_kb, "graph", "P-2026-001", "--depth", "-1")
    assert code == 2 and "--depth must be 0 or more" in err


@pytest.mark.needs("dot")
def test_graphviz_draws_the_dot_output(base_kb: Path, tmp_path: Path) -> None:
    # A title with quotes and a backslash must not break the DOT syntax.
    path = base_kb / "data/questions/Q-2026-002.yaml"
    path.write_text(path.read_text().replace(
        "title: Wat doen omstanders bij straatintimidatie?",
        'title: Wat doen "omstanders" bij straat\\intimidatie?'))
    _, dot, _ = run(base_kb, "graph", "--format", "dot")
    drawn = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True,
                           check=True).stdout
    assert drawn.count('class="node"') == 5
    assert drawn.count('class="edge"') == 7
    assert "&quot;omstanders&quot; bij straat\\intimidatie" in drawn


def test_show_a_project_with_its_recommendations(base_kb: Path) -> None:
    code, out, _ = run(base_kb, "show", "P-2026-001")
    assert code == 0
    lines = out.splitlines()
    assert "  questions: Q-2026-002 Wat doen omstanders bij straatintimidatie? (in progress)" \
        not in lines  # the relation reads in words
    assert "  takes up: Q-2026-002 Wat doen omstanders bij straatintimidatie? (in progress)" \
        in lines
    assert ("  finding of this project: F-2026-9ZXA Omstanders twijfelen over ingrijpen "
            "(draft)") in lines
    assert any(line.startswith("  → wijkregie") and "[F-2026-7KQ3]" in line for line in lines)
