"""``veiligestad show`` and ``veiligestad graph``: one record with its links, or the whole web."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veiligestad.cli.common import console, fail, options

if TYPE_CHECKING:
    from veiligestad.commands.show import Link, ShowResult
    from veiligestad.i18n import Translator
    from veiligestad.store.config import Config


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
    if format is ShowFormat.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    _print(result, qctx.kb.config, qctx.t)


_SKIP = ("id", "title", "kind", "path", "status_history", "recommendations", "projects",
         "findings", "related_from", "relations", "questions", "project",
         "link_stamps")  # fingerprints for the tool; suspect links are shown by name below


def _value(config: Config, kind: str, key: str, value: Any, t: Translator) -> str:
    from veiligestad.commands.query import cell

    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(_label(config, kind, key, v, t) for v in value)
    if isinstance(value, str):
        return _label(config, kind, key, value, t)
    if isinstance(value, dict):  # evidence, ethics, period: "design: 3, maturity: …"
        return "; ".join(f"{k}: {_value(config, kind, str(k), v, t)}" for k, v in value.items()
                         if v not in (None, "", []))
    if isinstance(value, list):  # deliverables, presentations: one mapping after the other
        return " | ".join(_value(config, kind, key, v, t) for v in value)
    return cell(value)


def _label(config: Config, kind: str, key: str, value: str, t: Translator) -> str:
    """``key (Label)`` for a value of a vocabulary, else the value as it is."""
    from veiligestad.model.fields import FieldType
    from veiligestad.model.kinds import KINDS
    from veiligestad.query import field_specs

    if key == "to":
        vocabulary: str | None = "partners"
    else:
        spec = next((s for s in field_specs(KINDS[kind]) if s.name == key), None)
        leaf = spec.item if spec and spec.type is FieldType.LIST and spec.item else spec
        vocabulary = leaf.vocabulary if leaf else None
    entry = config.vocabulary(vocabulary).get(value) if vocabulary else None
    return f"{value} ({t.label(entry.labels, value)})" if entry else value


def _print(result: ShowResult, config: Config, t: Translator) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    record = result.record
    status_field = {"finding": "review"}.get(result.kind, "status")
    status = str(record.get(status_field) or "")
    out.print(Text(f"{record['id']} · {t(f'kind.{result.kind}')} · "
                   f"{t(f'status.{result.kind}.{status}') if status else '-'}", style="bold"))
    out.print(Text(str(record.get("title") or ""), style="bold"))
    out.print(Text(str(record.get("path") or ""), style="dim"))
    out.print()
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="cyan", no_wrap=True)
    fields.add_column()
    for key, value in record.items():
        if key in _SKIP or value in (None, [], ""):
            continue
        fields.add_row(key, Text(_value(config, result.kind, key, value, t)))
    out.print(fields)
    for title, links in ((t("show.links"), result.links), (t("show.backlinks"),
                                                           result.backlinks)):
        out.print()
        out.print(Text(title, style="bold"))
        if not links:
            out.print(Text("  " + t("show.none")))
        for link in links:
            out.print(Text("  " + _link_line(link, result, t)))
    if result.suspect:
        out.print()
        out.print(Text(t("show.suspect"), style="bold"))
        for item in result.suspect:
            out.print(Text("  " + t("show.suspect_line", holder=item["holder"],
                                    target=item["target"])))
    if result.recommendations:
        out.print()
        out.print(Text(t("show.recommendations"), style="bold"))
        for rec in result.recommendations:
            follow = str(rec.get("follow_up") or "none")
            to = _label(config, result.kind, "to", str(rec.get("to")), t)
            where = f" [{rec['finding']}]" if result.kind != "finding" else ""
            out.print(Text(f"  → {to}: {rec.get('text', '')}{where} "
                           f"({t(f'choice.follow_up.{follow}')})"))


def _link_line(link: Link, result: ShowResult, t: Translator) -> str:
    from veiligestad.commands.graph import edge_label

    outgoing = link in result.links
    source_kind = result.kind if outgoing else (link.kind or "finding")
    # a backlink reads from this record's side: "answered by F-…", not "answers F-…"
    relation = (edge_label(link.relation, source_kind, t) if outgoing
                else t(f"show.back.{link.relation}") if link.relation in (
                    "supports", "contradicts", "replicates")
                else t(f"show.back.{source_kind}.{link.relation}"))
    status = f" ({t(f'status.{link.kind}.{link.status}')})" if link.kind and link.status else ""
    title = link.title or t("show.missing")
    pair = (result.record["id"], link.id) if outgoing else (link.id, result.record["id"])
    mark = f" [{t('show.suspect_mark')}]" if {"holder": pair[0], "target": pair[1]} in \
        result.suspect else ""
    return f"{relation}: {link.id} {title}{status}{mark}"


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
