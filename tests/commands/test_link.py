"""``veiligestad link`` and ``unlink``: every kind of link, in either order, and back."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from veiligestad.cli.main import app
from veiligestad.commands.link import add_link

runner = CliRunner()


def _load(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_project_and_question_in_either_order(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root), "--lang", "en"]
    result = runner.invoke(app, [*kb, "link", "Q-2026-012", "P-2026-005"])
    assert result.exit_code == 0, result.output
    assert "linked: P-2026-005 → Q-2026-012" in result.output
    assert _load(root, "data/projects/P-2026-005.yaml")["questions"] == ["Q-2026-006",
                                                                          "Q-2026-012"]
    assert_valid(root)
    again = runner.invoke(app, [*kb, "link", "P-2026-005", "Q-2026-012"])
    assert again.exit_code == 0 and "already linked" in again.output
    back = runner.invoke(app, [*kb, "unlink", "P-2026-005", "Q-2026-012"])
    assert back.exit_code == 0, back.output
    assert (root / "data/projects/P-2026-005.yaml").read_bytes() == (
        Path(__file__).parents[2] / "data/projects/P-2026-005.yaml").read_bytes()
    nothing = runner.invoke(app, [*kb, "unlink", "P-2026-005", "Q-2026-012"])
    assert nothing.exit_code == 0 and "were not linked" in nothing.output


def test_finding_and_question_and_finding_relations(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root)]
    # F-2026-6WRY answers Q-2026-002; its project P-2026-002 also works on Q-2026-003.
    assert runner.invoke(app, [*kb, "link", "F-2026-6WRY", "Q-2026-003"]).exit_code == 0
    assert _load(root, "data/findings/F-2026-6WRY.yaml")["questions"] == ["Q-2026-002",
                                                                          "Q-2026-003"]
    result = runner.invoke(app, [*kb, "link", "F-2026-6WRY", "F-2026-J3DD", "--type",
                                 "replicates"])
    assert result.exit_code == 0, result.output
    relations = _load(root, "data/findings/F-2026-6WRY.yaml")["relations"]
    assert {"type": "replicates", "finding": "F-2026-J3DD"} in relations  # type: ignore[operator]
    assert_valid(root)
    # either order: the relation is kept by the first finding of `link`
    assert runner.invoke(app, [*kb, "unlink", "F-2026-J3DD", "F-2026-6WRY"]).exit_code == 0
    assert runner.invoke(app, [*kb, "unlink", "Q-2026-003", "F-2026-6WRY"]).exit_code == 0
    assert (root / "data/findings/F-2026-6WRY.yaml").read_bytes() == (
        Path(__file__).parents[2] / "data/findings/F-2026-6WRY.yaml").read_bytes()


def test_type_is_only_for_two_findings(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "link", "P-2026-005",
                                 "Q-2026-012", "--type", "supports"])
    assert result.exit_code == 2 and "--type only applies" in result.output
    same = runner.invoke(app, ["--kb", str(root), "link", "F-2026-6WRY", "F-2026-6WRY"])
    assert same.exit_code == 2
    assert snapshot(root) == before


def test_add_link_on_a_plain_mapping() -> None:
    from veiligestad.model.kinds import FINDING

    data: dict[str, object] = {}
    assert add_link(data, FINDING, "questions", "Q-2026-001")
    assert not add_link(data, FINDING, "questions", "Q-2026-001")
    assert add_link(data, FINDING, "relations", "F-2026-AAAA", "contradicts")
    assert data == {"questions": ["Q-2026-001"],
                    "relations": [{"type": "contradicts", "finding": "F-2026-AAAA"}]}
