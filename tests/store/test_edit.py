"""Round-trip edits keep every byte a person wrote, apart from the change itself."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from tests.conftest import CASES, REPO
from veiligestad.cli.main import app
from veiligestad.store.edit import list_offset, load_for_edit

runner = CliRunner()
GOLDEN = Path(__file__).parents[1] / "golden" / "edit"
RECORDS = sorted([*(REPO / "data").rglob("*.yaml"), *(CASES / "base" / "data").rglob("*.yaml"),
                  *(CASES / "valid").rglob("*.yaml")])


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_loading_and_dumping_changes_nothing(path: Path) -> None:
    record = load_for_edit(path)
    assert record.dump() == record.original
    assert not record.changed


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "Q-2026-001.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: Q-2026-001\r\n# kept\r\nthemes: [ov]\r\n")
    record = load_for_edit(path)
    record.data["themes"].append("online")
    assert record.save()
    assert path.read_bytes() == b"\xef\xbb\xbfid: Q-2026-001\r\n# kept\r\nthemes: [ov, online]\r\n"


def test_list_offset_follows_the_file() -> None:
    assert list_offset("a:\n  - 1\n") == 2
    assert list_offset("a:\n- 1\n") == 0
    assert list_offset("a: [1]\n") == 2


def _compare_golden(name: str, actual: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("VEILIGESTAD_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"{name} (golden)", f"{name} (now)"))
        pytest.fail(f"{name} differs from its golden file (VEILIGESTAD_UPDATE_GOLDEN=1 to "
                    f"accept):\n{diff}")


def test_link_and_status_keep_comments_and_key_order(tmp_path: Path) -> None:
    """A hand-written project (comments, its own key order, `- ` at the key's column) and a
    question with flow-style history entries, edited by link and status: golden files."""
    root = copy_example(tmp_path / "kb")
    shutil.copyfile(GOLDEN / "P-2026-004.before.yaml", root / "data/projects/P-2026-004.yaml")
    shutil.copyfile(GOLDEN / "Q-2026-013.before.yaml", root / "data/questions/Q-2026-013.yaml")
    kb = ["--kb", str(root)]
    assert_valid(root)
    result = runner.invoke(app, [*kb, "link", "Q-2026-012", "P-2026-004"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*kb, "status", "Q-2026-013", "ready", "--by", "coördinator",
                                 "--reason", "Besproken in het intakeoverleg."])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*kb, "status", "P-2026-004", "stopped", "--by", "coördinator",
                                 "--reason", "De studenten zijn gestopt."])
    assert result.exit_code == 0, result.output
    _compare_golden("P-2026-004.after.yaml",
                    (root / "data/projects/P-2026-004.yaml").read_text(encoding="utf-8"))
    _compare_golden("Q-2026-013.after.yaml",
                    (root / "data/questions/Q-2026-013.yaml").read_text(encoding="utf-8"))
    assert_valid(root)


def test_a_refused_edit_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    shutil.copyfile(GOLDEN / "P-2026-004.before.yaml", root / "data/projects/P-2026-004.yaml")
    before = snapshot(root)
    kb = ["--kb", str(root)]
    refused = [
        ["status", "P-2026-004", "planned"],            # not an allowed transition
        ["status", "P-2026-004", "nonsense"],           # not a status
        ["status", "Q-2099-001", "intake"],             # no such record
        ["link", "P-2026-004", "Q-2099-001"],           # no such question
        ["link", "P-2026-004", "P-2026-005"],           # two projects
        ["link", "P-2026-004", "Q-2026-013"],           # project starts before it came in
        ["link", "F-2026-YWDN", "Q-2026-005"],          # not a question of its project
        ["link", "F-2026-YWDN", "F-2026-G1VV", "--type", "agrees"],
        ["unlink", "P-2026-004", "Q-2026-005"],         # its only question
        ["unlink", "P-2026-002", "Q-2026-002"],         # findings answer it
    ]
    for args in refused:
        result = runner.invoke(app, [*kb, *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_a_comment_after_a_growing_list_keeps_its_gap(tmp_path: Path) -> None:
    path = tmp_path / "P-2026-001.yaml"
    path.write_text("questions: [Q-2026-001]    # wide gap\nthemes: [ov] # narrow\n",
                    encoding="utf-8")
    record = load_for_edit(path)
    record.data["questions"].append("Q-2026-002")
    record.data["themes"].append("online")
    assert record.dump() == ("questions: [Q-2026-001, Q-2026-002]    # wide gap\n"
                             "themes: [ov, online] # narrow\n")
