"""The site's key figures kept under what they read of the public records
(``site/keptfigures.py``): an edit of a text keeps them, an edit of anything a figure reads,
a record made public or withdrawn, another day or config makes them again, and every answer is
the one made afresh."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY
from tests.site.conftest import build
from tests.site.test_derived import count_calls
from tests.store.test_fieldkeys import _edits
from veiligestad import stats
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.site.keptfigures import NAME, kept_figures
from veiligestad.site.model import public_view
from veiligestad.store.kb import open_kb

T = Translator("nl")
FINDING = "F-2026-19J9"


def _public(root: Path, day: dt.date = TODAY) -> Any:
    return public_view(open_kb(root, T, cache=False, on_left_out=None), day)


def _fresh(root: Path, day: dt.date = TODAY) -> dict[str, Any]:
    return stats.stats_in(context(_public(root, day), day, T, public=True), None,
                          public_only=True)


def _kept(root: Path, day: dt.date = TODAY, *, made: list[int] | None = None) -> dict[str, Any]:
    kb = _public(root, day)

    def make() -> dict[str, Any]:
        if made is not None:
            made.append(1)
        return stats.stats_in(context(kb, day, T, public=True), None, public_only=True)

    return kept_figures(root, kb, day, "nl", make)


def _edit(root: Path, rel: str, change: Any) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_follow_up(data: dict[str, Any]) -> None:
    data["recommendations"][0]["follow_up"] = "rejected"


# Edits of what a figure reads, and of what it does not: (name, path, change, figures made).
EDITS: list[tuple[str, str, Any, bool]] = [
    ("statement", f"data/findings/{FINDING}.yaml",
     lambda d: d.update(statement="Een gecorrigeerde bewering."), False),
    ("title", f"data/findings/{FINDING}.yaml", lambda d: d.update(title="Nieuwe titel"), False),
    ("reported", f"data/findings/{FINDING}.yaml",
     lambda d: d.update(reported=TODAY + dt.timedelta(days=30)), True),
    ("follow-up", f"data/findings/{FINDING}.yaml", _first_follow_up, True),
    ("withdrawn", f"data/findings/{FINDING}.yaml", lambda d: d.update(review="draft"), True),
    ("internal", f"data/findings/{FINDING}.yaml",
     lambda d: d.update(classification="internal"), True),
]


@pytest.mark.parametrize("number", range(len(EDITS)))
def test_an_edit_makes_the_figures_again_exactly_when_a_figure_reads_it(
    tmp_path: Path, number: int
) -> None:
    name, rel, change, remade = EDITS[number]
    root = copy_example(tmp_path / "leiden")
    made: list[int] = []
    assert _kept(root, made=made) == _fresh(root)
    assert _kept(root, made=made) == _fresh(root) and len(made) == 1  # kept
    before = _fresh(root)
    _edit(root, rel, change)
    assert _kept(root, made=made) == _fresh(root), name
    assert len(made) == (2 if remade else 1), name
    if name in ("reported", "withdrawn", "internal"):
        assert _fresh(root) != before, name  # so that the test above could fail


def test_another_day_or_config_makes_them_again(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    made: list[int] = []
    _kept(root, made=made)
    later = TODAY + dt.timedelta(days=400)
    assert _kept(root, later, made=made) == _fresh(root, later) and len(made) == 2
    config = root / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    assert "follow_up_days: 180" in text
    config.write_text(text.replace("follow_up_days: 180", "follow_up_days: 30"),
                      encoding="utf-8")
    _kept(root, later, made=made)
    assert len(made) == 3


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_give_the_figures_made_afresh(tmp_path: Path, seed: int) -> None:
    """Any one-line field of any record, at any depth, changed (``_edits``), a few files at a
    time, build after build."""
    root = copy_example(tmp_path / "leiden")
    chance = random.Random(seed)
    files = sorted((root / "data").rglob("*.yaml"))
    _kept(root)
    for _ in range(5):
        for path in chance.sample(files, chance.randint(1, 3)):
            path.write_text(chance.choice(_edits(path.read_text(encoding="utf-8")))[1],
                            encoding="utf-8")
        assert _kept(root) == _fresh(root)


def test_a_statement_edit_makes_no_figure_in_a_site_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through ``site build``: the figures are not made again (counted in a file, as they are
    made in the build's second process), the open data are, and the site is the one a build
    without the cache makes."""
    calls = count_calls(monkeypatch, stats, "stats_in", tmp_path / "calls.txt")
    root = copy_example(tmp_path / "leiden")
    build(root, tmp_path / "site", search=False)
    assert len(calls) == 1
    assert (root / ".veiligestad-cache/site" / NAME.format("nl")).is_file()
    _edit(root, f"data/findings/{FINDING}.yaml",
          lambda d: d.update(statement="Een gecorrigeerde bewering."))
    result = build(root, tmp_path / "site", search=False)
    assert len(calls) == 1
    assert "open-data/veiligestad.json" in result.written
    _edit(root, f"data/findings/{FINDING}.yaml", lambda d: d.update(review="draft"))
    build(root, tmp_path / "site", search=False)
    assert len(calls) == 2
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    build(root, tmp_path / "fresh", search=False)
    for path in sorted((tmp_path / "fresh").rglob("*")):
        if path.is_file() and path.name != ".veiligestad-site.json":
            other = tmp_path / "site" / path.relative_to(tmp_path / "fresh")
            assert other.read_bytes() == path.read_bytes(), path
