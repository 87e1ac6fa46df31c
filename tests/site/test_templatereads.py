"""What each site template reads, kept between builds (``site/templatereads.py``), and the
templates every page's fingerprint holds (``commands.site.shared_fingerprint``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.site.conftest import build
from veiligestad.commands.site import shared_fingerprint
from veiligestad.federation.cachedir import write_pickle
from veiligestad.render import environment
from veiligestad.render.environment import builtin_template_dir
from veiligestad.site import templatereads
from veiligestad.site.derived import _folder

FINDING = "F-2026-19J9"


def _analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates Jinja's analysis is run on from now on, in order."""
    calls: list[str] = []
    real = environment.template_variables

    def counted(env: object, name: str, parsed: object = None) -> object:
        calls.append(name)
        return real(env, name, parsed)  # type: ignore[arg-type]

    monkeypatch.setattr(environment, "template_variables", counted)
    return calls


def _edit_statement(root: Path, text: str) -> None:
    path = root / "data" / "findings" / f"{FINDING}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["statement"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != ".veiligestad-site.json"}


def test_a_rebuild_uses_the_kept_analysis_and_makes_the_same_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    calls = _analyses(monkeypatch)
    build(root, out, search=False)
    assert "site/finding.html.j2" in calls and "site/home.html.j2" in calls
    assert (root / ".veiligestad-cache" / "site" / templatereads.NAME).is_file()
    calls.clear()
    _edit_statement(root, "Een nieuwe uitspraak (fictief).")
    result = build(root, out, search=False)
    assert calls == []  # every template's analysis was kept
    assert f"bevindingen/{FINDING}/index.html" in result.rendered
    fresh = tmp_path / "fresh"
    build(root, fresh, search=False)
    assert _files(out) == _files(fresh)


def test_another_template_is_analysed_again(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A city's own template (another content, so another key) is analysed afresh: after it
    starts to read the counts, a change of the counts renders its pages again."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    finding = (builtin_template_dir() / "site" / "finding.html.j2").read_text(encoding="utf-8")
    own.joinpath("finding.html.j2").write_text(
        finding + "<!-- {{ counts.findings }} -->", encoding="utf-8")
    calls = _analyses(monkeypatch)
    build(root, out, search=False)
    assert "site/finding.html.j2" in calls
    path = root / "data" / "findings" / "F-2025-33JB.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["review"] = "draft"  # one published finding fewer: the counts change
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(root, out, search=False)
    assert f"bevindingen/{FINDING}/index.html" in result.rendered


def test_a_report_template_a_site_template_includes_is_in_every_fingerprint(
        tmp_path: Path) -> None:
    """A city's site template may include one of its report templates: editing that one
    renders the page again (the fingerprint holds every template, not only ``site/``)."""
    root = copy_example(tmp_path / "leiden")
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    (root / "templates" / "report").mkdir()
    included = root / "templates" / "report" / "colofon.html.j2"
    included.write_text("<p class=\"colofon\">Eerste versie</p>", encoding="utf-8")
    home = (builtin_template_dir() / "site" / "404.html.j2").read_text(encoding="utf-8")
    own.joinpath("404.html.j2").write_text(
        home + '{% include "report/colofon.html.j2" %}', encoding="utf-8")
    out = tmp_path / "site"
    build(root, out, search=False)
    assert "Eerste versie" in (out / "404.html").read_text(encoding="utf-8")
    included.write_text("<p class=\"colofon\">Tweede versie</p>", encoding="utf-8")
    result = build(root, out, search=False)
    assert "404.html" in result.rendered
    assert "Tweede versie" in (out / "404.html").read_text(encoding="utf-8")


def test_a_damaged_or_wrongly_shaped_analysis_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    kept = root / ".veiligestad-cache" / "site" / templatereads.NAME
    calls = _analyses(monkeypatch)
    kept.write_bytes(b"\x80\x05damaged")
    _edit_statement(root, "Eerste wijziging (fictief).")
    build(root, out, search=False)
    assert "site/finding.html.j2" in calls
    # Written by the tool under the right key, but not of the shape it writes: ignored.
    base = shared_fingerprint(root, _config_raw(root))
    folder = _folder(root, make=False)
    assert folder is not None
    for payload in ({"site/finding.html.j2": ["counts"]}, {1: ("counts",)}, ["x"],
                    {"site/finding.html.j2": (1, 2)}):
        write_pickle(kept, templatereads._key(base), payload)
        assert templatereads.load(root, base) == {}
    write_pickle(kept, templatereads._key(base), {"site/finding.html.j2": ("finding",),
                                                  "site/x.html.j2": None})
    assert templatereads.load(root, base) == {"site/finding.html.j2": frozenset({"finding"}),
                                              "site/x.html.j2": None}
    assert templatereads.load(root, "another base") == {}


def test_no_analysis_is_kept_with_the_cache_turned_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "site", search=False)
    assert not (root / ".veiligestad-cache" / "site" / templatereads.NAME).exists()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_the_fingerprint_never_reads_through_a_link(tmp_path: Path) -> None:
    """A link among the city's templates counts by its name; what it points to (outside the
    knowledge base) is never read: the loader refuses links too."""
    root = copy_example(tmp_path / "leiden")
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("one", encoding="utf-8")
    (own / "linked.html.j2").symlink_to(outside)
    (own / "folder").symlink_to(tmp_path, target_is_directory=True)
    config = _config_raw(root)
    before = shared_fingerprint(root, config)
    outside.write_text("two", encoding="utf-8")
    (tmp_path / "more.html.j2").write_text("three", encoding="utf-8")
    assert shared_fingerprint(root, config) == before
    (own / "linked.html.j2").unlink()
    assert shared_fingerprint(root, config) != before


def _config_raw(root: Path) -> object:
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import open_kb

    return open_kb(root, Translator("nl"), cache=False, on_left_out=None).config.raw


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_templates_folder_that_is_a_link_is_never_read(tmp_path: Path) -> None:
    """The loader takes no templates/ that is itself a link; the fingerprint reads none of it
    either (a link to / would have it read every file of the machine)."""
    root = copy_example(tmp_path / "leiden")
    outside = tmp_path / "outside"
    (outside / "site").mkdir(parents=True)
    (outside / "site" / "finding.html.j2").write_text("one", encoding="utf-8")
    (root / "templates").symlink_to(outside, target_is_directory=True)
    config = _config_raw(root)
    before = shared_fingerprint(root, config)
    (outside / "site" / "finding.html.j2").write_text("two", encoding="utf-8")
    (outside / "more.j2").write_text("three", encoding="utf-8")
    assert shared_fingerprint(root, config) == before
    result = build(root, tmp_path / "site", search=False)
    assert result.pages > 0
