"""``veiligestad export``: the knowledge base as SQLite, CSV, Excel or JSON."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.common import Audience, fail, options


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Argument(
        metavar="sqlite|csv|xlsx|json", help="What to write.")],
    path: Annotated[str, typer.Argument(
        metavar="PATH", help="The file to write (for csv: a folder, one file per table).")],
    audience: Annotated[Audience, typer.Option(
        "--audience", help="public: only public records past their embargo, only public "
        "fields.")] = Audience.internal,
    force: Annotated[bool, typer.Option(
        "--force", help="Write an internal export inside the knowledge base's folder (where it "
        "is easily committed and published). Never over a record, the config or .git/.")
    ] = False,
) -> None:
    """Export every record for analysis elsewhere: SQLite, CSV, Excel or JSON.

    SQLite has a table per kind, a table per list (recommendations, deliverables, ...) and link
    tables, ready for Datasette or sqlite-utils; CSV opens in Dutch Excel (';', UTF-8 with a
    BOM); xlsx is a real workbook; JSON holds everything. An existing file is replaced. Never
    writes over a record, the config or .git/; an internal export goes outside the knowledge
    base unless --force, and is readable by its owner only.
    """
    from veiligestad.cli.query import query_context
    from veiligestad.commands.export import export as run_export
    from veiligestad.errors import VeiligestadError

    qctx = query_context(options(ctx))
    t = qctx.t
    try:
        # a trailing separator names a folder (a Path would drop it): ``export xlsx out/``
        result = run_export(qctx, format.value, Path(path), audience.value, force=force,
                            folder_named=path.endswith(("/", os.sep)))
    except VeiligestadError as exc:
        fail(exc, t)
    counts = result.counts
    print(t("export.done", path=str(path), questions=counts["questions"],
            projects=counts["projects"], findings=counts["findings"],
            audience=t(f"export.audience.{audience.value}")))
