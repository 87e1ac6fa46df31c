"""A small knowledge base for queries: the base case plus questions that exercise every operator."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY
from veiligestad.i18n import Translator
from veiligestad.query import Context, context
from veiligestad.store.kb import KnowledgeBase, open_kb

EXTRA = {
    "data/questions/Q-2026-003.yaml": """\
id: Q-2026-003
title: Één vraag over Veiligheid in het uitgaansleven
classification: public
fictional: true
asked_by: welzijnswerk
themes: [uitgaansleven]
research_question: Hoe voelen vrouwen zich na sluitingstijd?
received: 2026-03-02
status: ready
status_history:
  - {date: 2026-03-02, to: submitted}
  - {date: 2026-03-09, from: submitted, to: intake}
  - {date: 2026-03-16, from: intake, to: ready}
""",
    "data/questions/Q-2026-004.yaml": """\
id: Q-2026-004
title: Online intimidatie van scholieren
fictional: true
asked_by: politie
department: veiligheid
themes: [online]
received: 2026-08-20
status: submitted
status_history:
  - {date: 2026-08-20, to: submitted}
""",
}


@pytest.fixture
def query_root(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    for rel, text in EXTRA.items():
        (root / rel).write_text(text, encoding="utf-8")
    yield root


@pytest.fixture
def query_kb(query_root: Path) -> KnowledgeBase:
    return open_kb(query_root, Translator("en"))


@pytest.fixture
def ctx(query_kb: KnowledgeBase) -> Context:
    return context(query_kb, TODAY, Translator("en"))


def ids(rows: list[dict[str, object]]) -> list[object]:
    return [row["id"] for row in rows]


__all__ = ["TODAY", "dt", "ids"]
