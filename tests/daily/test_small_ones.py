"""The smaller holes of the daily work, each with its test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example, snapshot
from tests.gitkb import init_repo
from veiligestad.cli.main import app

runner = CliRunner()


def _kb(root: Path) -> list[str]:
    return ["--kb", str(root), "--lang", "en"]


def _problems(root: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, [*_kb(root), "validate", "-f", "json"])
    return json.loads(result.stdout)["problems"]  # type: ignore[no-any-return]


def test_a_malformed_id_is_called_malformed(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "data/findings/F-2026-6HGT.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("questions: [Q-2026-006]",
                                                             "questions: [Q-26-5]"), "utf-8")
    found = [p for p in _problems(root) if p["rule"] == "link-target"]
    assert [p["message"] for p in found] == ["'questions[1]': 'Q-26-5' is not a valid question ID"]
    assert "Q-2026-014" in str(found[0]["hint"])


def test_changes_with_the_period_backwards(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    init_repo(root)
    result = runner.invoke(app, [*_kb(root), "changes", "--since", "2027-01-01", "--until",
                                 "2026-01-01"])
    assert result.exit_code == 2, result.output
    assert "--until 2026-01-01 lies before --since 2027-01-01" in result.output


def test_a_title_of_a_whole_text_is_refused(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = runner.invoke(app, [*_kb(root), "intake", "question", "--no-input", "--title",
                                 "x" * 5000, "--asked-by", "politie", "--theme", "preventie"])
    assert result.exit_code == 2, result.output
    assert "the title is 5000 characters long; at most 200" in result.output
    assert snapshot(root) == before


def test_broken_saved_queries_fail_validate(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries/kapot.yaml").write_text("kind: questions\nconditions: [\n",
                                             encoding="utf-8")
    (root / "queries/veld.yaml").write_text("kind: questions\nconditions: ['theme=ov']\n",
                                            encoding="utf-8")
    (root / "queries/soort.yaml").write_text("kind: vragen\nfields: [id, titel]\n",
                                             encoding="utf-8")
    (root / "queries/lol.yaml").write_text("a: &a [x, x]\nb: &b [*a, *a]\nkind: questions\n",
                                           encoding="utf-8")
    found = {p["path"]: p for p in _problems(root) if p["rule"] == "saved-query"}
    assert set(found) == {"queries/kapot.yaml", "queries/veld.yaml", "queries/soort.yaml",
                          "queries/lol.yaml"}
    assert "theme" in str(found["queries/veld.yaml"]["message"])
    result = runner.invoke(app, [*_kb(root), "validate"])
    assert result.exit_code == 1


def test_a_finding_that_supports_itself(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "data/findings/F-2026-6HGT.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "relations:\n  - {type: supports, finding: F-2026-6HGT}\n", "utf-8")
    found = [p for p in _problems(root) if p["rule"] == "self-relation"]
    assert [p["message"] for p in found] == ["F-2026-6HGT relates to itself (supports); a "
                                             "relation is about another finding"]


def test_an_indented_field_gets_the_indentation_hint(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "data/questions/Q-2026-014.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("department:"))
    lines[at] = "  " + lines[at]
    path.write_text("".join(lines), encoding="utf-8")
    found = [p for p in _problems(root) if p["rule"] == "yaml-syntax"]
    assert [p["message"] for p in found] == ["the indentation does not match the lines around it"]
    assert "quotes" not in str(found[0]["hint"])


@pytest.mark.parametrize(("value", "quote"), [
    ("'Vrouwen's avonds mijden de tunnel'", "'"),
    ("'Vrouwen mijden 's avonds de tunnel'", "'"),
    ('"Ze zei "nee" tegen hem"', '"'),
    ("- 'kind's school'", None),  # not a field's value: the parser's general words stay
])
def test_a_quote_that_ends_a_value_early_is_named(tmp_path: Path, value: str,
                                                  quote: str | None) -> None:
    """An apostrophe inside '…' ends the quoted value, and the parser's complaint about the
    rest read as an indentation mistake; a student went looking at the indentation."""
    root = copy_example(tmp_path / "kb")
    path = root / "data/questions/Q-2026-014.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {value}\n" if quote else f"{value}\n"
    path.write_text("".join(lines), encoding="utf-8")
    found = [p for p in _problems(root) if p["rule"] == "yaml-syntax"]
    assert len(found) == 1, found
    said = str(found[0]["message"])
    if quote is None:
        assert "in the middle of the text" not in said
        return
    assert said.startswith(f"the quote {quote} in the middle of the text already ends"), said
    assert "(" in said  # the parser's own words beside it
    assert ("twice" if quote == "'" else "single quotes") in str(found[0]["hint"])
    fixed = value.replace("'s", "''s") if quote == "'" else value.replace('"nee"', '\\"nee\\"')
    lines[at] = f"title: {fixed}\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert not [p for p in _problems(root) if p["rule"] == "yaml-syntax"]


def test_show_reads_nested_fields_and_backlinks_from_its_own_side(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    out = runner.invoke(app, [*_kb(root), "show", "P-2026-004"]).output
    assert "{" not in out and '"' not in out  # no raw JSON
    assert "ethics          dmp: true; supervisor_check: true" in out
    assert "link_stamps" not in out
    assert "finding of this project: F-2026-RZVD" in out
    assert "from project: F-2026-RZVD" not in out
    question = runner.invoke(app, [*_kb(root), "show", "Q-2026-005"]).output
    assert "taken up by: P-2026-004" in question
    assert "answered by: F-2026-RZVD" in question
    finding = runner.invoke(app, [*_kb(root), "show", "F-2026-RZVD"]).output
    assert "evidence" in finding and "design: " in finding
