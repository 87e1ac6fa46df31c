"""A build in which nothing changed is answered from a kept key without opening the knowledge
base (``site/kept.py``); any change at all takes the full path and gives the site a build into
an empty folder gives."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cachefiles import write_kept_bytes
from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY
from tests.site.conftest import build
from veiligestad.site import kept
from veiligestad.site.writer import MANIFEST

# Off by design on Windows, where a file's stat proves nothing (docs/performance.md); the
# tests that simulate Windows on other systems check that it declines there.
pytestmark = pytest.mark.skipif(os.name == "nt", reason="off on Windows by design")


class Opened:
    """Counts how often a build opened the knowledge base (the full path)."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    from veiligestad.store import kb as kb_module

    calls = Opened()
    real = kb_module.open_kb

    def counting(*args: Any, **kw: Any) -> Any:
        calls.count += 1
        return real(*args, **kw)

    monkeypatch.setattr(kb_module, "open_kb", counting)
    return calls


@pytest.fixture
def no_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A test edits files within a second of a build: with the real window no key would be
    # kept at all. Every edit below waits a few clock ticks (``_tick``) instead.
    monkeypatch.setattr(kept, "RACY_NS", 0)


def _tick() -> None:
    time.sleep(0.03)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def _summary(result: Any) -> tuple[Any, ...]:
    return (result.pages, result.findings, result.written, result.unchanged, result.removed)


def _kept_files(root: Path) -> list[Path]:
    return sorted((root / ".veiligestad-cache" / "site").glob(f"{kept.PREFIX}*"))


def test_nothing_changed_is_answered_without_opening_the_knowledge_base(
        tmp_path: Path, opened: Opened, no_racy: None) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    assert opened.count == 1 and not _kept_files(root)  # it wrote files: nothing kept
    second = build(root, out)
    assert opened.count == 2 and len(_kept_files(root)) == 1
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    third = build(root, out)
    assert opened.count == 2  # answered from the kept key
    assert _summary(third) == _summary(second) and third.written == [] and third.pages > 40
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def _set(folder: str, rid: str, key: str, value: Any) -> Callable[[Path, Path], None]:
    def change(root: Path, out: Path) -> None:
        path = root / "data" / folder / f"{rid}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data[key] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return change


def _same_size(root: Path, out: Path) -> None:
    """One letter of a statement changed: the file keeps its size."""
    path = root / "data" / "findings" / "F-2026-19J9.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("statement:") + len("statement: ") + 2
    path.write_text(text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1:],
                    encoding="utf-8")


def _config_title(root: Path, out: Path) -> None:
    path = root / "veiligestad.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "site:\n  title: Een eigen titel van de stad\n", encoding="utf-8")


def _own_footer(root: Path, out: Path) -> None:
    folder = root / "templates" / "site"
    folder.mkdir(parents=True, exist_ok=True)
    from veiligestad.render.environment import builtin_template_dir

    base = (builtin_template_dir() / "site" / "base.html.j2").read_text(encoding="utf-8")
    (folder / "base.html.j2").write_text(base.replace("</footer>", "<p>Eigen voet</p></footer>"),
                                         encoding="utf-8")


def _own_css(root: Path, out: Path) -> None:
    folder = root / "templates" / "site"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.css").write_text("body { color: #123; }\n", encoding="utf-8")


def _new_record(root: Path, out: Path) -> None:
    source = root / "data" / "findings" / "F-2026-19J9.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(id="F-2026-ZZZ9", title="Een nieuwe bevinding")
    (source.parent / "F-2026-ZZZ9.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _removed_record(root: Path, out: Path) -> None:
    (root / "data" / "findings" / "F-2026-19J9.yaml").unlink()


def _saved_query(root: Path, out: Path) -> None:
    folder = root / "queries"
    folder.mkdir(exist_ok=True)
    (folder / "nieuw.yaml").write_text("title: Nieuw\nquery: kind = finding\n", encoding="utf-8")


def _output_edited(root: Path, out: Path) -> None:
    page = out / "index.html"
    page.write_bytes(page.read_bytes().replace(b"<html", b"<html data-x", 1))


def _output_same_size(root: Path, out: Path) -> None:
    page = out / "index.html"
    content = bytearray(page.read_bytes())
    at = content.index(b"<title>") + len(b"<title>")
    content[at] = ord("X") if content[at] != ord("X") else ord("Y")
    page.write_bytes(bytes(content))


def _output_removed(root: Path, out: Path) -> None:
    (out / "feed.xml").unlink()


def _search_part_removed(root: Path, out: Path) -> None:
    next(p for p in sorted((out / "pagefind").rglob("*")) if p.is_file()).unlink()


def _manifest_edited(root: Path, out: Path) -> None:
    path = out / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fingerprints"] = {}
    path.write_text(json.dumps(data), encoding="utf-8")


# Every kind of input a build reads, and the output folder: each change takes the full path.
CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "a finding's statement": _set("findings", "F-2026-19J9", "statement", "Nieuw."),
    "a statement, same size": _same_size,
    "a finding made internal": _set("findings", "F-2026-19J9", "classification", "internal"),
    "a finding withdrawn": _set("findings", "F-2025-33JB", "review", "draft"),
    "a question's title": _set("questions", "Q-2025-001", "title", "Een andere vraag"),
    "a project's title": _set("projects", "P-2025-001", "title", "Een ander project"),
    "a new record": _new_record,
    "a removed record": _removed_record,
    "the config": _config_title,
    "the city's own template": _own_footer,
    "the city's own CSS": _own_css,
    "a saved query": _saved_query,
    "an output page edited": _output_edited,
    "an output page edited, same size": _output_same_size,
    "an output file removed": _output_removed,
    "a file of the search index removed": _search_part_removed,
    "the manifest edited": _manifest_edited,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_takes_the_full_path_and_gives_a_fresh_build(
        tmp_path: Path, opened: Opened, no_racy: None, change: str) -> None:
    # Pagefind's own files differ from run to run (its hashes): search only where it is the
    # change, and there the folder is checked against the manifest.
    search = "search" in change
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=search)
    build(root, out, search=search)  # writes nothing: keeps the key
    assert _kept_files(root)
    _tick()
    CHANGES[change](root, out)
    _tick()
    count = opened.count
    build(root, out, search=search)
    assert opened.count == count + 1, change
    fresh = tmp_path / "fresh"
    build(root, fresh, search=search)
    if search:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
        assert all((out / rel).is_file() for rel in listed)
        assert {rel for rel in _files(out) if not rel.startswith("pagefind/")} == set(listed) - {
            rel for rel in listed if rel.startswith("pagefind/")}
    def plain(files: dict[str, bytes]) -> dict[str, bytes]:
        return {rel: data for rel, data in files.items() if not rel.startswith("pagefind/")}

    assert plain(_files(out)) == plain(_files(fresh))


@pytest.mark.parametrize("asked", [{"lang": "en"}, {"base_url": "https://example.org/vs/"},
                                   {"search": False}, {"today": "later"}])
def test_another_request_or_day_takes_the_full_path(
        tmp_path: Path, opened: Opened, no_racy: None, asked: dict[str, Any]) -> None:
    from veiligestad.commands.site import SiteRequest, build_site

    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    build(root, out)
    count = opened.count
    if "today" in asked:
        import datetime as dt

        build_site(root, SiteRequest(out), TODAY + dt.timedelta(days=1))
    else:
        build(root, out, **asked)
    assert opened.count == count + 1


def test_a_racy_input_keeps_no_key(tmp_path: Path, opened: Opened) -> None:
    """With the clock's real window: a record changed just before the build (as every edit in
    these tests is) is not trusted by its stat, so no key is kept and the next build reads."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    _set("findings", "F-2026-19J9", "title", "Een nieuwe titel")(root, out)
    build(root, out)
    build(root, out)  # wrote nothing, but the edited record is younger than the window
    assert not _kept_files(root)
    count = opened.count
    build(root, out)
    assert opened.count == count + 1


def test_where_the_change_time_cannot_be_trusted_every_build_reads(
        tmp_path: Path, opened: Opened, no_racy: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from veiligestad.store import cache

    monkeypatch.setattr(cache, "STAT_TRUSTED", False)  # as on Windows
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    for _ in range(3):
        build(root, out)
    assert opened.count == 3 and not _kept_files(root)


def test_the_cache_turned_off_keeps_nothing(tmp_path: Path, opened: Opened, no_racy: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    for _ in range(3):
        build(root, out)
    assert opened.count == 3 and not _kept_files(root)


def test_a_planted_or_damaged_key_is_ignored(tmp_path: Path, opened: Opened,
                                             no_racy: None) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out)
    build(root, out)
    (path,) = _kept_files(root)
    for content in (b"", b"\x80\x04garbage", path.read_bytes()[:-7],
                    b"cos\nsystem\n(S'echo planted'\ntR."):
        write_kept_bytes(path, content)
        count = opened.count
        build(root, out)
        assert opened.count == count + 1


def test_privacy_a_record_made_non_public_after_a_kept_key_vanishes_from_every_file(
        tmp_path: Path, no_racy: None) -> None:
    from tests.site.conftest import every_text

    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    rid = "F-2026-19J9"
    marker = "PRIVACYMARKER7Q3"
    _set("findings", rid, "statement", f"Een bewering met {marker}.")(root, out)
    build(root, out)
    build(root, out)
    assert _kept_files(root)
    assert any(marker in text for _, text in every_text(out))  # the test can fail
    _tick()
    _set("findings", rid, "classification", "confidential")(root, out)
    build(root, out)
    assert not [path for path, text in every_text(out) if marker in text or rid in text]


# Property-style: random edits to any top-level field of any record, a build after each (with
# and without a kept key in between), and the whole folder compared with a fresh build.
def _random_edit(rng: random.Random, root: Path) -> str:
    path = rng.choice(sorted((root / "data").rglob("*.yaml")))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = rng.choice(sorted(data))
    value = rng.choice([f"Tekst {rng.randrange(10**6)}", rng.randrange(100), None, [],
                        "public", "published", "internal", "draft",
                        f"2026-01-0{rng.randrange(1, 10)}"])
    if key == "id":
        value = data["id"]  # a renamed ID is another record: covered by the new/removed cases
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"{path.name}:{key}={value!r}"


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_rebuilt_are_the_site_a_fresh_build_makes(
        tmp_path: Path, no_racy: None, seed: int) -> None:
    rng = random.Random(seed)
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    for step in range(4):
        build(root, out, search=False)  # nothing changed: keeps the key
        _tick()
        done = _random_edit(rng, root)
        _tick()
        build(root, out, search=False)
        fresh = tmp_path / f"fresh-{step}"
        build(root, fresh, search=False)
        assert _files(out) == _files(fresh), done
    assert os.listdir(out)


def test_the_command_prints_what_the_full_path_printed(tmp_path: Path, opened: Opened,
                                                       no_racy: None) -> None:
    from tests.site.conftest import site_cli

    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    printed = []
    for _ in range(3):
        done = site_cli(root, "build", "-o", str(out), "--no-search")
        assert done.exit_code == 0, done.output
        printed.append(done.stdout)
    assert opened.count == 2 and printed[2] == printed[1] and "0 " in printed[2]
