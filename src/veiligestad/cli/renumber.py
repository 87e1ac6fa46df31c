"""``veiligestad renumber``."""

from __future__ import annotations

import typer

from veiligestad.cli.common import fail, open_config, options


def renumber(ctx: typer.Context) -> None:
    """During a merge: when both branches took in a question (or project) with the same number,
    the merged branch's one gets the next free number and every reference it made is changed.
    The resolved files are staged; finish with git commit. Other conflicts are left for you."""
    from veiligestad.commands.renumber import renumber as do_renumber
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        result = do_renumber(config.root, t)
    except VeiligestadError as exc:
        fail(exc, t)
    for item in result.renumbered:
        typer.echo(t("renumber.done", old=item.old, new=item.new,
                     references=", ".join(item.references) or "—"))
    for rel, old in result.both:
        typer.echo(t("renumber.both", path=rel, old=old), err=True)
    for rel in result.left:
        typer.echo(t("renumber.left", path=rel), err=True)
    if not result.renumbered and not result.left:
        typer.echo(t("renumber.nothing"))
    elif result.renumbered:
        typer.echo(t("renumber.finish"))
    raise typer.Exit(1 if result.left else 0)
