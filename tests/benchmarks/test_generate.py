"""The benchmark's synthetic knowledge base is valid, complete and the same for a seed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests.benchmarks.scripts import bench_script
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.model.kinds import CLASSIFICATIONS, KINDS
from veiligestad.model.statuses import FLOWS
from veiligestad.store.kb import open_kb


def _generator():  # type: ignore[no-untyped-def]
    return bench_script("generate", "generate")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_small_synthetic_knowledge_base_validates_without_errors(tmp_path: Path) -> None:
    generate = _generator()
    root = tmp_path / "kb"
    today = dt.date(2026, 10, 1)
    assert generate.main(["240", "--seed", "5", "--today", today.isoformat(), str(root)]) == 0
    result = validate(root, Translator("en"), today, cache=False)
    assert result.files == result.records == 240
    assert result.counts["error"] == 0, [p.message for p in result.problems][:5]
    kb = open_kb(root, Translator("en"), cache=False)
    kinds = Counter(r.kind.name for r in kb.files)
    # About one question to one project to two findings.
    assert 0.8 < kinds["project"] / kinds["question"] <= 1.0
    assert 1.6 < kinds["finding"] / kinds["question"] < 2.4
    for kind in KINDS.values():
        statuses = {str(r.data.get(kind.status_field)) for r in kb.records(kind.name)
                    if r.data}
        assert statuses == set(FLOWS[kind.name]), kind.name
    assert {r.data.get("classification") for r in kb.records() if r.data} == set(CLASSIFICATIONS)
    assert any(r.data and r.data.get("relations") for r in kb.records("finding"))


def test_the_same_seed_and_day_give_the_same_bytes(tmp_path: Path) -> None:
    generate = _generator()
    day = ["--today", "2026-10-01"]
    generate.main(["60", "--seed", "9", *day, str(tmp_path / "a")])
    generate.main(["60", "--seed", "9", *day, str(tmp_path / "b")])
    generate.main(["60", "--seed", "10", *day, str(tmp_path / "c")])
    generate.main(["60", "--seed", "9", "--today", "2027-03-01", str(tmp_path / "d")])
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert _files(tmp_path / "a") != _files(tmp_path / "d")


# Days where a year's story can run past today: the first days of a year, a leap day, the end of
# the academic year, the autumn the benchmarks were first pinned to.
@pytest.mark.parametrize("today", ["2027-01-03", "2028-02-29", "2026-07-31", "2026-10-01"])
def test_the_records_are_clean_on_the_day_they_were_made_for(tmp_path: Path, today: str) -> None:
    generate = _generator()
    root = tmp_path / "kb"
    assert generate.main(["600", "--seed", "3", "--today", today, str(root)]) == 0
    result = validate(root, Translator("en"), dt.date.fromisoformat(today), cache=False)
    assert result.records == 600
    assert result.problems == [], [(p.path, p.message) for p in result.problems][:5]


def test_by_default_the_records_are_made_for_the_day_of_the_run(tmp_path: Path) -> None:
    """At the size where a fixed date once made errors, no problem at all on the real today."""
    generate = _generator()
    root = tmp_path / "kb"
    assert generate.main(["2000", "--seed", "7", str(root)]) == 0
    result = validate(root, Translator("en"), dt.date.today(), cache=False)
    assert result.records == 2000
    assert result.problems == [], [(p.path, p.message) for p in result.problems][:5]
    newest = max(r.data["received"] for r in open_kb(root, Translator("en"), cache=False)
                 .records("question") if r.data)
    assert dt.date.today() - newest < dt.timedelta(days=90)
