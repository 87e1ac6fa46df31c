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
    """How the figures of each report were made: the number of records each tally counted
    (a report's own, ``figures.tallies_of``, and those of the kept parts, whole or of the
    records an edit reached, ``QuartersAnswer.tally``), and what ``combine`` gave."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tallied: list[int] = []
        self.combined: list[bool] = []
        made = figures.tallies_of
        tally = stats.QuartersAnswer.tally
        combine = stats.QuartersAnswer.combine

        def tallies_of(ctx: Any, quarters: Any, **kw: Any) -> Any:
            self.tallied.append(len(ctx.kb.files))
            return made(ctx, quarters, **kw)

        def tallied(answer: Any, ctx: Any) -> Any:
            self.tallied.append(len(ctx.kb.files))
            return tally(answer, ctx)

        def combined(answer: Any, *args: Any) -> Any:
            out = combine(answer, *args)
            self.combined.append(out is not None)
            return out

        monkeypatch.setattr(figures, "tallies_of", tallies_of)
        monkeypatch.setattr(stats.QuartersAnswer, "tally", tallied)
        monkeypatch.setattr(stats.QuartersAnswer, "combine", combined)

    def reset(self) -> None:
        self.tallied, self.combined = [], []

    def taken(self, records: int) -> tuple[str, list[int], list[bool]]:
        """How the last report's figures were made: "kept" (no record tallied), "combined"
        (the records an edit reached, fewer than half of ``records``, tallied as they were and
        are), or "whole" (every record tallied)."""
        if not self.tallied and not self.combined:
            return "kept", self.tallied, self.combined
        if self.combined == [True] and len(self.tallied) == 2 \
                and max(self.tallied) < records // 2:
            return "combined", self.tallied, self.combined
        return "whole", self.tallied, self.combined


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
    records = len(list((example / "data").rglob("*.yaml")))
    for key, edited in _field_edits(path):
        path.write_text(original, encoding="utf-8")
        run(example, *args)
        spy.reset()
        path.write_text(edited, encoding="utf-8")
        got = run(example, *args)
        how, tallied, combined = spy.taken(records)
        assert got == fresh(example, *args), (path.name, key)
        # Never every record; after an edit of a field they read, only the records it reached;
        # after one of another field, none (or those it reached where the value the rules
        # refuse left the record out).
        assert how != "whole", (key, tallied, combined)
        if key in read:
            assert how == "combined", (key, tallied, combined)
        ways[how] += 1
    assert ways["kept"] >= 3
    if kind != "questions":  # the questions' read fields are not one-line
        assert ways["combined"] >= 1, ways


def test_a_question_edit_reaches_the_themes_of_its_findings(
    example: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    spy = Spy(monkeypatch)
    args = ["quarterly", "--quarter", "2026-Q3"]
    run(example, *args)
    records = len(list((example / "data").rglob("*.yaml")))
    for path in sorted((example / "data/questions").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        edited = re.sub(r"(?m)^themes: \[.*\]$", "themes: [melden]", text, count=1)
        path.write_text(edited, encoding="utf-8")
        spy.reset()
        got = run(example, *args)
        how = spy.taken(records)
        assert got == fresh(example, *args), path.name
        assert how[0] == ("combined" if edited != text else "kept"), (path.name, how)
        path.write_text(text, encoding="utf-8")
        run(example, *args)
