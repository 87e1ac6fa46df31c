"""A large site's search index comes in parts (``site.search``): a rebuild re-indexes only the
part whose pages changed, and the search page merges every part in the browser.

The example is small, so parts of two pages are forced here (``SHARD_PAGES``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.site.conftest import build, every_text, serve
from veiligestad.site import search

FINDING = "F-2026-19J9"  # its text says "vragenlijst", never "vragenlijsten"


def _parts(out: Path) -> list[str]:
    return sorted(p.parent.relative_to(out).as_posix()
                  for p in out.glob("pagefind/**/pagefind-entry.json"))


@pytest.fixture(scope="module")
def parted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The example (its one waiting question made public) built with parts of two pages."""
    base = tmp_path_factory.mktemp("parted")
    root = copy_example(base / "leiden")
    question = root / "data" / "questions" / "Q-2026-012.yaml"
    question.write_text(question.read_text(encoding="utf-8").replace(
        "classification: internal", "classification: public"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 2)
        build(root, base / "site")
    yield root, base / "site"


def test_the_index_is_in_parts_and_the_search_page_merges_them(
        parted: tuple[Path, Path]) -> None:
    out = parted[1]
    parts = _parts(out)
    assert parts[0] == "pagefind" and len(parts) >= 3
    page = (out / "zoeken/index.html").read_text(encoding="utf-8")
    merged = re.search(r'data-merge="([^"]*)"', page)
    assert merged is not None
    assert sorted(merged.group(1).split()) == sorted(f"../{p}/" for p in parts[1:])
    # only the first part carries the search interface
    assert (out / "pagefind/pagefind-ui.js").is_file()
    assert not any((out / p / "pagefind-ui.js").exists() for p in parts[1:])


def test_one_changed_finding_reindexes_only_its_part(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    parts = _parts(out)
    again = build(root, out)
    assert again.written == [] and not again.searched

    path = root / "data" / "findings" / f"{FINDING}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["statement"] = "Een bewering over fietsenstallingen die nergens anders staat."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(root, out)
    assert result.searched
    touched = {search._part_of(rel) for rel in [*result.written, *result.removed]
               if rel.startswith("pagefind/")}
    assert len(touched) == 1 and touched < set(parts)
    assert (out / str(next(iter(touched))) / "pagefind-entry.json").is_file()
    assert _parts(out) == parts


@pytest.mark.parametrize(("pages", "count"), [(0, 1), (500, 1), (501, 2), (1000, 2),
                                              (1001, 4), (15_000, 32)])
def test_parts_double_as_the_site_grows(pages: int, count: int) -> None:
    assert search.shard_count(pages) == count


def test_a_page_stays_in_its_part_and_the_agenda_is_in_the_first() -> None:
    rels = [f"bevindingen/F-2026-{i:04d}/index.html" for i in range(1200)]
    shards = search.search_shards([*rels, "onderzoeksagenda/index.html"],
                                  first="onderzoeksagenda/index.html")
    assert len(shards) == 4 and "onderzoeksagenda/index.html" in shards[0]
    assert sorted(r for part in shards.values() for r in part) == sorted(
        [*rels, "onderzoeksagenda/index.html"])
    again = search.search_shards([*reversed(rels), "onderzoeksagenda/index.html"],
                                 first="onderzoeksagenda/index.html")
    assert again == shards
    assert all(150 < len(part) < 450 for part in shards.values())


@pytest.fixture(scope="module")
def parted_served(parted: tuple[Path, Path]) -> Iterator[str]:
    with serve(parted[1]) as url:
        yield url


@pytest.mark.needs("chromium")
def test_the_search_page_finds_pages_of_every_part(browser: Any, parted: tuple[Path, Path],
                                                   parted_served: str) -> None:
    from tests.site.test_browser import Watched

    out = parted[1]
    # the finding looked for is not in the first part: only merging finds it
    first = [text for _, text in every_text(out / "pagefind" / "fragment")]
    assert first and not any(f"/bevindingen/{FINDING}/" in text for text in first)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        watched = Watched(context.new_page(), parted_served)
        page = watched.page
        page.goto(parted_served + "zoeken/?q=vragenlijsten", wait_until="networkidle")
        page.wait_for_selector(".pagefind-ui__result-link")
        found = page.locator(f"a.pagefind-ui__result-link[href*='/bevindingen/{FINDING}/']")
        for _ in range(6):
            if found.count():
                break
            page.get_by_role("button", name="Meer resultaten laden").click()
            page.wait_for_timeout(300)
        assert found.count() >= 1
        # the filters of every part are merged: every theme of the findings is offered
        panel = page.text_content(".pagefind-ui__filter-panel") or ""
        themes = set()
        for finding in out.glob("bevindingen/F-*/index.html"):
            html = finding.read_text(encoding="utf-8")
            themes |= set(re.findall(r'data-pagefind-filter="Thema">([^<]+)<', html))
        assert themes and all(theme in panel for theme in themes)
        assert watched.errors == [] and watched.foreign == [] and watched.failed == []
    finally:
        context.close()


def test_where_pages_cannot_be_linked_they_are_copied_and_the_index_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind reads each part's pages from a folder of their own: second names for the
    pages where the file system allows them, copies where not (another drive, no links)."""
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "linked")

    def no_link(*_args: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(search.os, "link", no_link)
    build(root, tmp_path / "copied")
    # Pagefind names its files by digests that differ from run to run: compare what it read
    def indexed(site: Path) -> tuple[Any, int]:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        fragments = len(list((site / "pagefind" / "fragment").iterdir()))
        return [lang["page_count"] for lang in entry["languages"].values()], fragments

    linked, copied = indexed(tmp_path / "linked"), indexed(tmp_path / "copied")
    assert linked == copied and sum(copied[0]) > 5


def _read_by_part(site: Path) -> dict[str, tuple[list[int], list[str]]]:
    """What Pagefind read for each part: its page counts per language and the pages its
    fragments name (its own file names are digests that differ from run to run)."""
    out = {}
    for entry in sorted(site.glob("pagefind/**/pagefind-entry.json")):
        folder = entry.parent
        counts = [lang["page_count"] for lang in json.loads(entry.read_text("utf-8"))
                  ["languages"].values()]
        urls = sorted(json.loads(text[text.index("{"):])["url"]  # after Pagefind's mark
                      for _, text in every_text(folder / "fragment"))
        out[folder.relative_to(site).as_posix()] = (counts, urls)
    return out


def test_parts_indexed_side_by_side_are_those_indexed_one_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind runs for as many parts at once as the build may use processes."""
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    root = copy_example(tmp_path / "leiden")
    monkeypatch.setenv("VEILIGESTAD_JOBS", "1")
    build(root, tmp_path / "one")
    monkeypatch.setenv("VEILIGESTAD_JOBS", "3")
    build(root, tmp_path / "three")
    one, three = _read_by_part(tmp_path / "one"), _read_by_part(tmp_path / "three")
    assert len(one) >= 3 and one == three
    assert sorted(p.relative_to(tmp_path / "one").as_posix()
                  for p in (tmp_path / "one").rglob("*") if "pagefind" not in p.parts) == \
        sorted(p.relative_to(tmp_path / "three").as_posix()
               for p in (tmp_path / "three").rglob("*") if "pagefind" not in p.parts)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in indexer is a shell script")
def test_a_failing_indexer_is_a_usage_error_and_leaves_nothing_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One run of several fails: the build says what Pagefind said, stops the others and
    removes their temporary folders. The pages written before are listed in the manifest (so
    the next build into the folder takes it as its own) and no part is taken for done, so the
    next build indexes again."""
    import tempfile

    from veiligestad.errors import UsageError

    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    monkeypatch.setenv("VEILIGESTAD_JOBS", "2")
    real = search.pagefind_executable()
    assert real is not None
    locks = tmp_path / "locks"
    locks.mkdir()
    fake = tmp_path / "pagefind"
    # The first two runs index as Pagefind does (slowly, so they still run when the third
    # starts); every later run fails. A folder made is the run's ticket: ``mkdir`` is atomic,
    # so which runs fail does not depend on how they interleave.
    fake.write_text(f'#!/bin/sh\nif mkdir "{locks}/1" 2>/dev/null || mkdir "{locks}/2" '
                    f'2>/dev/null; then sleep 1; exec "{real}" "$@"; fi\n'
                    f'echo "kapotte index" >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: fake)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    with pytest.raises(UsageError) as raised:
        build(root, out)
    assert "kapotte index" in str(raised.value)
    # every run's folder removed: in the cache folder (beside the staged pages) or elsewhere
    assert list(temp.iterdir()) == []
    assert not list(root.glob(".veiligestad-cache/**/veiligestad-pagefind-*"))
    manifest = json.loads((out / ".veiligestad-site.json").read_text(encoding="utf-8"))
    on_disk = {f.relative_to(out).as_posix() for f in out.rglob("*") if f.is_file()}
    assert on_disk - {".veiligestad-site.json"} <= set(manifest["files"])
    assert any(rel.startswith("bevindingen/") for rel in on_disk)
    assert len(manifest.get("search", {})) < 3  # the failed part and those after it: not done
    monkeypatch.setattr(search, "pagefind_executable", lambda: real)
    again = build(root, out)
    assert again.searched
    clean = tmp_path / "clean"
    build(root, clean)
    assert _read_by_part(out) == _read_by_part(clean)
