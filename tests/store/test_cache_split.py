"""The split cache: a small index for every run, record data in shards read only when needed,
and the whole result of an unchanged validate, never answered when anything it depends on moved."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from tests.cachefiles import read_blob, write_blob
from tests.conftest import REPO, TODAY
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, SHARD_FILE, RecordCache, shard_of, stat_key
from veiligestad.store.kb import open_kb

T = Translator("en")
QUESTION = "data/questions/Q-2026-001.yaml"


def _lines(root: Path, **kwargs: object) -> list[str]:
    result = validate(root, T, kwargs.pop("today", TODAY), **kwargs)  # type: ignore[arg-type]
    return [f"{p.path}:{p.line}:{p.column}: {p.rule} {p.message}" for p in result.problems]


def _example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    return root


def _no_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: RecordCache, number: int) -> dict[str, object]:
        raise AssertionError(f"shard {number} read")

    monkeypatch.setattr(RecordCache, "_shard", refuse)


def test_an_unchanged_knowledge_base_is_answered_from_the_index_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _example(tmp_path)
    cold = validate(root, T, TODAY, cache=False)
    first = validate(root, T, TODAY)
    assert (root / CACHE_DIR / SHARD_FILE.format(0)).is_file()
    _no_shards(monkeypatch)
    warm = validate(root, T, TODAY)
    assert warm.problems == first.problems == cold.problems
    assert (warm.files, warm.records, warm.counts, warm.overview) == (
        cold.files, cold.records, cold.counts, cold.overview)
    some = sorted({p.path for p in cold.problems})[:1] or ["data/questions"]
    narrowed = validate(root, T, TODAY, paths=[root / some[0]], cwd=root)
    monkeypatch.undo()
    full = validate(root, T, TODAY, paths=[root / some[0]], cwd=root, cache=False)
    assert (narrowed.problems, narrowed.files, narrowed.records) == (
        full.problems, full.files, full.records)


@pytest.mark.parametrize("change", ["edit", "add", "remove", "today", "language", "config"])
def test_the_whole_result_is_never_reused_when_what_it_depends_on_changed(
    base_kb: Path, change: str
) -> None:
    kwargs: dict[str, object] = {}
    validate(base_kb, T, TODAY)
    validate(base_kb, T, TODAY)  # the result is now kept
    question = base_kb / QUESTION
    if change == "edit":
        question.write_text(question.read_text().replace("themes:", "themse:"), "utf-8")
    elif change == "add":
        shutil.copy(question, base_kb / "data/questions/Q-2026-099.yaml")
    elif change == "remove":
        question.unlink()
    elif change == "today":
        question.write_text(question.read_text() + "embargo_until: 2040-01-01\n", "utf-8")
        validate(base_kb, T, dt.date(2030, 6, 1))
        validate(base_kb, T, dt.date(2030, 6, 1))  # kept for that day
        kwargs["today"] = dt.date(2026, 1, 1)
    elif change == "language":
        kwargs["t"] = Translator("nl")
    else:
        config = base_kb / "veiligestad.yaml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("max_file_bytes", "#max_file_bytes") + "\n# changed\n",
                          encoding="utf-8")
    t = kwargs.pop("t", T)
    today = kwargs.pop("today", TODAY)
    warm = validate(base_kb, t, today)  # type: ignore[arg-type]
    fresh = validate(base_kb, t, today, cache=False)  # type: ignore[arg-type]
    assert warm.problems == fresh.problems and warm.files == fresh.files
    if change in ("edit", "add", "today"):
        assert warm.problems  # the change shows: a typo, a duplicate ID, an embargo


def test_one_edited_record_rewrites_its_own_shard_and_the_index_only(tmp_path: Path) -> None:
    root = _example(tmp_path)
    validate(root, T, TODAY)
    folder = root / CACHE_DIR
    # The token that binds the files to the folder is left alone: touching it changes its
    # change time, which unbinds every file (``checkout_token``).
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()
              if p.name != cache_module.TOKEN_FILE}
    os.utime(folder / "records.pickle", ns=(0, 0))  # so that a rewrite shows even in one tick
    for name in before:
        os.utime(folder / name, ns=(0, 0))
    rel = "data/questions/Q-2026-001.yaml"
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("notes: >-\n", "notes: >-\n  Herzien.\n"), encoding="utf-8")
    validate(root, T, TODAY)
    rewritten = {p.name for p in folder.iterdir() if p.stat().st_mtime_ns != 0
                 and p.name != cache_module.TOKEN_FILE}
    assert rewritten == {"records.pickle", SHARD_FILE.format(shard_of(rel))}
    kb = open_kb(root, T)
    assert kb.get("Q-2026-001").data["notes"].startswith("Herzien. ")  # type: ignore[union-attr]


@pytest.mark.parametrize("damage", ["garbage", "flipped", "missing", "foreign"])
def test_a_damaged_shard_means_its_records_are_parsed_again(
    tmp_path: Path, damage: str
) -> None:
    root = _example(tmp_path)
    clean = _lines(root, cache=False)
    validate(root, T, TODAY)
    rel = "data/questions/Q-2026-001.yaml"
    shard = root / CACHE_DIR / SHARD_FILE.format(shard_of(rel))
    blob = read_blob(shard)
    if damage == "garbage":
        write_blob(shard, b"\x00" * 300)
    elif damage == "flipped":
        write_blob(shard, blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "missing":
        shard.unlink()
    else:  # a shard from another run whose record had other content
        other = RecordCache(root, 262_144)
        other._shard(shard_of(rel))
        other._shards[shard_of(rel)][rel] = ("0" * 32, {"id": "Q-2026-001"})
        other._dirty.add(shard_of(rel))
        other.new = {k: v for k, v in other.old.items()}
        for key, entry in other.new.items():
            if shard_of(key) == shard_of(rel) and key != rel:
                other._load_data(key, entry)
        other.new[rel].digest = "0" * 32
        other._save_shards()
    (root / "data/questions/Q-2026-002.yaml").touch()  # so there is no whole result to reuse
    kb = open_kb(root, T, save_cache=False)
    record = kb.get("Q-2026-001")
    assert record is not None and record.data is not None and "title" in record.data
    assert _lines(root) == clean
    assert _lines(root) == clean


def test_where_the_change_time_cannot_be_trusted_the_digest_decides(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Windows, where st_ctime is the creation time: a stat that claims "unchanged" over
    changed bytes (forged, as the racy test does) is caught by the content digest."""
    assert _lines(base_kb) == []
    path = base_kb / QUESTION
    stale = RecordCache(base_kb, 262_144)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"status: ", b"ststus: ", 1))
    forged = RecordCache(base_kb, 262_144)
    forged.new = dict(stale.old)
    stale.old[QUESTION].key = stat_key(os.lstat(path))
    forged.changed = True
    forged.save()
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)  # nothing is racy: the stat decides
    monkeypatch.setattr(cache_module, "STAT_TRUSTED", True)
    fooled = _lines(base_kb)
    assert not any("unknown-field" in line for line in fooled)  # the forgery works on trust...
    forged.save()
    monkeypatch.setattr(cache_module, "STAT_TRUSTED", False)
    found = _lines(base_kb)
    assert any(QUESTION in line and "unknown-field" in line for line in found), found


def test_a_result_with_suspect_links_is_not_kept(tmp_path: Path) -> None:
    """A suspect link's message is read from git history, which the result's key does not cover."""
    from typer.testing import CliRunner

    from tests.gitkb import commit_all, init_repo
    from veiligestad.cli.main import app

    root = _example(tmp_path)
    repo = init_repo(root)
    assert CliRunner().invoke(app, ["--kb", str(root), "review", "--all"]).exit_code == 0
    commit_all(repo, "Review all links", "2026-06-02")
    validate(root, T, TODAY)
    assert RecordCache(root, 262_144).result is not None
    question = root / "data/questions/Q-2026-001.yaml"
    text = question.read_text(encoding="utf-8")
    question.write_text(text.replace("research_question: >-\n",
                                     "research_question: >-\n  Herzien:\n", 1), encoding="utf-8")
    result = validate(root, T, TODAY)
    assert any(p.rule == "suspect-link" for p in result.problems)
    assert RecordCache(root, 262_144).result is None


# A saved query that is valid, and the same query naming a field no record has: the edit alone
# makes the saved-query rule speak, so a result kept from before the edit is seen to be stale.
_GOOD_QUERY = "kind: questions\nconditions: [status=submitted]\n"
_BAD_QUERY = "kind: questions\nconditions: [colour=red]\n"


@pytest.mark.parametrize("quick_file", [True, False])
def test_an_edited_saved_query_is_never_answered_by_a_kept_result(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch, quick_file: bool
) -> None:
    """Saved queries are part of the key of every kept result: the quick result's (by their
    stat) and the index's (by their content), which answers when the quick result is gone."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    queries = base_kb / "queries"
    queries.mkdir()
    (queries / "open.yaml").write_text(_GOOD_QUERY)
    clean = validate(base_kb, T, TODAY)
    assert not [p for p in clean.problems if p.path.startswith("queries/")]
    validate(base_kb, T, TODAY)
    (queries / "open.yaml").write_text(_BAD_QUERY)
    if not quick_file:
        (base_kb / CACHE_DIR / cache_module.QUICK_FILE).unlink()
    warm = validate(base_kb, T, TODAY)
    assert [p.rule for p in warm.problems if p.path == "queries/open.yaml"] == ["saved-query"]
    assert warm.problems == validate(base_kb, T, TODAY, cache=False).problems


@pytest.mark.parametrize("change", ["none", "edit", "add", "remove", "today", "language",
                                    "config", "query"])
def test_the_quick_result_is_read_alone_and_never_when_anything_moved(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """With nothing changed, validate answers from ``result.pickle`` without the index; any
    change of a record, a saved query, the config, the language or the date is seen."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # no file is racy: the quick file is kept
    queries = base_kb / "queries"
    queries.mkdir()
    (queries / "open.yaml").write_text(_GOOD_QUERY)
    validate(base_kb, T, TODAY)
    validate(base_kb, T, TODAY)
    assert (base_kb / CACHE_DIR / cache_module.QUICK_FILE).is_file()

    def refuse(*args: object) -> None:
        raise AssertionError("the index was read")

    with monkeypatch.context() as patched:
        patched.setattr(RecordCache, "__init__", refuse)
        quick = validate(base_kb, T, TODAY)
    fresh = validate(base_kb, T, TODAY, cache=False)
    assert (quick.problems, quick.files, quick.records, quick.overview) == (
        fresh.problems, fresh.files, fresh.records, fresh.overview)
    t, today = T, TODAY
    question = base_kb / QUESTION
    if change == "edit":
        question.write_text(question.read_text().replace("themes:", "themse:"), "utf-8")
    elif change == "add":
        shutil.copy(question, base_kb / "data/questions/Q-2026-099.yaml")
    elif change == "remove":
        question.unlink()
    elif change == "today":
        today = dt.date(2099, 1, 1)
    elif change == "language":
        t = Translator("nl")
    elif change == "config":
        config = base_kb / "veiligestad.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    elif change == "query":
        (queries / "open.yaml").write_text(_BAD_QUERY)
    warm = validate(base_kb, t, today)
    fresh = validate(base_kb, t, today, cache=False)
    assert [(p.path, p.line, p.message) for p in warm.problems] == [
        (p.path, p.line, p.message) for p in fresh.problems]
    assert (warm.files, warm.records, warm.overview) == (
        fresh.files, fresh.records, fresh.overview)
    if change in ("edit", "add", "query"):
        assert warm.problems  # a typo, a duplicate ID, a saved query naming no field
