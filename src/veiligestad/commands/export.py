"""``veiligestad export``: the knowledge base as SQLite, CSV, Excel or JSON, for analysis elsewhere.

Rows are the query engine's views (stored fields plus backlinks and derived fields). Tables:
one per kind (``questions``, ``projects``, ``findings``; mappings flattened into columns such as
``evidence_design``), one per list of mappings (``findings_recommendations``,
``projects_deliverables``, ``questions_status_history``, ...) keyed by the record's ID and the
item's position, and the link tables ``project_questions`` and ``finding_questions``.

``audience="public"`` keeps only what DESIGN.md allows the public to see, as decided by the one
predicate in ``veiligestad.privacy`` (through the query engine's public views): records that are
``public``, past their embargo and (findings) published, only the fields marked public,
deliverables that are public themselves, and links only to records that are exported too.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from veiligestad.commands.query import cell
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS, Kind
from veiligestad.query import AUDIENCES, Context, Row, field_specs
from veiligestad.spreadsheet import FORMULA_STARTS, append_row, csv_cell, csv_row
from veiligestad.store.outputs import guard_output, set_mode

FORMATS: Final = ("sqlite", "csv", "xlsx", "json")
BOM: Final = "\ufeff"
_DATE: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class Table:
    """One table of the export: column names and rows of plain values."""

    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    key: str | None = None  # the primary key column
    references: dict[str, str] = field(default_factory=dict)  # column -> table it points to


@dataclass(frozen=True)
class ExportResult:
    """Where the export went and how many records of each kind it holds."""

    path: Path
    counts: dict[str, int]


def export_rows(ctx: Context, audience: str = "internal") -> dict[str, list[Row]]:
    """The rows of every kind for ``audience``, JSON-ready (dates as ISO strings)."""
    return dict(kinds_rows(ctx, audience))


def kinds_rows(ctx: Context, audience: str = "internal") -> Iterator[tuple[str, list[Row]]]:
    """``export_rows`` a kind at a time: the writers below hold one kind's rows at once, not
    every kind's (at 30,000 records the rows of every kind are about 140 MB)."""
    if audience not in AUDIENCES:
        raise UsageError(ctx.t("export.bad_audience", audience=audience),
                         hint=", ".join(AUDIENCES))
    for kind in KINDS.values():
        rows = ctx.take_json(kind, audience)  # as ``select`` gives them; the views let go
        yield kind.plural, rows
        del rows  # not held while the next kind's rows are made


def _flatten(row: Row, specs: dict[str, FieldSpec], prefix: str = "") -> dict[str, Any]:
    """A row as columns: a mapping of declared fields (``evidence``: ``evidence_design`` …)
    spread over a column each; any other mapping (``link_stamps``, keyed by the IDs a record
    links to) is one cell, so the columns are the same whatever the records hold."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, str):  # most values: checked first
            out[prefix + key if prefix else key] = value
        elif isinstance(value, dict):
            spec = specs.get(key)
            if spec is not None and spec.fields:
                out.update(_flatten(value, {c.name: c for c in spec.fields}, f"{prefix}{key}_"))
            else:
                out[prefix + key if prefix else key] = value
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            continue  # a list of mappings gets a table of its own
        else:
            out[prefix + key if prefix else key] = value
    return out


def flat_specs(kind: Kind) -> tuple[dict[str, FieldSpec], dict[str, dict[str, FieldSpec]]]:
    """What ``_flatten`` spreads into columns for ``kind``: its fields, and for each list of
    mappings the fields of an item (made once per kind)."""
    made = _FLAT_SPECS.get(kind.name)
    if made is None:
        lists: dict[str, dict[str, FieldSpec]] = {}
        for spec in _mapping_lists(kind):
            assert spec.item is not None
            lists[spec.name] = {c.name: c for c in spec.item.fields}
        made = _FLAT_SPECS[kind.name] = ({spec.name: spec for spec in field_specs(kind)}, lists)
    return made


_FLAT_SPECS: dict[str, tuple[dict[str, FieldSpec], dict[str, dict[str, FieldSpec]]]] = {}
_TAKEN: Final[Row] = {}  # what ``tables_of(consume=True)`` leaves in place of a row


def build_tables(rows: dict[str, list[Row]]) -> list[Table]:
    """The tables of the export, in a stable order."""
    return list(tables_of(rows.items()))


def tables_of(kinds: Iterable[tuple[str, list[Row]]], *, consume: bool = False
              ) -> Iterator[Table]:
    """The tables of the export, in a stable order, from the rows of each kind in turn (as
    ``kinds_rows`` gives them): a kind's table as soon as its rows are there, so that a writer
    holds one kind's table at a time; the tables of its lists and the link tables, smaller,
    after every kind. With ``consume``, each list of rows is emptied, row by row, as its table
    is made (for a caller that needs the rows no more): its rows and the table's are not held
    whole at once."""
    children: dict[str, Table] = {}
    ids: set[str] = set()
    linked: dict[str, list[tuple[Any, Any]]] = {"projects": [], "findings": []}
    by_plural = {kind.plural: kind for kind in KINDS.values()}
    for plural, kind_rows in kinds:
        kind = by_plural[plural]
        specs, inners = flat_specs(kind)
        for spec in _mapping_lists(kind):
            name = f"{kind.plural}_{spec.name}"
            owner = f"{kind.name}_id"
            items = [(r["id"], i, _flatten(item, inners[spec.name])) for r in kind_rows
                     for i, item in enumerate(r.get(spec.name) or [], start=1)
                     if isinstance(item, dict)]
            cols: dict[str, None] = {}
            for _, _, item in items:
                cols.update(dict.fromkeys(item))
            child = Table(name, [owner, "position", *cols], references={owner: kind.plural})
            child.rows = [[rid, i, *(item.get(c) for c in cols)] for rid, i, item in items]
            children[name] = child
        ids.update(r["id"] for r in kind_rows)
        if plural in linked:
            linked[plural] = [(r["id"], r.get("questions") or []) for r in kind_rows]
        names: dict[str, None] = {"id": None}
        for row in kind_rows:  # the columns first: flattened again below, a row at a time
            names.update(dict.fromkeys(_flatten(row, specs)))
        table = Table(kind.plural, list(names), key="id")
        if kind.name == "finding":
            table.references["project"] = "projects"
        columns = table.columns
        for index, row in enumerate(kind_rows):
            flat = _flatten(row, specs)
            table.rows.append([flat.get(n) for n in columns])
            if consume:
                kind_rows[index] = _TAKEN  # let go of a row once it is in the table
        del kind_rows
        yield table
        del table
    yield from (children[n] for n in sorted(children))
    for source, plural in (("project", "projects"), ("finding", "findings")):
        link = Table(f"{source}_questions", [f"{source}_id", "question_id"],
                     references={f"{source}_id": plural, "question_id": "questions"})
        link.rows = [[rid, q] for rid, questions in linked[plural] for q in questions
                     if q in ids]
        yield link


def _mapping_lists(kind: Kind) -> list[FieldSpec]:
    return [s for s in field_specs(kind) if s.type is FieldType.LIST and s.item is not None
            and s.item.type is FieldType.MAPPING]


def _temp_beside(path: Path, suffix: str) -> Path:
    """A new empty temporary file in ``path``'s folder, named after it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _replace(path: Path, write: Any, suffix: str) -> None:
    """Write through a temporary file beside ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(path, suffix)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def json_document(rows: dict[str, list[Row]], meta: dict[str, Any]) -> str:
    """One JSON document: the export's metadata, then every kind as a list with one record per
    line. Python's ``indent`` always takes its slow pure-Python encoder (seconds at 10,000
    records); a line per record takes the C encoder, reads as well and diffs per record."""
    return "".join(json_pieces(rows.items(), meta))


def json_pieces(kinds: Iterable[tuple[str, list[Row]]], meta: dict[str, Any]
                ) -> Iterator[str]:
    """``json_document`` a line at a time, from the rows of each kind in turn: written as it
    is made, the document (54 MB at 30,000 records) is never held whole."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    yield "{\n"
    first = True
    for key, value in meta.items():
        yield ("" if first else ",\n") + f"  {dump(key)}: {dump(value)}"
        first = False
    for key, records in kinds:
        yield "" if first else ",\n"
        first = False
        if not records:
            yield f"  {dump(key)}: []"
            continue
        yield f"  {dump(key)}: [\n"
        for index, record in enumerate(records):
            yield (",\n    " if index else "    ") + dump(record)
        yield "\n  ]"
    yield "\n}\n"


def write_json(rows: dict[str, list[Row]] | Iterable[tuple[str, list[Row]]],
               meta: dict[str, Any], path: Path) -> None:
    """``json_document`` written through a temporary file as it is made."""
    kinds = rows.items() if isinstance(rows, dict) else rows

    def write(tmp: Path) -> None:
        # newline="": the same bytes on every system (Windows would write CR LF)
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(json_pieces(kinds, meta))

    _replace(path, write, ".json")


def _sql_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) for v in present):
        return "INTEGER"
    return "TEXT"


def _sql_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_sqlite(tables: Iterable[Table], path: Path) -> None:
    """A SQLite database: a table per kind and per list, link tables, foreign keys declared
    (Datasette and sqlite-utils follow them)."""
    def write(tmp: Path) -> None:
        con = sqlite3.connect(tmp)
        try:
            for table in tables:
                cols = []
                for index, column in enumerate(table.columns):
                    kind = _sql_type([row[index] for row in table.rows])
                    line = f"{_quote(column)} {kind}"
                    if column == table.key:
                        line += " PRIMARY KEY"
                    if column in table.references:
                        line += f" REFERENCES {_quote(table.references[column])}(id)"
                    cols.append(line)
                con.execute(f"CREATE TABLE {_quote(table.name)} ({', '.join(cols)})")
                marks = ", ".join("?" for _ in table.columns)
                con.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
                                ([_sql_value(v) for v in row] for row in table.rows))
                del table  # not held while the next table is made
            con.commit()
        finally:
            con.close()

    _replace(path, write, ".db")


def write_csv(tables: Iterable[Table], folder: Path) -> list[Path]:
    """A CSV file per table, as Dutch Excel opens it: UTF-8 with a BOM, ``;``, CRLF.

    Every table is written to a temporary file beside its own first, and only when all are
    written are they moved into place: the tables come as they are made (a kind's records are
    read between two tables), so a failure part of the way leaves the folder as it was instead
    of some tables new and others old."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    made: list[tuple[Path, Path]] = []  # (temporary file, its place)
    try:
        for table in tables:
            path = folder / f"{table.name}.csv"
            tmp = _temp_beside(path, ".csv")
            made.append((tmp, path))
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                handle.write(BOM)
                writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
                writer.writerow(csv_row(table.columns))
                writer.writerows([_csv_text(v) for v in row] for row in table.rows)
            del table  # not held while the next table is made
        for written, path in made:
            os.replace(written, path)
    finally:
        for written, _ in made:
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)
    return [path for _, path in made]


def _csv_text(value: Any) -> str:
    """``csv_cell(cell(value))``, with the two commonest values (text, nothing) taken first:
    a large export has hundreds of thousands of cells."""
    if value is None:
        return ""
    if type(value) is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return csv_cell(cell(value))


def write_xlsx(tables: Iterable[Table], path: Path) -> None:
    """An Excel workbook with a sheet per table; dates are real dates, the header is bold and
    frozen, with a filter over the table. Written as a stream (openpyxl's write-only mode): a
    row goes to the file when it is appended, instead of a cell object per value held for the
    whole workbook (30,000 records took over 600 MB and more than ten minutes that way)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter

    def write(tmp: Path) -> None:
        book = Workbook(write_only=True)
        bold = Font(bold=True)
        for table in tables:
            sheet = book.create_sheet(table.name[:31])
            sheet.freeze_panes = "A2"
            if table.rows:
                last = f"{get_column_letter(max(1, len(table.columns)))}{len(table.rows) + 1}"
                sheet.auto_filter = AutoFilter(ref=f"A1:{last}")
            append_row(sheet, table.columns, font=bold)
            for row in table.rows:
                append_row(sheet, [_xlsx_value(v) for v in row], date_format="yyyy-mm-dd")
            del table  # not held while the next table is made
        if not book.worksheets:
            book.create_sheet("export")
        book.save(tmp)

    _replace(path, write, ".xlsx")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list | dict):
        return cell(value)
    return value


# The file names each format (but csv, a folder of files) is known by.
SUFFIXES = {"sqlite": (".db", ".sqlite", ".sqlite3"), "xlsx": (".xlsx",), "json": (".json",)}


def _check_file_name(path: Path, format: str, t: Translator, folder_named: bool) -> None:
    """A usage error when ``path`` is a folder (or written as one: ``out/``), or its name ends
    in another format's suffix (``export json out.xlsx`` would write JSON that every program
    opens as a workbook; ``export csv out.json`` a folder named like a file). A name with no
    suffix, or one no format has, is taken as it is."""
    if format == "csv":  # a folder of files: only a name of another format is refused
        other = next((name for name, known in SUFFIXES.items()
                      if path.suffix.lower() in known), None)
        if other is not None:
            raise UsageError(t("export.suffix_mismatch", path=str(path), suffix=path.suffix,
                               format=format),
                             hint=t("export.suffix_mismatch_hint",
                                    example=str(path.with_suffix(""))))
        return
    if folder_named or path.is_dir():
        example = path / f"export{SUFFIXES[format][0]}"
        raise UsageError(t("export.folder", path=str(path), format=format),
                         hint=t("export.folder_hint", example=str(example)))
    suffix = path.suffix.lower()
    other = next((name for name, known in SUFFIXES.items() if suffix in known), None)
    if suffix == ".csv":
        other = "csv"
    if other is not None and other != format:
        raise UsageError(t("export.suffix_mismatch", path=str(path), suffix=path.suffix,
                           format=format),
                         hint=t("export.suffix_mismatch_hint",
                                example=str(path.with_suffix(SUFFIXES[format][0]))))


def export(ctx: Context, format: str, path: Path, audience: str = "internal", *,
           force: bool = False, folder_named: bool = False) -> ExportResult:
    """Write the export where ``store.outputs`` allows it (never over a record, the config or
    ``.git/``; internal data inside the knowledge base only with ``force``)."""
    t = ctx.t
    if format not in FORMATS:
        raise UsageError(t("export.bad_format", format=format), hint=", ".join(FORMATS))
    if audience not in AUDIENCES:
        raise UsageError(t("export.bad_audience", audience=audience), hint=", ".join(AUDIENCES))
    _check_file_name(path, format, t, folder_named)
    target = guard_output(ctx.kb.root, path, t, audience=audience, force=force,
                          folder=format == "csv")
    counts: dict[str, int] = {}

    def counted() -> Iterator[tuple[str, list[Row]]]:
        """The rows a kind at a time (one kind's held at once), counted on the way."""
        for plural, records in kinds_rows(ctx, audience):
            counts[plural] = len(records)
            yield plural, records
            del records  # not held while the next kind's rows are made

    try:
        if format == "json":
            meta = {"city": ctx.kb.config.city, "audience": audience,
                    "exported": ctx.today.isoformat()}
            write_json(counted(), meta, target)
        elif format == "sqlite":
            write_sqlite(tables_of(counted(), consume=True), target)
        elif format == "csv":
            written = write_csv(tables_of(counted(), consume=True), target)
        else:
            write_xlsx(tables_of(counted(), consume=True), target)
        for file in written if format == "csv" else [target]:
            set_mode(file, audience)
    except OSError as exc:
        # refused to replace the file: mostly open in another program (Windows)
        in_use = isinstance(exc, PermissionError) and exc.filename2 is not None
        raise UsageError(t("export.cannot_write", path=str(path),
                           error=exc.strerror or str(exc)),
                         hint=t("cli.path_in_use_hint") if in_use else None) from None
    return ExportResult(target, counts)
