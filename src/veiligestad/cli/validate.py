"""``veiligestad validate``: check records and report problems as text, JSON or annotations."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.common import fail, open_config, options, today


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATH", show_default=False,
                       help="Only report on these files or folders in data/ or queries/ "
                       "(links are still checked against the whole knowledge base)."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REF",
                     help="Only report on records changed since git REF (e.g. main), and on "
                     "records whose links the change breaks."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read and check every file afresh, without the "
                           "cache in .veiligestad-cache/ (which validate never trusts blindly).")
    ] = False,
) -> None:
    """Check every record: fields, values, IDs, links, lifecycle, dates and personal data.

    Exit code 0 when there are no errors, 1 when there are (or warnings with --strict), 2 when
    the command was used wrongly.
    """
    from veiligestad.commands.validate import validate as run_validate
    from veiligestad.errors import VeiligestadError

    opts = options(ctx)
    config, t = open_config(opts)
    try:
        result = run_validate(config.root, t, today(), paths or (), Path.cwd(),
                              changed_since=changed_since,
                              cache=False if no_cache else None)
    except VeiligestadError as exc:
        fail(exc, t)
    from veiligestad.cli.validate_output import render

    render(result, format.value, config.root, t)
    raise typer.Exit(result.exit_code(strict))
