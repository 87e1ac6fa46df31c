"""A quarterly report's figures kept under the fields they read (``commands/report.py`` through
``store/fieldkeys.py``): after an edit of another field they are the kept ones, after an edit of
one they read they are the kept tallies combined with those of the records the edit reached;
every report compared with one made from every file afresh."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.report.test_kept_report import _field_edits, example, fresh, run  # noqa: F401
from veiligestad import stats
from veiligestad.report import figures


class Spy:
    """How the figures of each report were made: records tallied whole, tallies combined."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole = 0
        self.combined: list[bool] = []
        made = figures.tallies_of
        combine = stats.QuartersAnswer.combine

        def tallies_of(ctx: Any, quarters: Any, **kw: Any) -> Any:
            self.whole += 1
            return made(ctx, quarters, **kw)

        def combined(answer: Any, *args: Any) -> Any:
            out = combine(answer, *args)
            self.combined.append(out is not None)
            return out

        monkeypatch.setattr(figures, "tallies_of", tallies_of)
        monkeypatch.setattr(stats.QuartersAnswer, "combine", combined)

    def reset(self) -> None:
        self.whole, self.combined = 0, []


QUARTERS = ["2026-Q3", "2025-Q4"]


@pytest.mark.parametrize("quarter", QUARTERS)
@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_each_edit_gives_the_report_made_afresh_and_reuses_what_it_can(
    example: Path, monkeypatch: pytest.MonkeyPatch, kind: str, quarter: str  # noqa: F811
) -> None:
    """Every one-line field of a record of each kind changed in turn after a report: the report
    is the one made afresh; the figures were not made from every record after an edit of a
    field they do not read, and were combined from tallies after one of a field they read."""
    spy = Spy(monkeypatch)
    args = ["quarterly", "--quarter", quarter]
    path = sorted((example / "data" / kind).glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    read = {"questions": {"received", "status_history", "themes"},
            "projects": {"status", "start", "end", "institution", "student_count"},
            "findings": {"reported", "themes", "questions"}}[kind]
    ways: dict[str, int] = {"kept": 0, "combined": 0}
    for key, edited in _field_edits(path):
        path.write_text(original, encoding="utf-8")
        run(example, *args)
        spy.reset()
        path.write_text(edited, encoding="utf-8")
        got = run(example, *args)
        made_whole, combined = spy.whole, list(spy.combined)
        assert got == fresh(example, *args), (path.name, key)
        if key not in read:
            # (a value the field rules refuse leaves the record out: combined, not kept)
            assert made_whole == 0 and combined in ([], [True]), (key, made_whole, combined)
            ways["kept" if combined == [] else "combined"] += 1
        elif combined == [True]:
            ways["combined"] += 1
        else:  # a status: a question's decision is in its history, not the field
            assert key == "status", (key, combined)
    assert ways["kept"] >= 3
    if kind != "questions":  # the questions' read fields are not one-line
        assert ways["combined"] >= 1, ways


def test_a_question_edit_reaches_the_themes_of_its_findings(
    example: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    spy = Spy(monkeypatch)
    args = ["quarterly", "--quarter", "2026-Q3"]
    run(example, *args)
    for path in sorted((example / "data/questions").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^themes: \[.*\]$", "themes: [melden]", text, count=1),
                        encoding="utf-8")
        spy.reset()
        got = run(example, *args)
        combined = list(spy.combined)
        assert got == fresh(example, *args), path.name
        assert combined in ([True], []), combined
        path.write_text(text, encoding="utf-8")
        run(example, *args)
