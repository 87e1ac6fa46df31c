"""A second build rewrites nothing that did not change; a withdrawn finding's page goes away."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.site.conftest import build
from veiligestad.render.environment import builtin_template_dir

REPO_TEMPLATES = builtin_template_dir() / "site"


def _state(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


def _age(site: Path) -> None:
    # Every file a minute old, so a rewrite shows in its mtime whatever the clock's resolution.
    for p in site.rglob("*"):
        if p.is_file():
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


def _finding(root: Path, rid: str) -> tuple[Path, dict]:
    path = root / "data" / "findings" / f"{rid}.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_second_build_with_nothing_changed_rewrites_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    _age(out)
    before = _state(out)
    result = build(root, out)
    assert result.written == [] and result.removed == []
    assert _state(out) == before


def test_one_changed_finding_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    rid = "F-2026-19J9"
    path, data = _finding(root, rid)

    # Its statement is shown on its own page only (and in the feed, open data and search).
    _age(out)
    data["statement"] = "Een nieuwe, gecorrigeerde bewering over fietsenstallingen."
    _save(path, data)
    result = build(root, out)
    pages = {rel for rel in result.written if rel.endswith(".html")}
    assert pages == {f"bevindingen/{rid}/index.html"}
    assert "feed.xml" in result.written and "open-data/veiligestad.json" in result.written
    assert any(rel.startswith("pagefind/") for rel in result.written)

    # Its title is shown wherever it is listed: exactly the pages that link to it are rewritten.
    _age(out)
    before = _state(out)
    data["title"] = "Een nieuwe titel voor deze bevinding"
    _save(path, data)
    result = build(root, out)
    pages = {rel for rel in result.written if rel.endswith(".html")}
    showing = {rel for rel, (content, _) in _state(out).items() if rel.endswith(".html")
               and data["title"].encode() in content}
    assert pages == showing and len(pages) > 3
    for rel, (content, mtime) in _state(out).items():
        if rel not in result.written and rel in before:
            assert before[rel] == (content, mtime), rel


def test_search_is_not_reindexed_when_no_indexed_page_changed(tmp_path: Path) -> None:
    """Pagefind re-indexes every page, so it runs only when a page it indexes changed: a new
    introduction changes the home page alone, and the index (and its files) stay as they are."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    _age(out)
    before = _state(out)
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "site:\n  intro: Een nieuwe inleiding voor de bezoekers.\n",
                      encoding="utf-8")
    result = build(root, out)
    assert set(result.written) == {"index.html", ".veiligestad-site.json"}
    assert not result.searched
    after = _state(out)
    assert {rel for rel in after if rel.startswith("pagefind/")} \
        == {rel for rel in before if rel.startswith("pagefind/")}
    assert all(after[rel] == before[rel] for rel in before if rel.startswith("pagefind/"))

    # A change to an indexed page runs Pagefind again.
    path, data = _finding(root, "F-2026-19J9")
    data["statement"] = "Een bewering over fietsenstallingen die nergens anders staat."
    _save(path, data)
    result = build(root, out)
    assert result.searched and any(rel.startswith("pagefind/") for rel in result.written)


def test_a_withdrawn_finding_disappears_and_foreign_files_stay(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    rid = "F-2026-19J9"
    assert (out / "bevindingen" / rid / "index.html").is_file()
    (out / "CNAME").write_text("onderzoek.example.org\n")  # put there by the city, not by us
    path, data = _finding(root, rid)
    data["review"] = "reviewed"
    _save(path, data)
    result = build(root, out, search=False)
    assert f"bevindingen/{rid}/index.html" in result.removed
    assert not (out / "bevindingen" / rid).exists()
    assert (out / "CNAME").read_text() == "onderzoek.example.org\n"
    for page in out.rglob("*.html"):
        assert rid not in page.read_text(encoding="utf-8"), page


def test_a_deleted_output_file_is_written_again(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    shutil.rmtree(out / "pagefind")
    (out / "index.html").unlink()
    result = build(root, out)
    assert "index.html" in result.written and (out / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("same_size", [True, False])
def test_a_page_edited_in_the_output_folder_is_made_again(tmp_path: Path,
                                                          same_size: bool) -> None:
    """A page whose size or modification time is not what the last build left is read and
    compared; one whose bytes differ is rendered and written again."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    page = out / "bevindingen" / "F-2026-19J9" / "index.html"
    content = page.read_bytes()
    edited = content.replace(b"<h1>", b"<h2>", 1) if same_size else content + b"<!-- x -->"
    assert edited != content and (len(edited) == len(content)) == same_size
    page.write_bytes(edited)
    result = build(root, out, search=False)
    assert "bevindingen/F-2026-19J9/index.html" in result.rendered
    assert page.read_bytes() == content


def test_pages_rendered_by_workers_are_the_pages_rendered_in_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build spreads rendering over processes; every file is byte for byte what one
    process makes (the example is small, so workers are forced here)."""
    import veiligestad.commands.site as site_command

    root = copy_example(tmp_path / "leiden")
    monkeypatch.setattr(site_command, "RENDER_MIN_PAGES", 2)
    monkeypatch.setenv("VEILIGESTAD_JOBS", "2")
    build(root, tmp_path / "workers", search=False)
    monkeypatch.setenv("VEILIGESTAD_JOBS", "1")
    build(root, tmp_path / "one", search=False)
    workers, one = _state(tmp_path / "workers"), _state(tmp_path / "one")
    assert sorted(workers) == sorted(one) and len(one) > 20
    manifest = ".veiligestad-site.json"
    assert all(workers[rel][0] == one[rel][0] for rel in one if rel != manifest)
    # the manifests differ only in each file's size and modification time (``writer.py``)
    assert _without_stats(workers[manifest][0]) == _without_stats(one[manifest][0])


def _without_stats(manifest: bytes) -> dict:
    data = json.loads(manifest)
    data["fingerprints"] = {rel: entry[:2] for rel, entry in data["fingerprints"].items()}
    return data


def _record(root: Path, folder: str, rid: str) -> tuple[Path, dict]:
    path = root / "data" / folder / f"{rid}.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _first_recommendation(data: dict) -> None:
    data["recommendations"][0]["text"] = "Een nieuwe aanbeveling aan de partner."


# One edit of each kind of value a page can show, of each kind of record. A page's fingerprint
# must change whenever its bytes would: a rebuild after the edit gives exactly the site that a
# build into an empty folder gives.
EDITS = {
    "finding statement": ("findings", "F-2026-19J9",
                          lambda d: d.__setitem__("statement", "Een gewijzigde bewering.")),
    "finding title": ("findings", "F-2026-19J9",
                      lambda d: d.__setitem__("title", "Een gewijzigde titel")),
    "finding caveats": ("findings", "F-2026-19J9",
                        lambda d: d.__setitem__("caveats", "Een nieuwe kanttekening.")),
    "finding published": ("findings", "F-2026-19J9",
                          lambda d: d.__setitem__("published", d["reported"])),
    "finding recommendation": ("findings", "F-2025-33JB", _first_recommendation),
    "finding withdrawn": ("findings", "F-2025-33JB",
                          lambda d: d.__setitem__("review", "draft")),
    "question title": ("questions", "Q-2025-001",
                       lambda d: d.__setitem__("title", "Een gewijzigde vraag")),
    "question themes": ("questions", "Q-2025-001",
                        lambda d: d.__setitem__("themes", ["straatintimidatie"])),
    "project title": ("projects", "P-2025-001",
                      lambda d: d.__setitem__("title", "Een gewijzigd project")),
    "project institution": ("projects", "P-2025-001",
                            lambda d: d.__setitem__("institution", "universiteit_leiden")),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_after_any_edit_is_the_site_a_fresh_build_makes(tmp_path: Path,
                                                                   edit: str) -> None:
    folder, rid, change = EDITS[edit]
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    path, data = _record(root, folder, rid)
    change(data)
    _save(path, data)
    result = build(root, out, search=False)
    assert result.written, edit  # every edit above shows somewhere
    fresh = tmp_path / "fresh"
    build(root, fresh, search=False)
    assert _files(out) == _files(fresh)
    # Every page whose bytes changed was rendered; a statement is on its own page only.
    assert {rel for rel in result.written if rel.endswith(".html")} <= set(result.rendered)
    if edit == "finding statement":
        assert result.rendered == [f"bevindingen/{rid}/index.html"]


def test_a_value_every_page_gets_renders_again_exactly_the_pages_that_read_it(
        tmp_path: Path) -> None:
    """The key figures and counts go to every template; a page's fingerprint holds only those
    its template (or one it extends, imports or includes) names. A city's own footer that
    shows the number of findings makes every page read it; without it, only the home and
    open-data pages do."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    path, data = _record(root, "findings", "F-2025-33JB")
    data["review"] = "draft"  # one published finding fewer: the counts change
    _save(path, data)
    result = build(root, out, search=False)
    findings = "bevindingen/F-2026-19J9/index.html"  # a finding unrelated to F-2025-33JB
    assert "index.html" in result.rendered and "open-data/index.html" in result.rendered
    assert findings not in result.rendered

    own = root / "templates" / "site"
    own.mkdir(parents=True, exist_ok=True)
    base = (REPO_TEMPLATES / "base.html.j2").read_text(encoding="utf-8")
    own.joinpath("base.html.j2").write_text(base.replace(
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer\"><p class=\"count\">{{ counts.findings }}</p>"),
        encoding="utf-8")
    build(root, out, search=False)
    data["review"] = "published"
    _save(path, data)
    result = build(root, out, search=False)
    assert findings in result.rendered
    fresh = tmp_path / "fresh"
    build(root, fresh, search=False)
    assert _files(out) == _files(fresh)
    assert b'<p class="count">' in _state(fresh)[findings][0]


def _files(site: Path) -> dict[str, Any]:
    """Every file's bytes; of the manifest, what does not depend on when files were written."""
    files: dict[str, Any] = {rel: content for rel, (content, _) in _state(site).items()}
    files[".veiligestad-site.json"] = _without_stats(files[".veiligestad-site.json"])
    return files


def test_a_template_that_includes_a_missing_one_by_choice_still_builds(tmp_path: Path) -> None:
    """``{% include … ignore missing %}`` renders without the missing template; the analysis
    of what a template reads must not fail on it either, and adding it later renders again."""
    root = copy_example(tmp_path / "leiden")
    own = root / "templates" / "site"
    own.mkdir(parents=True, exist_ok=True)
    base = (REPO_TEMPLATES / "404.html.j2").read_text(encoding="utf-8")
    own.joinpath("404.html.j2").write_text(
        base + '{% include "site/extra.html.j2" ignore missing %}', encoding="utf-8")
    out = tmp_path / "site"
    build(root, out, search=False)
    own.joinpath("extra.html.j2").write_text("<!-- {{ counts.findings }} -->", encoding="utf-8")
    result = build(root, out, search=False)
    assert "404.html" in result.rendered
    assert "<!-- " in (out / "404.html").read_text(encoding="utf-8")


def test_every_field_a_template_can_reach_is_in_the_fingerprint() -> None:
    """A finding's and a card's ``repr`` (their part of a page's fingerprint) changes with
    every one of their fields: a template cannot show a value the fingerprint leaves out."""
    import dataclasses

    from veiligestad.site.model import Card, Finding, Link

    def changed(value: Any) -> Any:
        if isinstance(value, bool):
            return not value
        if isinstance(value, str):
            return value + "x"
        if isinstance(value, int):
            return value + 1
        if isinstance(value, list | tuple):
            return type(value)([*value, Link("p/", "x", "x")])
        return "x" if value is None else None

    finding = Finding(
        id="F-2026-0001", title="t", statement="s", path="bevindingen/F-2026-0001/", type="a",
        type_key="a", intervention=None, outcomes=[], design=3, maturity="m",
        maturity_key="m", summary=None, caveats=None, project=Link("p/", "P", "P-1"),
        institution=None, questions=[], themes=[], partners=[], recommendations=[],
        relations=[], reported=None, published=None, fictional=False, city=None)
    for item in (finding, finding.card):
        for f in dataclasses.fields(item):
            other = dataclasses.replace(item, **{f.name: changed(getattr(item, f.name))})
            assert repr(other) != repr(item), f"{type(item).__name__}.{f.name}"
    assert {f.name for f in dataclasses.fields(Card)} <= {f.name for f in dataclasses.fields(
        Finding)} | {"date"}


def test_a_value_written_out_once_still_shows_every_change_below_it() -> None:
    """Page fingerprints write a value several pages share out once per build, by digest
    (``commands/site._shown``): any change at any depth below it changes the digest, equal
    values give equal digests in another build, and a value is never taken for another that
    happens to have had its ``id``."""
    from veiligestad.commands.site import _shown

    def theme(text: str) -> dict:
        return {"key": "a", "recommendations": [({"id": "F-1"}, {"text": text, "to": None})],
                "questions": [{"themes": [["x", text]]}]}

    assert _shown(theme("een"), {}) == _shown(theme("een"), {})
    assert _shown(theme("een"), {}) != _shown(theme("twee"), {})
    memo: dict = {}
    shared = theme("een")
    first = _shown(shared, memo)
    assert _shown(shared, memo) == first  # from the memo
    for _ in range(200):  # fresh objects, whose ids may be those of freed ones
        assert _shown(theme("drie"), memo) != first
    assert _shown([1, (2, 3)], {}) != _shown([1, [2, 3]], {}) != _shown((1, [2, 3]), {})
