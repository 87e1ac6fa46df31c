"""A user's mistake is said once, whatever the reading commands keep.

A reading command makes its answer from what it kept when it can and, when that cannot be
used, from the records; an answer's computation must never print. ``stats -q 2026-Q5`` printed
its error twice once ``stats`` had kept its parts: the computation from the parts printed it,
failed, and the one from the records printed it again. Here every reading command with a
mistake in its arguments runs with nothing kept, with everything kept, and after an edit of a
field each of them reads (so the kept parts are used), through the quick path and through
Typer: one error, its hint, exit code 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.drive import through_entry, through_typer
from tests.conftest import REPO
from veiligestad.store import cache as cache_module

BAD: list[list[str]] = [
    ["stats", "-q", "2026-Q5"],
    ["stats", "-q", "Q3-2026", "-f", "json"],
    ["stats", "--quarter", "2026-Q0", "--audience", "public"],
    ["query", "findings", "--quarter", "2026-Q5"],
    ["query", "findings", "-w", "reported>31-02-2026"],
    ["query", "findings", "--format", "ids", "-w", "nonsense~"],
    ["show", "F-2026-ZZZZ"],
    ["report", "quarterly", "--quarter", "2026-Q5", "-o", "build/r.md"],
]
# Run first, so that every answer and part is kept.
GOOD: list[list[str]] = [["stats"], ["stats", "-q", "2026-Q3"], ["stats", "-f", "json"],
                         ["gaps"], ["query", "findings", "--format", "ids"],
                         ["show", "F-2026-19J9"],
                         ["report", "quarterly", "--quarter", "2026-Q3", "-o", "build/r.md"]]


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files written before a run are settled
    for name in ("VEILIGESTAD_QUICK", "VEILIGESTAD_LANG", "VEILIGESTAD_KB",
                 "VEILIGESTAD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    monkeypatch.chdir(root)
    return root


_entry = through_entry


def _said_once(argv: list[str], capsys: pytest.CaptureFixture[str], state: str) -> None:
    for how, run in (("entry", _entry), ("typer", through_typer)):
        _, err, code = run(["--lang", "en", *argv], capsys)
        assert code == 2, (state, how, argv, err)
        assert err.count("error:") == 1 and err.count("hint:") <= 1, (state, how, argv, err)
        assert "Traceback" not in err


def _edit_dates(root: Path) -> None:
    """A date every reading command reads, in every finding: no kept answer holds after it."""
    for path in sorted((root / "data" / "findings").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("reported: 2026-", "reported: 2025-", 1), encoding="utf-8")


def test_every_mistake_is_said_once_whatever_is_kept(
        kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in BAD:
        _said_once(argv, capsys, "nothing kept")
    for argv in GOOD:
        _, err, code = _entry(["--lang", "en", *argv], capsys)
        assert code in (0, 1), (argv, err)
    assert any((kb / ".veiligestad-cache").rglob("*parts*")), "no parts were kept"
    for argv in BAD:
        _said_once(argv, capsys, "everything kept")
    _edit_dates(kb)
    for argv in BAD:
        _said_once(argv, capsys, "after an edit")


@pytest.mark.parametrize("command", [["validate"], ["stats"], ["gaps"], ["query", "findings"],
                                     ["show", "F-2026-19J9"]])
def test_a_wrong_language_names_where_it_came_from(
        kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    """``VEILIGESTAD_LANG=fr`` was blamed on ``--lang``, which the user had not given."""
    monkeypatch.setenv("VEILIGESTAD_LANG", "fr")
    _, err, code = _entry(command, capsys)
    assert code == 2 and "VEILIGESTAD_LANG" in err and "--lang" not in err, err
    monkeypatch.delenv("VEILIGESTAD_LANG")
    _, err, code = _entry(["--lang", "fr", *command], capsys)
    assert code == 2 and "--lang" in err, err
