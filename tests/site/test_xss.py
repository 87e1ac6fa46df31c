"""Record text is untrusted: HTML, script, ``javascript:`` links, SVG and iframes in any text
field of a public record stay inert on every page, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.site.conftest import build, serve
from tests.site.test_browser import Watched

CORPUS = [
    "<script>window.__xss = 1; alert(1)</script>",
    '<img src=x onerror="window.__xss = 2; alert(2)">',
    "[klik hier](javascript:window.__xss=3;alert(3))",
    "<a href=\"javascript:alert(4)\">klik</a>",
    '<svg onload="window.__xss = 5; alert(5)"><script>alert(5)</script></svg>',
    '<iframe src="javascript:alert(6)"></iframe><iframe srcdoc="<script>alert(6)</script>">',
    '"><script>alert(7)</script><p title="',
    "</title><script>alert(8)</script>",
    "{{ 7*7 }} {% raw %}x{% endraw %} ${alert(9)}",
    "<style>body{display:none}</style><link rel=stylesheet href=//evil.example/x.css>",
    "![beeld](https://evil.example/pixel.png)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(10)>",
    "<details open ontoggle=alert(11)>",
    "javascript:alert(12)",
]


HANDLERS = "[onerror], [onload], [ontoggle], [onclick]"


def _poison_text(value: Any, payload: str) -> Any:
    if isinstance(value, str):
        return f"{value} {payload}"
    if isinstance(value, list):
        return [_poison_text(v, payload) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("id", "classification", "review", "to", "type", "project",
                               "finding", "follow_up") else _poison_text(v, payload))
                for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    from tests.conftest import CASES

    base = tmp_path_factory.mktemp("xss")
    root = base / "kb"
    shutil.copytree(CASES / "base", root)
    for n, path in enumerate(sorted((root / "data").rglob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        payload = " ".join(CORPUS[n:] + CORPUS[:n])
        for key in ("title", "statement", "caveats", "research_question", "target_group",
                    "intervention", "evidence", "recommendations", "deliverables"):
            if key in data:
                data[key] = _poison_text(data[key], payload)
        if "deliverables" in data:
            data["deliverables"].append({"type": "report", "title": "x",
                                         "url": "javascript:alert(13)",
                                         "classification": "public"})
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = base / "site"
    build(root, out)
    with serve(out) as url:
        yield url


def test_record_text_cannot_run_script_on_any_page(browser: Any, xss_site: str,
                                                   tmp_path: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    watched = Watched(page, xss_site)
    try:
        page.goto(xss_site + "sitemap.xml")
        urls = [u.replace("bevindingen", "bevindingen") for u in
                page.evaluate("[...document.querySelectorAll('loc')].map(l => l.textContent)")]
        assert len(urls) > 10
        for url in urls:
            page.goto(xss_site + url, wait_until="networkidle")
            for link in page.locator("main a").all():  # follow nothing, but try every link
                href = link.get_attribute("href") or ""
                assert not href.strip().lower().startswith("javascript:"), (url, href)
            assert page.evaluate("window.__xss") is None, url
            assert page.locator("main script, main iframe, main svg, main img").count() == 0
            assert page.locator(HANDLERS).count() == 0, url
        page.goto(xss_site + "zoeken/?q=klik", wait_until="networkidle")
        page.wait_for_selector(".pagefind-ui__result-link")
        for summary in page.locator(".pagefind-ui__filter-name").all():
            summary.click()  # open every filter list: Pagefind shows filter values as HTML
        assert page.evaluate("window.__xss") is None
        # not even blocked by the Content-Security-Policy: the markup is never made
        assert page.locator(f"#search img, #search svg, #search iframe, {HANDLERS}").count() == 0
    finally:
        context.close()
    assert watched.dialogs == []
    assert watched.foreign == []
    assert watched.errors == []
