"""The personal-data scan finds what it should and stays quiet on the example data."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, TODAY
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.personal import any_possible, find, matches, normalise, redact


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
    ("woont aan de Lange Mare 35a", "street"),
    ("woont aan de Oude Vest 12", "street"),
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


# Pieces that the detectors' edges care about: digits (also full-width), the separators phone
# numbers and BSNs allow, letters, "@", street endings, the words that make a street number a
# count, invisible characters, NUL (the join) and line ends.
_PIECES = ["0", "6", "1", "2", "3", "4", "5", "7", "8", "9", "１", " ", ".", "-", "/", "(", ")",
           "+", "+31 ", "0031", "@", "＠", "jan", "NL", "AB", "Bree", "straat", "weg", "mare",
           " 12", " procent", "procent", "%", " keer", "keer", "a", "Z", ",", ":", "\n", "\t",
           "\x00", "\u200b",
           "example", ".nl", "_", "2333 ", "CA", "F-2026-", "2026-01-01", "é"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_the_first_look_over_a_record_never_misses_what_a_text_holds(texts: list[str]) -> None:
    # personal-data looks at a record's texts in one search and only looks text by text when
    # that search says "maybe": it must never say "no" where one text has something.
    held = any(matches(normalise(text)) for text in texts)
    if held:
        assert any_possible(texts), texts


# Texts whose match runs from their first to their last character: their edges meet the
# neighbouring texts in the joined search.
_EDGE_TO_EDGE = ["0612345678", "+32 470 12 34 56", "123456782", "1234.56.782",
                 "jan@example.nl", "NL91ABNA0417164300", "@jansen_j", "Breestraat 12",
                 "Haarlemmerweg 4a", "2333 CA 12", "Lange Mare 35-37", "０６１２３４５６７８"]


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_EDGE_TO_EDGE), _TEXTS, _TEXTS, st.lists(_TEXTS, max_size=3))
def test_the_first_look_never_misses_a_match_between_two_texts(
        held: str, before: str, after: str, others: list[str]) -> None:
    assert matches(normalise(held))
    assert any_possible([*others, before, held, after])
    assert any_possible([held, after, *others])


@pytest.mark.parametrize("texts", [
    ["Breestraat 12", "procent van de vrouwen"],  # a count in the next text, not this one
    ["0612345678", "9"], ["1", "0612345678"], ["BSN 123456782", ".5"], ["x@", "example.nl"],
    ["NL91ABNA0417164300", "x"], ["volg @jansen_j", ".nl"],
])
def test_the_first_look_sees_a_match_at_the_edge_of_a_text(texts: list[str]) -> None:
    assert any(matches(normalise(text)) for text in texts) == any(find(text) for text in texts)
    if any(find(text) for text in texts):
        assert any_possible(texts)
