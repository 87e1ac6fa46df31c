"""The ``veiligestad`` command: global options, the command groups, and the exit-code edge.

Command modules are imported here, but each imports the core (and anything heavy) only when it
runs, so ``veiligestad --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

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

app = typer.Typer(
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
        typer.Option("--lang", help="Language of messages and reports: nl or en "
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
            raise typer.BadParameter("use nl or en", param_hint="--lang")
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
# -- history and review --
app.command("changes")(history_cli.changes)
app.command("contributors")(contributors_cli.contributors)
app.command("history")(history_cli.history)
app.command("review")(review_cli.review)


def main() -> None:
    """Run the command line; map a bug to exit code 3 with a log instead of a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: a short line for the user, the traceback in a log
        from veiligestad.cli.crash import report_crash

        sys.exit(report_crash(exc))
