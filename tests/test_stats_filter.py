"""The figures' filter decides a condition once per distinct value, with the engine's answer.

``stats._Source._filter`` must keep exactly the views that ``all(c.matches(view))`` keeps, in
the same order, for every kind of condition the engine parses (dates, statuses, lists, dotted
paths, presence, negation, alternatives), and for values that compare equal but are tested
differently (``True`` and ``1``).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.periods import parse_quarter
from veiligestad.query import context
from veiligestad.query.conditions import Condition, parse_conditions
from veiligestad.stats import NEEDS, _Source
from veiligestad.store.kb import open_kb

TODAY = dt.date(2026, 12, 3)

CONDITIONS: dict[str, list[list[str]]] = {
    "question": [
        [], ["received>=2025-01-01"], ["received>=2025-01-01", "received<=2025-12-31"],
        ["decided_on<=2026-06-30", "decision=ready"], ["decision=ready,refused"],
        ["decision!=ready"], ["matched_on?"], ["!delivered_on"], ["matched_on>2026-01-01"],
        ["received<2024-03-01 | decision=advised"], ["id~2025"], ["id!~2025"],
    ],
    "project": [
        ["status!=planned"], ["status=finished", "end>=2026-01-01", "end<=2026-03-31"],
        ["start<=2026-09-30", "status!=planned"], ["student_count>=3"], ["student_count=1"],
        ["institution=hogeschool_leiden"], ["!end"], ["presentations.date>=2026-01-01"],
        ["presentations.audience=politie"], ["status=running | student_count>4"],
    ],
    "finding": [
        ["reported>=2026-01-01", "reported<=2026-09-30"], ["themes=online"],
        ["themes!=online,uitgaansleven"], ["evidence.design>=3"], ["evidence.maturity?"],
        ["recommendations.follow_up=adopted"], ["recommendations.to=politie",
                                                "reported>=2025-01-01"],
        ["!recommendations"],
    ],
}


@pytest.fixture(scope="module")
def source() -> _Source:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    root = Path(__import__("tempfile").mkdtemp()) / "kb"
    module.main(["600", "--seed", "11", "--today", TODAY.isoformat(), str(root)])
    kb = open_kb(root, Translator("en"), cache=False)
    ctx = context(kb, TODAY)
    return _Source(ctx, "internal", [parse_quarter("2026-Q3", ctx.t)])


@pytest.mark.parametrize("kind", sorted(CONDITIONS))
def test_the_filter_keeps_what_the_engine_keeps(source: _Source, kind: str) -> None:
    ctx = source.ctx
    pool = ctx.rows(KINDS[kind], "internal", NEEDS[kind] | {"presentations", "themes"})
    kept_any = 0
    for texts in CONDITIONS[kind]:
        parsed = parse_conditions(texts, KINDS[kind], ctx.kb.config, ctx.t)
        expected = [v for v in pool if all(c.matches(v) for c in parsed)]
        got = source._filter(pool, parsed)
        assert [id(v) for v in got] == [id(v) for v in expected], texts
        # Asked again (the keys are kept per pool and path), the same answer.
        assert [id(v) for v in source._filter(pool, parsed)] == [id(v) for v in expected]
        # And over a part of the pool (a period's narrowing works on a span's records).
        part = pool[::3]
        assert source._filter(part, parsed) == [v for v in part
                                                if all(c.matches(v) for c in parsed)]
        kept_any += 0 < len(expected) < len(pool)
    assert kept_any >= 3  # the conditions do tell records apart in this knowledge base


def test_values_that_compare_equal_but_test_differently_are_decided_apart(
        source: _Source) -> None:
    pool: list[dict[str, Any]] = [{"x": True}, {"x": 1}, {"x": 1.0}, {"x": [1, True]},
                                  {"x": "1"}, {"x": None}, {"x": [True]}, {"x": 1}]
    for value in (1, True, "1"):
        for op in ("=", "!=", ">=", "<"):
            condition = Condition(f"x{op}{value}", ("x",), op, (value,))
            expected = [v for v in pool if condition.matches(v)]
            assert source._filter(pool, [condition]) == expected, (op, value)
            pool = list(pool)  # a new pool: its keys are worked out afresh


def test_values_that_cannot_be_keys_are_tested_one_by_one(source: _Source) -> None:
    pool: list[dict[str, Any]] = [{"x": {"a": 1}}, {"x": 2}, {"x": [{"a": 1}, 3]}]
    condition = Condition("x>=2", ("x",), ">=", (2,))
    assert source._filter(pool, [condition]) == [{"x": 2}, {"x": [{"a": 1}, 3]}]
