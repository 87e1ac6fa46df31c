"""``veiligestad status ID NEW_STATUS``."""

from __future__ import annotations

from typing import Annotated

import typer

from veiligestad.cli.authoring import ByOption, CommitOption, open_kb_for
from veiligestad.cli.common import fail, today


def status(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record.", show_default=False)],
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="NEW_STATUS", help="The new status (key or label).", show_default=False
        ),
    ],
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", metavar="TEXT", help="Why, in a sentence (kept in status_history)."
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE",
            help="The day it happened, when you record it later (default: today); not before "
            "the record's last change.", show_default=False,
        ),
    ] = None,
    by: ByOption = None,
    commit: CommitOption = False,
) -> None:
    """Move a record to a new status when the transition is allowed, and append the change
    (date, from, to, by, reason) to its status_history. For a finding the status is its review
    state (draft, reviewed, published)."""
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.cli.authoring import who
    from veiligestad.commands.fieldinput import parse_date
    from veiligestad.commands.status import change_status
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx, commit=commit)
    try:
        day = parse_date(on, "--on", t) if on is not None else None
        result = change_status(kb, record_id, new_status, t, today(), by=who(kb, by),
                               reason=reason, on=day)
    except VeiligestadError as exc:
        fail(exc, t)
    typer.echo(t("status_change.done", id=result.record_id, old=result.old, new=result.new))
    if commit:
        do_commit(
            kb,
            [result.rel],
            t("commit.status", id=result.record_id, old=result.old, new=result.new),
            t,
        )
