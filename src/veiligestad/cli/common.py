"""What every command shares: global options, finding the knowledge base, failing cleanly."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.config import Config


class Audience(StrEnum):
    """Who output is for: ``public`` keeps only public records past embargo and public fields."""

    internal = "internal"
    public = "public"


@dataclass(frozen=True)
class GlobalOptions:
    """The options given before the command: ``--kb`` and ``--lang``."""

    kb: Path | None = None
    lang: str | None = None


def options(ctx: typer.Context) -> GlobalOptions:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, GlobalOptions) else GlobalOptions()


def translator(opts: GlobalOptions, config: Config | None = None) -> Translator:
    """The user's language: ``--lang``, else the knowledge base's, else Dutch."""
    from veiligestad.i18n import Translator

    return Translator(opts.lang or (config.language if config else "nl"))


def open_config(opts: GlobalOptions) -> tuple[Config, Translator]:
    """Find the knowledge base and read its config, or fail with exit code 2."""
    from veiligestad.errors import VeiligestadError
    from veiligestad.store.config import load_config
    from veiligestad.store.root import find_root

    t = translator(opts)
    try:
        root = find_root(opts.kb, Path.cwd(), t)
        config = load_config(root, t)
    except VeiligestadError as exc:
        fail(exc, t)
    return config, translator(opts, config)


def today() -> dt.date:
    """Today's date; ``VEILIGESTAD_TODAY`` pins it for reproducible runs and tests."""
    pinned = os.environ.get("VEILIGESTAD_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def console(stderr: bool = False) -> Console:
    """A Rich console that never wraps a line that tools will parse, and that writes every
    character a terminal would obey (an escape, a direction mark) in text it prints as an escape
    (``terminal.shown``): record text and labels come by pull request."""
    from rich.console import Console

    made = Console(stderr=stderr, highlight=False, soft_wrap=True)
    made.push_render_hook(_shown_hook())
    return made


@functools.cache
def _shown_hook() -> Any:
    """A render hook: each thing printed, rendered, with its text through ``terminal.shown``;
    Rich's own control codes and styles stay as they are."""
    from rich.console import RenderHook
    from rich.segment import Segment

    from veiligestad.terminal import shown

    class Shown:
        def __init__(self, renderable: Any) -> None:
            self.renderable = renderable

        def __rich_console__(self, console: Any, options: Any) -> Any:
            for segment in console.render(self.renderable, options):
                if segment.control is None and segment.text:
                    text = shown(segment.text)
                    if text is not segment.text:
                        segment = Segment(text, segment.style)
                yield segment

    class Hook(RenderHook):
        def process_renderables(self, renderables: list[Any]) -> list[Any]:
            return [Shown(r) for r in renderables]

    return Hook()


def fail(exc: VeiligestadError, t: Translator) -> NoReturn:
    """Print a user error and its hint to stderr and exit with its code."""
    from veiligestad.store.atomic import NotWritable

    message, hint = exc.message_in(t) if isinstance(exc, NotWritable) else (exc.message, exc.hint)
    print(f"{t('cli.error')}: {message}", file=sys.stderr)
    if hint:
        print(f"  {t('cli.hint')}: {hint}", file=sys.stderr)
    import typer  # here: cli/output.py prints validate's result without Typer (cli/quick.py)

    raise typer.Exit(exc.exit_code)
