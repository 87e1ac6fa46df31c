"""``gaps`` after an edit (``commands/gaps_edit.py``): the kept groups with the rows of the
records the edit reaches made again are the groups made afresh from every record, for every
kind of edit; and the kept rows are used, not quietly passed over."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, TODAY
from veiligestad.cli.reading_output import answer_of, gaps_of
from veiligestad.commands import gaps_edit
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store import cache as cache_module
from veiligestad.store.config import load_config
from veiligestad.store.kb import open_kb

T = Translator("en")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example knowledge base (its saved queries too, as ``init`` makes one),
    with the cache on and every file settled."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "queries", root / "queries")
    shutil.copy(REPO / "veiligestad.yaml", root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files written before a run are settled
    monkeypatch.delenv("VEILIGESTAD_NO_CACHE", raising=False)
    return root


@pytest.fixture
def patches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run's answer was made from the kept one."""
    made: list[bool] = []
    real = gaps_edit.patched

    def counted(*args: Any) -> Any:
        found = real(*args)
        made.append(found is not None)
        return found

    monkeypatch.setattr(gaps_edit, "patched", counted)
    return made


def _kept(root: Path, capsys: pytest.CaptureFixture[str], day: Any = TODAY) -> Any:
    value = answer_of(load_config(root, T), T, day, "gaps", (), gaps_of)
    capsys.readouterr()
    return value


def _fresh(root: Path, capsys: pytest.CaptureFixture[str], day: Any = TODAY) -> Any:
    kb = open_kb(root, T, cache=False)
    value = gaps_of(context(kb, day, T))
    capsys.readouterr()
    return value


def _one_line_edits(text: str) -> list[str]:
    """Each one-line field at any depth changed: a date a year earlier, a list without its
    first item, an ID or key with another last character; and every field but the first
    removed."""
    out = []
    for match in re.finditer(r"(?m)^ *(?:- )?([a-z_]+): ([^\s>|].*)$", text):
        value = match.group(2)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            new = str(int(value[:4]) - 1) + value[4:]
        elif value.startswith("[") and value.endswith("]"):
            new = "[" + ",".join(value[1:-1].split(",")[1:]).strip() + "]"
        else:
            new = value[:-1] + ("1" if value[-1] != "1" else "2")
        out.append(text[:match.start(2)] + new + text[match.end(2):])
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if re.match(r"[a-z_]+:", line):
            out.append("\n".join([*lines[:number], "# removed"]) + "\n")
            break
    return out


_STATUSES = ("submitted", "intake", "ready", "matched", "in_progress", "delivered",
             "fed_back", "running", "finished", "draft", "published")


def _status_edits(text: str) -> list[str]:
    """Each status or review set to each other status the gaps read."""
    out = []
    for match in re.finditer(r"(?m)^(status|review): (\S+)$", text):
        out.extend(text[:match.start(2)] + other + text[match.end(2):]
                   for other in _STATUSES if other != match.group(2))
    return out


def _compare(root: Path, path: Path, edited: str, capsys: pytest.CaptureFixture[str],
             label: Any) -> None:
    original = path.read_text(encoding="utf-8")
    _kept(root, capsys)  # kept for the original
    path.write_text(edited, encoding="utf-8")
    assert _kept(root, capsys) == _fresh(root, capsys), label
    assert _kept(root, capsys) == _fresh(root, capsys), label  # and kept again after it
    path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_every_edit_of_a_record_gives_the_groups_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool], kind: str
) -> None:
    files = sorted((root / "data" / kind).glob("*.yaml"))
    for path in random.Random(kind).sample(files, 3):
        original = path.read_text(encoding="utf-8")
        edits = [*_one_line_edits(original), *_status_edits(original)]
        for number, edited in enumerate(edits):
            _compare(root, path, edited, capsys, (path.name, number))
    assert patches.count(True) >= len(patches) // 3, "the kept rows were hardly ever used"


def test_the_rows_are_kept_beside_saved_queries(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool]
) -> None:
    """``init`` makes a ``queries/`` folder: its entries follow the record files' in the
    listing, and must not keep the rows from being written (a first version was never used
    in such a knowledge base)."""
    assert list((root / "queries").glob("*.yaml"))
    _kept(root, capsys)
    assert (root / cache_module.CACHE_DIR / gaps_edit.ROWS_FILE).exists()
    finding = next(iter(sorted((root / "data" / "findings").glob("*.yaml"))))
    finding.write_text(finding.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert _kept(root, capsys) == _fresh(root, capsys)
    assert patches == [False, True]


def test_a_suspect_link_appears_and_goes_with_its_target(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool]
) -> None:
    question = root / "data" / "questions" / "Q-2026-001.yaml"
    original = question.read_text(encoding="utf-8")
    edited = original.replace("Hoe vaak maken", "Hoe vaak en waar maken", 1)
    assert edited != original
    _kept(root, capsys)
    question.write_text(edited, encoding="utf-8")
    found = _kept(root, capsys)
    assert found == _fresh(root, capsys)
    assert any(row["target"] == "Q-2026-001" for row in found[3]["suspect_links"])
    question.write_text(original, encoding="utf-8")
    found = _kept(root, capsys)
    assert found == _fresh(root, capsys)
    assert not found[3]["suspect_links"]
    assert patches[1:] == [True, True]


def test_files_added_removed_renamed_duplicated_and_broken(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool]
) -> None:
    data = root / "data"
    question = data / "questions" / "Q-2026-001.yaml"
    project = data / "projects" / "P-2026-001.yaml"
    finding = next(iter(sorted((data / "findings").glob("*.yaml"))))
    steps = [
        ("a question added", lambda: (data / "questions" / "Q-2026-090.yaml").write_text(
            question.read_text(encoding="utf-8").replace("Q-2026-001", "Q-2026-090")
            .replace("status: ", "status: submitted\nold_status: ", 1), encoding="utf-8")),
        ("a project removed", project.unlink),
        ("a question's ID changed", lambda: question.write_text(
            question.read_text(encoding="utf-8").replace("id: Q-2026-001", "id: Q-2026-091"),
            encoding="utf-8")),
        ("an ID held twice", lambda: (data / "questions" / "Q-2026-092.yaml").write_text(
            question.read_text(encoding="utf-8"), encoding="utf-8")),
        ("a finding that is no record", lambda: finding.write_text("id: [", encoding="utf-8")),
        ("the finding again", lambda: finding.write_text(
            (REPO / "data" / "findings" / finding.name).read_text(encoding="utf-8"),
            encoding="utf-8")),
    ]
    _kept(root, capsys)
    for label, step in steps:
        step()
        assert _kept(root, capsys) == _fresh(root, capsys), label
    assert True in patches and False in patches[1:]  # used, and declined where it must be


def test_another_day_or_config_is_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool]
) -> None:
    import datetime as dt

    _kept(root, capsys)
    finding = next(iter(sorted((root / "data" / "findings").glob("*.yaml"))))
    finding.write_text(finding.read_text(encoding="utf-8").replace("title: ", "title: X ", 1),
                       encoding="utf-8")
    later = TODAY + dt.timedelta(days=400)
    assert _kept(root, capsys, later) == _fresh(root, capsys, later)
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "follow_up_days: 180", "follow_up_days: 1"), encoding="utf-8")
    finding.write_text(finding.read_text(encoding="utf-8").replace("title: X ", "title: ", 1),
                       encoding="utf-8")
    found = _kept(root, capsys, later)
    assert found == _fresh(root, capsys, later)
    assert found[2]["follow_up_days"] == 1
    assert patches[1:] == [False, False]


def test_rows_from_elsewhere_prove_nothing(
    root: Path, capsys: pytest.CaptureFixture[str], patches: list[bool]
) -> None:
    """Rows whose stats match no file of this checkout (a cache copied in, or planted with a
    false answer) are never used."""
    import pickle

    _kept(root, capsys)
    folder = root / cache_module.CACHE_DIR
    kept = cache_module.read_kept(folder, gaps_edit.ROWS_FILE, gaps_edit.ROWS_MAGIC)
    fingerprint, max_bytes, written_ns, ctx, rows, value, left_out = kept
    rows = {rel: ((0, 0, 0, 0, 0), *row[1:]) for rel, row in rows.items()}
    value[3]["waiting_for_intake"] = [{"id": "Q-2026-999", "title": "planted"}]
    cache_module.write_cache_file(folder, folder / gaps_edit.ROWS_FILE, gaps_edit.ROWS_MAGIC,
                                  (fingerprint, max_bytes, written_ns, ctx, rows, value,
                                   left_out))
    finding = next(iter(sorted((root / "data" / "findings").glob("*.yaml"))))
    finding.write_text(finding.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert _kept(root, capsys) == _fresh(root, capsys)
    assert patches[1:] == [False]
    assert pickle.dumps(_kept(root, capsys)).count(b"planted") == 0
