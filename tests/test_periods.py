"""Quarters as coordinators write them."""

from __future__ import annotations

import datetime as dt

import pytest

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.periods import Quarter, parse_date, parse_quarter, quarter_of


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "2026-K3", "2026-q3", " 2026 k3 "])
def test_spellings_of_a_quarter(text: str) -> None:
    assert parse_quarter(text) == Quarter(2026, 3)


@pytest.mark.parametrize("text", ["2026-Q5", "Q3-2026", "2026", "", "2026-Q0"])
def test_not_a_quarter(text: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_quarter(text, Translator("en"))
    assert "is not a quarter" in raised.value.message
    assert raised.value.hint and "2026-Q3" in raised.value.hint


def test_bounds_and_neighbours() -> None:
    q4 = Quarter(2026, 4)
    assert (q4.start, q4.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Quarter(2026, 1).end == dt.date(2026, 3, 31)
    assert q4.next() == Quarter(2027, 1)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert q4.label == str(q4) == "2026-Q4"
    assert q4.contains(dt.date(2026, 11, 27)) and not q4.contains(dt.date(2027, 1, 1))
    assert quarter_of(dt.date(2026, 7, 1)) == Quarter(2026, 3)


def test_dates() -> None:
    assert parse_date("2026-07-01") == dt.date(2026, 7, 1)
    with pytest.raises(UsageError):
        parse_date("1 juli", Translator("nl"))
