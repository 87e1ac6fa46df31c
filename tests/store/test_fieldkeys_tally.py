"""``stats`` after an edit of a field it reads, made from its kept tally (``store/fieldkeys.py``
with ``stats.StatsAnswer``): the kept tally less the tally of the records the edit reached as
they were, plus theirs as they are. Each answer compared with one made from every file afresh,
and each test shows the tally was combined (not every record tallied) where it should be."""

from __future__ import annotations

import random
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import TODAY
from tests.store.test_fieldkeys import _READ_EDITS, ARGS, _edits, _fresh, _refuse_records
from veiligestad.cli.reading_output import answer_of
from veiligestad.i18n import Translator
from veiligestad.query import Context
from veiligestad.stats import FOLLOW_UPS, StatsAnswer
from veiligestad.store import fieldkeys
from veiligestad.store.config import load_config


class Watched(StatsAnswer):
    """``StatsAnswer`` that notes how many records each tally counted and what ``combine``
    gave."""

    def __init__(self, quarter: str | None) -> None:
        super().__init__(quarter)
        self.tallied: list[int] = []
        self.combined: list[bool] = []

    def tally(self, ctx: Context) -> dict[str, Any]:
        self.tallied.append(len(ctx.kb.files))
        return super().tally(ctx)

    def combine(self, total: dict[str, Any], minus: dict[str, Any],
                plus: dict[str, Any]) -> dict[str, Any] | None:
        out = super().combine(total, minus, plus)
        self.combined.append(out is not None)
        return out


def _kept(root: Path, args: tuple[Any, ...], capsys: pytest.CaptureFixture[str]
          ) -> tuple[tuple[Any, str], Watched]:
    t = Translator("en")
    answer = Watched(args[0])
    value = answer_of(load_config(root, t), t, TODAY, "stats", args, answer)
    return (value, capsys.readouterr().err), answer


def _from_parts(root: Path, args: tuple[Any, ...], capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Any, str], Watched]:
    with monkeypatch.context() as patched:
        _refuse_records(patched)
        return _kept(root, args, capsys)


def _records(root: Path) -> int:
    return len(list((root / "data").rglob("*.yaml")))


@pytest.mark.parametrize("number", range(len(_READ_EDITS)))
def test_an_edit_of_a_field_the_figures_read_is_counted_from_the_kept_tally(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    number: int
) -> None:
    """Every kind of field the figures read, edited in one record: the answer is the one made
    afresh, for every quarter, and it was made by combining tallies of a few records."""
    folder, edit = _READ_EDITS[number]
    path = sorted((root / "data" / folder).glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    edited = edit(original)
    assert edited != original
    total = _records(root)
    for args in ARGS:
        path.write_text(original, encoding="utf-8")
        _kept(root, args, capsys)
        path.write_text(edited, encoding="utf-8")
        got, answer = _from_parts(root, args, capsys, monkeypatch)
        assert got == _fresh(root, args, capsys), args
        assert answer.combined == [True], (args, answer.combined)
        assert max(answer.tallied) < total // 2, answer.tallied


def test_a_question_edit_is_counted_with_the_findings_that_take_its_themes(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding's themes are its questions': a question's new theme moves the findings that
    answer it from one theme to another, though no finding changed."""
    _kept(root, ARGS[0], capsys)
    before = _fresh(root, ARGS[0], capsys)
    question = next(p for p in sorted((root / "data/questions").glob("*.yaml"))
                    if any(p.stem in f.read_text(encoding="utf-8")
                           for f in (root / "data/findings").glob("*.yaml")))
    text = question.read_text(encoding="utf-8")
    question.write_text(re.sub(r"(?m)^themes: \[.*\]$", "themes: [een_nieuw_thema]", text,
                               count=1), encoding="utf-8")
    got, answer = _from_parts(root, ARGS[0], capsys, monkeypatch)
    assert got == _fresh(root, ARGS[0], capsys)
    assert got[0]["findings"]["by_theme"] != before[0]["findings"]["by_theme"]
    assert got[0]["findings"]["by_theme"].get("een_nieuw_thema", 0) > 0
    assert answer.combined == [True]


def _entry(rel: str, kind: str) -> Any:
    return SimpleNamespace(rel=rel, kind=SimpleNamespace(name=kind))


def test_the_records_an_edit_reaches_and_an_id_two_files_hold() -> None:
    """A changed question reaches the findings that name it and the other questions those
    name; an ID two records hold (the screen leaves a copy out, but ``_reached`` does not lean
    on that) is declined: which one a finding reads can change with the edit."""
    question = {"id": "Q-1", "themes": ["a"]}
    edited = {"id": "Q-1", "themes": ["b"]}
    entries = [_entry("q1", "question"), _entry("q2", "question"), _entry("f1", "finding"),
               _entry("f2", "finding"), _entry("p1", "project")]
    held = [{"id": "Q-1", "themes": ["b"]}, {"id": "Q-2", "themes": ["c"]},
            {"id": "F-1", "questions": ["Q-1", "Q-2"]}, {"id": "F-2", "questions": ["Q-9"]},
            {"id": "P-1"}]
    found = [(e.rel, f"digest-{e.rel}") for e in entries]
    rows = {rel: ((0, 0, 0), digest) for rel, digest in found}
    before = {"q1": (rows["q1"][1], ("held", question))}
    records: dict[int, Any] = {0: object()}
    got = fieldkeys._reached(StatsAnswer.depends, entries, found, rows,
                             list(enumerate(held)), before, records)
    assert got is not None
    was, now = got
    assert [i for i, _ in was] == [i for i, _ in now] == [0, 1, 2]
    assert was[0][1] == question and now[0][1] == edited
    # Q-2 held twice: F-1 reads one of them.
    twice = [*held, {"id": "Q-2", "themes": ["d"]}]
    assert fieldkeys._reached(StatsAnswer.depends, [*entries, _entry("q2b", "question")],
                              [*found, ("q2b", "d")], {**rows, "q2b": ((0, 0, 0), "d")},
                              list(enumerate(twice)), before, records) is None
    # The changed question's ID held twice once it changed.
    assert fieldkeys._reached(StatsAnswer.depends, entries, found, rows,
                              [*enumerate(held[:4]), (4, {"id": "Q-1"})], before,
                              records) is None
    # A changed file whose kept part is not the one its row names.
    assert fieldkeys._reached(StatsAnswer.depends, entries, found, rows,
                              list(enumerate(held)), {"q1": ("other", ("held", question))},
                              records) is None
    # A file removed.
    assert fieldkeys._reached(StatsAnswer.depends, entries, found, {**rows, "gone": (0, "x")},
                              list(enumerate(held)), before, records) is None


def test_a_file_added_is_combined_and_a_file_removed_is_not(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept(root, ARGS[0], capsys)
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    copy = finding.with_name("F-2099-001.yaml")
    copy.write_text(re.sub(r"(?m)^id: \S+", "id: F-2099-001",
                           finding.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    got, answer = _from_parts(root, ARGS[0], capsys, monkeypatch)
    assert got == _fresh(root, ARGS[0], capsys)
    assert answer.combined == [True]
    copy.unlink()
    got, answer = _from_parts(root, ARGS[0], capsys, monkeypatch)
    assert got == _fresh(root, ARGS[0], capsys)
    assert answer.combined == []


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_one_after_another_are_counted_as_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Edits of any one-line field of any record, one to three files at a time, run after run,
    each answer compared with one made afresh; most of them combined from the kept tally."""
    chance = random.Random(seed)
    files = sorted((root / "data").rglob("*.yaml"))
    args = ARGS[seed % len(ARGS)]  # one answer is kept: the same arguments every run
    _kept(root, args, capsys)
    combined = 0
    for _ in range(8):
        for path in chance.sample(files, chance.randint(1, 3)):
            edits = _edits(path.read_text(encoding="utf-8"))
            path.write_text(chance.choice(edits)[1], encoding="utf-8")
        expected = _fresh(root, args, capsys)
        try:
            got, answer = _from_parts(root, args, capsys, monkeypatch)
        except AssertionError:  # an ID edited: the file is left out and the records read
            got, answer = _kept(root, args, capsys)
        assert got == expected, args
        combined += answer.combined.count(True)
    assert combined >= 3


def test_a_tally_kept_for_other_arguments_is_not_combined(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One answer is kept: after ``stats --quarter`` the tally kept is that quarter's, and
    ``stats`` of everything after an edit tallies every record."""
    _kept(root, ARGS[0], capsys)
    _kept(root, ARGS[2], capsys)
    path = sorted((root / "data/findings").glob("*.yaml"))[0]
    path.write_text(_READ_EDITS[0][1](path.read_text(encoding="utf-8")), encoding="utf-8")
    got, answer = _from_parts(root, ARGS[0], capsys, monkeypatch)
    assert got == _fresh(root, ARGS[0], capsys)
    assert answer.combined == []
    assert max(answer.tallied) == _records(root)


def _tally(**counts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "period": {"quarter": None, "start": None, "end": "2026-12-04"},
        "received": 0, "decided": {}, "matched": 0, "matched_days": {}, "delivered": 0,
        "delivered_days": {}, "started": 0, "running": 0, "finished": 0, "students": {},
        "student_projects": {}, "partners": {}, "reported": 0, "by_theme": {},
        "by_design": {}, "by_maturity": {}, "follow_ups": {key: 0 for key in FOLLOW_UPS},
    }
    base.update(counts)
    return base


def test_combine_declines_what_a_fresh_tally_could_count_otherwise() -> None:
    answer = StatsAnswer(None)
    total = _tally(received=2, by_theme={"melden": 2}, partners={"politie": 1},
                   follow_ups={**{key: 0 for key in FOLLOW_UPS}, "later": 1})
    one = _tally(received=1, by_theme={"melden": 1})
    assert answer.combine(total, one, _tally())["by_theme"] == {"melden": 1}
    # A count below zero: the kept tally is not this knowledge base's.
    assert answer.combine(total, _tally(received=3), _tally()) is None
    # ``True`` and ``1`` are one key of a dict, told apart by a fresh count's first record.
    assert answer.combine(total, _tally(by_theme={True: 1}), _tally()) is None
    assert answer.combine(total, _tally(), _tally(decided={1: 1})) is None
    # A follow-up outside the four keeps the place where a record first named it.
    assert answer.combine(total, _tally(), _tally(
        follow_ups={**{key: 0 for key in FOLLOW_UPS}, "later": 1})) is None
    # Another period.
    assert answer.combine(total, _tally(period={"quarter": "2026-Q1"}), _tally()) is None
    # An institution's students go with its last project; its zero stays while one is left.
    kept = _tally(students={"hl": 0, "ul": 4}, student_projects={"hl": 1, "ul": 1})
    out = answer.combine(kept, _tally(students={"ul": 4}, student_projects={"ul": 1}),
                         _tally())
    assert out is not None
    assert (out["students"], out["student_projects"]) == ({"hl": 0}, {"hl": 1})
    assert answer.finish(out)["students"] == {"total": 0, "by_institution": {"hl": 0}}
