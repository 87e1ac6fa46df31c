"""The ``veiligestad`` command: global options, the command groups, and the exit-code edge.

Command modules are imported here, but each imports the core (and anything heavy) only when it
runs, so ``veiligestad --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from veiligestad import __version__
from veiligestad.cli import contributors as contributors_cli
from veiligestad.cli import export as export_cli
from veiligestad.cli import gaps as gaps_cli
from veiligestad.cli import history as history_cli
from veiligestad.cli import init as init_cli
from veiligestad.cli import query as query_cli
from veiligestad.cli import report as report_cli
from veiligestad.cli import review as review_cli
from veiligestad.cli import show as show_cli
from veiligestad.cli import validate as validate_cli
from veiligestad.cli import vocab as vocab_cli
from veiligestad.cli.common import GlobalOptions


class _Group(TyperGroup):
    """The root command group: a file or folder the user named that cannot be read or written
    (a missing folder, a file where a folder belongs, a folder where a file belongs, no
    permission) is the user's to fix, so it is a usage error with the path and the reason, never
    an internal error. Commands check what they can first; this is the net under all of them."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _globals_first(self, ctx, list(args)))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.filename is None:
                raise
            from veiligestad.cli.common import options, translator

            t = translator(options(ctx))
            reason = exc.strerror or type(exc).__name__
            # A replace, rename or link names two paths: the second is the user's file (the
            # first a temporary one beside it). Refused with permission, that file is mostly
            # open in another program (Windows refuses to replace an open file).
            moved = exc.filename2 is not None
            path = str(exc.filename2 if moved else exc.filename)
            hint = "cli.path_in_use_hint" if moved and isinstance(exc, PermissionError) \
                else "cli.path_error_hint"
            print(f"{t('cli.error')}: {t('cli.path_error', path=path, reason=reason)}",
                  file=sys.stderr)
            print(f"  {t('cli.hint')}: {t(hint)}", file=sys.stderr)
            raise typer.Exit(2) from None


_GLOBAL: tuple[str, ...] = ("--kb", "--lang")


def _globals_first(group: Any, ctx: Any, args: list[str]) -> list[str]:
    """``veiligestad validate --lang en`` as ``veiligestad --lang en validate``: the global options
    are taken wherever they are written, unless the command has an option of that name itself
    (``report quarterly --lang`` chooses the report's language)."""
    words, command, index = [], group, 0
    while index < len(args) and hasattr(command, "get_command"):
        token = args[index]
        if token.startswith("-"):
            index += 2 if token in _GLOBAL else 1
            continue
        command = command.get_command(ctx, token)
        if command is None:
            return args
        words.append(index)
        index += 1
    if not words or command is None:
        return args
    own = {opt for param in getattr(command, "params", []) for opt in param.opts}
    moved, rest, position = [], args[: words[-1] + 1], words[-1] + 1
    while position < len(args):
        token = args[position]
        if token == "--":
            rest.extend(args[position:])
            break
        name = token.split("=", 1)[0]
        if name in _GLOBAL and name not in own:
            if "=" in token:
                moved.append(token)
                position += 1
                continue
            if position + 1 < len(args):
                moved.extend(args[position: position + 2])
                position += 2
                continue
        rest.append(token)
        position += 1
    return moved + rest if moved else args


app = typer.Typer(
    cls=_Group,
    name="veiligestad",
    help="Student research for safe cities for women and girls, kept as YAML in git: "
    "validate, link, query and render it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"veiligestad {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    ctx: typer.Context,
    kb: Annotated[
        Path | None,
        typer.Option("--kb", envvar="VEILIGESTAD_KB", help="The knowledge base's folder "
                     "(default: found by walking up from the current folder).",
                     show_envvar=True),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar="VEILIGESTAD_LANG", show_envvar=True,
                     help="Language of messages and reports: nl or en "
                     "(default: the knowledge base's).", metavar="nl|en"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    if lang is not None:
        lang = lang.lower()
        if lang not in ("nl", "en"):
            # name where the value came from: the option, or the environment variable
            source = ctx.get_parameter_source("lang")
            from_env = source is not None and source.name == "ENVIRONMENT"
            raise typer.BadParameter(
                "use nl or en", param_hint="VEILIGESTAD_LANG (environment variable)"
                if from_env else "--lang")
    ctx.obj = GlobalOptions(kb=kb, lang=lang)


# Command groups, one module each (keep this list sorted by area).
# -- knowledge base --
app.command("init")(init_cli.init)
app.command("validate")(validate_cli.validate)
app.command("vocab")(vocab_cli.vocab)
# -- intake and authoring --
from veiligestad.cli import intake as intake_cli  # noqa: E402
from veiligestad.cli import link as link_cli  # noqa: E402
from veiligestad.cli import new as new_cli  # noqa: E402
from veiligestad.cli import schema as schema_cli  # noqa: E402
from veiligestad.cli import status as status_cli  # noqa: E402

app.add_typer(intake_cli.app, name="intake")
app.command("link")(link_cli.link)
app.add_typer(new_cli.app, name="new")
app.add_typer(schema_cli.app, name="schema")
app.command("status")(status_cli.status)
app.command("unlink")(link_cli.unlink)
# -- query and export --
app.command("query")(query_cli.query)
app.command("show")(show_cli.show)
app.command("graph")(show_cli.graph)
app.command("gaps")(gaps_cli.gaps)
app.command("stats")(gaps_cli.stats)
app.command("export")(export_cli.export)
# -- reports and site --
app.add_typer(report_cli.app, name="report")
from veiligestad.cli import site as site_cli  # noqa: E402

app.add_typer(site_cli.app, name="site")
# -- programme-wide view --
from veiligestad.cli import federation as federation_cli  # noqa: E402

app.add_typer(federation_cli.app, name="federation")
# -- history and review --
app.command("changes")(history_cli.changes)
app.command("contributors")(contributors_cli.contributors)
app.command("history")(history_cli.history)
app.command("review")(review_cli.review)
from veiligestad.cli import renumber as renumber_cli  # noqa: E402

app.command("renumber")(renumber_cli.renumber)


def main() -> None:
    """Run the command line; map a bug to exit code 3 with a log instead of a traceback."""
    from veiligestad.cli.streams import guard_streams, tolerate_narrow_encodings

    tolerate_narrow_encodings()  # a cp1252 console or pipe (Windows) never fails on "→"
    guard_streams()  # a reader that goes away (``| head``) never changes how a command ends
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: a short line for the user, the traceback in a log
        from veiligestad.cli.crash import report_crash

        sys.exit(report_crash(exc))
