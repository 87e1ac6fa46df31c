"""Quarters as reports name them: ``2026-Q3``, ``2026Q3`` and the Dutch ``2026-K3``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

_PATTERN: Final = re.compile(r"^\s*(\d{4})\s*-?\s*[QqKk]\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter."""

    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def contains(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def label(self, lang: str) -> str:
        """``2026-Q3`` in English, ``2026-K3`` (kwartaal) in Dutch."""
        return f"{self.year}-{'K' if lang == 'nl' else 'Q'}{self.number}"

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def parse_quarter(text: str) -> Quarter | None:
    """The quarter named by ``text``, or None when it names none."""
    match = _PATTERN.match(text)
    return Quarter(int(match[1]), int(match[2])) if match else None


def quarter_of(day: dt.date) -> Quarter:
    """The quarter that ``day`` falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)
