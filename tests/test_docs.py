"""The generated reference pages in ``docs/`` are current; other docs mention every command."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from veiligestad.cli.reference import pages

DOCS = Path(__file__).parents[1] / "docs"


@pytest.mark.parametrize("name", sorted(pages()))
def test_generated_page_is_current(name: str) -> None:
    fresh = pages()[name]
    committed = (DOCS / name).read_text(encoding="utf-8")
    if committed != fresh:
        diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                            f"docs/{name} (committed)", f"docs/{name} (code)"))
        pytest.fail(f"docs/{name} is out of date; run python -m veiligestad.cli.reference\n"
                    + diff[:4000])


def test_records_page_lists_every_field() -> None:
    from veiligestad.model.kinds import KINDS

    text = (DOCS / "records.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        for spec in kind.fields:
            assert f"| `{spec.name}` |" in text


def test_rules_page_lists_every_rule() -> None:
    from veiligestad.checks import RULES

    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## `{rule.ID}`" in text
        assert (rule.__doc__ or "").strip(), rule.ID
