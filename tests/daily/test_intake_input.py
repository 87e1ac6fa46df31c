"""Intake input that used to be lost or changed silently: extra cells, a form without submission
numbers, several wrong themes, a damaged spreadsheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example, snapshot
from veiligestad.cli.main import app

runner = CliRunner()
NO_NUMBER = ["Ingediend op", "Titel van uw vraag", "Organisatie", "Thema's", "Uw vraag"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _import(root: Path, path: Path) -> object:
    return runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "import",
                               str(path)])


def _questions(root: Path) -> set[str]:
    return {p.name for p in (root / "data/questions").glob("*.yaml")}


def test_a_row_with_more_cells_than_the_header_is_reported(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    header = ["Inzendingsnummer", *NO_NUMBER]
    path = _write(tmp_path / "form.csv", [
        header,
        ["201", "03-11-2026", "Goede vraag", "Politie", "preventie", "Tekst"],
        ["202", "03-11-2026", "Vraag", "Politie", "preventie", "Tekst, met", "een rest"],
    ])
    result = _import(root, path)
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "1 cell(s) more than the header (6 columns)" in \
        result.output  # type: ignore[attr-defined]
    assert "'een rest'" in result.output  # type: ignore[attr-defined]


def test_without_a_submission_column_a_re_import_with_trivial_differences_is_no_op(
        tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    first = _write(tmp_path / "first.csv", [
        NO_NUMBER, ["05-11-2026", "Veilig naar huis na het stappen", "politie", "uitgaansleven",
                    "Hoe komen jongeren veilig thuis?"]])
    result = _import(root, first)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "no column 'Inzendingsnummer' with a submission number" in \
        result.output  # type: ignore[attr-defined]
    made = _questions(root)
    before = snapshot(root)
    # the same row, exported again: a label for the key, 5- for 05-, a trailing space
    again = _write(tmp_path / "again.csv", [
        NO_NUMBER, ["5-11-2026", "Veilig naar huis na het stappen ", "Politie", "Uitgaansleven",
                    "Hoe komen jongeren  veilig thuis?"]])
    result = _import(root, again)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "0 created, 1 skipped" in result.output  # type: ignore[attr-defined]
    assert _questions(root) == made and snapshot(root) == before


def test_every_wrong_theme_is_named_with_a_suggestion(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question",
                                 "--no-input", "--title", "x", "--asked-by", "politie",
                                 "--theme", "uitgaansleve", "--theme", "preventi"])
    assert result.exit_code == 2, result.output
    assert "'uitgaansleve' is not an allowed value (did you mean uitgaansleven?)" in \
        result.output
    assert "'preventi' is not an allowed value (did you mean preventie?)" in result.output


def test_a_damaged_spreadsheet_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    not_zip = tmp_path / "kapot.xlsx"
    not_zip.write_bytes(b"PK\x03\x04 this is no zip at all")
    foreign = tmp_path / "vreemd.xlsx"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("hello.txt", "no workbook here")
    book = openpyxl.Workbook()
    book.active.append(["a"])  # type: ignore[union-attr]
    book.save(tmp_path / "good.xlsx")
    broken = tmp_path / "afgekapt.xlsx"
    broken.write_bytes((tmp_path / "good.xlsx").read_bytes()[:600])
    for path in (not_zip, foreign, broken):
        result = _import(root, path)
        assert result.exit_code == 2, (path.name, result.output)  # type: ignore[attr-defined]
        assert "cannot be read" in result.output  # type: ignore[attr-defined]
    assert snapshot(root) == before


def test_a_number_below_its_minimum_says_what_is_allowed(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "new", "project",
                                 "--no-input", "--title", "x", "-q", "Q-2026-012", "--type",
                                 "thesis", "--institution", "universiteit_leiden",
                                 "--academic-year", "2026-2027", "--student-count", "0"])
    assert result.exit_code == 2, result.output
    assert "None" not in result.output
    assert "1 or more" in result.output
