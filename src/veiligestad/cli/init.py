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
    no_commit: Annotated[bool, typer.Option(
        "--no-commit", help="Write the files but do not commit them.")] = False,
    tool_source: Annotated[str | None, typer.Option(
        "--tool-source", metavar="SOURCE", show_default=False,
        help="Where the knowledge base's CI installs veiligestad from, pinned: "
        "git+https://…@TAG-or-COMMIT, or https://….whl#sha256=… (default: the git commit this "
        "veiligestad was installed from; else a wheel of it, written into tools/).")] = None,
) -> None:
    """Create a knowledge base: veiligestad.yaml with the programme's vocabularies, data folders,
    a README, a CONTRIBUTING.md for students, CI files, a templates/ folder, and a git repository
    (unless DIR is already inside one) with everything in a first commit."""
    from veiligestad.commands.init import init_kb
    from veiligestad.errors import VeiligestadError

    t = translator(options(ctx))
    try:
        result = init_kb(directory, city, t, commit=not no_commit, tool_source=tool_source)
    except VeiligestadError as exc:
        fail(exc, t)
    print(t("init.done", city=city.strip(), path=str(result.root), count=len(result.files)))
    if result.git_initialised:
        print(t("init.git"))
    if result.commit:
        print(t("init.committed", sha=result.commit[:12]))
    print(t("init.requirement", requirement=result.requirement))
    if result.bundled:
        print(t("init.bundled", path=result.bundled))
    print(t("init.next", path=str(directory)))
