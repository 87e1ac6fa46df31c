"""The personal-data scan finds what it should and stays quiet on the example data."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.conftest import REPO, TODAY
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.personal import find, redact


@pytest.mark.parametrize(("text", "kind"), [
    ("BSN 1234.56.782", "bsn"),
    ("BSN 123 456 782", "bsn"),
    ("BSN 123456782", "bsn"),
    ("bel +32 470 12 34 56", "phone"),
    ("bel +49 30 1234567", "phone"),
    ("bel +44 20 7946 0958", "phone"),
    ("bel 0612345678", "phone"),
    ("bel ０６１２３４５６７８", "phone"),
    ("mail jan\u200b.jansen@exam\u200bple.nl", "email"),
    ("mail ｊａｎ＠ｅｘａｍｐｌｅ．ｎｌ", "email"),
    ("volg @jansen_j", "handle"),
    ("woont aan de Breestraat 12.", "street"),
    ("woont op Haarlemmerweg 4a", "street"),
])
def test_the_scan_finds(text: str, kind: str) -> None:
    assert kind in dict(find(text))


@pytest.mark.parametrize("text", [
    "54% van 198 vrouwen", "2026-01-08", "in 2025 en 2026 12 keer", "Q-2026-001 en P-2026-004",
    "F-2026-7KQ3", "123456789",  # nine digits that fail the 11-check
    "de Breestraat 12 keer per dag", "Stationsweg 3%", "een handle-vrije tekst", "2025-2026",
])
def test_the_scan_leaves_ordinary_text_alone(text: str) -> None:
    assert find(text) == []


def test_redact_masks_everything_the_scan_finds() -> None:
    text = "'jan.jansen@example.nl 0612345678' is not allowed"
    masked = redact(text)
    assert "jansen" not in masked and "12345678" not in masked
    assert masked.endswith("is not allowed")


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_no_false_positive_in_the_example_data() -> None:
    # The example knowledge base is full of numbers, dates, percentages and street-like words:
    # none of it may be taken for personal data.
    for path in sorted((REPO / "data").glob("*/*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert find(text) == [], (path.name, text[:80])
    result = validate(REPO, Translator("en"), TODAY)
    assert [p for p in result.problems if p.rule == "personal-data"] == []


def test_no_false_positive_in_the_example_config() -> None:
    config = yaml.safe_load((REPO / "veiligestad.yaml").read_text(encoding="utf-8"))
    flagged = [s for s in _strings(config) if find(s)]
    assert flagged == []
