"""``site build --federated``: the programme-wide site, on real git repositories as other cities.

Home is ``tests/cases/base`` (Teststad); Utrecht and Breda are copies of it, each pushed to a
bare repository on disk and synced, so all three cities have a finding ``F-2026-7KQ3``. The
privacy test of the programme-wide site is in tests/federation/test_privacy.py (with the other
federated outputs).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import CASES, TODAY
from tests.federation.conftest import cli, federate, new_city
from tests.site.conftest import build, every_text, serve, site_cli
from veiligestad.model.ids import ID_PATTERNS
from veiligestad.site.model import record_segment, slug

CITIES = {"teststad": "Teststad", "utrecht": "Utrecht", "breda": "Breda"}
TITLES = {"teststad": "Slecht verlichte looproutes worden gemeden",
          "utrecht": "Utrechtse looproutes", "breda": "Bredase looproutes"}
FOLDERS = {"teststad": "F-2026-7KQ3", "utrecht": "utrecht.F-2026-7KQ3",
           "breda": "breda.F-2026-7KQ3"}


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Home plus Utrecht and Breda, synced; all three have a finding F-2026-7KQ3, each with a
    title of its own. Read only by the tests below (each builds into a folder of its own)."""
    folder = tmp_path_factory.mktemp("programme")
    home = folder / "home"
    shutil.copytree(CASES / "base", home)
    cities = [new_city(folder, key, name) for key, name in CITIES.items() if key != "teststad"]
    for city in cities:
        path = city.work / "data/findings/F-2026-7KQ3.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            TITLES["teststad"], TITLES[city.key]), encoding="utf-8")
        if city.key == "breda":  # theme keys of its own: one mapped to ours, one not
            config = city.work / "veiligestad.yaml"
            config.write_text(config.read_text(encoding="utf-8").replace(
                "    straatintimidatie: {nl: Straatintimidatie, en: Street harassment}",
                "    straat: {nl: Straat, en: Street, same_as: straatintimidatie}\n"
                "    nachtleven: {nl: Nachtleven, en: Night life}"), encoding="utf-8")
            for rel, old, new in (
                    ("Q-2026-001", "themes: [veiligheidsbeleving, ov]",
                     "themes: [straat, nachtleven]"),
                    ("Q-2026-002", "straatintimidatie", "straat")):
                question = city.work / f"data/questions/{rel}.yaml"
                question.write_text(question.read_text(encoding="utf-8").replace(old, new),
                                    encoding="utf-8")
        city.publish("A title of our own")
    federate(home, *(f"{{city: {c.key}, name: {CITIES[c.key]}, url: '{c.bare}'}}"
                     for c in cities))
    assert cli(home, "federation", "sync")[0] == 0
    return home


@pytest.fixture(scope="module")
def programme_site(programme: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("programme-site") / "site"
    result = build(programme, out, federated=True)
    assert result.findings == 3 and result.searched
    return out


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_city_has_its_own_finding_page_naming_the_city(programme_site: Path) -> None:
    for key, folder in FOLDERS.items():
        page = _html(programme_site, f"bevindingen/{folder}/index.html")
        assert f"<h1>{TITLES[key]}</h1>" in page
        assert re.search(rf"<dt>Stad</dt> <dd>{CITIES[key]}</dd>", page), key
        # its project and the pages it links to are that city's, never another's
        project = "P-2026-001" if key == "teststad" else f"{key}.P-2026-001"
        assert f'href="../../projecten/{project}/index.html"' in page
        assert _html(programme_site, f"projecten/{project}/index.html").count(
            f'href="../../bevindingen/{folder}/index.html"') == 1
        other = [f for k, f in FOLDERS.items() if k != key]
        assert not any(f"bevindingen/{f}/" in page for f in other)
    listing = _html(programme_site, "bevindingen/index.html")
    for key, folder in FOLDERS.items():
        assert f'href="../bevindingen/{folder}/index.html"' in listing
        assert CITIES[key] in listing


def test_themes_are_matched_by_key_and_a_city_s_own_key_keeps_its_label(
        programme_site: Path) -> None:
    breda = 'href="../../bevindingen/breda.F-2026-7KQ3/index.html"'
    # Breda's own key that matches none of ours: a page of its own, with Breda's label
    page = _html(programme_site, "themas/nachtleven/index.html")
    assert "<h1>Nachtleven</h1>" in page and breda in page
    assert 'href="../../themas/nachtleven/index.html"' in _html(
        programme_site, "bevindingen/breda.F-2026-7KQ3/index.html")
    # Breda's "straat" is our "straatintimidatie" (same_as): on our theme's page, no page of its own
    assert breda in _html(programme_site, "themas/straatintimidatie/index.html")
    assert not (programme_site / "themas/straat").exists()
    # Utrecht uses our keys: its finding is on our theme's page
    assert 'href="../../bevindingen/utrecht.F-2026-7KQ3/index.html"' in _html(
        programme_site, "themas/ov/index.html")


def test_no_page_path_is_unsafe_on_windows(programme_site: Path) -> None:
    seen: set[str] = set()
    for path in programme_site.rglob("*"):
        rel = path.relative_to(programme_site).as_posix()
        assert not set(rel) & set(':*?"<>|\\'), rel
        assert rel.lower() not in seen, rel  # one file system where case does not count
        seen.add(rel.lower())


def test_open_data_feed_and_sitemap_carry_every_city(programme_site: Path) -> None:
    text = _html(programme_site, "open-data/findings.csv").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert sorted((r["city"], r["id"]) for r in rows) == [
        ("breda", "breda:F-2026-7KQ3"), ("teststad", "F-2026-7KQ3"),
        ("utrecht", "utrecht:F-2026-7KQ3")]
    data = json.loads(_html(programme_site, "open-data/veiligestad.json"))
    assert {r["city"] for r in data["findings"]} == set(CITIES)
    feed = _html(programme_site, "feed.xml")
    sitemap = _html(programme_site, "sitemap.xml")
    for key, folder in FOLDERS.items():
        assert f"<title>{TITLES[key]}</title>" in feed
        assert f"<loc>bevindingen/{folder}/</loc>" in sitemap


def test_search_filters_by_city(programme_site: Path) -> None:
    page = _html(programme_site, "bevindingen/utrecht.F-2026-7KQ3/index.html")
    assert '<span data-pagefind-filter="Stad">Utrecht</span>' in page
    index = "".join(text for path, text in every_text(programme_site / "pagefind"))
    assert "Utrechtse looproutes" in index and "Bredase looproutes" in index


def test_a_rebuild_with_nothing_changed_writes_nothing(programme: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(programme, out, federated=True, search=False)
    again = build(programme, out, federated=True, search=False)
    assert again.written == [] and again.removed == []
    # the city's site of its own is the same folder, with the other cities' pages removed
    alone = build(programme, out, search=False)
    assert sorted(rel for rel in alone.removed if rel.startswith("bevindingen/")) == [
        "bevindingen/breda.F-2026-7KQ3/index.html", "bevindingen/utrecht.F-2026-7KQ3/index.html"]


def test_the_city_site_does_not_change_without_federated(programme: Path,
                                                          tmp_path: Path) -> None:
    build(programme, tmp_path / "alone", search=False)
    shutil.copytree(CASES / "base", tmp_path / "plain")
    build(tmp_path / "plain", tmp_path / "plain-site", search=False)
    for path in sorted((tmp_path / "plain-site").rglob("*.html")):
        rel = path.relative_to(tmp_path / "plain-site")
        assert (tmp_path / "alone" / rel).read_bytes() == path.read_bytes(), rel


def test_the_command_line(programme: Path, tmp_path: Path) -> None:
    result = site_cli(programme, "build", "-o", str(tmp_path / "site"), "--federated",
                      "--no-search")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/bevindingen/utrecht.F-2026-7KQ3/index.html").is_file()


def test_without_federation_in_the_config_it_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(CASES / "base", tmp_path / "kb")
    result = site_cli(tmp_path / "kb", "build", "-o", str(tmp_path / "site"), "--federated",
                      "--no-search")
    assert result.exit_code == 2
    assert "federation" in result.stderr
    assert not (tmp_path / "site").exists()  # nothing half-written


def test_a_city_not_synced_is_a_warning_and_the_rest_is_built(programme: Path,
                                                              tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(programme, kb, ignore=shutil.ignore_patterns(".veiligestad-cache"))
    result = site_cli(kb, "build", "-o", str(tmp_path / "site"), "--federated", "--no-search")
    assert result.exit_code == 0, result.output
    assert "utrecht" in result.stderr and "breda" in result.stderr
    assert (tmp_path / "site/bevindingen/F-2026-7KQ3/index.html").is_file()
    assert not (tmp_path / "site/bevindingen/utrecht.F-2026-7KQ3").exists()


# -- addresses: one folder per record, never two records in one, on every file system ----------

CITY_KEYS = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
PLAIN_IDS = st.one_of(
    st.from_regex(r"F-20[0-9]{2}-[0-9A-HJKMNP-TV-Z]{4,6}", fullmatch=True),
    st.from_regex(r"[PQ]-20[0-9]{2}-[0-9]{3,4}", fullmatch=True))
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def _ids() -> st.SearchStrategy[str]:
    qualified = st.builds(lambda city, rid: f"{city}:{rid}", CITY_KEYS, PLAIN_IDS)
    return st.one_of(PLAIN_IDS, qualified)


@given(st.lists(_ids(), min_size=2, max_size=8, unique=True))
def test_record_folders_never_clash_and_are_valid_on_windows(ids: list[str]) -> None:
    assert all(ID_PATTERNS[i.rpartition(":")[2][0]].fullmatch(i.rpartition(":")[2])
               for i in ids)
    segments = [record_segment(i) for i in ids]
    # distinct even where upper and lower case are one file name (Windows, macOS)
    assert len({s.lower() for s in segments}) == len(ids)
    for segment in segments:
        assert not set(segment) & set(':*?"<>|\\/ ')
        assert not RESERVED.match(segment) and not segment.endswith((".", " "))


@pytest.mark.parametrize(("record_id", "segment"), [
    ("F-2026-7KQ3", "F-2026-7KQ3"), ("utrecht:F-2026-7KQ3", "utrecht.F-2026-7KQ3"),
    ("den_haag:P-2026-001", "den_haag.P-2026-001"), ("con:F-2026-7KQ3", "_con.F-2026-7KQ3"),
    ("f-2026-7kq3:F-2026-7KQ3", "f-2026-7kq3.F-2026-7KQ3")])
def test_record_folders_read_like_the_qualified_id(record_id: str, segment: str) -> None:
    assert record_segment(record_id) == segment


@given(st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=6, unique=True))
@example(["aux", "con", "nul", "com1", "lpt9", "prn", "aux-", "Aux", "a b", "a-b", "OV", "ov"])
def test_vocabulary_folders_never_clash_and_are_valid_on_windows(keys: list[str]) -> None:
    segments = [slug(k) for k in keys]
    assert len({s.lower() for s in segments}) == len(keys)
    for segment in segments:
        assert re.fullmatch(r"[a-z0-9_-]+", segment) and not RESERVED.match(segment)
    assert slug("openbare_ruimte") == "openbare_ruimte"  # a tame key is its own folder


# -- in the browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def programme_served(programme_site: Path) -> Iterator[str]:
    with serve(programme_site) as url:
        yield url


@pytest.mark.needs("chromium")
def test_a_finding_of_another_city_in_the_browser(browser: Any, programme_served: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from tests.site.test_browser import Watched

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        watched = Watched(context.new_page(), programme_served)
        page = watched.page
        response = page.goto(programme_served + "bevindingen/utrecht.F-2026-7KQ3/",
                             wait_until="networkidle")
        assert response is not None and response.status == 200
        assert page.locator("h1").inner_text() == TITLES["utrecht"]
        page.click("main a[href*='projecten/utrecht.P-2026-001']")
        page.wait_for_url("**/projecten/utrecht.P-2026-001/index.html")
        page.go_back(wait_until="networkidle")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        bad = [(v["id"], v["impact"]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == []
        assert watched.errors == [] and watched.foreign == [] and watched.failed == []
        assert watched.dialogs == []
    finally:
        context.close()


def test_the_programme_view_is_public_as_it_is(programme: Path) -> None:
    """The site's query context takes the programme-wide view as public without filtering it
    again: the open data and figures are the same as filtering it again would make."""
    from veiligestad.commands.export import export_rows
    from veiligestad.commands.site import programme_view
    from veiligestad.i18n import Translator
    from veiligestad.query import context
    from veiligestad.site.model import public_view
    from veiligestad.stats import stats_in
    from veiligestad.store.kb import open_kb

    t = Translator("nl")
    kb = programme_view(public_view(open_kb(programme, t), TODAY), TODAY, t)
    once, twice = context(kb, TODAY, t, public=True), context(kb, TODAY, t)
    rows = export_rows(once, "public")
    # the one difference: filtering again drops the city (not a field of a record's file)
    assert all(row.pop("city") == kb.city_of(row["id"]) for kind in rows.values()
               for row in kind)
    assert rows == export_rows(twice, "public")
    assert stats_in(once, None, public_only=True) == stats_in(twice, None, public_only=True)
    assert len(rows["findings"]) == 3


def test_the_programme_site_speaks_of_the_programme_not_of_the_home_city(
        programme: Path, programme_site: Path) -> None:
    from veiligestad.i18n import Translator

    t = Translator("nl")
    city = "Teststad"
    home = _html(programme_site, "index.html")
    assert f"<h1>{t('site.programme.title')}</h1>" in home
    assert t("site.title", city=city) not in home
    agenda = _html(programme_site, "onderzoeksagenda/index.html")
    assert t("site.programme.agenda_intro") in agenda
    assert t("site.agenda.intro", city=city) not in agenda
    # the city's own site keeps its own words
    own = build(programme, programme_site.parent / "own", search=False).output
    assert f"<h1>{t('site.title', city=city)}</h1>" in _html(own, "index.html")
    assert t("site.agenda.intro", city=city) in _html(own, "onderzoeksagenda/index.html")
