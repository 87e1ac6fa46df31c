"""``veiligestad history ID`` and ``veiligestad changes``: the knowledge base's past, from git."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veiligestad.cli.common import console, fail, open_config, options

if TYPE_CHECKING:
    from veiligestad.i18n import Translator


class Format(StrEnum):
    table = "table"
    json = "json"


def _status(t: Translator, kind: str, value: Any) -> str:
    if value is None:
        return "—"
    key = f"status.{kind}.{value}"
    label = t(key)
    return str(value) if label == key else label


def history(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", show_default=False,
                                             help="The record's ID, e.g. Q-2026-001.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Show a record's history from git: each commit that changed it (following renames), its
    date, author and message, and which fields it changed; status changes stand out."""
    from veiligestad.commands.history import record_history
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        result = record_history(config.root, record_id, t)
    except VeiligestadError as exc:
        fail(exc, t)
    if format is Format.json:
        print(json.dumps({"id": result.record_id, "kind": result.kind,
                          "commits": [e.to_json() for e in result.entries]},
                         ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text(t("history.title", id=result.record_id, count=len(result.entries)),
                   style="bold"))
    table = Table(show_edge=False, pad_edge=False)
    for column in ("date", "commit", "author", "change", "fields", "message"):
        table.add_column(t(f"history.column.{column}"))
    for entry in result.entries:
        change = t(f"history.change.{entry.change}")
        if entry.old_path:
            change += f" ({entry.old_path.rsplit('/', 1)[-1]})"
        fields = Text(", ".join(f for f in entry.fields if not entry.status or f != _field(
            result.kind)))
        if entry.status:
            status = Text(t("history.status", old=_status(t, result.kind, entry.status[0]),
                            new=_status(t, result.kind, entry.status[1])), style="bold yellow")
            fields = status + (Text("; ") + fields if fields.plain else Text(""))
        # what a commit holds is text, never Rich markup ("[bold red]" in a name stays)
        table.add_row(entry.date.date().isoformat(), entry.sha[:8], Text(entry.author),
                      Text(change), fields, Text(entry.message))
    out.print(table)


def _field(kind: str) -> str:
    from veiligestad.model.kinds import KINDS

    return KINDS[kind].status_field


def changes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option("--since", metavar="DATE|REF",
                                       help="Start of the period: a date (2026-07-01, "
                                       "inclusive) or a git ref (exclusive).")],
    until: Annotated[str | None, typer.Option("--until", metavar="DATE|REF",
                                              help="End of the period (default: now).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """List the records added, changed and removed in a period, and every change of status,
    from the main line of the git history (a pull request counts on the day it was merged)."""
    from veiligestad.commands.changes import changes as run_changes
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        report = run_changes(config.root, t, since, until)
    except VeiligestadError as exc:
        fail(exc, t)
    if format is Format.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text(t("changes.title", since=since, until=until or t("changes.now")),
                   style="bold"))
    for name in ("added", "changed", "removed"):
        records = report.of(name)
        out.print(Text(t(f"changes.section.{name}", count=len(records)), style="bold"))
        if not records:
            continue
        table = Table(show_edge=False, pad_edge=False)
        for column in ("date", "id", "kind", "title" if name != "changed" else "fields"):
            table.add_column(t(f"changes.column.{column}"))
        for r in records:
            last = ", ".join(r.fields) if name == "changed" else (r.title or "")
            table.add_row(r.date.date().isoformat(), Text(r.record_id), t(f"kind.{r.kind}"),
                          Text(last))
        out.print(table)
    out.print(Text(t("changes.section.status", count=len(report.statuses)), style="bold"))
    if report.statuses:
        table = Table(show_edge=False, pad_edge=False)
        for column in ("date", "id", "kind", "status"):
            table.add_column(t(f"changes.column.{column}"))
        for s in report.statuses:
            table.add_row(s.date.date().isoformat(), Text(s.record_id), t(f"kind.{s.kind}"),
                          Text(f"{_status(t, s.kind, s.old)} → {_status(t, s.kind, s.new)}"))
        out.print(table)
