"""The open data and key figures are kept in the cache folder until a public record changes
(``site.derived``): a build with nothing public changed makes neither again, and every change
that shows in them does."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY
from tests.site.conftest import build
from veiligestad.commands.site import SiteRequest, build_site
from veiligestad.site import opendata, rows

FINDING = "F-2026-19J9"


class Calls:
    """Calls counted in a file, so that a call in the build's second process counts too."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_text("", encoding="utf-8")

    def add(self) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write("1\n")

    def __len__(self) -> int:
        return len(self.path.read_text(encoding="utf-8").splitlines())


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, path: Path) -> Calls:
    """``owner.name`` replaced by a function that counts its calls in ``path`` (so that a call
    in the build's second process counts too) and calls the real one."""
    calls = Calls(path)
    real = getattr(owner, name)

    def counting(*args: Any, **kw: Any) -> Any:
        calls.add()
        return real(*args, **kw)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Calls:
    """How often the open data are made (each build that makes them adds one)."""
    calls = Calls(tmp_path / "calls.txt")
    real = opendata.open_data_files
    joined = rows.kept_open_data_files

    def counting(*args: Any, **kw: Any) -> Any:
        calls.add()
        return real(*args, **kw)

    def counting_joined(*args: Any, **kw: Any) -> Any:
        made = joined(*args, **kw)
        if made is not None:  # else ``open_data_files`` makes them, and counts
            calls.add()
        return made

    monkeypatch.setattr(opendata, "open_data_files", counting)
    # with each record's rows kept (``site.rows``) they are joined instead of made whole
    monkeypatch.setattr(rows, "kept_open_data_files", counting_joined)
    return calls


def _edit(root: Path, rel: str, change: Any) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _open_data(out: Path) -> dict[str, Any]:
    return json.loads((out / "open-data/veiligestad.json").read_text(encoding="utf-8"))


def test_kept_until_a_public_record_changes(tmp_path: Path, counted: Calls) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    assert len(counted) == 1
    assert build(root, out, search=False).written == []
    assert len(counted) == 1  # nothing public changed: kept

    # a record the public does not see changes: nothing public changed
    internal = next(p for p in sorted((root / "data").rglob("*.yaml"))
                    if "classification: internal" in p.read_text(encoding="utf-8"))
    _edit(root, internal.relative_to(root).as_posix(),
          lambda d: d.update(title="Een interne titel"))
    assert build(root, out, search=False).written == []
    assert len(counted) == 1

    # a public finding changes: made again, and the change is in the open data
    _edit(root, f"data/findings/{FINDING}.yaml",
          lambda d: d.update(statement="Een gecorrigeerde bewering."))
    result = build(root, out, search=False)
    assert len(counted) == 2 and "open-data/veiligestad.json" in result.written
    assert any(f["statement"] == "Een gecorrigeerde bewering."
               for f in _open_data(out)["findings"])

    # another day, another language: made again (the export is dated; the words differ)
    build_site(root, SiteRequest(out, search=False), TODAY.replace(day=TODAY.day + 1))
    assert len(counted) == 3
    build(root, tmp_path / "en", lang="en", search=False)
    assert len(counted) == 4


def test_the_files_are_those_made_without_the_cache(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "first", search=False)  # makes and keeps them
    build(root, tmp_path / "second", search=False)  # takes them from the cache
    for path in sorted((tmp_path / "first").rglob("*")):
        if path.is_file() and path.name != ".veiligestad-site.json":
            other = tmp_path / "second" / path.relative_to(tmp_path / "first")
            assert other.read_bytes() == path.read_bytes(), path


def test_a_damaged_or_planted_cache_file_is_made_again(tmp_path: Path,
                                                      counted: Calls) -> None:
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "site", search=False)
    stored = root / ".veiligestad-cache/site/outputs-nl.pickle"
    assert stored.is_file()
    import pickle

    class Boom:
        def __reduce__(self) -> Any:
            return (os.system, ("touch " + str(tmp_path / "ran"),))

    stored.write_bytes(pickle.dumps(Boom()))
    result = build(root, tmp_path / "site", search=False)
    assert len(counted) == 2 and not (tmp_path / "ran").exists()
    assert result.written == []  # made again, the same bytes
    stored.write_bytes(b"not a pickle")
    build(root, tmp_path / "site", search=False)
    assert len(counted) == 3


def test_a_link_for_the_cache_folder_is_not_followed(tmp_path: Path, counted: Calls) -> None:
    root = copy_example(tmp_path / "leiden")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".veiligestad-cache").mkdir(exist_ok=True)
    (root / ".veiligestad-cache/site").symlink_to(elsewhere, target_is_directory=True)
    build(root, tmp_path / "site", search=False)
    build(root, tmp_path / "site", search=False)
    assert list(elsewhere.iterdir()) == [] and len(counted) == 2


def test_a_public_context_is_not_filtered_twice_and_says_the_same(tmp_path: Path) -> None:
    """The site filters the knowledge base once and tells the query context so
    (``context(..., public=True)``): the figures and the open data are what the context would
    make filtering it again."""
    from veiligestad.commands.export import export_rows
    from veiligestad.i18n import Translator
    from veiligestad.privacy import public_kb
    from veiligestad.query import context
    from veiligestad.stats import stats_in
    from veiligestad.store.kb import open_kb

    root = copy_example(tmp_path / "leiden")
    t = Translator("nl")
    kb = public_kb(open_kb(root, t), TODAY, history_dates=True)
    once, twice = context(kb, TODAY, t, public=True), context(kb, TODAY, t)
    assert once.public_context() is once and twice.public_context() is not twice
    assert export_rows(once, "public") == export_rows(twice, "public")
    assert stats_in(once, None, public_only=True) == stats_in(twice, None, public_only=True)
    assert export_rows(once, "public")["findings"]


def _payload(root: Path) -> Any:
    from tests.cachefiles import load_kept

    return load_kept(root / ".veiligestad-cache/site/outputs-nl.pickle")


def test_the_open_data_files_are_kept_in_the_site_not_copied_into_the_cache(
        tmp_path: Path, counted: Calls) -> None:
    """The cache keeps the figures, the counts and the files' names, not the files' bytes: a
    build with nothing public changed keeps the files the last build wrote into the site."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    figures, names, counts = _payload(root)[1]
    assert "veiligestad.json" in names and "findings.csv" in names and counts["findings"]

    def no_bytes(value: Any) -> bool:
        if isinstance(value, dict):
            return all(no_bytes(v) for v in value.values())
        if isinstance(value, list | tuple):
            return all(no_bytes(v) for v in value)
        return not isinstance(value, bytes)

    assert no_bytes(figures)
    before = {name: (out / "open-data" / name).stat().st_mtime_ns for name in names}
    result = build(root, out, search=False)
    assert result.written == [] and len(counted) == 1
    assert {name: (out / "open-data" / name).stat().st_mtime_ns for name in names} == before


@pytest.mark.parametrize("damage", ["edited", "same size", "removed"])
def test_an_open_data_file_touched_in_the_site_is_made_again(tmp_path: Path, counted: Calls,
                                                             damage: str) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    fresh = {p.name: p.read_bytes() for p in (out / "open-data").iterdir()}
    path = out / "open-data/findings.csv"
    if damage == "edited":
        path.write_bytes(path.read_bytes() + b"extra;row\r\n")
    elif damage == "same size":
        content = path.read_bytes()
        path.write_bytes(content[:-3] + b"XYZ")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    else:
        path.unlink()
    result = build(root, out, search=False)
    assert len(counted) == 2  # made again, not taken from the cache
    assert "open-data/findings.csv" in result.written
    assert {p.name: p.read_bytes() for p in (out / "open-data").iterdir()} == fresh
    assert build(root, out, search=False).written == [] and len(counted) == 2


def test_another_site_folder_makes_the_open_data_again(tmp_path: Path, counted: Calls) -> None:
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "one", search=False)
    build(root, tmp_path / "two", search=False)
    assert len(counted) == 2
    assert build(root, tmp_path / "one", search=False).written == [] and len(counted) == 2


def test_an_open_data_file_only_touched_is_known_by_its_digest(tmp_path: Path,
                                                              counted: Calls) -> None:
    """A file whose modification time changed (copied without its times, say) but whose bytes
    did not is read and compared by digest: kept, nothing made again, nothing written."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    build(root, out, search=False)
    for path in (out / "open-data").iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 60 * 10**9))
    assert build(root, out, search=False).written == []
    assert build(root, out, search=False).written == []
    assert len(counted) == 1
