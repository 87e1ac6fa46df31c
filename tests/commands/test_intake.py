"""``veiligestad intake question``: at the prompt and scripted, both ending in valid records."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import TODAY
from veiligestad.cli.main import app

runner = CliRunner()


def _load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_coordinator_session_at_the_prompt(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    answers = "\n".join([
        "Veilig fietsen door het park",   # title
        "de wijkagent",                  # asked_by: wrong, asked again
        "Politie",                       # asked_by by its label
        "",                              # department: skipped
        "",                              # themes: required, asked again
        "ov; fietsen",                   # themes: one wrong, asked again
        "openbare_ruimte, 5",            # themes: a key and a number
        "Hoe veilig is het park 's avonds?",  # original_text
        "",                              # research_question
        "Fietsende vrouwen",             # target_group
        "Merenwijk",                     # location by label
        "",                              # intended_use
        "1",                             # suitable_for: action_research
        "31-02-2027",                    # needed_by: no such date, asked again
        "1-3-2027",                      # needed_by, Dutch style
        "",                              # classification: default internal
        "Fictief voorbeeld.",            # notes
    ]) + "\n"
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question",
                                 "--by", "coördinator"], input=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "asked_by: 'de wijkagent' is not an allowed value" in out
    assert "4 politie (Police)" in out  # the allowed values are listed, labelled in English
    assert "theme: 'fietsen' is not an allowed value" in out
    assert "themes is required" in out
    assert "needed_by: '31-02-2027' is not a date" in out
    assert "Traceback" not in out
    new_id = out.strip().splitlines()[-1]
    assert new_id == "Q-2026-015"
    data = _load(root / "data/questions/Q-2026-015.yaml")
    assert data["asked_by"] == "politie"
    assert data["themes"] == ["openbare_ruimte", "veiligheidsbeleving"]
    assert data["location"] == "merenwijk"
    assert data["suitable_for"] == ["action_research"]
    assert str(data["needed_by"]) == "2027-03-01"
    assert data["status"] == "submitted" and data["received"] == TODAY
    assert data["classification"] == "internal"
    assert data["notes"] == "Fictief voorbeeld."
    assert data["status_history"] == [{"date": TODAY, "to": "submitted", "by": "coördinator"}]
    text = (root / "data/questions/Q-2026-015.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/question.schema.json\n")
    assert_valid(root)


def test_a_scripted_session(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    args = ["--kb", str(root), "intake", "question", "--no-input", "--title",
            "Meldingen via de app: wat gebeurt ermee?", "--asked-by", "veiligheid",
            "--department", "veiligheid", "--theme", "melden", "--theme", "online",
            "--original-text", "Wat doen we met meldingen uit de app?", "--needed-by",
            "2027-06-30", "--suitable-for", "thesis", "--by", "coördinator"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert first.output.strip().splitlines()[-1] == "Q-2026-015"
    assert second.output.strip().splitlines()[-1] == "Q-2026-016"
    data = _load(root / "data/questions/Q-2026-015.yaml")
    assert data["title"] == "Meldingen via de app: wat gebeurt ermee?"
    assert data["themes"] == ["melden", "online"]
    assert_valid(root)


def test_bad_values_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question",
                                 "--no-input", "--title", "x", "--asked-by", "burgemeester",
                                 "--theme", "ov", "--needed-by", "morgen"])
    assert result.exit_code == 2
    assert "asked_by: 'burgemeester' is not an allowed value" in result.output
    assert "1 veiligheid (Municipality – Safety)" in result.output
    assert "needed_by: 'morgen' is not a date" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["--kb", str(root), "intake", "question", "--no-input"])
    assert missing.exit_code == 2
    assert "title is verplicht" in missing.output
    assert snapshot(root) == before


def test_a_knowledge_base_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    from importlib import resources

    built_in = (resources.files("veiligestad") / "templates/records/question.yaml.j2").read_text(
        encoding="utf-8")
    own = root / "templates/records/question.yaml.j2"
    own.parent.mkdir(parents=True)
    own.write_text(built_in.replace("classification: {{ r.classification | y }}",
                                    "classification: {{ r.classification | y }}\n"
                                    "# Intake van de gemeente Leiden"), encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(root), "intake", "question", "--no-input",
                                 "--title", "Eigen sjabloon", "--asked-by", "politie",
                                 "--theme", "ov"])
    assert result.exit_code == 0, result.output
    text = (root / "data/questions/Q-2026-015.yaml").read_text(encoding="utf-8")
    assert "# Intake van de gemeente Leiden\n" in text
    assert_valid(root)


@pytest.mark.parametrize("command", [["intake", "question"], ["new", "finding"],
                                     ["new", "project"]])
def test_input_that_ends_early_stops_without_writing(tmp_path: Path,
                                                     command: list[str]) -> None:
    """Every command that asks: the end of the input (a closed pipe, a script without a
    terminal) is a usage error that says how to answer without questions; nothing written."""
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *command],
                           input="Een titel\n")
    assert result.exit_code == 2, result.output
    assert "the input ended before every question was answered" in result.stderr
    assert "--no-input" in result.stderr and "Traceback" not in result.output
    assert snapshot(root) == before


def test_ctrl_c_at_a_question_stops_without_writing(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    def interrupted(*args: object, **kwargs: object) -> str:
        try:  # as Click's prompt turns Ctrl-C into Abort
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None

    monkeypatch.setattr(typer, "prompt", interrupted)
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question"])
    assert result.exit_code == 130, result.output
    assert "interrupted; nothing was written" in result.stderr
    assert snapshot(root) == before
