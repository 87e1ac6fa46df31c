"""``veiligestad show`` and ``veiligestad graph``: one record with its links, or the whole web."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from veiligestad.cli.common import fail, options


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    json = "json"


def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record's ID.")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")
                      ] = ShowFormat.text,
    federated: Annotated[bool, typer.Option(
        "--federated", help="Programme-wide: other cities' public records too, by qualified ID "
        "(utrecht:F-2026-7KQ3; run veiligestad federation sync first).")] = False,
) -> None:
    """Show a record, what it links to and what links back to it.

    For a question: the projects that took it up, the findings that answer it and the
    recommendations that went to partners; for a project: its questions, findings and their
    recommendations; for a finding: its project, questions, recommendations and related
    findings.
    """
    from veiligestad.cli.query import query_context
    from veiligestad.commands.show import show_record
    from veiligestad.errors import VeiligestadError

    qctx = query_context(options(ctx), federated)
    try:
        result = show_record(qctx, record_id)
    except VeiligestadError as exc:
        if ":" in record_id and not federated:  # another city's ID: utrecht:F-2026-7KQ3
            exc.hint = qctx.t("federation.show_hint", id=record_id)
        fail(exc, qctx.t)
    from veiligestad.cli.reading_output import render_show

    render_show(result, format.value, qctx.kb.config, qctx.t)


def graph(
    ctx: typer.Context,
    record_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", show_default=False,
        help="Start from this record (default: the whole knowledge base).")] = None,
    depth: Annotated[int, typer.Option(
        "--depth", metavar="N", help="With ID: how many links away to go.")] = 2,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="Output format.")
                      ] = GraphFormat.mermaid,
) -> None:
    """Draw questions, projects and findings as a graph: Mermaid (GitHub), DOT or JSON.

    Put the Mermaid output in a ```mermaid block of a Markdown file and GitHub draws it;
    pipe the DOT output to Graphviz (dot -Tsvg).
    """
    from veiligestad.cli.query import query_context
    from veiligestad.commands import graph as graphs
    from veiligestad.errors import VeiligestadError

    qctx = query_context(options(ctx))
    try:
        built = graphs.build_graph(qctx, record_id, depth)
    except VeiligestadError as exc:
        fail(exc, qctx.t)
    if format is GraphFormat.json:
        print(graphs.to_json(built))
    elif format is GraphFormat.dot:
        sys.stdout.write(graphs.to_dot(built, qctx.t))
    else:
        sys.stdout.write(graphs.to_mermaid(built, qctx.t))
