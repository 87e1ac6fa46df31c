"""The built site in Debian's Chromium, served by http.server on 127.0.0.1.

Every page type loads without a console error and without a request to another host; search
finds a word form the text does not contain and narrows by filter; keyboard use works; axe-core
finds no serious or critical violation; with JavaScript off, everything but search works.
Screenshots of every page type, desktop and phone, go to ``build/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site.conftest import every_text

REPO = Path(__file__).parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
PAGE_TYPES = {
    "home": "",
    "findings": "bevindingen/",
    "finding": "bevindingen/F-2026-19J9/",
    "theme": "themas/online/",
    "themes": "themas/",
    "partner": "partners/sociaal_domein/",
    "partners": "partners/",
    "project": "projecten/P-2026-001/",
    "projects": "projecten/",
    "agenda": "onderzoeksagenda/",
    "data": "open-data/",
    "search": "zoeken/",
    "404": "bestaat-niet/",
}


class Watched:
    """A page with everything that must not happen recorded: console errors, page errors,
    dialogs and requests to another host."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.host = urlparse(base).netloc
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and self.failed.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        url = urlparse(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != self.host:
            self.foreign.append(request.url)


@pytest.fixture
def watched(browser: Any, served: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield Watched(page, served)
    finally:
        context.close()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_loads_cleanly(watched: Watched, served: str, kind: str) -> None:
    response = watched.page.goto(served + PAGE_TYPES[kind], wait_until="networkidle")
    assert response is not None
    assert response.status == (404 if kind == "404" else 200)
    assert watched.page.locator("h1").count() == 1
    if kind == "404":
        # the 404 page is served at any depth; its styles come from the site's root
        assert watched.page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        ) == "rgb(145, 44, 107)"
        # Chromium reports the page's own 404 status on the console; nothing else may fail
        assert watched.failed == [served + PAGE_TYPES[kind]]
        assert all("404 (Not Found)" in e for e in watched.errors)
        watched.errors.clear()
    else:
        assert watched.failed == []
    assert watched.errors == [] and watched.foreign == [] and watched.dialogs == []


def test_navigation_from_home_to_a_finding_and_on(watched: Watched, served: str) -> None:
    page = watched.page
    page.goto(served)
    page.get_by_role("navigation").get_by_role("link", name="Thema's").click()
    page.get_by_role("link", name="Online intimidatie").first.click()
    assert page.url.endswith("themas/online/index.html")
    page.locator(".cards a").first.click()
    assert "/bevindingen/F-" in page.url
    page.get_by_role("link", name=re.compile("Online intimidatie en veiligheidsbeleving")).click()
    assert "/projecten/P-2026-001/" in page.url
    page.locator("footer").get_by_role("link", name="Open data").click()
    assert page.locator("a[href='veiligestad.json']").count() == 1
    assert watched.errors == [] and watched.foreign == []


def _search(page: Any, served: str, term: str | None, filters: dict[str, str] | None = None
            ) -> list[str]:
    page.goto(served + "zoeken/")
    return page.evaluate(
        """async ([term, filters]) => {
            const pf = await import('/pagefind/pagefind.js');
            const found = await pf.search(term, {filters: filters || {}});
            const data = await Promise.all(found.results.map(r => r.data()));
            return data.map(d => d.url);
        }""", [term, filters])


def test_search_finds_a_word_form_the_text_does_not_contain(
        watched: Watched, served: str, example_site: tuple[Path, Path]) -> None:
    site = example_site[1]
    texts = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html")).lower()
    # The text says "vragenlijst" (and never "vragenlijsten"); Dutch stemming joins them.
    assert "vragenlijst" in texts and "vragenlijsten" not in texts
    urls = _search(watched.page, served, "vragenlijsten")
    assert "/bevindingen/F-2026-19J9/index.html" in urls
    assert watched.foreign == [] and watched.errors == []


def test_search_filters_by_theme_partner_year_and_evidence(watched: Watched,
                                                           served: str) -> None:
    page = watched.page
    page.goto(served + "zoeken/")
    filters = page.evaluate("""async () => {
        const pf = await import('/pagefind/pagefind.js');
        return await pf.filters();
    }""")
    assert set(filters) == {"Thema", "Partner", "Jaar", "Bewijskracht"}
    assert "Online intimidatie" in filters["Thema"] and "2026" in filters["Jaar"]
    everything = {u for year in filters["Jaar"] for u in _search(page, served, None,
                                                                   {"Jaar": year})}
    assert everything > set(_search(page, served, None, {"Jaar": "2026"}))
    online = _search(page, served, None, {"Thema": "Online intimidatie"})
    assert online and set(online) < everything
    assert "/bevindingen/F-2026-19J9/index.html" in online
    maturity = next(iter(filters["Bewijskracht"]))
    assert _search(page, served, None, {"Bewijskracht": maturity})
    police = _search(page, served, None, {"Partner": "Politie"})
    assert police and set(police) < everything


def test_the_search_page_searches_with_its_own_box(watched: Watched, served: str) -> None:
    page = watched.page
    page.goto(served + "zoeken/?q=vragenlijsten")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert "resultaten voor vragenlijsten" in page.inner_text(".pagefind-ui__message")
    # five at a time; this finding (its text says "vragenlijst") is among them
    finding = page.locator("a.pagefind-ui__result-link[href*='/bevindingen/F-2026-19J9/']")
    for _ in range(4):
        if finding.count():
            break
        page.get_by_role("button", name="Meer resultaten laden").click()
        page.wait_for_timeout(300)
    assert finding.count() >= 1
    assert page.locator(".pagefind-ui__filter-panel").count() == 1
    assert watched.errors == [] and watched.foreign == []


def test_keyboard_only(watched: Watched, served: str) -> None:
    page = watched.page
    page.goto(served)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.goto(served)
    for _ in range(3):  # skip link, site name, then the first menu item
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bevindingen"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/bevindingen/index.html")
    page.goto(served)
    page.locator("#q").focus()
    page.keyboard.type("vragenlijsten")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link")


def test_without_javascript_everything_but_search_works(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served + "bevindingen/F-2026-19J9/")
        assert "Maryland" in page.inner_text("main")
        page.goto(served + "zoeken/")
        assert "JavaScript" in page.inner_text("main")
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["home", "finding", "agenda", "search", "theme", "project"])
def test_axe_finds_no_serious_or_critical_violation(watched: Watched, served: str,
                                                   kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = watched.page
    page.goto(served + PAGE_TYPES[kind], wait_until="networkidle")
    if kind == "search":
        page.fill(".pagefind-ui__search-input", "vragenlijsten")
        page.wait_for_selector(".pagefind-ui__result-link")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_every_page_type(browser: Any, served: str, device: str) -> None:
    size = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
    context = browser.new_context(viewport=size[device], device_scale_factor=1,
                                  is_mobile=device == "phone")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for kind, path in PAGE_TYPES.items():
            page.goto(served + path, wait_until="networkidle")
            if kind == "search":
                page.fill(".pagefind-ui__search-input", "vragenlijsten")
                page.wait_for_selector(".pagefind-ui__result-link")
            # nothing sticks out sideways on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= size[device]["width"]
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{device}.png"), full_page=True)
    finally:
        context.close()


def test_the_search_index_holds_only_what_the_pages_show(example_site: tuple[Path, Path]) -> None:
    """Pagefind indexes the built pages only: no record text reaches it another way."""
    site = example_site[1]
    fragments = [text for path, text in every_text(site / "pagefind")
                 if "fragment" in path.parts]
    assert fragments and all("Content-Security-Policy" not in f for f in fragments)


def test_no_test_starts_playwright_by_itself() -> None:
    """The ``browser`` fixture in tests/conftest.py is the session's only Playwright: one
    started elsewhere while it runs fails ("Sync API inside the asyncio loop"), and only in
    some test orders."""
    started = re.compile(r"\b(sync|async)_playwright\s*\(")
    tests = REPO / "tests"
    own = [str(path.relative_to(REPO)) for path in sorted(tests.rglob("*.py"))
           if "node_modules" not in path.parts and path != tests / "conftest.py"
           and started.search(path.read_text(encoding="utf-8"))]
    assert own == []
