"""``veiligestad schema export [DIR]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.authoring import CommitOption, open_kb_for

app = typer.Typer(help="JSON Schemas of the records, for editors.", no_args_is_help=True,
                  rich_markup_mode=None)


@app.command("export")
def export(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Argument(
        metavar="[DIR]", help="Where to write them (default: the knowledge base's schemas/).",
        show_default=False)] = None,
    commit: CommitOption = False,
) -> None:
    """Write a JSON Schema (draft 2020-12) per record kind: fields with Dutch and English
    descriptions, allowed values with their labels, current IDs offered for link fields."""
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.cli.common import fail
    from veiligestad.commands.schema import export as do_export
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx, commit=commit)
    try:
        files = do_export(kb, directory, t)
    except VeiligestadError as exc:
        fail(exc, t)
    for item in files:
        typer.echo(t(f"schema_export.{item.state}", path=str(item.path)))
    if commit:
        changed = []
        for item in files:
            if item.state != "unchanged":
                try:
                    changed.append(item.path.resolve().relative_to(kb.root).as_posix())
                except ValueError:
                    continue  # outside the knowledge base: nothing to commit there
        do_commit(kb, changed, t("commit.schema"), t)
