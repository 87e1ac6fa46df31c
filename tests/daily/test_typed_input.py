"""Typed answers are checked as they are given and never thrown away."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example
from veiligestad.cli.main import app

runner = CliRunner()


def _kb(root: Path) -> list[str]:
    return ["--kb", str(root), "--lang", "en"]


def test_new_finding_checks_the_project_and_date_as_they_are_given(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    answers = "\n".join([
        "P-2026-006",          # planned, starts 2027-02-08: asked again at once
        "P-2026-005",          # running since 2026-09-01
        "1",                   # its only question
        "Meldingen nemen toe na de campagne",
        "Fictief: meer meldingen na de campagne.",
        "prevalence",
        "",                    # intervention
        "",                    # outcome domains
        "2026-08-01",          # before the project started: asked again at once
        "2026-10-01",
        "",                    # classification: internal
    ]) + "\n"
    result = runner.invoke(app, [*_kb(root), "new", "finding"], input=answers)
    assert result.exit_code == 0, result.output
    assert "project P-2026-006 only starts on 2027-02-08" in result.output
    assert "reported on 2026-08-01, but project P-2026-005 only started on 2026-09-01" in \
        result.output
    new_id = result.output.strip().splitlines()[-1]
    data = yaml.safe_load((root / f"data/findings/{new_id}.yaml").read_text(encoding="utf-8"))
    assert str(data["reported"]) == "2026-10-01"
    assert_valid(root)


def test_a_refusal_after_the_prompts_keeps_the_answers(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    findings = sorted((root / "data/findings").glob("*.yaml"))
    answers = "\n".join([
        "P-2026-005", "1", "Meldingen nemen toe",
        "Fictief: mail jan.jansen@example.nl voor de cijfers.",  # personal data, public
        "prevalence", "", "", "", "public",
    ]) + "\n"
    result = runner.invoke(app, [*_kb(root), "new", "finding"], input=answers)
    assert result.exit_code == 2, result.output
    drafts = sorted((root / ".veiligestad-drafts").glob("finding-*.yaml"))
    assert len(drafts) == 1
    assert "your answers were saved in" in result.output
    assert "--answers" in result.output
    saved = yaml.safe_load(drafts[0].read_text(encoding="utf-8"))
    assert saved["title"] == "Meldingen nemen toe"
    assert saved["project"] == "P-2026-005"
    assert saved["classification"] == "public"
    assert sorted((root / "data/findings").glob("*.yaml")) == findings  # nothing written
    # correct the statement in the draft and use it again, without typing anything
    saved["statement"] = "Fictief: meer meldingen na de campagne."
    drafts[0].write_text(yaml.safe_dump(saved, allow_unicode=True), encoding="utf-8")
    again = runner.invoke(app, [*_kb(root), "new", "finding", "--no-input", "--answers",
                                str(drafts[0])])
    assert again.exit_code == 0, again.output
    assert_valid(root)


def test_answers_file_that_is_not_answers_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    bad = tmp_path / "bad.yaml"
    for text in ("- a\n- b\n", "titel: x\n", "a: [\n", ""):
        bad.write_text(text, encoding="utf-8")
        result = runner.invoke(app, [*_kb(root), "new", "finding", "--no-input", "--answers",
                                     str(bad)])
        assert result.exit_code == 2, (text, result.output)
    missing = runner.invoke(app, [*_kb(root), "intake", "question", "--no-input", "--answers",
                                  str(tmp_path / "nothing.yaml")])
    assert missing.exit_code == 2, missing.output


def test_new_project_checks_the_start_against_the_question_at_the_prompt(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    received = yaml.safe_load((root / "data/questions/Q-2026-012.yaml").read_text("utf-8"))[
        "received"]
    answers = "\n".join([
        "Deepfakes op school", "Q-2026-012", "thesis", "universiteit_leiden", "",
        "2025-2026", "",
        "2025-09-01",          # before the question came in: asked again at once
        "2026-09-01",          # outside 2025-2026: asked again
        "",                    # no start after all
        "", "", "", "", "",
    ]) + "\n"
    result = runner.invoke(app, [*_kb(root), "new", "project", "--no-match"], input=answers)
    assert result.exit_code == 0, result.output
    assert f"came in on {received.isoformat()}" in result.output
    assert "outside its academic period" in result.output
    assert_valid(root)
