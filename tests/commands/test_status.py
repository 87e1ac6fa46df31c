"""``veiligestad status``: allowed transitions only, each one written down in status_history."""

from __future__ import annotations

from pathlib import Path

import git
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import TODAY
from veiligestad.cli.main import app

runner = CliRunner()


def _load(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_question_through_intake(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root), "--lang", "en"]
    result = runner.invoke(app, [*kb, "status", "Q-2026-014", "intake", "--by", "coördinator"])
    assert result.exit_code == 0, result.output
    assert "Q-2026-014: submitted → intake" in result.output
    # a label works as well as a key; the reason becomes the decision's reason
    result = runner.invoke(app, [*kb, "status", "Q-2026-014", "referred", "--by", "coördinator",
                                 "--reason", "Past beter bij het jongerenwerk zelf."])
    assert result.exit_code == 0, result.output
    data = _load(root, "data/questions/Q-2026-014.yaml")
    assert data["status"] == "referred"
    assert data["decision_reason"] == "Past beter bij het jongerenwerk zelf."
    assert data["status_history"][-2:] == [  # type: ignore[index]
        {"date": TODAY, "from": "submitted", "to": "intake", "by": "coördinator"},
        {"date": TODAY, "from": "intake", "to": "referred", "by": "coördinator",
         "reason": "Past beter bij het jongerenwerk zelf."},
    ]
    assert_valid(root)


def test_by_defaults_to_git_user_name(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    root = copy_example(tmp_path / "kb")
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Coördinator Leiden")
    result = runner.invoke(app, ["--kb", str(root), "status", "Q-2026-014", "intake"])
    assert result.exit_code == 0, result.output
    entry = _load(root, "data/questions/Q-2026-014.yaml")["status_history"][-1]  # type: ignore[index]
    assert entry["by"] == "Coördinator Leiden"


def test_a_finding_published_gets_its_date(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), "status", "F-2026-YWDN", "gepubliceerd"])
    assert result.exit_code == 0, result.output
    data = _load(root, "data/findings/F-2026-YWDN.yaml")
    assert data["review"] == "published" and data["published"] == TODAY
    assert_valid(root)


def test_refusals_change_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root), "--lang", "en"]
    assert runner.invoke(app, [*kb, "status", "Q-2026-007", "in_progress"]).exit_code == 0
    # minors take part: the project may only run once the supervisor checked the ethics
    minors = runner.invoke(app, [*kb, "status", "P-2026-006", "running"])
    assert minors.exit_code == 2 and "supervisor has not checked" in minors.output
    project = root / "data/projects/P-2026-006.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace(
        "supervisor_check: false", "supervisor_check: true"), encoding="utf-8")
    assert runner.invoke(app, [*kb, "status", "P-2026-006", "running"]).exit_code == 0
    before = snapshot(root)
    skip = runner.invoke(app, [*kb, "status", "Q-2026-014", "closed"])
    assert skip.exit_code == 2
    assert "Q-2026-014 cannot move from submitted to closed" in skip.output
    assert "from submitted it can go to: intake (in intake), parked (parked)" in skip.output
    # a question delivered without a finding that answers it would fail validate
    delivered = runner.invoke(app, [*kb, "status", "Q-2026-007", "delivered"])
    assert delivered.exit_code == 2 and "no finding answers the question" in delivered.output
    # a project finished without findings needs a reason
    finished = runner.invoke(app, [*kb, "status", "P-2026-006", "finished"])
    assert finished.exit_code == 2 and "--reason" in finished.output
    unknown = runner.invoke(app, [*kb, "status", "Q-2026-099", "intake"])
    assert unknown.exit_code == 2 and "there is no record with ID Q-2026-099" in unknown.output
    assert snapshot(root) == before
    assert_valid(root)
