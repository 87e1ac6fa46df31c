"""``veiligestad site build``: the public website of results, as static files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.common import GlobalOptions, fail, open_config, options, today

app = typer.Typer(
    help="The public website of results: static files any web server can serve.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("build")
def build(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="The folder to write the site into (created; "
        "a later build only rewrites what changed).")],
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="nl|en", help="Language of the site (default: --lang before the "
        "command, else the knowledge base's).")] = None,
    base_url: Annotated[str, typer.Option(
        "--base-url", metavar="URL", help="The site's public address, e.g. "
        "https://www.example.org/veiligestad/ (for the sitemap, feed and catalogue; links "
        "between pages work without it).")] = "",
    search: Annotated[bool, typer.Option(
        "--search/--no-search", help="Index the site for search with Pagefind (the 'site' "
        "extra).")] = True,
) -> None:
    """Build the public site: only public, published records past their embargo, only their
    public fields. Pages per finding, theme, partner and project, the research agenda, open
    data (CSV, JSON, DCAT), an Atom feed, a sitemap and search that works offline.

    Exit code 0 when built, 2 when used wrongly (an output folder over the records, the config,
    .git/ or the knowledge base's own folder).
    """
    from veiligestad.commands.site import SiteRequest, build_site
    from veiligestad.errors import VeiligestadError

    if lang is not None and lang.lower() not in ("nl", "en"):
        raise typer.BadParameter("use nl or en", param_hint="--lang")
    opts = options(ctx)
    if lang is not None:
        opts = GlobalOptions(kb=opts.kb, lang=lang.lower())
    config, t = open_config(opts)
    try:
        result = build_site(config.root, SiteRequest(output, t.lang, base_url, search), today())
    except VeiligestadError as exc:
        fail(exc, t)
    print(t("site.done", path=str(output), pages=result.pages, findings=result.findings,
            written=len(result.written), unchanged=result.unchanged,
            removed=len(result.removed)))
