"""The pages Pagefind reads are staged in the cache folder between builds (``site.search``):
second names (hard links) of the site's own pages, kept in step with them, and nothing else.

A rebuild only links again what the writer replaced and unlinks what left the part; anything
planted there (a link to a folder or a file elsewhere, a stray page) is removed without being
followed, never indexed, and nothing outside is touched. Where a page cannot be linked, a
temporary folder is used as before, with the same index.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.site.conftest import build
from veiligestad.site import search

# Off by design on Windows, where a file's stat proves nothing (docs/performance.md); the
# tests that simulate Windows on other systems check that it declines there.
pytestmark = pytest.mark.skipif(os.name == "nt", reason="off on Windows by design")

FINDING = "F-2026-19J9"
MARKER = "Zeldzaamwoordxq"  # a word no page of the site has


def _stage(root: Path, out: Path) -> Path:
    stage = search.stage_folder(root, out.resolve())
    assert stage is not None
    return stage


def _staged(stage: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``stage`` (per part: ``0/bevindingen/…``) by its inode and device."""
    found = {}
    for path in sorted(stage.rglob("*")):
        if path.is_symlink() or path.is_file():
            info = path.lstat()
            found[path.relative_to(stage).as_posix()] = (info.st_ino, info.st_dev)
    return found


def _expected(out: Path) -> dict[str, tuple[int, int]]:
    """What the stage should hold: each part's pages, as the site's own files."""
    manifest = (out / ".veiligestad-site.json").read_text(encoding="utf-8")
    assert manifest
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    indexed = [rel for rel in files if rel.split("/", 1)[0] in
               ("bevindingen", "projecten", "onderzoeksagenda")]
    shards = search.search_shards(indexed, first="onderzoeksagenda/index.html")
    expected = {}
    for shard, rels in shards.items():
        for rel in rels:
            info = (out / rel).stat()
            expected[f"{shard}/{rel}"] = (info.st_ino, info.st_dev)
    return expected


def _index_text(out: Path) -> str:
    texts = []
    for path in sorted((out / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def _index_files(out: Path) -> dict[str, bytes]:
    """What the index says of each page, per part: its fragments (Pagefind's other files, its
    word index and metadata, differ from run to run even for the same pages)."""
    return {p.relative_to(out).as_posix(): gzip.decompress(p.read_bytes())
            for p in sorted((out / "pagefind").rglob("*.pf_fragment"))}


def _edit(root: Path, rid: str, **changes: object) -> None:
    path = root / "data" / "findings" / f"{rid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


@pytest.fixture
def parted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)  # several parts on the small example


@pytest.mark.usefixtures("parted")
def test_the_stage_holds_exactly_the_pages_of_each_part(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    stage = _stage(root, out)
    assert _staged(stage) == _expected(out)

    # A statement edited: its page is a new file, linked again; the rest stay as they were.
    before = _staged(stage)
    _edit(root, FINDING, statement=f"Een bewering met {MARKER} erin.")
    result = build(root, out)
    assert result.searched and f"bevindingen/{FINDING}/index.html" in result.written
    after = _staged(stage)
    assert after == _expected(out)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert {rel.split("/", 1)[1] for rel in changed} == {f"bevindingen/{FINDING}/index.html"}
    assert MARKER in _index_text(out)

    # Withdrawn: its page leaves the site, the stage and the index.
    _edit(root, FINDING, review="reviewed")
    result = build(root, out)
    assert f"bevindingen/{FINDING}/index.html" in result.removed
    assert _staged(stage) == _expected(out)
    assert not any(FINDING in rel for rel in _staged(stage))
    assert MARKER not in _index_text(out)


@pytest.mark.usefixtures("parted")
def test_whatever_is_planted_in_the_stage_is_removed_unread(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    stage = _stage(root, out)
    part = next(p for p in sorted(stage.iterdir()) if (p / "bevindingen").is_dir())
    # Elsewhere: a folder and a file with a page each that must never be indexed or touched.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "geheim").mkdir(parents=True)
    secret = elsewhere / "geheim" / "index.html"
    secret.write_text(f"<html lang='nl'><body><h1>{MARKER}</h1></body></html>",
                      encoding="utf-8")
    (part / "geheim").symlink_to(elsewhere / "geheim", target_is_directory=True)
    (part / "bevindingen" / "link.html").symlink_to(secret)
    (part / "los.html").write_text(secret.read_text(encoding="utf-8"), encoding="utf-8")
    # and a staged page replaced by a link to the secret page
    page = next(p for p in sorted((part / "bevindingen").rglob("index.html")))
    page.unlink()
    page.symlink_to(secret)

    _edit(root, FINDING, statement="Een bewering die anders is dan eerst.")
    with pytest.MonkeyPatch.context() as patch:  # every part is indexed again
        patch.setattr(search, "indexed_digest", lambda writer, rels: "anders")
        result = build(root, out)
    assert result.searched
    assert MARKER not in _index_text(out)
    assert secret.is_file() and (elsewhere / "geheim").is_dir()  # nothing outside touched
    assert _staged(stage) == _expected(out)
    assert not any(p.is_symlink() for p in stage.rglob("*"))


def test_a_stage_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    stage = search.stage_folder(root, out.resolve())
    assert stage is not None
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    stage.symlink_to(elsewhere, target_is_directory=True)
    build(root, out)
    assert list(elsewhere.iterdir()) == []
    assert stage.is_symlink()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.usefixtures("parted")
def test_without_links_or_without_a_stage_the_index_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no page can be linked (another file system) the pages are copied into a
    temporary folder; with the cache turned off there is no stage. Either way the index holds
    the same pages, in the same parts, as one made from the stage."""
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "staged")
    assert _staged(_stage(root, tmp_path / "staged"))

    def no_link(*args: object, **kw: object) -> None:
        raise OSError("no links here")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "link", no_link)
        build(root, tmp_path / "copied")
    staged = _index_files(tmp_path / "staged")
    assert len(staged) > 3 and _index_files(tmp_path / "copied") == staged

    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    assert search.stage_folder(root, (tmp_path / "plain").resolve()) is None
    build(root, tmp_path / "plain")
    assert _index_files(tmp_path / "plain") == staged


@pytest.mark.usefixtures("parted")
def test_parts_the_index_no_longer_has_leave_the_stage(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    stage = _stage(root, out)
    assert len(list(stage.iterdir())) > 1
    monkeypatch.setattr(search, "SHARD_PAGES", 500)  # one part now
    _edit(root, FINDING, statement="Weer een andere bewering.")
    build(root, out)
    assert [p.name for p in stage.iterdir()] == ["0"]
    assert _staged(stage) == _expected(out)
