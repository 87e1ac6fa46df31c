"""``veiligestad report``: the quarterly report and partner digests in Markdown, HTML or PDF."""

from __future__ import annotations

import os
import shlex
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.common import Audience, GlobalOptions, fail, open_config, options, today

app = typer.Typer(
    help="Quarterly reports and partner digests (Markdown, HTML, PDF).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


QuarterOpt = Annotated[str, typer.Option(
    "--quarter", "-q", help="The quarter: 2026-Q3, 2026Q3 or 2026-K3.", metavar="QUARTER")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format (default: the one the output's name ends in, else md).",
    show_default=False)]
AudienceOpt = Annotated[Audience, typer.Option(
    "--audience", help="internal (everything) or public (only public records past their "
    "embargo, only public fields).")]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", help="Language of the report: nl or en (default: --lang before the command, "
    "else the knowledge base's).", metavar="nl|en")]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", help="The file to write, or a folder to write it in (default: "
    "kwartaalrapportage-QUARTER.FORMAT or quarterly-report-QUARTER.FORMAT in the current "
    "folder; inside the knowledge base, an internal report in its build/ folder). Chart "
    "images go beside a Markdown report.", metavar="PATH")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Write an internal report inside the knowledge base's folder (where it is "
    "easily committed and published). Never over a record, the config or .git/.")]


@app.command("quarterly")
def quarterly(ctx: typer.Context, quarter: QuarterOpt, format: FormatOpt = None,
              audience: AudienceOpt = Audience.internal, lang: LangOpt = None,
              output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The quarterly report: key figures, the flow of questions, projects and students, new
    findings by theme, feedback and use, ethics (internal only) and the outlook.

    Exit code 0 when written, 2 when used wrongly (a bad quarter, PDF without the extra).
    """
    _run(ctx, "quarterly", None, quarter, format, audience, lang, output, force)


@app.command("partner")
def partner(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(
        metavar="PARTNER", help="The partner's key in veiligestad.yaml, e.g. politie.")],
    quarter: QuarterOpt, format: FormatOpt = None, audience: AudienceOpt = Audience.internal,
    lang: LangOpt = None, output: OutputOpt = None, force: ForceOpt = False,
) -> None:
    """A digest for one partner: its questions and where they stand, the findings that answer
    them, the recommendations addressed to it and their follow-up, up to the quarter's end."""
    _run(ctx, "partner", key, quarter, format, audience, lang, output, force)


def _run(ctx: typer.Context, kind: str, partner_key: str | None, quarter: str,
         format: Format | None, audience: Audience, lang: str | None, output: str | None,
         force: bool) -> None:
    from veiligestad.commands.report import ReportRequest, format_for, make_report
    from veiligestad.errors import VeiligestadError

    if lang is not None and lang not in ("nl", "en"):
        raise typer.BadParameter("use nl or en", param_hint="--lang")
    opts = options(ctx)
    if lang is not None:
        opts = GlobalOptions(kb=opts.kb, lang=lang)
    config, t = open_config(opts)
    # A trailing separator names a folder (a Path would drop it): ``-o build/``
    folder = output is not None and output.endswith(("/", os.sep))
    path = None if output is None else Path(output)
    try:
        chosen = format_for(path, None if format is None else format.value, t, folder)
    except VeiligestadError as exc:
        fail(exc, t)
    words = ["veiligestad", "report", kind, *([partner_key] if partner_key else []),
             "--quarter", quarter, "--format", chosen, "--audience", audience.value,
             "--lang", t.lang]
    if output is not None:
        words += ["-o", str(output)]
    request = ReportRequest(kind, quarter, chosen, audience.value, partner_key, path,
                            shlex.join(words), force, folder)
    try:
        result = make_report(config.root, t, request, today())
    except VeiligestadError as exc:
        fail(exc, t)
    for path in result.written:
        print(t("report.written", path=path))
