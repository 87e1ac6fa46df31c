"""``veiligestad graph``: questions, projects and findings as a graph (Mermaid, DOT or JSON).

Mermaid is what GitHub draws inside Markdown; DOT is what Graphviz draws. Arrows point the way
the links are written: a project to the questions it takes up, a finding to its project and
questions, a finding to the finding it supports, contradicts or replicates. A suspect link (its
target changed since the link was reviewed) is drawn dashed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from veiligestad.checks.context import did_you_mean
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.query import Context
from veiligestad.terminal import shown

KIND_ORDER: Final = ("question", "project", "finding")
_STYLE: Final = {  # fill and stroke per kind, the same in Mermaid and DOT
    "question": ("#fde68a", "#b45309"),
    "project": ("#bfdbfe", "#1d4ed8"),
    "finding": ("#bbf7d0", "#15803d"),
}


@dataclass
class Graph:
    """Nodes (records) and edges (links), in a stable order."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


def build_graph(ctx: Context, start: str | None = None, depth: int = 1) -> Graph:
    """The whole knowledge base, or what lies within ``depth`` links of ``start``."""
    t = ctx.t
    edges = [e for e in ctx.index.edges if ctx.kb.get(e[0]) and ctx.kb.get(e[1])]
    if start is not None:
        if ctx.kb.get(start) is None:
            ctx.kb.refuse_left_out(start, t)
            guess = did_you_mean(start, ctx.kb.by_id)
            raise UsageError(t("query.unknown_id", id=start),
                             hint=t("query.did_you_mean", guess=guess) if guess else None)
        if depth < 0:
            raise UsageError(t("graph.bad_depth", depth=depth))
        keep = {start}
        frontier = {start}
        for _ in range(depth):
            frontier = {n for rid in frontier for n in ctx.index.neighbours(rid)} - keep
            keep |= frontier
        edges = [e for e in edges if e[0] in keep and e[1] in keep]
        ids = keep
    else:
        ids = {r.record_id for r in ctx.kb.records() if r.record_id}
    graph = Graph()
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    records = sorted((ctx.kb.get(i) for i in ids if i), key=lambda r: (
        order[r.kind.name], r.record_id or "") if r else (9, ""))
    for record in records:
        if record is None or record.data is None:
            continue
        data = record.data
        graph.nodes.append({
            "id": record.record_id, "kind": record.kind.name,
            "title": str(data.get("title") or ""),
            "status": str(data.get(record.kind.status_field) or ""),
        })
    from veiligestad.suspects import suspect_links

    suspect = {(s.holder, s.target) for s in suspect_links(ctx.kb)}
    graph.edges = [{"from": a, "to": b, "relation": rel, "suspect": (a, b) in suspect}
                   for a, b, rel in sorted(set(edges))]
    return graph


def edge_label(relation: str, source_kind: str, t: Translator) -> str:
    """How a link reads on the arrow, in the user's language."""
    if relation in ("supports", "contradicts", "replicates"):
        return t(f"choice.type.{relation}")
    return t(f"graph.edge.{source_kind}.{relation}")


def _status(node: dict[str, Any], t: Translator) -> str:
    return t(f"status.{node['kind']}.{node['status']}") if node["status"] else "-"


def _kind_of(node_id: str) -> str:
    return {"Q": "question", "P": "project", "F": "finding"}.get(node_id[:1], "question")


def _mermaid_id(record_id: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in record_id)


def _mermaid_text(text: str) -> str:
    # Mermaid labels in quotes: entity codes keep quotes and markup from breaking the diagram;
    # what a terminal would obey is written as an escape (the diagram is printed as it is).
    return (shown(text).replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;")
            .replace(">", "#gt;"))


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def to_mermaid(graph: Graph, t: Translator) -> str:
    """A Mermaid flowchart (GitHub renders it inside a ```mermaid block)."""
    lines = ["flowchart LR"]
    for node in graph.nodes:
        label = _mermaid_text(f"{node['id']}: {_short(node['title'])}")
        status = _mermaid_text(_status(node, t))
        lines.append(f'    {_mermaid_id(node["id"])}["{label}<br/><i>{status}</i>"]'
                     f":::{node['kind']}")
    for edge in graph.edges:
        label = _mermaid_text(edge_label(edge["relation"], _kind_of(edge["from"]), t))
        arrow = "-.->" if edge.get("suspect") else "-->"  # dashed: changed since reviewed
        lines.append(f'    {_mermaid_id(edge["from"])} {arrow}|"{label}"| '
                     f'{_mermaid_id(edge["to"])}')
    for kind in KIND_ORDER:
        fill, stroke = _STYLE[kind]
        lines.append(f"    classDef {kind} fill:{fill},stroke:{stroke},color:#111")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return shown(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def to_dot(graph: Graph, t: Translator) -> str:
    """A Graphviz digraph (``dot -Tsvg``)."""
    lines = ["digraph veiligestad {", "    rankdir=LR;",
             '    node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '    edge [fontname="Helvetica", fontsize=10];']
    for node in graph.nodes:
        fill, stroke = _STYLE[node["kind"]]
        label = "\\n".join(_dot_text(part) for part in (
            node["id"], _short(node["title"]), f"({_status(node, t)})"))
        lines.append(f'    "{_dot_text(node["id"])}" [label="{label}", fillcolor="{fill}", '
                     f'color="{stroke}"];')
    for edge in graph.edges:
        label = _dot_text(edge_label(edge["relation"], _kind_of(edge["from"]), t))
        style = ", style=dashed" if edge.get("suspect") else ""
        lines.append(f'    "{_dot_text(edge["from"])}" -> "{_dot_text(edge["to"])}" '
                     f'[label="{label}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(graph: Graph) -> str:
    """``{"nodes": [...], "edges": [{"from", "to", "relation"}]}``."""
    return json.dumps({"nodes": graph.nodes, "edges": graph.edges}, ensure_ascii=False, indent=2)
