"""``veiligestad status``: allowed transitions only, each one written down in status_history."""

from __future__ import annotations

import datetime as dt
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


def test_on_records_a_change_on_the_day_it_happened(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root), "--lang", "en"]
    rel = "data/questions/Q-2026-014.yaml"  # submitted, received 2026-11-23
    last = _load(root, rel)["status_history"][-1]["date"]  # type: ignore[index]
    before = snapshot(root)
    for day, wanted in (("2026-11-28", "is in the future"),  # TODAY is 2026-11-27
                        ((last - dt.timedelta(days=1)).isoformat(),
                         "is before the last status change of Q-2026-014"),
                        ("gisteren", "is not a date")):
        refused = runner.invoke(app, [*kb, "status", "Q-2026-014", "intake", "--on", day])
        assert refused.exit_code == 2, refused.output
        assert wanted in refused.stderr
    assert snapshot(root) == before
    result = runner.invoke(app, [*kb, "status", "Q-2026-014", "intake", "--on",
                                 last.isoformat(), "--by", "coördinator"])
    assert result.exit_code == 0, result.output
    assert _load(root, rel)["status_history"][-1] == {  # type: ignore[index]
        "date": last, "from": "submitted", "to": "intake", "by": "coördinator"}
    assert_valid(root)


def test_a_new_project_that_started_earlier_matches_its_question_that_day(
        tmp_path: Path) -> None:
    # Registered after the fact: the question was matched when the project started, so the
    # match is dated then and date-order has nothing to say.
    root = copy_example(tmp_path / "kb")
    kb = ["--kb", str(root), "--lang", "en"]
    args = ["new", "project", "--no-input", "--title", "Pleinen in het Bos- en Gasthuisdistrict",
            "-q", "Q-2026-012", "--type", "action_research",
            "--institution", "hogeschool_leiden", "--academic-year", "2026-2027",
            "--semester", "1", "--start", "2026-09-01", "--end", "2027-01-31", "--by", "T"]
    later = runner.invoke(app, [*kb, *args])
    assert later.exit_code == 0, later.output
    assert "veiligestad status Q-2026-012 matched --on 2026-09-01" in later.output
    result = runner.invoke(app, [*kb, *args, "--match"])
    assert result.exit_code == 0, result.output
    history = _load(root, "data/questions/Q-2026-012.yaml")["status_history"]
    assert history[-1] == {"date": dt.date(2026, 9, 1), "from": "ready",  # type: ignore[index]
                           "to": "matched", "by": "T"}
    check = runner.invoke(app, [*kb, "validate", "--format", "json"])
    assert "date-order" not in check.stdout
