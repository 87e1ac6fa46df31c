"""Labels, quarters, dates and numbers in the reader's language."""

from __future__ import annotations

import datetime as dt

from tests.conftest import REPO
from veiligestad.i18n import Translator
from veiligestad.periods import Quarter
from veiligestad.report.words import Words
from veiligestad.store.config import load_config


def _words(lang: str) -> Words:
    return Words(Translator(lang), load_config(REPO, Translator(lang)))


def test_quarters_dates_and_numbers_per_language() -> None:
    nl, en = _words("nl"), _words("en")
    assert nl.quarter(Quarter(2026, 3)) == "2026-K3" and en.quarter(Quarter(2026, 3)) == "2026-Q3"
    assert nl.date(dt.date(2026, 9, 30)) == "30 september 2026"
    assert en.date(dt.date(2026, 9, 30)) == "30 September 2026"
    assert nl.number(12.5) == "12,5" and en.number(12.5) == "12.5" and nl.number(3.0) == "3"
    assert nl.date(None) == "–" and nl.number(None) == "–"


def test_labels_come_from_the_vocabularies() -> None:
    assert _words("nl").partner("politie") == "Politie"
    assert _words("en").theme("uitgaansleven") == "Nightlife"
    assert _words("en").theme("?") == "No theme"
    assert _words("nl").vocab("themes", "onbekend") == "onbekend"
