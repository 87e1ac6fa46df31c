"""Calendar quarters, the period a coordinator reports on.

A quarter is written ``2026-Q3``; ``2026Q3``, ``2026-q3`` and the Dutch ``2026-K3`` (kwartaal) are
read as the same quarter, so whatever a coordinator types is understood.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator

_QUARTER: Final = re.compile(r"^\s*([0-9]{4})\s*-?\s*[QqKk]\s*([1-4])\s*$", re.ASCII)


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter: ``Quarter(2026, 3)`` runs from 1 July to 30 September 2026."""

    year: int
    number: int

    @property
    def label(self) -> str:
        """The canonical spelling, ``2026-Q3``."""
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> dt.date:
        """The first day of the quarter."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter."""
        following = self.next()
        return dt.date(following.year, 3 * following.number - 2, 1) - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the quarter."""
        return self.start <= day <= self.end

    def next(self) -> Quarter:
        """The quarter after this one."""
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        """The quarter before this one."""
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return self.label


def parse_quarter(text: str, t: Translator | None = None) -> Quarter:
    """Read ``2026-Q3``, ``2026Q3`` or ``2026-K3``; anything else is a ``UsageError``."""
    match = _QUARTER.match(text or "")
    if not match:
        t = t or Translator()
        raise UsageError(t("periods.bad_quarter", value=text), hint=t("periods.bad_quarter_hint"))
    return Quarter(int(match.group(1)), int(match.group(2)))


def quarter_of(day: dt.date) -> Quarter:
    """The quarter that ``day`` falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


# A date as people in the Netherlands write it: day, month, year (1-7-2026, 01/07/2026, 1.7.2026).
_DUTCH_DATE: Final = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$", re.ASCII)


def read_day(text: str) -> dt.date | None:
    """A date written as ``2026-07-01`` or, day first, ``1-7-2026`` (also with ``/`` or
    ``.``); None for anything else. The one reading of a date a user types, for every option
    and condition (a record's own dates are YAML dates, written ``2026-07-01``)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DUTCH_DATE.match(text)
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:  # 31-02-2026
        return None


def parse_date(text: str, t: Translator | None = None) -> dt.date:
    """A date as ``read_day`` reads it; anything else is a ``UsageError``."""
    day = read_day(text)
    if day is None:
        t = t or Translator()
        raise UsageError(t("periods.bad_date", value=text), hint=t("periods.bad_date_hint"))
    return day


def academic_window(year: object, semester: object = None) -> tuple[dt.date, dt.date] | None:
    """The dates within which a project of academic year ``2025-2026`` (and ``semester`` 1 or
    2) may start, or None when the year is not of that form.

    A year runs from mid-August to the end of August a year later; semester 1 to the end of
    January, semester 2 from mid-January. The overlaps leave room for institutions whose
    semesters turn a week or two apart.
    """
    match = re.fullmatch(r"(\d{4})-(\d{4})", year) if isinstance(year, str) else None
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    begin, end = dt.date(first, 8, 15), dt.date(second, 8, 31)
    if semester == 1 and not isinstance(semester, bool):
        return begin, dt.date(second, 1, 31)
    if semester == 2 and not isinstance(semester, bool):
        return dt.date(second, 1, 15), end
    return begin, end
