"""``veiligestad review ID… | --all``: confirm a record's links after its targets changed."""

from __future__ import annotations

from typing import Annotated

import typer

from veiligestad.cli.common import fail, open_config, options


def review(
    ctx: typer.Context,
    record_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="ID", show_default=False,
                       help="The records whose links you have looked at."),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Re-stamp the links of every "
                                             "record.")] = False,
) -> None:
    """Mark a record's links as reviewed: renew the fingerprints of the records it links to, so
    the suspect-link warnings go away. Run it after checking that the record still holds."""
    from veiligestad.commands.review import review as run_review
    from veiligestad.errors import UsageError, VeiligestadError

    config, t = open_config(options(ctx))
    try:
        if not record_ids and not everything:
            raise UsageError(t("review.nothing"), hint=t("review.nothing_hint"))
        result = run_review(config.root, t, record_ids or [], everything)
    except VeiligestadError as exc:
        fail(exc, t)
    for record_id, targets in result.restamped.items():
        print(t("review.restamped", id=record_id, links=", ".join(targets) or "—"))
    for record_id in result.unchanged:
        print(t("review.current", id=record_id))
    print(t("review.done", count=len(result.restamped)))
