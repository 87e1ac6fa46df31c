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
    federated: Annotated[bool, typer.Option(
        "--federated", help="The programme-wide site: also every other city's public records "
        "(federation: in veiligestad.yaml; run veiligestad federation sync first).")] = False,
) -> None:
    """Build the public site: only public, published records past their embargo, only their
    public fields. Pages per finding, theme, partner and project, the research agenda, open
    data (CSV, JSON, DCAT), an Atom feed, a sitemap and search that works offline.

    With --federated, the programme-wide site: our public records and every synced city's
    public records, each page naming its city; another city's record lives at
    findings/utrecht.F-2026-7KQ3/.

    Exit code 0 when built, 2 when used wrongly (an output folder over the records, the config,
    .git/ or the knowledge base's own folder; --federated without federation:).
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
        result = build_site(config.root, SiteRequest(output, t.lang, base_url, search,
                                                     federated), today())
    except VeiligestadError as exc:
        fail(exc, t)
    if result.federation is not None:
        from veiligestad.cli.federation import warn_cities

        warn_cities(result.federation, t)
    print(t("site.done", path=str(output), pages=result.pages, findings=result.findings,
            written=len(result.written), unchanged=result.unchanged,
            removed=len(result.removed)))
