"""The shared walk of the file rules: ``collect`` is ``values`` and ``mappings`` in one pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.conftest import REPO
from tests.robustness.test_properties import finding_texts
from veiligestad.checks import walk
from veiligestad.model.kinds import KINDS
from veiligestad.store.records import decode, read_text

RECORDS = sorted(p for place in ("data", "tests/cases")
                 for p in (REPO / place).rglob("*.yaml") if p.parent.parent.name == "data")


def _same(data: dict[str, Any]) -> None:
    for kind in KINDS.values():
        found, maps = walk.collect(kind.fields, data)
        assert found == list(walk.values(kind.fields, data))
        assert maps == list(walk.mappings(kind.fields, data))


@pytest.mark.parametrize("path", RECORDS, ids=[str(p.relative_to(REPO)) for p in RECORDS])
def test_collect_on_every_record_file(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    data = read_text(text)[0] if text is not None else None
    if data is not None:
        _same(data)


def test_there_are_records() -> None:
    assert len(RECORDS) > 50


@given(finding_texts())
def test_collect_on_arbitrary_findings(text: str) -> None:
    data, _ = read_text(text)
    if data is not None:
        _same(data)
