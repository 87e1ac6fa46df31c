"""``veiligestad query``: find records with conditions, in a table or a machine format."""

from __future__ import annotations

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
    from veiligestad.cli.reading_output import select_command
    from veiligestad.errors import VeiligestadError

    opts = options(ctx)
    qctx = query_context(opts, federated)
    try:
        result = select_command(qctx, kind, where, match=match, quarter=quarter, since=since,
                                until=until, linked_to=linked_to, recursive=recursive,
                                sort=sort, fields=fields, limit=limit, group_by=group_by,
                                format=format.value, audience=audience.value, saved=saved,
                                param=param, federated=federated)
    except VeiligestadError as exc:
        fail(exc, qctx.t)
    write(result, format, qctx.t, qctx.kb.config, city=federated)


def write(result: QueryResult, format: Format, t: Translator, config: Any = None,
          city: bool = False) -> None:
    """Print ``result`` in ``format``; with ``city`` the default columns start with the city."""
    from veiligestad.cli.reading_output import write_query

    write_query(result, format.value, t, config, city)
