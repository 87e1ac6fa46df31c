"""Labels and dates in the reader's language, from the vocabularies and the message catalogs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from veiligestad.i18n import Translator
from veiligestad.periods import Quarter
from veiligestad.store.config import Config


class Words:
    """What a report calls things: vocabulary labels, statuses, dates and numbers."""

    def __init__(self, t: Translator, config: Config) -> None:
        self.t = t
        self.config = config

    def __call__(self, key: str, /, **params: object) -> str:
        return self.t(key, **params)

    def vocab(self, vocabulary: str, key: object) -> str:
        entry = self.config.vocabulary(vocabulary).get(str(key))
        return self.t.label(entry.labels if entry else None, str(key))

    def theme(self, key: object) -> str:
        return self.t("report.no_theme") if key == "?" else self.vocab("themes", key)

    def partner(self, key: object) -> str:
        return self.vocab("partners", key)

    def status(self, kind: str, key: object) -> str:
        return self.t(f"status.{kind}.{key}") if key else "–"

    def follow_up(self, key: object) -> str:
        return self.t(f"choice.follow_up.{key or 'none'}")

    def date(self, day: Any) -> str:
        """``27 november 2026`` / ``27 November 2026``; a dash when there is no date."""
        if not isinstance(day, dt.date):
            return "–"
        return f"{day.day} {self.t(f'report.month.{day.month}')} {day.year}"

    def quarter(self, q: Quarter) -> str:
        """``2026-K3`` (kwartaal) in Dutch, ``2026-Q3`` in English."""
        return f"{q.year}-{'K' if self.t.lang == 'nl' else 'Q'}{q.number}"

    def number(self, value: float | None) -> str:
        """A count or a median: whole numbers without decimals, a comma in Dutch."""
        if value is None:
            return "–"
        if float(value).is_integer():
            return str(int(value))
        text = f"{value:.1f}"
        return text.replace(".", ",") if self.t.lang == "nl" else text
