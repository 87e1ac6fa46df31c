"""``intake import`` of a hostile workbook: bounded and refused with a message, never a hang."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.authoring_helpers import copy_example, snapshot
from tests.commands.test_intake_import import HEADER, ROWS
from tests.robustness.harness import run

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
          + "]>\n")


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change: object) -> None:
    """Copy the workbook with one member's bytes changed by ``change`` (a function)."""
    with zipfile.ZipFile(path) as old:
        items = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in items:
            if info.filename == member:
                data = change(data)  # type: ignore[operator]
            new.writestr(info.filename, data)


def _import(tmp_path: Path, file: Path) -> tuple[int, str]:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    started = time.monotonic()
    result = run(root, ["intake", "import", str(file)], seconds=60)
    assert not result.crashed, result.explain()
    assert time.monotonic() - started < 60
    assert snapshot(root) == before
    return result.exit_code, result.stderr + result.output


def _with_entities(data: bytes) -> bytes:
    body = data.split(b"?>", 1)[-1]  # the XML declaration goes; the DOCTYPE comes first
    return LAUGHS.encode() + body.replace(b"Hoe veilig", b"&lol9; Hoe veilig", 1)


def test_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    file = _workbook(tmp_path / "form.xlsx", ROWS[:1])
    _rewrite(file, "xl/worksheets/sheet1.xml", _with_entities)
    code, out = _import(tmp_path, file)
    assert code == 2
    assert "document type" in out


def test_a_200_mb_cell_is_refused(tmp_path: Path) -> None:
    file = _workbook(tmp_path / "form.xlsx", ROWS[:1])
    with zipfile.ZipFile(file) as old:
        items = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in items:
            if name != "xl/worksheets/sheet1.xml":
                new.writestr(name, data)
                continue
            head, tail = data.split(b"Hoe veilig", 1)
            with new.open(name, "w", force_zip64=True) as member:
                member.write(head)
                chunk = b"a" * (1024 * 1024)
                for _ in range(200):
                    member.write(chunk)
                member.write(tail)
    assert file.stat().st_size < 2 * 1024 * 1024  # small on disk, 200 MB inside
    code, out = _import(tmp_path, file)
    assert code == 2
    assert "would unpack to more than" in out or "compressed far more" in out


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    file = _workbook(tmp_path / "form.xlsx", ROWS[:1])
    _rewrite(file, "xl/worksheets/sheet1.xml",
             lambda data: data.replace(b"Hoe veilig", b"x" * 40_000 + b" Hoe veilig", 1))
    code, out = _import(tmp_path, file)
    assert code == 2
    assert "longer than 32767 characters" in out


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_pipe_is_not_a_form_export(suffix: str, tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("pipes are POSIX")
    fifo = tmp_path / f"form{suffix}"
    os.mkfifo(fifo)
    code, _ = _import(tmp_path, fifo)
    assert code == 2


def test_a_real_workbook_still_imports(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    file = _workbook(tmp_path / "form.xlsx", ROWS[:2])
    result = run(root, ["intake", "import", str(file)])
    assert result.exit_code in (0, 1), result.explain()
    assert not result.crashed


def test_a_csv_cell_longer_than_the_reader_allows_is_refused(tmp_path: Path) -> None:
    """Python's CSV reader refuses a field over 131,072 characters: a message with the file and
    line, exit 2 (it was an internal error; found by a hostile-PR test)."""
    file = tmp_path / "form.csv"
    file.write_text(";".join(HEADER) + "\n" + ";".join(["a" * 140_000, *ROWS[0][1:]]) + "\n",
                    encoding="utf-8")
    code, out = _import(tmp_path, file)
    assert code == 2, out
    assert "form.csv:2" in out, out


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=300),
                      st.text(alphabet=st.sampled_from(list(';,\t"\n\r\x00ab é')), max_size=300)
                      .map(lambda s: s.encode("utf-8"))))
def test_any_csv_export_is_imported_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                               body: bytes) -> None:
    """The form's header and then any bytes (quotes left open, NUL bytes, stray delimiters,
    bytes that are not UTF-8): read and checked, or refused with a message; never a crash,
    and (a dry run) nothing written."""
    tmp_path = tmp_path_factory.mktemp("csv")
    file = tmp_path / "form.csv"
    file.write_bytes(";".join(HEADER).encode("utf-8") + b"\n" + body)
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    result = run(root, ["intake", "import", str(file), "--dry-run", "--by", "coordinator"],
                 seconds=60)
    assert not result.crashed, result.explain()
    assert result.exit_code in (0, 1, 2), result.explain()
    assert snapshot(root) == before
