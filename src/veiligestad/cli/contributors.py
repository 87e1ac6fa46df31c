"""``veiligestad contributors``: people who added findings, counted per institution, from git."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from veiligestad.cli.common import console, fail, open_config, options

if TYPE_CHECKING:
    from veiligestad.i18n import Translator


class Format(StrEnum):
    table = "table"
    json = "json"


def _day(value: str | None, t: Translator) -> dt.date | None:
    from veiligestad.periods import parse_date

    return None if value is None else parse_date(value, t)


def contributors(
    ctx: typer.Context,
    names: Annotated[bool, typer.Option("--names", help="Also list the authors' names (never "
                                        "put these in a public report).")] = False,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE",
                                              help="Only findings added on or after DATE.")]
    = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE",
                                              help="Only findings added on or before DATE.")]
    = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Count the people who added findings, per institution, from the git history (the author
    of the commit that added each finding); names only with --names."""
    from veiligestad.commands.contributors import contributors as count
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        result = count(config.root, t, names, _day(since, t), _day(until, t))
    except VeiligestadError as exc:
        fail(exc, t)
    if format is Format.json:
        print(json.dumps({"institutions": [i.to_json() for i in result.institutions],
                          "findings": result.findings, "contributors": result.contributors},
                         ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t("contributors.column.institution"))
    table.add_column(t("contributors.column.findings"), justify="right")
    table.add_column(t("contributors.column.contributors"), justify="right")
    if names:
        table.add_column(t("contributors.column.names"))
    for entry in result.institutions:
        # names come from commits, labels from the config: text, never Rich markup
        row: list[Text | str] = [Text(entry.label), str(entry.findings),
                                 str(entry.contributors)]
        if names:
            row.append(Text(", ".join(entry.names or [])))
        table.add_row(*row)
    out = console()
    out.print(table)
    out.print(t("contributors.total", findings=result.findings,
                contributors=result.contributors))
