"""``veiligestad vocab``: every controlled field with its allowed values and both labels."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veiligestad.cli.main import app
from veiligestad.model.kinds import KINDS

runner = CliRunner()


def test_json_lists_every_controlled_field_with_both_labels(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "vocab", "--format", "json"])
    assert result.exit_code == 0, result.output
    fields = json.loads(result.stdout)
    assert fields["question.asked_by"]["vocabulary"] == "partners"
    assert fields["question.asked_by"]["values"]["politie"] == {
        "nl": "Politie", "en": "Police", "type": "politie"}
    assert fields["question.themes"]["values"]["ov"]["nl"] == "Openbaar vervoer"
    assert fields["question.status"]["values"]["fed_back"] == {
        "nl": "teruggekoppeld", "en": "fed back"}
    assert set(fields["finding.review"]["values"]) == {"draft", "reviewed", "published"}
    assert fields["finding.recommendations.follow_up"]["values"]["adopted"]["nl"] == "overgenomen"
    assert fields["project.programme"]["values"]["criminologie"]["institution"] == "universiteit"
    for name, field in fields.items():
        kind = name.split(".", 1)[0]
        assert kind in KINDS
        assert field["values"], name
        for key, labels in field["values"].items():
            assert labels.get("nl") and labels.get("en"), f"{name}: {key}"


def test_table_shows_fields_values_and_labels(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "vocab"])
    assert result.exit_code == 0
    for text in ("question.themes", "straatintimidatie", "Street harassment",
                 "Straatintimidatie", "Allowed values in the knowledge base of Teststad"):
        assert text in result.stdout
