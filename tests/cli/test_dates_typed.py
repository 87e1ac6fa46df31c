"""A date a user types is read one way by every command: ``2026-07-01`` or, day first,
``1-7-2026`` (``/`` and ``.`` too). ``status --on`` and ``intake --needed-by`` took
``27-11-2026`` while ``query --since``, ``-w 'received>1-12-2026'`` and ``contributors
--since`` refused it (the last in English only, without naming the option)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import REPO
from veiligestad.cli.main import app
from veiligestad.periods import read_day

runner = CliRunner()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       st.sampled_from(["-", "/", "."]), st.booleans())
def test_every_way_of_writing_a_day_reads_as_that_day(day: dt.date, sep: str,
                                                      padded: bool) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert read_day(f"{d}{sep}{m}{sep}{day.year:04d}") == day
    assert read_day(day.isoformat()) == day
    assert read_day(f" {day.isoformat()} ") == day


@pytest.mark.parametrize("text", ["31-02-2026", "2026-13-01", "2026-02-30", "yesterday", "",
                                  "1-7-26", "2026/07/01x", "32.1.2026"])
def test_what_is_no_day_is_none(text: str) -> None:
    assert read_day(text) is None


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dates") / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    return root


def _run(kb: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--kb", str(kb), "--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 1, 1)))
def test_query_reads_both_ways_alike(kb: Path, day: dt.date) -> None:
    dutch = f"{day.day}-{day.month}-{day.year}"
    for option in (["--since"], ["--until"]):
        iso = _run(kb, "query", "findings", *option, day.isoformat(), "--format", "ids")
        assert iso[0] == 0, iso
        assert _run(kb, "query", "findings", *option, dutch, "--format", "ids") == iso
    iso = _run(kb, "query", "questions", "-w", f"received>={day.isoformat()}", "--format", "ids")
    assert iso[0] == 0, iso
    assert _run(kb, "query", "questions", "-w", f"received>={dutch}", "--format", "ids") == iso


@pytest.mark.parametrize("args", [["query", "findings", "--since"],
                                  ["query", "findings", "--until"],
                                  ["contributors", "--since"], ["contributors", "--until"]])
@pytest.mark.parametrize("wrong", ["31-02-2026", "yesterday"])
def test_a_wrong_day_is_said_with_both_ways(kb: Path, args: list[str], wrong: str) -> None:
    code, _, err = _run(kb, *args, wrong)
    assert code == 2, err
    assert f"'{wrong}' is not a date" in err and "DD-MM-YYYY" in err and "Traceback" not in err
    code, _, err = _run(kb, "query", "questions", "-w", f"received>{wrong}")
    assert code == 2 and "DD-MM-YYYY" in err, err


def test_changes_reads_a_day_first_date_as_a_date(tmp_path: Path) -> None:
    """changes --since takes a date or a git ref: 1-1-2026 is a date."""
    from tests.gitkb import init_repo

    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    init_repo(root)
    iso = _run(root, "changes", "--since", "2026-01-01")
    assert iso[0] == 0, iso
    assert _run(root, "changes", "--since", "1-1-2026")[1].replace("1-1-2026", "2026-01-01") \
        == iso[1]
