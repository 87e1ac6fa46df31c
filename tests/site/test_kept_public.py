"""The public view kept per record between builds (``site/public.py``): a rebuild after any edit
is the site a build from scratch makes (no cache folder at all), and a record that stops being
public vanishes from every file of the rebuild."""

from __future__ import annotations

import datetime as dt
import pickle
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cachefiles import dump_kept, load_kept, write_kept_bytes
from tests.commands.report_helpers import copy_example
from tests.commands.test_report_public import MARKER, _plant
from tests.conftest import TODAY
from tests.site.conftest import every_text
from veiligestad.site import public
from veiligestad.site.writer import MANIFEST


def _build(root: Path, out: Path, today: dt.date = TODAY, **kw: Any) -> Any:
    from veiligestad.commands.site import SiteRequest, build_site

    return build_site(root, SiteRequest(out, **kw), today)


def _files(site: Path) -> dict[str, bytes]:
    """Every file of the site but the manifest and Pagefind's index: two runs of Pagefind over
    the same pages write some of its filter files under other names (its own order), so the
    index is compared by what it read (the manifest's digest of each part's pages)."""
    import json

    out = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
           if p.is_file() and p.name != MANIFEST and "pagefind" not in p.relative_to(site).parts}
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    out[f"{MANIFEST}:search"] = json.dumps(manifest.get("search")).encode()
    return out


def _scratch(root: Path, tmp: Path, name: str, today: dt.date = TODAY,
             **kw: Any) -> dict[str, bytes]:
    """The site a build makes from a copy of the knowledge base without any cache folder."""
    copy = tmp / f"{name}-kb"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".veiligestad-cache"))
    out = tmp / f"{name}-site"
    _build(copy, out, today, **kw)
    return _files(out)


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _kept(root: Path, rel: str = "data/findings/F-2026-19J9.yaml") -> Path:
    """The kept file that holds the public view of ``rel``."""
    return root / ".veiligestad-cache" / "site" / public.shard_name(public.shard_of(rel))


def test_the_public_view_is_kept_and_used(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    assert _kept(root).is_file()
    asked: list[str] = []
    from veiligestad import privacy

    real = privacy.public_record

    def counting(kind: Any, data: Any, today: Any, **kw: Any) -> Any:
        asked.append(str(data.get("id")))
        return real(kind, data, today, **kw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(public, "public_record", counting)
        path = root / "data" / "findings" / "F-2026-19J9.yaml"
        data = _load(path)
        data["statement"] = "Een gewijzigde bewering."
        _save(path, data)
        _build(root, out, search=False)
    assert asked == ["F-2026-19J9"]  # only the changed record went through the predicate


# Values of every shape and meaning a record's fields can hold, for random edits below.
def _value(rng: random.Random, ids: list[str]) -> Any:
    return rng.choice([
        f"Tekst {rng.randrange(10**6)}", rng.randrange(6), None, [], {}, True,
        "public", "internal", "confidential", "published", "draft", "reviewed",
        TODAY + dt.timedelta(days=rng.choice([-3, 0, 1, 30])),
        rng.choice(ids), [rng.choice(ids)],
        {"classification": rng.choice(["public", "internal"]), "title": "Iets",
         "embargo_until": TODAY + dt.timedelta(days=rng.choice([-1, 1]))},
    ])


def _edit_anywhere(rng: random.Random, root: Path, ids: list[str]) -> str:
    """One random edit: a field of any record at any depth (into mappings and lists) set to a
    random value, or a record's classification, review or embargo changed."""
    path = rng.choice(sorted((root / "data").rglob("*.yaml")))
    data = _load(path)
    if rng.random() < 0.3:
        key = rng.choice(["classification", "review", "embargo_until"])
        data[key] = rng.choice({"classification": ["public", "internal", "confidential"],
                                "review": ["published", "draft"],
                                "embargo_until": [TODAY + dt.timedelta(days=1),
                                                  TODAY - dt.timedelta(days=1)]}[key])
        _save(path, data)
        return f"{path.name}:{key}={data[key]!r}"
    holder: Any = data
    trail = []
    while True:
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        keys = [k for k in keys if not (holder is data and k == "id")]
        if not keys:
            break
        key = rng.choice(keys)
        trail.append(key)
        if isinstance(holder[key], dict | list) and holder[key] and rng.random() < 0.6:
            holder = holder[key]
            continue
        holder[key] = _value(rng, ids)
        break
    _save(path, data)
    return f"{path.name}:{trail}"


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_at_any_depth_rebuilt_are_the_site_built_from_scratch(
        tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = copy_example(tmp_path / "leiden")
    ids = sorted(p.stem for p in (root / "data").rglob("*.yaml"))
    out = tmp_path / "site"
    _build(root, out, search=False)
    for step in range(5):
        done = [_edit_anywhere(rng, root, ids) for _ in range(rng.randrange(1, 4))]
        _build(root, out, search=False)
        assert _files(out) == _scratch(root, tmp_path, f"s{step}", search=False), done


@pytest.mark.parametrize("hide", [
    {"classification": "internal"}, {"classification": "confidential"},
    {"review": "draft"}, {"embargo_until": TODAY + dt.timedelta(days=1)},
    {"classification": None},
])
def test_privacy_a_finding_made_non_public_vanishes_from_every_file_of_the_rebuild(
        tmp_path: Path, hide: dict[str, Any]) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    rid = "F-2026-19J9"
    path = root / "data" / "findings" / f"{rid}.yaml"
    data = _load(path)
    marker = "PRIVACYMARKER5K8"
    data["statement"] = f"Een bewering met {marker}."
    _save(path, data)
    _build(root, out)
    assert any(marker in text for _, text in every_text(out))  # the test can fail
    for key, value in hide.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    _save(path, data)
    _build(root, out)
    assert not [p for p, text in every_text(out) if marker in text or rid in text]


def test_privacy_markers_planted_after_a_build_never_reach_the_rebuild(tmp_path: Path) -> None:
    """The privacy marker test (tests/commands/test_report_public.py), as a rebuild: the site is
    built first, then every non-public place gets a marker (and records are made non-public),
    then the site is rebuilt with everything kept from the first build."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out)
    _plant(root)
    _build(root, out)
    for path, text in every_text(out):
        assert not MARKER.search(text), f"{MARKER.search(text)} in {path.relative_to(out)}"
    assert _files(out) == _scratch(root, tmp_path, "fresh")


def test_a_link_to_a_record_that_stops_being_public_is_dropped_from_a_kept_record(
        tmp_path: Path) -> None:
    """The finding did not change, but its project did: the finding's kept public view named
    the project, and must not any more."""
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    rid = "F-2026-19J9"
    finding = _load(root / "data" / "findings" / f"{rid}.yaml")
    project_path = root / "data" / "projects" / f"{finding['project']}.yaml"
    project = _load(project_path)
    _build(root, out, search=False)
    page = (out / "bevindingen" / rid / "index.html").read_text(encoding="utf-8")
    assert finding["project"] in page  # the test can fail
    project["classification"] = "internal"
    _save(project_path, project)
    _build(root, out, search=False)
    assert not [p for p, text in every_text(out) if finding["project"] in text]
    assert _files(out) == _scratch(root, tmp_path, "fresh", search=False)


def test_the_next_day_an_embargo_that_ended_shows_and_one_set_again_hides(
        tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    rid = "F-2026-19J9"
    path = root / "data" / "findings" / f"{rid}.yaml"
    data = _load(path)
    tomorrow = TODAY + dt.timedelta(days=1)
    data["embargo_until"] = tomorrow
    _save(path, data)
    _build(root, out, search=False)
    assert not (out / "bevindingen" / rid).exists()
    _build(root, out, tomorrow, search=False)  # nothing edited: only the day changed
    assert (out / "bevindingen" / rid / "index.html").is_file()
    assert _files(out) == _scratch(root, tmp_path, "tomorrow", tomorrow, search=False)
    # A deliverable's own embargo too: nested items have their own classification.
    _build(root, out, search=False)  # back to today (a clock set back): hidden again
    assert not [p for p, text in every_text(out) if rid in text]


def _doctor(root: Path, rid: str, marker: str) -> None:
    """Put ``marker`` into the kept public view of ``rid`` (as if the kept file were stale)."""
    rel = f"data/findings/{rid}.yaml"
    kept = _kept(root, rel)
    key, entries = load_kept(kept)
    digest, record_id, shown, asked, data = entries[rel]
    entries[rel] = (digest, record_id, shown, asked, {**data, "statement": marker})
    dump_kept(kept, (key, entries))


def test_a_kept_view_holds_only_for_the_same_day_and_the_same_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    rid = "F-2026-19J9"
    _build(root, out, search=False)
    _doctor(root, rid, "KEPTVIEW1")
    page = out / "bevindingen" / rid / "index.html"
    # The page is known by the tokens of what it was made from, which a doctored entry keeps:
    # without the page, it is rendered from the entry.
    page.unlink()
    _build(root, out, search=False)
    assert "KEPTVIEW1" in page.read_text(encoding="utf-8")  # kept entries are used
    _doctor(root, rid, "KEPTVIEW2")
    _build(root, out, TODAY + dt.timedelta(days=1), search=False)
    assert "KEPTVIEW2" not in page.read_text(encoding="utf-8")  # another day
    _build(root, out, search=False)
    _doctor(root, rid, "KEPTVIEW3")
    from veiligestad.store import cache

    monkeypatch.setattr(cache, "_FINGERPRINT", "another version of the tool")
    _build(root, out, search=False)
    assert "KEPTVIEW3" not in page.read_text(encoding="utf-8")  # other code


@pytest.mark.parametrize("content", [
    b"not a pickle",
    b"cos\nsystem\n(S'touch PLANTED'\ntR.",
    pickle.dumps((("x",), {"data/findings/F-2026-19J9.yaml": ("a", "b")})),
])
def test_a_damaged_or_planted_kept_file_is_ignored(tmp_path: Path, content: bytes,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    for number in range(public.SHARDS):
        write_kept_bytes(_kept(root).parent / public.shard_name(number), content)
    monkeypatch.chdir(tmp_path)
    _build(root, out, search=False)
    assert not (tmp_path / "PLANTED").exists()
    assert _files(out) == _scratch(root, tmp_path, "fresh", search=False)


def test_an_entry_of_the_wrong_shape_under_the_right_key_is_worked_out_again(
        tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    for number in range(public.SHARDS):
        kept = _kept(root).parent / public.shard_name(number)
        key, entries = load_kept(kept)
        for rel in list(entries):
            entries[rel] = (entries[rel][0], "F-2026-0000", True, (("x", "no"),), None)
        dump_kept(kept, (key, entries))
    _build(root, out, search=False)
    assert _files(out) == _scratch(root, tmp_path, "fresh", search=False)


def _same_as_the_predicate(root: Path, today: dt.date = TODAY) -> None:
    """The kept public view is exactly what ``public_kb`` makes of the records read afresh."""
    from veiligestad.i18n import Translator
    from veiligestad.privacy import public_kb
    from veiligestad.store.kb import open_kb

    t = Translator("nl")
    kept = public.kept_public_view(root, open_kb(root, t, lazy=True), today)
    fresh = public_kb(open_kb(root, t, cache=False), today, history_dates=True)
    assert [(r.rel, r.data) for r in kept.files] == [(r.rel, r.data) for r in fresh.files]


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_leave_the_kept_view_the_predicates_own(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = copy_example(tmp_path / "leiden")
    ids = sorted(p.stem for p in (root / "data").rglob("*.yaml"))
    _same_as_the_predicate(root)
    for step in range(12):
        _edit_anywhere(rng, root, ids)
        _same_as_the_predicate(root, TODAY + dt.timedelta(days=step // 6))


def test_a_kept_record_loses_its_link_to_one_that_stops_being_public(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    rid = "F-2026-19J9"
    finding = _load(root / "data" / "findings" / f"{rid}.yaml")
    _same_as_the_predicate(root)
    project_path = root / "data" / "projects" / f"{finding['project']}.yaml"
    project = _load(project_path)
    project["classification"] = "internal"
    _save(project_path, project)
    _same_as_the_predicate(root)
    project["classification"] = "public"
    _save(project_path, project)
    _same_as_the_predicate(root)


def test_one_edit_writes_only_the_kept_part_that_holds_the_record(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    folder = _kept(root).parent
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("public-*.pickle")}
    assert len(before) > 1
    rel = "data/findings/F-2026-19J9.yaml"
    path = root / rel
    data = _load(path)
    data["statement"] = "Een gewijzigde bewering."
    _save(path, data)
    _build(root, out, search=False)
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("public-*.pickle")}
    assert {name for name in after if after[name] != before.get(name)} == {
        public.shard_name(public.shard_of(rel))}
    _same_as_the_predicate(root)
