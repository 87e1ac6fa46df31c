"""``veiligestad query``: find records with conditions, in a table or a machine format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veiligestad.cli.common import Audience, GlobalOptions, fail, open_config, options, today

if TYPE_CHECKING:
    from veiligestad.i18n import Translator
    from veiligestad.query import Context, QueryResult
    from veiligestad.store.config import Config
    from veiligestad.store.kb import KnowledgeBase


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    ids = "ids"
    md = "md"


def load_kb(opts: GlobalOptions) -> tuple[KnowledgeBase, Translator]:
    """Find, configure and read the knowledge base (read-only), or fail with exit code 2."""
    from veiligestad.store.kb import open_kb

    config, t = open_config(opts)
    # Lazy: a record's data is read from the cache when a command first uses it (show reads a
    # few records; the link index comes from the cache's index, see store/loader.py).
    return open_kb(config.root, t, config, lazy=True), t


def query_context(opts: GlobalOptions, federated: bool = False) -> Context:
    """A query context over the knowledge base, with today's date.

    With ``federated``: over the programme-wide view (our records and the other cities' public
    ones, ``veiligestad.federation``).
    """
    from veiligestad.query import context

    kb, t = load_kb(opts)
    day = today()
    if federated:
        from veiligestad.cli.federation import federated_view

        kb = federated_view(kb, day, t)
    return context(kb, day, t)


def answered(opts: GlobalOptions, federated: bool, command: str, args: tuple[Any, ...],
             compute: Callable[[Context], Any]) -> tuple[Any, Translator, Config]:
    """``compute`` over the knowledge base, or its kept answer when no file, argument, config,
    language, date or code changed since (``store/answers.py``); with the files left out
    reported on standard error either way."""
    from veiligestad.cli.reading_output import answer_of

    if federated:
        qctx = query_context(opts, federated)
        return compute(qctx), qctx.t, qctx.kb.config
    config, t = open_config(opts)
    return answer_of(config, t, today(), command, args, compute), t, config


def query(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Argument(
        metavar="KIND", show_default=False,
        help="questions, projects or findings (not needed with --saved).")] = None,
    where: Annotated[list[str] | None, typer.Option(
        "--where", "-w", metavar="COND",
        help="A condition, repeatable (all must hold): field=value, !=, <, <=, >, >=, "
        "~ (contains), !~, a comma list for one of, field? (present), !field (absent).")] = None,
    match: Annotated[str | None, typer.Option(
        "--match", metavar="TEXT", help="Full-text search in the text fields (every word).")
    ] = None,
    quarter: Annotated[str | None, typer.Option(
        "--quarter", metavar="2026-Q3",
        help="Only records of this quarter (question received, project start, finding "
        "reported).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only records on or after this date (same dates).")
    ] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Only records on or before this date.")] = None,
    linked_to: Annotated[str | None, typer.Option(
        "--linked-to", metavar="ID", help="Only records linked to this record (either way).")
    ] = None,
    recursive: Annotated[bool, typer.Option(
        "--recursive", help="With --linked-to: everything reachable through links.")] = False,
    sort: Annotated[str | None, typer.Option(
        "--sort", metavar="KEY[+|-],…", help="Sort keys; + ascending (default), - descending.")
    ] = None,
    fields: Annotated[str | None, typer.Option(
        "--fields", metavar="A,B,C", help="Fields to show (dotted paths allowed).")] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="At most N records.")] = None,
    group_by: Annotated[str | None, typer.Option(
        "--group-by", metavar="FIELD", help="Group by a field (a list field: by each value).")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")
                      ] = Format.table,
    audience: Annotated[Audience, typer.Option(
        "--audience", help="public: only what the public may see (public records past their "
        "embargo, public fields).")] = Audience.internal,
    saved: Annotated[str | None, typer.Option(
        "--saved", metavar="NAME", help="Run the saved query queries/NAME.yaml.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", metavar="K=V", help="A parameter of the saved query, repeatable.")] = None,
    federated: Annotated[bool, typer.Option(
        "--federated", help="Programme-wide: also every other city's public records "
        "(federation: in veiligestad.yaml; run veiligestad federation sync first).")] = False,
) -> None:
    """Find records: conditions, full text, periods, links; sorted, grouped, in any format.

    Relations count in both directions: a question has the projects and findings that point
    to it (query questions -w '!projects' lists questions nobody has taken up). The JSON
    output is an array of mappings. Never writes anything.
    """
    from veiligestad.commands.query import load_saved, parse_params, saved_names
    from veiligestad.errors import UsageError, VeiligestadError
    from veiligestad.query import select

    opts = options(ctx)
    qctx = query_context(opts, federated)
    t = qctx.t
    try:
        conditions = list(where or [])
        chosen: dict[str, Any] = {}
        if saved:
            stored = load_saved(qctx.kb.root, saved, parse_params(param or [], t), t)
            if kind and kind != stored.kind:
                raise UsageError(t("query.saved_kind", name=saved, kind=stored.kind))
            kind = stored.kind
            conditions = [*stored.conditions, *conditions]
            chosen.update(stored.options)
        elif param:
            raise UsageError(t("query.param_without_saved"))
        if not kind:
            names = saved_names(qctx.kb.root)
            raise UsageError(t("query.no_kind"), hint=t("query.no_kind_hint") + (
                " " + t("query.saved_known", names=", ".join(names)) if names else ""))
        given = {"match": match, "quarter": quarter, "since": since, "until": until,
                 "linked_to": linked_to, "sort": sort, "fields": fields, "limit": limit,
                 "group_by": group_by}
        chosen.update({k: v for k, v in given.items() if v is not None})
        if recursive:
            chosen["recursive"] = True
        chosen["audience"] = audience.value
        if format is Format.ids:
            chosen["fields"] = "id"
        elif federated and chosen.get("fields"):
            names = [n.strip() for n in str(chosen["fields"]).split(",")]
            chosen["fields"] = ",".join(names if "city" in names else ["city", *names])
        result = select(qctx, kind, conditions, **chosen)
    except VeiligestadError as exc:
        fail(exc, t)
    write(result, format, t, qctx.kb.config, city=federated)


def write(result: QueryResult, format: Format, t: Translator, config: Any = None,
          city: bool = False) -> None:
    """Print ``result`` in ``format``; with ``city`` the default columns start with the city."""
    from veiligestad.commands import query as out
    from veiligestad.query import DEFAULT_FIELDS, kind_of

    rows = out.flat_rows(result)
    kind = kind_of(result.kind, t)
    shown = result.fields or [*(["city"] if city else []), *DEFAULT_FIELDS[kind.name]]
    if format is Format.json:
        print(out.to_json(rows))
    elif format is Format.jsonl:
        sys.stdout.write(out.to_jsonl(rows))
    elif format is Format.yaml:
        sys.stdout.write(out.to_yaml(rows))
    elif format is Format.ids:
        sys.stdout.write(out.to_ids(rows))
    elif format is Format.csv:
        names = out.columns(rows, result.fields)
        if result.groups is not None and result.fields:
            names = ["group", *names]
        sys.stdout.flush()
        sys.stdout.buffer.write(b"\xef\xbb\xbf" + out.to_csv(rows, names).encode("utf-8"))
        sys.stdout.buffer.flush()
    elif format is Format.md:
        names = ["group", *shown] if result.groups is not None else shown
        sys.stdout.write(out.to_markdown(rows, names))
    else:
        _table(result, shown, t, config)


def _table(result: QueryResult, shown: list[str], t: Translator, config: Any = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from veiligestad.cli.common import console

    con = console()
    from veiligestad.query import kind_of

    kind = kind_of(result.kind, t)
    groups = result.groups if result.groups is not None else [("", result.rows)]
    for key, rows in groups:
        table = Table(*shown, title=Text(f"{key} ({len(rows)})") if key else None,
                      title_justify="left", show_lines=False)
        for row in rows:
            table.add_row(*(Text(_shown(kind, name, row.get(name), config, t))
                            for name in shown))
        con.print(table)
    if result.total is not None and result.total > len(result.rows):
        print(t("query.count_limited", count=len(result.rows), total=result.total))
    else:
        print(t("query.count", count=len(result.rows)))


def _shown(kind: Any, name: str, value: Any, config: Any, t: Translator) -> str:
    """A table cell for people: a controlled value by its label (json and csv keep keys)."""
    from veiligestad.commands.query import cell
    from veiligestad.model.fields import FieldType
    from veiligestad.model.kinds import STATUS_VOCABULARY
    from veiligestad.query import field_specs

    spec = next((s for s in field_specs(kind) if s.name == name), None)
    leaf = spec.item if spec is not None and spec.type is FieldType.LIST and spec.item else spec
    if leaf is None or not (leaf.vocabulary or leaf.choices) or leaf.type is not FieldType.KEY:
        return cell(value)

    def label(key: Any) -> str:
        if not isinstance(key, str):
            return cell(key)
        if leaf.vocabulary == STATUS_VOCABULARY or name == kind.status_field:
            text = t(f"status.{kind.name}.{key}")
            return text if text != f"status.{kind.name}.{key}" else key
        if leaf.vocabulary:
            entry = config.vocabulary(leaf.vocabulary).get(key) if config else None
            return t.label(entry.labels, key) if entry else key
        text = t(f"choice.{name}.{key}")
        return text if text != f"choice.{name}.{key}" else key

    if isinstance(value, list):
        return ", ".join(label(v) for v in value)
    return label(value) if value is not None else ""
