"""``export``: SQLite, CSV, xlsx and JSON, and a public export that leaks nothing."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import REPO, TODAY
from veiligestad.cli.main import app
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS_BY_PLURAL
from veiligestad.query import context
from veiligestad.store.kb import open_kb

runner = CliRunner()
MARKER = "GEHEIM-7f3a"


def export(root: Path, *args: str) -> None:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "export", *args])
    assert result.exit_code == 0, result.stderr


def test_sqlite_tables_links_and_foreign_keys(base_kb: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    export(base_kb, "sqlite", str(db))
    # closing(): Python 3.13 warns about a connection left open for the garbage collector
    with contextlib.closing(sqlite3.connect(db)) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"questions", "projects", "findings", "project_questions", "finding_questions",
                "findings_recommendations", "findings_relations"} <= tables
        assert con.execute("SELECT id, status, received FROM questions ORDER BY id"
                           ).fetchall() == [("Q-2026-001", "in_progress", "2026-01-12"),
                                            ("Q-2026-002", "in_progress", "2026-01-15")]
        assert con.execute("SELECT evidence_design FROM findings WHERE id='F-2026-7KQ3'"
                           ).fetchone() == (1,)
        assert json.loads(con.execute("SELECT themes FROM questions WHERE id='Q-2026-001'"
                                      ).fetchone()[0]) == ["veiligheidsbeleving", "ov"]
        assert con.execute("SELECT * FROM project_questions ORDER BY 2").fetchall() == [
            ("P-2026-001", "Q-2026-001"), ("P-2026-001", "Q-2026-002")]
        assert con.execute("SELECT finding_id, position, \"to\", follow_up "
                           "FROM findings_recommendations").fetchall() == [
            ("F-2026-7KQ3", 1, "wijkregie", "none")]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        fks = con.execute("PRAGMA foreign_key_list(finding_questions)").fetchall()
        assert {(fk[2], fk[3]) for fk in fks} == {("findings", "finding_id"),
                                                  ("questions", "question_id")}
    # a second export replaces the file
    export(base_kb, "sqlite", str(db))
    with contextlib.closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT count(*) FROM questions").fetchone() == (2,)


def test_csv_for_dutch_excel(base_kb: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export(base_kb, "csv", str(folder))
    raw = (folder / "questions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;title;")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline=""),
                               delimiter=";"))
    assert rows[0]["id"] == "Q-2026-001"
    assert rows[0]["themes"] == "veiligheidsbeleving, ov"
    assert rows[0]["projects"] == "P-2026-001"
    assert (folder / "project_questions.csv").read_bytes().startswith(
        b"\xef\xbb\xbfproject_id;question_id\r\n")


def test_xlsx_workbook(base_kb: Path, tmp_path: Path) -> None:
    path = tmp_path / "kb.xlsx"
    export(base_kb, "xlsx", str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["questions", "projects", "findings"]
    sheet = book["questions"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["id", "title"]
    received = sheet.cell(row=2, column=header.index("received") + 1).value
    assert isinstance(received, dt.datetime) and received.date() == dt.date(2026, 1, 12)
    date_cell = sheet.cell(row=2, column=header.index("received") + 1)
    assert date_cell.number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1]) and not any(c.font.bold for c in sheet[2])
    assert sheet.auto_filter.ref == sheet.dimensions  # the filter covers the whole table
    # every sheet holds what the CSV export's file of the same table holds, row for row
    folder = tmp_path / "csv"
    export(base_kb, "csv", str(folder))
    for name in book.sheetnames:
        raw = (folder / f"{name}.csv").read_bytes()[3:].decode("utf-8")
        expected = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
        got = [["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime)
                else str(v).lower() if isinstance(v, bool) else str(v) for v in row]
               for row in book[name].iter_rows(values_only=True)]
        assert got == expected, name


def test_json_of_everything(base_kb: Path, tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    export(base_kb, "json", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["city"], data["audience"], data["exported"]) == (
        "Teststad", "internal", TODAY.isoformat())
    assert [q["id"] for q in data["questions"]] == ["Q-2026-001", "Q-2026-002"]
    assert data["questions"][0]["projects"] == ["P-2026-001"]
    assert data["projects"][0]["client_contact"] == "beleidsadviseur veiligheid"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(meta=st.dictionaries(st.text(), _JSON_VALUES, max_size=3),
       rows=st.dictionaries(st.sampled_from(["questions", "projects", "findings"]),
                            st.lists(st.dictionaries(st.text(), _JSON_VALUES, max_size=4),
                                     max_size=4)))
def test_the_json_document_is_the_same_data_one_record_a_line(meta: dict[str, Any],
                                                              rows: dict[str, Any]) -> None:
    from veiligestad.commands.export import json_document

    meta = {k: v for k, v in meta.items() if k not in rows}
    text = json_document(rows, meta)
    assert json.loads(text) == {**meta, **rows}
    assert list(json.loads(text)) == [*meta, *rows]  # the same order of keys
    record_lines = [line for line in text.splitlines() if line.startswith("    {")]
    assert len(record_lines) == sum(len(records) for records in rows.values())


def test_never_into_data(base_kb: Path) -> None:
    ctx = context(open_kb(base_kb, Translator("en")), TODAY)
    from veiligestad.commands.export import export as run_export

    with pytest.raises(UsageError):
        run_export(ctx, "json", base_kb / "data" / "x.json")
    assert not (base_kb / "data" / "x.json").exists()


# -- the public export leaks nothing --

_TEXTS = (FieldType.TEXT, FieldType.KEY, FieldType.ID, FieldType.URL)


def _marked(value: Any, spec: FieldSpec) -> Any:
    if spec.type in _TEXTS:
        return f"{MARKER} {spec.name}"
    if spec.type is FieldType.LIST and spec.item is not None:
        return [_marked(v, spec.item) for v in (value if isinstance(value, list) else [None])]
    if spec.type is FieldType.MAPPING and spec.fields:
        value = value if isinstance(value, dict) else {}
        return {**value, **{sub.name: _marked(value.get(sub.name), sub) for sub in spec.fields
                            if sub.type in _TEXTS or sub.name in value}}
    return value

def _plant(value: Any, spec: FieldSpec) -> Any:
    """The same value with the marker planted in every field that is not public.

    Markers go where text goes, so the records keep their shapes: a record with a value of the
    wrong shape is left out of every export, which would prove nothing here.
    """
    if not spec.public:
        return _marked(value, spec)
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        return {k: _plant(v, spec.child(k) or spec) if spec.child(k) else v
                for k, v in value.items()}
    if spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        return [_plant(v, spec.item) for v in value]
    return value


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """The example knowledge base with a marker in every non-public record and field."""
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    embargoed = 0
    for path in sorted((root / "data").rglob("*.yaml")):
        kind = KINDS_BY_PLURAL[path.parent.name]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("classification", "internal") != "public" or data.get("embargo_until"):
            embargoed += bool(data.get("embargo_until"))
            data["title"] = f"{MARKER} {data['title']}"
        else:
            for spec in kind.fields:
                data[spec.name] = _plant(data.get(spec.name), spec)
            data["unknown_field"] = MARKER  # an unknown field may hold anything
            for deliverable in data.get("deliverables") or []:
                if deliverable.get("classification") != "public" or deliverable.get(
                        "embargo_until"):
                    deliverable["title"] = MARKER
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert embargoed >= 1  # the example holds a public record under embargo
    return root


def _text_of(path: Path) -> str:
    if path.is_dir():
        return "".join(p.read_text(encoding="utf-8-sig") for p in sorted(path.iterdir()))
    if path.suffix == ".db":
        with contextlib.closing(sqlite3.connect(path)) as con:
            return "\n".join(con.iterdump())
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return "".join(book.read(n).decode("utf-8") for n in book.namelist())
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "name"), [("json", "kb.json"), ("sqlite", "kb.db"),
                                           ("csv", "csv"), ("xlsx", "kb.xlsx")])
def test_public_export_holds_no_marker(planted: Path, tmp_path: Path, fmt: str,
                                       name: str) -> None:
    internal, public = tmp_path / "internal" / name, tmp_path / "public" / name
    export(planted, fmt, str(internal))
    export(planted, fmt, str(public), "--audience", "public")
    assert MARKER in _text_of(internal)  # the marker is really there to find
    text = _text_of(public)
    assert MARKER not in text
    assert "F-2025-33JB" in text  # and the public records are


def test_public_export_keeps_links_to_public_records_only(tmp_path: Path) -> None:
    path = tmp_path / "public.json"
    export(REPO, "json", str(path), "--audience", "public")
    data = json.loads(path.read_text(encoding="utf-8"))
    exported = {r["id"] for kind in ("questions", "projects", "findings") for r in data[kind]}
    for kind in ("questions", "projects", "findings"):
        for row in data[kind]:
            assert row["classification"] == "public" and row["is_public"] is True
            for name in ("questions", "projects", "findings", "related_from"):
                assert set(row.get(name) or []) <= exported, (row["id"], name)
            assert row.get("project") in (None, *exported)


@pytest.mark.parametrize(("args", "message"), [
    (("yaml", "out.yaml"), "'yaml' is not an export format"),
    (("json", "out.json", "everyone"), "'everyone' is not an audience"),
])
def test_core_refuses_unknown_formats_and_audiences(base_kb: Path, tmp_path: Path,
                                                    args: tuple[str, ...], message: str) -> None:
    from veiligestad.commands.export import export as run_export

    ctx = context(open_kb(base_kb, Translator("en")), TODAY, Translator("en"))
    with pytest.raises(UsageError) as raised:
        run_export(ctx, args[0], tmp_path / args[1], *args[2:])
    assert raised.value.message == message


def test_a_path_that_cannot_be_written_is_a_usage_error(base_kb: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "export", "json",
                                 str(tmp_path / "file" / "kb.json")])
    assert result.exit_code == 2
    assert "cannot be written" in result.stderr
    assert "Traceback" not in result.output


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES | st.dates() | st.sampled_from(["=1+1", "-3", "+x", "@a", "\tx", ""]))
def test_a_csv_cell_is_the_cell_text_made_safe(value: Any) -> None:
    from veiligestad.commands.export import _csv_text
    from veiligestad.commands.query import cell
    from veiligestad.spreadsheet import csv_cell

    assert _csv_text(value) == csv_cell(cell(value))


def test_the_columns_do_not_depend_on_the_records(tmp_path: Path) -> None:
    """A mapping of declared fields (``evidence``) gets a column per field; one keyed by data
    (``link_stamps``: the IDs a record links to) is one cell of JSON, so a table's columns are
    the same whatever IDs the records link to (they were ``link_stamps_P-2026-001`` …)."""
    from veiligestad.commands.export import build_tables, export_rows

    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)

    def tables() -> dict[str, list[str]]:
        kb = open_kb(root, Translator("en"), cache=False, on_left_out=None)
        return {table.name: table.columns
                for table in build_tables(export_rows(context(kb, TODAY, Translator("en"))))}

    def stamp(extra: dict[str, str]) -> None:
        for path in sorted((root / "data").rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["link_stamps"] = {**(data.get("link_stamps") or {}), **extra}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")

    stamp({"Q-2026-001": "89abcdef"})  # every record has the field: it is a column
    before = tables()
    stamp({"Q-2099-001": "0123abcd", "P-2099-002": "4567ef01"})
    after = tables()
    assert after == before
    for columns in after.values():
        assert not [c for c in columns if c.startswith("link_stamps_")], columns
    assert "evidence_design" in after["findings"] and "link_stamps" in after["findings"]
    folder = tmp_path / "csv"
    export(root, "csv", str(folder))
    rows = list(csv.DictReader(io.StringIO((folder / "findings.csv").read_text(
        encoding="utf-8-sig"), newline=""), delimiter=";"))
    assert json.loads(rows[0]["link_stamps"])["Q-2099-001"] == "0123abcd"


def test_tables_made_a_kind_at_a_time_are_the_tables_of_every_kind() -> None:
    """What the writers get (``tables_of`` over ``kinds_rows``, each kind's rows let go of
    as its table is made) is what ``build_tables`` makes of every kind's rows held at once."""
    from veiligestad.commands.export import (
        _TAKEN,
        build_tables,
        export_rows,
        kinds_rows,
        tables_of,
    )

    kb = open_kb(REPO, Translator("en"), cache=False, on_left_out=None)
    whole = build_tables(export_rows(context(kb, TODAY, Translator("en"))))
    seen: list[list[Any]] = []

    def kept() -> Any:
        for plural, rows in kinds_rows(context(kb, TODAY, Translator("en"))):
            seen.append(rows)
            yield plural, rows

    streamed = list(tables_of(kept(), consume=True))
    assert [(t.name, t.columns, t.rows, t.key, t.references) for t in streamed] == [
        (t.name, t.columns, t.rows, t.key, t.references) for t in whole]
    assert sum(len(t.rows) for t in whole) > 50  # the example data fills every table
    assert all(row is _TAKEN for rows in seen for row in rows) and len(seen) == 3


def test_a_csv_export_that_fails_part_of_the_way_leaves_the_folder_as_it_was(
        base_kb: Path, tmp_path: Path) -> None:
    """The tables come as a kind's records are read: a failure after the first table leaves
    every file as it was (none new, none half-written) and no temporary file behind."""
    from veiligestad.commands.export import Table, write_csv

    folder = tmp_path / "csv"
    export(base_kb, "csv", str(folder))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def failing() -> Any:
        yield Table("questions", ["id"], [["Q-2099-001"]])
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_csv(failing(), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    written = write_csv([Table("questions", ["id"], [["Q-2099-001"]])], folder)
    assert written == [folder / "questions.csv"]
    assert (folder / "questions.csv").read_bytes() == b"\xef\xbb\xbfid\r\nQ-2099-001\r\n"
