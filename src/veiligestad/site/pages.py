"""Every file of the site: the pages through the templates, and the feed, sitemap and the rest.

Pages are rendered by the tool's one sandboxed Jinja environment (``render/environment.py``)
from ``templates/site/``; a city may override any of them from its own ``templates/site/``.
Links between pages are relative, so the site works below any folder of any web server. Each
HTML page gets a Content-Security-Policy that allows nothing outside the site's own host, put
in by the tool after rendering, so not even an overridden template can load from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final
from xml.sax.saxutils import escape

from veiligestad.report.words import Words
from veiligestad.site.model import Finding, Site

CSP: Final = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
CSP_META: Final = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
REFERRER_META: Final = '<meta name="referrer" content="no-referrer">'
_HEAD: Final = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
LATEST: Final = 6
FEED_ITEMS: Final = 50


@dataclass(frozen=True)
class PageInfo:
    """What a template sees of its own page (``page``): where it is, not the values it was made
    from. Those are the template's variables, which its fingerprint covers (a template that could
    reach every value through its page would be stale when one it does not name changed)."""

    rel: str
    url_path: str
    root: str
    sitemap: bool


@dataclass
class Page:
    """One HTML page: where it goes, its template and what the template gets."""

    rel: str  # the file below the site's root, e.g. "bevindingen/F-2026-19J9/index.html"
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    sitemap: bool = True

    @property
    def url_path(self) -> str:
        """The page's address below the site's root, as a folder (``bevindingen/F-…/``)."""
        return self.rel.removesuffix("index.html")

    @property
    def root(self) -> str:
        """The way back to the site's root from this page (relative, except for the 404)."""
        fixed = self.context.get("fixed_root")
        return fixed if isinstance(fixed, str) else "../" * self.rel.count("/")

    @property
    def info(self) -> PageInfo:
        return PageInfo(self.rel, self.url_path, self.root, self.sitemap)


def with_csp(html: str) -> str:
    """The page with the site's Content-Security-Policy as the first thing in its head."""
    from veiligestad.render.policy import with_policy

    return with_policy(html, CSP)


def pages(site: Site, extra: dict[str, Any]) -> Iterator[Page]:
    """Every HTML page of the site, with its template context (``extra`` goes to every page)."""
    s = site.sections

    def page(rel: str, template: str, sitemap: bool = True, **context: Any) -> Page:
        return Page(rel, template, {**extra, **context}, sitemap)

    # lists show cards (``model.Card``): a page is made again only when what it shows changed
    yield page("index.html", "site/home.html.j2",
               latest=[f.card for f in site.findings[:LATEST]])
    yield page(f"{s['finding']}/index.html", "site/findings.html.j2",
               findings=[f.card for f in site.findings])
    for finding in site.findings:
        yield page(f"{finding.path}index.html", "site/finding.html.j2", finding=finding)
    yield page(f"{s['theme']}/index.html", "site/themes.html.j2", themes=site.themes)
    for theme in site.themes:
        yield page(f"{theme['path']}index.html", "site/theme.html.j2", theme=theme)
    yield page(f"{s['partner']}/index.html", "site/partners.html.j2", partners=site.partners)
    for partner in site.partners:
        yield page(f"{partner['path']}index.html", "site/partner.html.j2", partner=partner)
    yield page(f"{s['project']}/index.html", "site/projects.html.j2", projects=site.projects)
    for project in site.projects:
        yield page(f"{project['path']}index.html", "site/project.html.j2", project=project)
    yield page(f"{s['agenda']}/index.html", "site/agenda.html.j2", questions=site.agenda)
    yield page(f"{s['data']}/index.html", "site/data.html.j2")
    # the other parts of a large site's search index (``site.search``), set when it is indexed
    yield page(f"{s['search']}/index.html", "site/search.html.j2", merge_bundles=[])
    # A 404 page is served at any depth: its links start from the site's address, or from "/".
    yield page("404.html", "site/404.html.j2", sitemap=False,
               fixed_root=extra.get("base_url") or "/")


def absolute(base_url: str, path: str) -> str:
    """A page's full address when the site's address is known, else its path."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def sitemap(page_list: list[Page], base_url: str, today: dt.date) -> bytes:
    """``sitemap.xml`` of every page meant to be found."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for p in page_list:
        if p.sitemap:
            lines.append(f"  <url><loc>{escape(absolute(base_url, p.url_path))}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(base_url: str) -> bytes:
    """``robots.txt``: everything may be indexed; the sitemap's address when it is known."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {absolute(base_url, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def feed(site: Site, words: Words, base_url: str, title: str, today: dt.date) -> bytes:
    """An Atom feed of the most recently published findings."""
    from veiligestad.render.markdown import markdown_html

    items = [f for f in site.findings if f.date is not None][:FEED_ITEMS]
    updated = max((f.date for f in items if f.date), default=today)
    feed_id = absolute(base_url, "feed.xml") if base_url else f"urn:veiligestad:{site.city}:feed"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.lang}">',
           f"  <title>{escape(title)}</title>",
           f"  <id>{escape(feed_id)}</id>",
           f"  <updated>{_stamp(updated)}</updated>",
           f"  <author><name>{escape(site.city)}</name></author>",
           f'  <link rel="self" href="{escape(absolute(base_url, "feed.xml"))}"/>',
           f'  <link rel="alternate" href="{escape(absolute(base_url, ""))}"/>']
    for finding in items:
        assert finding.date is not None
        link = absolute(base_url, finding.path)
        entry_id = link if base_url else f"urn:veiligestad:{site.city}:{finding.id}"
        out += ["  <entry>",
                f"    <title>{escape(finding.title)}</title>",
                f"    <id>{escape(entry_id)}</id>",
                f'    <link rel="alternate" href="{escape(link)}"/>',
                f"    <updated>{_stamp(finding.date)}</updated>",
                f"    <published>{_stamp(finding.date)}</published>",
                *(f'    <category term="{escape(t.label)}"/>' for t in finding.themes),
                f'    <summary type="html">{escape(str(markdown_html(finding.statement)))}'
                "</summary>",
                "  </entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def favicon_ico() -> bytes:
    """A 16×16 icon in the site's colour (browsers ask for ``/favicon.ico`` by themselves)."""
    size = 16
    colour = (0x6B, 0x2C, 0x91, 0xFF)  # BGRA of the site's purple
    pixels = bytearray()
    for y in range(size):
        for x in range(size):
            ring = (x - 7.5) ** 2 + (y - 7.5) ** 2
            pixels += bytes(colour) if ring <= 56 else b"\x00\x00\x00\x00"
    mask = b"\x00" * (4 * size)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         len(pixels) + len(mask), 0, 0, 0, 0)
    image = header + bytes(pixels) + mask
    return struct.pack("<HHH", 0, 1, 1) + struct.pack(
        "<BBBBHHII", size, size, 0, 0, 1, 32, len(image), 6 + 16) + image


FAVICON_SVG: Final = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<circle cx="16" cy="16" r="15" fill="#912c6b"/>'
    '<path d="M10 17l4 4 8-10" stroke="#fff" stroke-width="3" fill="none" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
)


_UNSAFE: Final = re.compile(r"[<>&\"'`]")


def filter_value(label: str) -> str:
    """A filter value as Pagefind's UI can show it: its filter list inserts values as HTML, so
    no character that could start markup gets through (the page's escaping is undone by the
    indexer reading the text)."""
    return " ".join(_UNSAFE.sub("", label).split())


def finding_filters(finding: Finding, known: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    """The search filters of a finding page: theme, partner, year, kind of evidence. Only
    values of the config's vocabularies are filters: a record's misspelt key is not one."""
    out: dict[str, list[str]] = {
        "theme": [filter_value(t.label) for t in finding.themes if t.id in known["themes"]],
        "partner": [filter_value(p.label) for p in finding.partners
                    if p.id in known["partners"]],
    }
    if finding.city:  # the programme-wide site
        out["city"] = [filter_value(finding.city)]
    if finding.year:
        out["year"] = [finding.year]
    if finding.maturity and finding.maturity_key in known["evidence_maturity"]:
        out["evidence"] = [filter_value(finding.maturity)]
    return {name: [v for v in values if v] for name, values in out.items()}
