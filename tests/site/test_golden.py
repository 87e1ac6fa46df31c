"""Golden HTML: one page of every type, built from ``tests/cases/base`` on a pinned date.

A reviewer reads these files to see what the site says; they change only on request
(``VEILIGESTAD_UPDATE_GOLDEN=1``), and a difference is shown as a diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from tests.site.conftest import build

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "home.html": "index.html",
    "findings.html": "bevindingen/index.html",
    "finding.html": "bevindingen/F-2026-7KQ3/index.html",
    "theme.html": "themas/ov/index.html",
    "partner.html": "partners/veiligheid/index.html",
    "project.html": "projecten/P-2026-001/index.html",
    "agenda.html": "onderzoeksagenda/index.html",
    "data.html": "open-data/index.html",
    "search.html": "zoeken/index.html",
    "404.html": "404.html",
    "feed.xml": "feed.xml",
    "sitemap.xml": "sitemap.xml",
}


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import CASES

    base = tmp_path_factory.mktemp("golden")
    shutil.copytree(CASES / "base", base / "kb")
    build(base / "kb", base / "site")
    return base / "site"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_file(base_site: Path, name: str) -> None:
    actual = (base_site / PAGES[name]).read_text(encoding="utf-8")
    path = GOLDEN / name
    if os.environ.get("VEILIGESTAD_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "actual"))
        pytest.fail(f"{name} differs from its golden file (VEILIGESTAD_UPDATE_GOLDEN=1 to "
                    f"accept):\n{diff[:6000]}")
