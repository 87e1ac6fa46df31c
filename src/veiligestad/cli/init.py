"""``veiligestad init DIR --city NAME``: start a new knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.common import fail, options, translator


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder for the new knowledge base "
                                              "(created if missing).", metavar="DIR",
                                              show_default=False)],
    city: Annotated[str, typer.Option("--city", help="The city's name, e.g. Utrecht.")],
) -> None:
    """Create a knowledge base: veiligestad.yaml with the programme's vocabularies, data folders,
    a .gitignore, and a git repository unless DIR is already inside one."""
    from veiligestad.commands.init import init_kb
    from veiligestad.errors import VeiligestadError

    t = translator(options(ctx))
    try:
        result = init_kb(directory, city, t)
    except VeiligestadError as exc:
        fail(exc, t)
    print(t("init.done", city=city.strip(), path=str(result.root), count=len(result.files)))
    if result.git_initialised:
        print(t("init.git"))
    print(t("init.next", path=str(directory)))
