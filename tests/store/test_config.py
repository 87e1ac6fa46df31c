"""``veiligestad.yaml`` mistakes are config errors (exit 2) that name the setting and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from veiligestad.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("vocabularies:", "vocabs:", "unknown setting 'vocabs'"),
        ("  themes:", "  thema:", "unknown vocabulary 'thema'"),
        ("type: politie}", "type: polite}", "has type 'polite', which is not a key of"),
        ("language: nl ", "language: de ", "'language' cannot be 'de'"),
        ("  max_file_bytes: 262144", "  max_file_bytes: -1", "'limits.max_file_bytes'"),
    ],
)
def test_config_mistakes_are_usage_errors(base_kb: Path, old: str, new: str,
                                          expected: str) -> None:
    config = base_kb / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_vocabulary_is_named(base_kb: Path) -> None:
    config = base_kb / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  departments:")
    end = text.index("  locations:")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "the vocabulary 'departments' is missing" in result.stderr


def test_the_same_programme_under_two_institutions(base_kb: Path) -> None:
    config = base_kb / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("criminologie: {", "toegepaste_psychologie: {"),
                      encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "programme 'toegepaste_psychologie' is listed under both" in result.stderr


def test_broken_yaml_in_the_config_has_a_position(base_kb: Path) -> None:
    config = base_kb / "veiligestad.yaml"
    config.write_text("city: [Leiden\n", encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "veiligestad.yaml:2:1" in result.stderr


def test_kb_pointing_nowhere_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--kb", str(tmp_path / "nope"), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
