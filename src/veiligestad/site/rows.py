"""The open data's rows kept per record, and the files joined from them.

The site's open data (``site/opendata.py``) are the ``export --audience public`` rows of every
public record as one JSON file and a CSV file per table. Making every row again on a build after
one edit costs seconds on a large knowledge base (a view of each record, its public fields, its
JSON form, the tables and the CSV cells). So each public record's part of every file is kept in
the git-ignored cache folder (``.veiligestad-cache/site/rows-NN.pickle``, 16 files by path):
its JSON line, its CSV line in its kind's table, its lines in the tables of its lists of mappings
(recommendations, deliverables …), the fields of each (which make the tables' columns) and the
questions it links to (the link tables), under the key of what its row is made from:

* its public fields, by the token ``site.public`` gives them (its file's content digest and
  whether each record it links to was public),
* what the query engine derives for it from other records: its backlinks (the projects and
  findings of a question, the findings of a project, the findings related to a finding) and the
  themes of its questions (``query.view.ViewBuilder``),
* and, for the whole file, the day (derived fields count days), the code of the tool.

Only the rows of records whose key changed are made again, one record at a time, the way the
export makes them (``ViewBuilder.view``, ``query.public.public_view``, ``jsonable``). The files
are then joined from every record's parts in the export's order; when a table's columns (the
fields that occur in any of its rows, in the order they first occur) are not those the kept
lines were made for, every line of that table is made again. The bytes are the export's own:
a test compares them with ``open_data_files`` after random edits.
"""

from __future__ import annotations

import contextlib
import csv
import io
import zlib
from pathlib import Path
from typing import Any, Final

from veiligestad.commands.export import (
    BOM,
    _csv_text,
    _flatten,
    _mapping_lists,
    flat_specs,
)
from veiligestad.model.kinds import KINDS
from veiligestad.query import Context
from veiligestad.spreadsheet import csv_row

FORMAT: Final = 2  # 2: a mapping of no declared fields is one cell
SHARDS: Final = 16
JSON_NAME: Final = "veiligestad.json"

# One record's parts, as a list: [key, JSON line, its fields in its kind's table, their CSV
# cells, ((list table, ((position, item fields, item cells), ...)), ...), the questions it links
# to, {table: (its columns, this record's CSV lines there)}]. The last is filled in when the
# files are joined: a record's lines hold as long as its table has the same columns.
Part = list[Any]
_KEY, _JSON, _FIELDS, _CELLS, _LISTS, _QUESTIONS, _LINES = range(7)


def shard_of(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % SHARDS


def shard_name(number: int) -> str:
    return f"rows-{number:02d}.pickle"


def _key(ctx: Context, builder: Any, record: Any, token: str) -> tuple[Any, ...]:
    rid = record.record_id or ""
    index = ctx.index
    data = record.data or {}
    return (token,  # the parts are kept by the record's path already
            tuple(index.projects_of_question.get(rid, ())),
            tuple(index.findings_of_question.get(rid, ())),
            tuple(index.findings_of_project.get(rid, ())),
            tuple(f for _, f in index.related_to_finding.get(rid, ())),
            tuple(builder.themes_of(data.get("questions"))))


def _row(ctx: Context, builder: Any, record: Any) -> dict[str, Any]:
    """The export's public row of one record, as ``export_rows`` makes it."""
    from veiligestad.query.public import public_view
    from veiligestad.query.view import DERIVED, field_specs, jsonable

    kind = record.kind
    derived = [s.name for s in DERIVED[kind.name]]
    view = public_view(builder.view(record), field_specs(kind), ctx.kb.by_id, ctx.today,
                       derived, checked=frozenset(kind.field_names))  # as the context does
    return jsonable(view)  # type: ignore[no-any-return]


def _part(key: tuple[Any, ...], kind: Any, row: dict[str, Any], dump: Any) -> Part:
    specs, inners = flat_specs(kind)
    flat = _flatten(row, specs)
    lists = []
    for spec in _mapping_lists(kind):
        # positions count every item, as the export's do
        items = tuple((position, tuple(item), tuple(_csv_text(v) for v in item.values()))
                      for position, item in (
                          (position, _flatten(i, inners[spec.name]))
                          for position, i in enumerate(row.get(spec.name) or [], start=1)
                          if isinstance(i, dict)))
        lists.append((f"{kind.plural}_{spec.name}", items))
    questions = tuple(q for q in row.get("questions") or [] if isinstance(q, str))
    return [key, f"    {dump(row)}", tuple(flat), tuple(_csv_text(v) for v in flat.values()),
            tuple(lists), questions, {}]


def _lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def kept_open_data_files(ctx: Context, root: Path, tokens: dict[str, str]
                         ) -> tuple[dict[str, bytes], dict[str, int]] | None:
    """``open_data_files(ctx)`` from the parts kept for records whose row is made from the same
    as before (see the module's docstring); None when a public record has no token, or a kept
    part is not of the shape this code keeps (the caller then makes the files as usual)."""
    import json

    from veiligestad import __version__
    from veiligestad.federation.cachedir import read_pickle, write_pickle
    from veiligestad.query.view import ViewBuilder
    from veiligestad.site.derived import _folder
    from veiligestad.store.cache import tool_fingerprint

    records = [r for r in ctx.kb.records() if r.record_id is not None]
    if any(r.rel not in tokens for r in records):
        return None
    file_key = ("site-rows", str(FORMAT), __version__, tool_fingerprint(), ctx.today.isoformat())
    folder = _folder(root, make=False)
    stored: dict[str, Any] = {}
    sizes = [0] * SHARDS
    for number in range(SHARDS) if folder is not None else ():
        assert folder is not None
        found = read_pickle(folder / shard_name(number), file_key)
        if isinstance(found, dict):
            stored.update(found)
            sizes[number] = len(found)
    builder = ViewBuilder(ctx.kb, ctx.index, ctx.today)
    dump = json.JSONEncoder(ensure_ascii=False).encode
    kept: list[dict[str, Part]] = [{} for _ in range(SHARDS)]
    changed: set[int] = set()
    by_kind: dict[str, list[tuple[str, Part, int]]] = {k.plural: [] for k in KINDS.values()}
    for record in records:
        key = _key(ctx, builder, record, tokens[record.rel])
        number = shard_of(record.rel)
        part = stored.get(record.rel)
        if not (type(part) is list and len(part) == 7 and part[_KEY] == key
                and type(part[_LINES]) is dict):
            part = _part(key, record.kind, _row(ctx, builder, record), dump)
            changed.add(number)
        kept[number][record.rel] = part
        by_kind[record.kind.plural].append((str(record.record_id), part, number))
    try:
        joined = _join(ctx, by_kind, changed)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        return None  # a part of another shape (a damaged or planted file): made as usual
    changed.update(n for n in range(SHARDS) if len(kept[n]) != sizes[n])
    target = _folder(root, make=True) if changed else None
    for number in sorted(changed) if target is not None else ():
        assert target is not None
        with contextlib.suppress(OSError):  # a read-only cache: made again next time
            write_pickle(target / shard_name(number), file_key, kept[number])
    return joined


def _join(ctx: Context, by_kind: dict[str, list[tuple[str, Part, int]]], changed: set[int]
          ) -> tuple[dict[str, bytes], dict[str, int]]:
    """The open data's files from every record's parts, in the export's order (by ID); the
    CSV lines a record's parts do not hold for its table's columns are made and kept."""
    from veiligestad.query.conditions import fold

    ordered: dict[str, list[tuple[str, Part, int]]] = {}
    for plural, items in by_kind.items():
        # the export's order (``sort_rows`` by ``id``: folded text, stable, an empty ID last)
        ordered[plural] = [*sorted((item for item in items if item[0] != ""),
                                   key=lambda item: fold(item[0])),
                           *(item for item in items if item[0] == "")]
    counts = {plural: len(items) for plural, items in ordered.items()}
    meta = {"city": ctx.kb.config.city, "audience": "public",
            "exported": ctx.today.isoformat()}
    files: dict[str, bytes] = {JSON_NAME: _json_text(meta, ordered).encode("utf-8")}

    def lines_of(table: str, columns: list[str], part: Part, number: int,
                 rows: Any) -> str:
        """The record's lines in ``table`` (its ``rows()`` under ``columns``), kept."""
        shape = "\0".join(columns)
        known = part[_LINES].get(table)
        if known is not None and known[0] == shape:
            return str(known[1])
        made = _lines(rows())
        part[_LINES][table] = (shape, made)
        changed.add(number)
        return made

    tables: list[tuple[str, list[str], list[str]]] = []
    children: dict[str, tuple[list[str], list[str]]] = {}
    ids = {rid for items in ordered.values() for rid, _, _ in items}
    for kind in KINDS.values():
        items = ordered[kind.plural]
        names: dict[str, None] = {"id": None}
        for _, part, _ in items:
            names.update(dict.fromkeys(part[_FIELDS]))
        columns = list(names)
        body = []
        for _, part, number in items:
            def row(part: Part = part, columns: list[str] = columns) -> list[list[str]]:
                values = dict(zip(part[_FIELDS], part[_CELLS], strict=True))
                return [[values.get(name, "") for name in columns]]

            body.append(lines_of(kind.plural, columns, part, number, row))
        tables.append((kind.plural, columns, body))
        for spec in _mapping_lists(kind):
            name = f"{kind.plural}_{spec.name}"
            cols: dict[str, None] = {}
            for _, part, _ in items:
                for _, fields, _ in dict(part[_LISTS]).get(name, ()):
                    cols.update(dict.fromkeys(fields))
            child_columns = [f"{kind.name}_id", "position", *cols]
            child_body = []
            for rid, part, number in items:
                found = dict(part[_LISTS]).get(name, ())
                if not found:
                    continue

                def rows(rid: str = rid, found: Any = found,
                         cols: dict[str, None] = cols) -> list[list[str]]:
                    out = []
                    for position, fields, cells in found:
                        values = dict(zip(fields, cells, strict=True))
                        out.append([_csv_text(rid), _csv_text(position),
                                    *(values.get(c, "") for c in cols)])
                    return out

                child_body.append(lines_of(name, child_columns, part, number, rows))
            children[name] = (child_columns, child_body)
    tables.extend((name, *children[name]) for name in sorted(children))
    for source, plural in (("project", "projects"), ("finding", "findings")):
        link = [[_csv_text(rid), _csv_text(q)] for rid, part, _ in ordered[plural]
                for q in part[_QUESTIONS] if q in ids]
        tables.append((f"{source}_questions", [f"{source}_id", "question_id"], [_lines(link)]))
    for name, columns, body in tables:
        files[f"{name}.csv"] = _table(columns, body).encode("utf-8")
    return files, counts


def _table(columns: list[str], body: list[str]) -> str:
    return BOM + _lines([csv_row(columns)]) + "".join(body)


def _json_text(meta: dict[str, Any], ordered: dict[str, list[tuple[str, Part, int]]]) -> str:
    """``json_document`` of the rows, from each record's kept JSON line."""
    import json

    dump = json.JSONEncoder(ensure_ascii=False).encode
    parts = [f"  {dump(key)}: {dump(value)}" for key, value in meta.items()]
    for key, items in ordered.items():
        if items:
            lines = ",\n".join(part[_JSON] for _, part, _ in items)
            parts.append(f"  {dump(key)}: [\n{lines}\n  ]")
        else:
            parts.append(f"  {dump(key)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"
