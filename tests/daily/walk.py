"""Every command of the Typer app with its parameters, found by walking the app itself, so a
test parametrised over them covers a new command without being told."""

from __future__ import annotations

from typing import Any

import typer

from veiligestad.cli.main import app


def commands() -> dict[str, Any]:
    """Each leaf command by its words (``new project``) → the Click command behind it."""
    root = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(group: Any, ctx: typer.Context, prefix: str) -> None:
        for name in sorted(group.list_commands(ctx)):
            command = group.get_command(ctx, name)
            if command is None:
                continue
            words = f"{prefix} {name}".strip()
            if hasattr(command, "list_commands"):
                walk(command, typer.Context(command, info_name=name, parent=ctx), words)
            else:
                found[words] = command

    walk(root, typer.Context(root, info_name="veiligestad"), "")
    return found


def commands_with(option: str) -> set[str]:
    """The commands that take ``option``."""
    return {words for words, command in commands().items()
            if any(option in getattr(p, "opts", []) for p in command.params)}
