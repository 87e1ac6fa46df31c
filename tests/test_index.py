"""Links as written, and the neighbours derived from them in both directions."""

from __future__ import annotations

from pathlib import Path

from veiligestad.i18n import Translator
from veiligestad.index import build_index
from veiligestad.store.kb import open_kb


def test_edges_and_neighbours(base_kb: Path) -> None:
    index = build_index(open_kb(base_kb, Translator("en")))
    assert sorted(index.edges) == [
        ("F-2026-7KQ3", "P-2026-001", "project"),
        ("F-2026-7KQ3", "Q-2026-001", "questions"),
        ("F-2026-9ZXA", "F-2026-7KQ3", "supports"),
        ("F-2026-9ZXA", "P-2026-001", "project"),
        ("F-2026-9ZXA", "Q-2026-002", "questions"),
        ("P-2026-001", "Q-2026-001", "questions"),
        ("P-2026-001", "Q-2026-002", "questions"),
    ]
    assert sorted(index.neighbours("Q-2026-001")) == ["F-2026-7KQ3", "P-2026-001"]
    assert sorted(index.neighbours("F-2026-7KQ3")) == ["F-2026-9ZXA", "P-2026-001", "Q-2026-001"]
    assert index.neighbours("Q-2099-001") == []
