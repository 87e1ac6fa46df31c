"""Every figure in the quarterly report is the figure ``veiligestad stats --format json`` gives.

The report is read back as a reader would (its Markdown tables and sentences), and each number is
compared with the JSON of the ``stats`` command for the quarter (and, for the year to date, with
the sum over the year's quarters).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.commands.report_helpers import copy_example, report, runner

QUARTER = "2026-Q3"
YEAR_QUARTERS = ("2026-Q1", "2026-Q2", "2026-Q3")
# Row label in the English report → path in the stats JSON, and whether the year column adds up.
KEY_ROWS: dict[str, tuple[tuple[str, ...], bool]] = {
    "Questions received": (("questions", "received"), True),
    "Questions decided": (("questions", "decided", "total"), True),
    "of which accepted": (("questions", "decided", "by_decision", "ready"), True),
    "of which referred": (("questions", "decided", "by_decision", "referred"), True),
    "of which refused": (("questions", "decided", "by_decision", "refused"), True),
    "of which answered with advice": (("questions", "decided", "by_decision", "advised"), True),
    "Questions matched to students": (("questions", "matched"), True),
    "Questions delivered": (("questions", "delivered"), True),
    "Projects started": (("projects", "started"), True),
    "Projects running in the quarter": (("projects", "running"), False),
    "Projects finished": (("projects", "finished"), True),
    "Students in running projects": (("students", "total"), False),
    "Findings reported": (("findings", "reported"), True),
    "Recommendations made": (("recommendations", "total"), True),
    "Partners reached": (("partners_reached", "count"), False),
}


def _at(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _stats(root: Path, quarter: str) -> dict[str, Any]:
    from veiligestad.cli.main import app

    result = runner.invoke(app, ["--kb", str(root), "stats", "--quarter", quarter,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def _tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if not all(re.fullmatch(r"-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def _table(text: str, header: list[str]) -> dict[str, list[str]]:
    for table in _tables(text):
        if table[0] == header:
            return {row[0]: row[1:] for row in table[1:]}
    raise AssertionError(f"no table with header {header}")


def _labels(root: Path, vocabulary: str) -> dict[str, str]:
    import yaml

    config = yaml.safe_load((root / "veiligestad.yaml").read_text(encoding="utf-8"))
    entries = config["vocabularies"][vocabulary]
    return {entry["en"]: key for key, entry in entries.items()}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    root = copy_example(tmp_path_factory.mktemp("figures") / "leiden")
    result = report(root, "quarterly", "--quarter", QUARTER, "--lang", "en", "-o", "r.md")
    assert result.exit_code == 0, result.output
    stats = {q: _stats(root, q) for q in YEAR_QUARTERS}
    mp.undo()
    return root, (root / "r.md").read_text(encoding="utf-8"), stats


def test_key_figures_are_the_stats_of_the_quarter_and_their_sum_over_the_year(
        example: tuple[Path, str, dict[str, Any]]) -> None:
    _, text, stats = example
    table = _table(text, ["Key figure", QUARTER, "2026 so far"])
    assert set(table) == set(KEY_ROWS)
    for label, (path, additive) in KEY_ROWS.items():
        quarter, year = table[label]
        assert quarter == str(_at(stats[QUARTER], path)), label
        expected = str(sum(_at(stats[q], path) for q in YEAR_QUARTERS)) if additive else "–"
        assert year == expected, label


def test_the_funnel_chart_shows_the_same_numbers(
        example: tuple[Path, str, dict[str, Any]]) -> None:
    _, text, stats = example
    table = _table(text, ["Step", QUARTER, "2026 so far"])
    assert len(table) == 5
    for label, row in table.items():
        path, _ = KEY_ROWS[label]
        assert row == [str(_at(stats[QUARTER], path)),
                       str(sum(_at(stats[q], path) for q in YEAR_QUARTERS))], label


def test_the_medians_are_those_of_stats(example: tuple[Path, str, dict[str, Any]]) -> None:
    _, text, stats = example
    questions = stats[QUARTER]["questions"]
    for key, sentence in (("median_days_received_to_matched", "receipt to matching"),
                          ("median_days_matched_to_delivered", "matching to delivery")):
        value = questions[key]
        if value is None:
            assert re.search(f"so there is no time from {sentence}", text), key
        else:
            assert re.search(f"From {sentence}.*? median of {value} days", text), key


def test_project_lists_and_students_match_the_counts(
        example: tuple[Path, str, dict[str, Any]]) -> None:
    root, text, stats = example
    projects = stats[QUARTER]["projects"]
    assert f"Started this quarter: {projects['started']}\n" in text
    assert f"finished): {projects['running']}\n" in text
    assert f"Finished this quarter: {projects['finished']}\n" in text
    table = _table(text, ["Institution", "Programme", "Projects", "Students"])
    institutions = _labels(root, "institutions")
    totals: dict[str, int] = {}
    running = 0
    for label, (_programme, count, students) in table.items():
        totals[institutions[label]] = totals.get(institutions[label], 0) + int(students)
        running += int(count)
    assert totals == stats[QUARTER]["students"]["by_institution"]
    assert running == projects["running"]


def test_new_findings_and_the_theme_chart_match(example: tuple[Path, str, dict[str, Any]]) -> None:
    root, text, stats = example
    section = text.split("## 4. New findings")[1].split("## 5.")[0]
    assert section.count("\n#### ") == stats[QUARTER]["findings"]["reported"]
    themes = _labels(root, "themes")
    table = _table(text, ["Theme", *YEAR_QUARTERS])
    for q_index, quarter in enumerate(YEAR_QUARTERS):
        shown = {themes[label]: int(row[q_index]) for label, row in table.items()
                 if int(row[q_index])}
        assert shown == stats[quarter]["findings"]["by_theme"], quarter


def test_follow_up_and_partners_reached_match(example: tuple[Path, str, dict[str, Any]]) -> None:
    root, text, stats = example
    states = {"no response yet": "none", "responded": "responded", "adopted": "adopted",
              "rejected": "rejected"}
    table = _table(text, ["Follow-up", QUARTER, "2026 so far"])
    for label, (quarter, year) in table.items():
        path = ("recommendations", "by_follow_up", states[label])
        assert int(quarter) == _at(stats[QUARTER], path)
        assert int(year) == sum(_at(stats[q], path) for q in YEAR_QUARTERS)
    reached = stats[QUARTER]["partners_reached"]
    match = re.search(r"addressees of recommendations\): (\d+), namely (.*)\.\n", text)
    assert match is not None and int(match[1]) == reached["count"]
    partners = _labels(root, "partners")
    assert sorted(partners[name] for name in match[2].split(", ")) == reached["partners"]
