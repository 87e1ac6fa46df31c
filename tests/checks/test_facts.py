"""The facts kept for the rules over the whole knowledge base (``checks/facts.py``).

After an edit, ``validate`` runs those rules on each unchanged record's facts (its mapping cut
down to ``fact_fields``) and reuses their result while no file's facts changed. That is right
only if the facts hold every field the rules read, which the first test proves by running the
rules over records that note each key read; the others edit records field by field, change the
date, the config and the files, and compare every answer with a run that trusts no cache.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES, REPO, TODAY, copy_into
from veiligestad.checks import KB_RULES
from veiligestad.checks.context import CheckContext
from veiligestad.checks.facts import fact_fields
from veiligestad.commands.validate import DATED_FILE_RULES, _overview, validate
from veiligestad.i18n import Translator
from veiligestad.index import build_index
from veiligestad.store.cache import CACHE_DIR, FACTS_FILE, RecordCache
from veiligestad.store.kb import open_kb

T = Translator("en")
ALL = "*"  # the whole mapping was read (iterated, copied, compared)


class Reading(dict[str, Any]):
    """A record's mapping that notes every top-level key read, in ``seen``."""

    def __init__(self, data: dict[str, Any], seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.seen.add(str(key))
        return super().__contains__(key)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return super().setdefault(key, default)

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        self.seen.add(key)
        return super().pop(key, *default)

    def __iter__(self) -> Iterator[str]:
        self.seen.add(ALL)
        return super().__iter__()

    def keys(self) -> Any:
        self.seen.add(ALL)
        return super().keys()

    def items(self) -> Any:
        self.seen.add(ALL)
        return super().items()

    def values(self) -> Any:
        self.seen.add(ALL)
        return super().values()

    def copy(self) -> dict[str, Any]:
        self.seen.add(ALL)
        return super().copy()

    def __eq__(self, other: object) -> bool:
        self.seen.add(ALL)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def _generated(tmp_path: Path, count: int, today: dt.date) -> Path:
    from tests.benchmarks.test_generate import _generator

    root = tmp_path / f"generated-{count}"
    assert _generator().main([str(count), "--seed", "11", "--today", today.isoformat(),
                              str(root)]) == 0
    return root


def _example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    for name in ("data", "queries"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "veiligestad.yaml", root)
    return root


def _knowledge_bases(tmp_path: Path) -> Iterator[Path]:
    """The example, a synthetic programme, and every hostile case mixed into the base."""
    yield _example(tmp_path)
    yield _generated(tmp_path, 400, TODAY)
    for case in sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()):
        root = tmp_path / "cases" / case.name
        shutil.copytree(CASES / "base", root)
        copy_into(case, root)
        yield root


def test_the_facts_hold_every_field_the_whole_kb_rules_read(tmp_path: Path) -> None:
    """Every whole-KB rule (but saved-query, below), the dated file rules, the link index and
    the status summary, over records that note each key read, on days before, inside and long
    after the records: every key read is among the facts, and no rule reads a whole record."""
    seen: dict[str, set[str]] = {}
    rules = [rule for rule in KB_RULES if rule.ID != "saved-query"]
    fields = None
    for root in _knowledge_bases(tmp_path):
        kb = open_kb(root, T, cache=False, every_file=True)
        fields = fact_fields(kb.config)
        assert fields is not None
        for record in kb.files:
            if record.data is not None:
                record.data = Reading(record.data, seen.setdefault(record.kind.name, set()))
        for today in (dt.date(2020, 1, 1), TODAY, dt.date(2040, 6, 1)):
            ctx = CheckContext(kb, T, today)
            build_index(kb)
            _overview(kb.files)
            for rule in rules:
                list(rule.check(ctx))
            for record in kb.files:
                for dated in DATED_FILE_RULES:
                    list(dated.check_file(record, ctx))
    assert fields is not None
    assert set(seen) == {"question", "project", "finding"}
    for kind, keys in seen.items():
        assert ALL not in keys, kind
        assert keys <= fields[kind], (kind, sorted(keys - fields[kind]))


def test_the_saved_query_rule_says_the_same_over_facts_as_over_records(tmp_path: Path) -> None:
    """Saved queries read records through views of every field; the rule's only findings are
    mistakes in the query, which depend on the query, the config and, for ``linked_to``, on the
    IDs and what the public may see: facts give the same problems as whole records."""
    from veiligestad.checks import saved_query
    from veiligestad.checks.facts import facts_of

    root = _example(tmp_path)
    queries = root / "queries"
    (queries / "bad-field.yaml").write_text("kind: questions\nwhere: [colour=red]\n")
    (queries / "bad-link.yaml").write_text("kind: findings\nlinked_to: Q-2026-999\n")
    (queries / "good-link.yaml").write_text("kind: findings\nlinked_to: Q-2026-001\n")
    (queries / "public-link.yaml").write_text(
        "kind: findings\nlinked_to: F-2026-19J9\naudience: public\n")
    whole = open_kb(root, T, cache=False, every_file=True)
    fields = fact_fields(whole.config)
    assert fields is not None
    cut = open_kb(root, T, cache=False, every_file=True)
    for record in cut.files:
        if record.data is not None:
            record.data = facts_of(record.data, fields[record.kind.name])
    for today in (TODAY, dt.date(2030, 1, 1)):
        expected = list(saved_query.check(CheckContext(whole, T, today)))
        assert {p.path for p in expected} >= {"queries/bad-field.yaml", "queries/bad-link.yaml"}
        assert list(saved_query.check(CheckContext(cut, T, today))) == expected


def _lines(result: Any) -> list[str]:
    return [f"{p.path}:{p.line}:{p.column}: {p.rule} {p.severity} {p.message} | {p.hint}"
            for p in result.problems]


def _same_as_without_cache(root: Path, today: dt.date) -> None:
    cached = validate(root, T, today)
    fresh = validate(root, T, today, cache=False)
    assert _lines(cached) == _lines(fresh)
    assert (cached.files, cached.records, cached.counts, cached.overview) == (
        fresh.files, fresh.records, fresh.counts, fresh.overview)


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _Shards:
    """Counts the shards a run reads (a whole read of the records reads them all)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: set[int] = set()
        real = RecordCache._shard

        def counting(cache: RecordCache, number: int) -> dict[str, tuple[str, Any]]:
            self.read.add(number)
            return real(cache, number)

        monkeypatch.setattr(RecordCache, "_shard", counting)


@pytest.mark.parametrize("name", ["example", "generated"])
def test_an_edit_of_any_field_shows_up_as_in_a_run_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Field by field, in records of every kind: the field set to another record's value of it,
    or removed; with today moving on; every answer equals a run without a cache, and an edit of
    one record reads at most its own shard back (the other records come from their facts)."""
    root = _example(tmp_path) if name == "example" else _generated(tmp_path, 300, TODAY)
    rng = random.Random(20261203)
    validate(root, T, TODAY)
    kb = open_kb(root, T, cache=False, every_file=True)
    values: dict[tuple[str, str], list[Any]] = {}
    for record in kb.records():
        for key, value in (record.data or {}).items():
            values.setdefault((record.kind.name, key), []).append(value)
    records = kb.records()
    shards = _Shards(monkeypatch)
    for step in range(36):
        record = rng.choice(records)
        keys = sorted((record.data or {}).keys())
        key = keys[step % len(keys)]
        pool = values[(record.kind.name, key)]
        if step % 5 == 4:
            def change(data: dict[str, Any], key: str = key) -> None:
                data.pop(key, None)
        else:
            replacement = rng.choice(pool)

            def change(data: dict[str, Any], key: str = key, value: Any = replacement) -> None:
                data[key] = value
        _edit(root / record.rel, change)
        today = TODAY + dt.timedelta(days=rng.choice([0, 0, 1, 400]))
        shards.read.clear()
        _same_as_without_cache(root, today)
        assert len(shards.read) <= 1, (step, record.rel, key, shards.read)


def test_files_that_come_and_go_and_a_changed_config_are_seen(tmp_path: Path) -> None:
    root = _example(tmp_path)
    _same_as_without_cache(root, TODAY)
    question = root / "data/questions/Q-2026-001.yaml"
    copy = root / "data/questions/Q-2026-090.yaml"
    shutil.copy(question, copy)  # a second record with the same ID
    _same_as_without_cache(root, TODAY)
    copy.unlink()
    _same_as_without_cache(root, TODAY)
    target = root / "data/projects/P-2026-001.yaml"
    moved = target.read_bytes()
    target.unlink()  # links to it break
    _same_as_without_cache(root, TODAY)
    target.write_bytes(moved)
    _same_as_without_cache(root, TODAY)
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsuspect_fields:\n"
                      "  finding: [statement, title]\n", encoding="utf-8")
    _same_as_without_cache(root, TODAY)
    _edit(root / "data/findings/F-2026-19J9.yaml",
          lambda data: data.update(title=data["title"] + " (herzien)"))
    _same_as_without_cache(root, TODAY)


def test_damaged_facts_mean_the_records_are_read(tmp_path: Path) -> None:
    root = _example(tmp_path)
    _same_as_without_cache(root, TODAY)
    from veiligestad.store.cache import shard_of

    facts = root / CACHE_DIR / FACTS_FILE.format(shard_of("data/questions/Q-2026-002.yaml"))
    assert facts.is_file()
    blob = bytearray(facts.read_bytes())
    blob[-10] ^= 0xFF
    facts.write_bytes(bytes(blob))
    _edit(root / "data/questions/Q-2026-001.yaml", lambda data: data.update(status="closed"))
    _same_as_without_cache(root, TODAY)
    from veiligestad.checks.facts import fields_key
    from veiligestad.store.config import load_config

    fields = fact_fields(load_config(root, T))
    assert fields is not None
    assert RecordCache(root, 262_144).read_facts(fields_key(fields)) is not None
    assert facts.read_bytes() != bytes(blob)  # written again, whole


def test_a_planted_whole_kb_result_is_neither_used_nor_kept(tmp_path: Path) -> None:
    """A pull request commits a cache whose whole-KB result is empty under the right key (the
    digests of its own files are no secret); in the fresh checkout no file is proved unchanged
    by its stat, so neither validate nor a command that saves the cache trusts that result."""
    from veiligestad.store.cache import CachedResult

    root = _example(tmp_path)
    path = root / "data/findings/F-2026-19J9.yaml"
    _edit(path, lambda data: data.update(project="P-2026-099"))  # a link to nothing
    expected = _lines(validate(root, T, TODAY, cache=False))
    assert any("link-target" in line for line in expected)
    validate(root, T, TODAY)
    planted = RecordCache(root, 262_144)
    assert planted.kb_result is not None and planted.result is not None
    planted.new = dict(planted.old)
    planted.kb_result = CachedResult(planted.kb_result.key, (), planted.kb_result.overview)
    planted.result = CachedResult(planted.result.key, (), planted.result.overview)
    planted.changed = True
    planted.save()
    checkout = tmp_path / "checkout"
    shutil.copytree(root, checkout)  # new inodes and change times: the pull request's checkout
    open_kb(checkout, T)  # a command that reads and saves the cache first
    assert RecordCache(checkout, 262_144).kb_result is None
    assert _lines(validate(checkout, T, TODAY)) == [
        line.replace(str(root), str(checkout)) for line in expected]
