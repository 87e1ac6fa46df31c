"""Every quarter's figures from one pass equal that quarter's own queries, one by one."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from veiligestad.i18n import Translator
from veiligestad.query import context, select
from veiligestad.stats import stats_in, stats_of
from veiligestad.store.kb import open_kb

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("stats") / "kb"
    module.main(["900", "--seed", "4", "--today", TODAY.isoformat(), str(root)])
    return root


def _count(ctx: object, kind: str, conditions: list[str], public: bool) -> int:
    return len(select(ctx, kind, conditions, fields="id",  # type: ignore[arg-type]
                      audience="public" if public else "internal").rows)


@pytest.mark.parametrize("public", [False, True])
def test_one_pass_over_many_quarters_equals_each_quarter_on_its_own(
    synthetic: Path, public: bool
) -> None:
    kb = open_kb(synthetic, Translator("en"), cache=False)
    quarters = [f"{year}-Q{n}" for year in (2024, 2025, 2026) for n in (1, 2, 3, 4)]
    together = stats_of(context(kb, TODAY), [*quarters, None], public_only=public)
    for label, figures in zip([*quarters, None], together, strict=True):
        alone = stats_in(context(kb, TODAY), label, public_only=public)
        assert figures == alone, label
    # And each additive count is the engine's own query for that quarter.
    ctx = context(kb, TODAY)
    seen = 0
    for label, figures in zip(quarters, together[:-1], strict=True):
        year, number = int(label[:4]), int(label[-1])
        first = dt.date(year, 3 * number - 2, 1)
        last = dt.date(year + (number == 4), (3 * number) % 12 + 1, 1) - dt.timedelta(days=1)

        def within(name: str) -> list[str]:
            return [f"{name}>={first}", f"{name}<={last}"]  # noqa: B023

        expected = {
            ("questions", "received"): _count(ctx, "questions", within("received"), public),
            ("questions", "matched"): _count(ctx, "questions", within("matched_on"), public),
            ("questions", "delivered"): _count(ctx, "questions", within("delivered_on"), public),
            ("projects", "started"): _count(ctx, "projects", [*within("start"),
                                                              "status!=planned"], public),
            ("projects", "finished"): _count(ctx, "projects", [*within("end"),
                                                               "status=finished"], public),
            ("findings", "reported"): _count(ctx, "findings", within("reported"), public),
        }
        for (group, name), count in expected.items():
            assert figures[group][name] == count, (label, group, name)
            seen += count
    assert seen > 100  # the synthetic programme has work in these quarters
