"""The filter of ``select`` and the figures decides a condition once per distinct value, with
the answer of each condition's own test.

``query.conditions.filter_views`` (and ``stats._Source._filter``, which keeps the keys per
pool) must keep exactly the views that ``all(c.matches(view))`` keeps, in
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
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.periods import parse_quarter
from veiligestad.query import context
from veiligestad.query.conditions import (
    ABSENT,
    PRESENT,
    AnyOf,
    Condition,
    filter_views,
    parse_conditions,
)
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


# A few values of each type, many of which compare equal across types (``True``, ``1``,
# ``1.0``; ``"1"`` and ``"true"`` as text), so that a pool often holds several of them.
_LEAVES = st.sampled_from([None, True, False, 0, 1, 2, 0.0, -0.0, 1.0, float("nan"), "", "1",
                          "true", "a", "A", "é", "0.0", "2026-01-01", dt.date(2026, 1, 1),
                          dt.date(2025, 12, 31),
                          dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC),
                          dt.datetime(2026, 1, 1, 13, tzinfo=dt.timezone(dt.timedelta(hours=1)))])
_VALUES = _LEAVES | st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("ab"), inner,
                                                                max_size=2),
    max_leaves=5)
_OPS = st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "~", "!~", PRESENT, ABSENT])


@settings(max_examples=600, deadline=None)
@given(values=st.lists(_VALUES, min_size=0, max_size=12),
       conditions=st.lists(st.tuples(st.sampled_from(["x", "x", "x.a", "y"]), _OPS,
                                     _LEAVES | _VALUES), max_size=3),
       alternatives=st.booleans())
@example(values=[True, 1, 1.0, "1"], conditions=[("x", "=", 1)], alternatives=False)
@example(values=[1, True, [1], [True]], conditions=[("x", ">=", True)], alternatives=False)
@example(values=[0.0, -0.0], conditions=[("x", "~", "-")], alternatives=False)
def test_filter_views_keeps_what_every_condition_keeps_for_values_of_any_type(
        values: list[Any], conditions: list[tuple[str, str, Any]], alternatives: bool) -> None:
    """``query.conditions.filter_views``, which ``select`` and the figures use, against the
    plain definition: the same views, the same objects, in order, for any value at any
    path, under any operator, with and without alternatives (tested one by one)."""
    pool = [{"x": value, "y": values[-1 - i]} for i, value in enumerate(values)]
    parsed: list[Condition] = [
        Condition(f"{name}{op}", tuple(name.split(".")), op,
                  () if op in (PRESENT, ABSENT) else (target,))
        for name, op, target in conditions]
    if alternatives and len(parsed) >= 2:
        parsed = [AnyOf("a | b", (), "|", alternatives=tuple(parsed[:2])), *parsed[2:]]
    expected = [v for v in pool if all(c.matches(v) for c in parsed)]
    assert [id(v) for v in filter_views(pool, parsed)] == [id(v) for v in expected]
