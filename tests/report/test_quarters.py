"""Quarters are read in the forms people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from veiligestad.report.quarters import Quarter, parse_quarter, quarter_of


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "2026-K3", "2026k3", " 2026-q3 "])
def test_every_accepted_form(text: str) -> None:
    assert parse_quarter(text) == Quarter(2026, 3)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-3", "Q3-2026", "", "2026-Q0"])
def test_what_is_not_a_quarter(text: str) -> None:
    assert parse_quarter(text) is None


def test_bounds_and_labels() -> None:
    q = Quarter(2026, 4)
    assert (q.start, q.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert q.next() == Quarter(2027, 1)
    assert q.label("nl") == "2026-K4" and q.label("en") == "2026-Q4" and str(q) == "2026-Q4"
    assert quarter_of(dt.date(2026, 2, 28)) == Quarter(2026, 1)
