"""The open data's rows kept per record (``site/rows.py``): after any edit the files joined from
the kept parts are byte for byte the files the export's own functions make."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from tests.cachefiles import dump_kept, load_kept, write_kept_bytes
from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY
from tests.site.test_kept_public import _edit_anywhere, _load, _save
from veiligestad.site import rows


def _both(root: Path, today: dt.date = TODAY) -> tuple[Any, Any]:
    """The open data joined from kept parts, and as ``open_data_files`` makes it."""
    from veiligestad.i18n import Translator
    from veiligestad.query import context
    from veiligestad.site.opendata import open_data_files
    from veiligestad.site.public import kept_public_view_tokens
    from veiligestad.store.kb import open_kb

    t = Translator("nl")
    kb, tokens = kept_public_view_tokens(root, open_kb(root, t, lazy=True), today)
    assert tokens is not None
    joined = rows.kept_open_data_files(context(kb, today, t, public=True), root, tokens)
    made = open_data_files(context(kb, today, t, public=True))
    return joined, made


def _same(root: Path, today: dt.date = TODAY) -> None:
    joined, made = _both(root, today)
    assert joined is not None
    assert joined[1] == made[1]
    assert sorted(joined[0]) == sorted(made[0])
    for name, content in made[0].items():
        assert joined[0][name] == content, name


def _edit(root: Path, folder: str, rid: str, change: Any) -> None:
    path = root / "data" / folder / f"{rid}.yaml"
    data = _load(path)
    change(data)
    _save(path, data)


def test_the_parts_are_kept_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    _same(root)
    assert sorted((root / ".veiligestad-cache" / "site").glob("rows-*.pickle"))
    made: list[str] = []
    real = rows._row

    def counting(ctx: Any, builder: Any, record: Any) -> Any:
        made.append(record.record_id)
        return real(ctx, builder, record)

    monkeypatch.setattr(rows, "_row", counting)
    _edit(root, "findings", "F-2026-19J9", lambda d: d.__setitem__("statement", "Anders."))
    _same(root)
    assert made == ["F-2026-19J9"]  # only the changed record's row was made again


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_at_any_depth_join_to_the_exports_own_bytes(tmp_path: Path,
                                                                  seed: int) -> None:
    rng = random.Random(seed)
    root = copy_example(tmp_path / "leiden")
    ids = sorted(p.stem for p in (root / "data").rglob("*.yaml"))
    _same(root)
    for step in range(10):
        _edit_anywhere(rng, root, ids)
        _same(root, TODAY + dt.timedelta(days=step // 5))


# Edits of one record that change what another, unchanged, record's row shows: its backlinks
# and the themes of its questions (``query.view.ViewBuilder``), and a new column in its table.
def _project_takes_question(data: dict[str, Any]) -> None:
    data["questions"] = [*data.get("questions", []), "Q-2026-011"]


def _question_themes(data: dict[str, Any]) -> None:
    data["themes"] = ["straatintimidatie", "online"]


def _new_field(data: dict[str, Any]) -> None:
    data["intervention"] = "Een nieuwe interventie"
    data.setdefault("evidence", {})["summary"] = "Een nieuwe samenvatting"


def _new_relation(data: dict[str, Any]) -> None:
    data["relations"] = [{"finding": "F-2026-19J9", "type": "supports"}]


def _another_question(data: dict[str, Any]) -> None:
    data["questions"] = ["Q-2026-011"]


def _finding_of_project(data: dict[str, Any]) -> None:
    data["project"] = "P-2026-001"


ACROSS = {
    "a project takes up a question": ("projects", "P-2026-001", _project_takes_question),
    "a question's themes": ("questions", "Q-2025-001", _question_themes),
    "a field no row had": ("findings", "F-2025-33JB", _new_field),
    "a relation to another finding": ("findings", "F-2025-33JB", _new_relation),
    "a finding moves to another project": ("findings", "F-2025-33JB", _finding_of_project),
    "a finding answers another question": ("findings", "F-2025-33JB", _another_question),
}


@pytest.mark.parametrize("edit", sorted(ACROSS))
def test_an_edit_that_changes_another_records_row(tmp_path: Path, edit: str) -> None:
    folder, rid, change = ACROSS[edit]
    root = copy_example(tmp_path / "leiden")
    _same(root)
    before = _both(root)[1][0]
    _edit(root, folder, rid, change)
    after = _both(root)[1][0]
    assert before != after  # the edit shows in the open data: the test can fail
    _same(root)


def test_the_next_day_the_rows_are_made_again(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    _same(root)
    later = TODAY + dt.timedelta(days=400)
    _same(root, later)


def test_a_kept_part_holds_only_for_the_same_code(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    _same(root)
    folder = root / ".veiligestad-cache" / "site"
    for path in folder.glob("rows-*.pickle"):
        key, parts = load_kept(path)
        for part in parts.values():
            part[1] = part[1].replace('"', "'")  # every JSON line made wrong
        dump_kept(path, (key, parts))
    joined, made = _both(root)
    assert joined[0]["veiligestad.json"] != made[0]["veiligestad.json"]  # kept parts are used
    from veiligestad.store import cache

    monkeypatch.setattr(cache, "_FINGERPRINT", "another version of the tool")
    _same(root)


@pytest.mark.parametrize("content", [
    b"not a pickle",
    b"cos\nsystem\n(S'touch PLANTED'\ntR.",
])
def test_a_damaged_or_planted_file_is_ignored(tmp_path: Path, content: bytes,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "leiden")
    _same(root)
    monkeypatch.chdir(tmp_path)
    for path in (root / ".veiligestad-cache" / "site").glob("rows-*.pickle"):
        write_kept_bytes(path, content)
    _same(root)
    assert not (tmp_path / "PLANTED").exists()


def test_parts_of_another_shape_under_the_right_key_are_ignored(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    _same(root)
    for path in (root / ".veiligestad-cache" / "site").glob("rows-*.pickle"):
        key, parts = load_kept(path)
        for part in parts.values():
            part[2] = (1, 2)  # fields that are not names
            part[6] = {"x": 5}
        dump_kept(path, (key, parts))
    joined, made = _both(root)
    assert joined is None or joined == made
