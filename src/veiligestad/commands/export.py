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

import csv
import datetime as dt
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from veiligestad.commands.query import cell
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS, Kind
from veiligestad.query import AUDIENCES, Context, Row, field_specs, select
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
    if audience not in AUDIENCES:
        raise UsageError(ctx.t("export.bad_audience", audience=audience),
                         hint=", ".join(AUDIENCES))
    return {kind.plural: select(ctx, kind, audience=audience).rows for kind in KINDS.values()}


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


def build_tables(rows: dict[str, list[Row]]) -> list[Table]:
    """The tables of the export, in a stable order."""
    tables: list[Table] = []
    children: dict[str, Table] = {}
    for kind in KINDS.values():
        specs, inners = flat_specs(kind)
        flat = [_flatten(r, specs) for r in rows[kind.plural]]
        names: dict[str, None] = {"id": None}
        for row in flat:
            names.update(dict.fromkeys(row))
        table = Table(kind.plural, list(names), key="id")
        if kind.name == "finding":
            table.references["project"] = "projects"
        table.rows = [[row.get(n) for n in table.columns] for row in flat]
        tables.append(table)
        for spec in _mapping_lists(kind):
            name = f"{kind.plural}_{spec.name}"
            owner = f"{kind.name}_id"
            items = [(r["id"], i, _flatten(item, inners[spec.name])) for r in rows[kind.plural]
                     for i, item in enumerate(r.get(spec.name) or [], start=1)
                     if isinstance(item, dict)]
            cols: dict[str, None] = {}
            for _, _, item in items:
                cols.update(dict.fromkeys(item))
            child = Table(name, [owner, "position", *cols], references={owner: kind.plural})
            child.rows = [[rid, i, *(item.get(c) for c in cols)] for rid, i, item in items]
            children[name] = child
    tables.extend(children[n] for n in sorted(children))
    ids = {r["id"] for kind_rows in rows.values() for r in kind_rows}
    for source, plural in (("project", "projects"), ("finding", "findings")):
        link = Table(f"{source}_questions", [f"{source}_id", "question_id"],
                     references={f"{source}_id": plural, "question_id": "questions"})
        link.rows = [[r["id"], q] for r in rows[plural] for q in r.get("questions") or []
                     if q in ids]
        tables.append(link)
    return tables


def _mapping_lists(kind: Kind) -> list[FieldSpec]:
    return [s for s in field_specs(kind) if s.type is FieldType.LIST and s.item is not None
            and s.item.type is FieldType.MAPPING]


def _replace(path: Path, write: Any, suffix: str) -> None:
    """Write through a temporary file beside ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def json_document(rows: dict[str, list[Row]], meta: dict[str, Any]) -> str:
    """One JSON document: the export's metadata, then every kind as a list with one record per
    line. Python's ``indent`` always takes its slow pure-Python encoder (seconds at 10,000
    records); a line per record takes the C encoder, reads as well and diffs per record."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    parts = [f"  {dump(key)}: {dump(value)}" for key, value in meta.items()]
    for key, records in rows.items():
        if records:
            lines = ",\n".join(f"    {dump(record)}" for record in records)
            parts.append(f"  {dump(key)}: [\n{lines}\n  ]")
        else:
            parts.append(f"  {dump(key)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_json(rows: dict[str, list[Row]], meta: dict[str, Any], path: Path) -> None:
    """``json_document`` written through a temporary file."""
    text = json_document(rows, meta)
    # newline="": the same bytes on every system (Windows would write CR LF)
    _replace(path, lambda p: p.write_text(text, encoding="utf-8", newline=""), ".json")


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


def write_sqlite(tables: Sequence[Table], path: Path) -> None:
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
                                [[_sql_value(v) for v in row] for row in table.rows])
            con.commit()
        finally:
            con.close()

    _replace(path, write, ".db")


def write_csv(tables: Sequence[Table], folder: Path) -> list[Path]:
    """A CSV file per table, as Dutch Excel opens it: UTF-8 with a BOM, ``;``, CRLF."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"

        def write(tmp: Path, table: Table = table) -> None:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                handle.write(BOM)
                writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
                writer.writerow(csv_row(table.columns))
                writer.writerows([_csv_text(v) for v in row] for row in table.rows)

        _replace(path, write, ".csv")
        written.append(path)
    return written


def _csv_text(value: Any) -> str:
    """``csv_cell(cell(value))``, with the two commonest values (text, nothing) taken first:
    a large export has hundreds of thousands of cells."""
    if value is None:
        return ""
    if type(value) is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return csv_cell(cell(value))


def write_xlsx(tables: Sequence[Table], path: Path) -> None:
    """An Excel workbook with a sheet per table; dates are real dates, the header is frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def write(tmp: Path) -> None:
        book = Workbook()
        first = True
        for table in tables:
            sheet = book.active if first else book.create_sheet()
            first = False
            assert sheet is not None
            sheet.title = table.name[:31]
            append_row(sheet, table.columns)
            for c in sheet[1]:
                c.font = Font(bold=True)
            for row in table.rows:
                append_row(sheet, [_xlsx_value(v) for v in row])
            for column in sheet.iter_cols(min_row=2):
                for c in column:
                    if isinstance(c.value, dt.date):
                        c.number_format = "yyyy-mm-dd"
            sheet.freeze_panes = "A2"
            if table.rows:
                sheet.auto_filter.ref = sheet.dimensions
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
    rows = export_rows(ctx, audience)
    counts = {plural: len(r) for plural, r in rows.items()}
    try:
        if format == "json":
            meta = {"city": ctx.kb.config.city, "audience": audience,
                    "exported": ctx.today.isoformat()}
            write_json(rows, meta, target)
        elif format == "sqlite":
            write_sqlite(build_tables(rows), target)
        elif format == "csv":
            written = write_csv(build_tables(rows), target)
        else:
            write_xlsx(build_tables(rows), target)
        for file in written if format == "csv" else [target]:
            set_mode(file, audience)
    except OSError as exc:
        # refused to replace the file: mostly open in another program (Windows)
        in_use = isinstance(exc, PermissionError) and exc.filename2 is not None
        raise UsageError(t("export.cannot_write", path=str(path),
                           error=exc.strerror or str(exc)),
                         hint=t("cli.path_in_use_hint") if in_use else None) from None
    return ExportResult(target, counts)
