"""``veiligestad review``: re-stamping edits only ``link_stamps``, keeps the rest byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from veiligestad.cli.main import app

runner = CliRunner()
PROJECT = "data/projects/P-2026-001.yaml"


def _review(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "review", *args])
    return result.exit_code, result.output


def test_review_appends_stamps_and_keeps_comments_and_order(base_kb: Path) -> None:
    path = base_kb / PROJECT
    original = path.read_text(encoding="utf-8").replace(
        "type: action_research", "type: action_research   # agreed with the client\n"
        "# the ethics were checked twice")
    path.write_text(original, encoding="utf-8")
    code, out = _review(base_kb, "P-2026-001")
    assert code == 0, out
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    added = text[len(original):]
    lines = added.splitlines()
    assert lines[0] == "link_stamps:"
    assert [line.split(":")[0] for line in lines[1:]] == ["  Q-2026-001", "  Q-2026-002"]
    assert all(line.endswith("'") for line in lines[1:])  # quoted: never read as a number
    stamps = yaml.safe_load(text)["link_stamps"]
    assert all(isinstance(s, str) and len(s) == 8 for s in stamps.values())
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_review_twice_writes_once(base_kb: Path) -> None:
    assert _review(base_kb, "F-2026-9ZXA")[0] == 0
    path = base_kb / "data/findings/F-2026-9ZXA.yaml"
    stamps = yaml.safe_load(path.read_text(encoding="utf-8"))["link_stamps"]
    assert list(stamps) == ["P-2026-001", "Q-2026-002", "F-2026-7KQ3"]
    before = path.stat().st_mtime_ns, path.read_bytes()
    code, out = _review(base_kb, "F-2026-9ZXA")
    assert code == 0 and "already reviewed" in out
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_review_keeps_crlf_and_indentation_of_nested_lists(base_kb: Path) -> None:
    path = base_kb / "data/findings/F-2026-7KQ3.yaml"
    original = path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    assert _review(base_kb, "F-2026-7KQ3")[0] == 0
    raw = path.read_bytes()
    assert raw.startswith(original)
    assert b"\r\nlink_stamps:\r\n  P-2026-001: '" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_stale_stamps_are_dropped_and_the_result_validates(base_kb: Path) -> None:
    path = base_kb / PROJECT
    path.write_text(path.read_text(encoding="utf-8")
                    + "link_stamps:\n  Q-2026-001: '00000000'\n  Q-2026-999: 'ffffffff'\n",
                    encoding="utf-8")
    code, out = _review(base_kb, "P-2026-001")
    assert code == 0 and "links re-stamped (Q-2026-001, Q-2026-002)" in out
    stamps = yaml.safe_load(path.read_text(encoding="utf-8"))["link_stamps"]
    assert list(stamps) == ["Q-2026-001", "Q-2026-002"]
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


def test_review_refuses_what_it_cannot_edit_safely(base_kb: Path) -> None:
    assert _review(base_kb)[0] == 2
    code, out = _review(base_kb, "P-2026-404")
    assert code == 2 and "there is no record P-2026-404" in out
    path = base_kb / PROJECT
    broken = path.read_text(encoding="utf-8") + "type: thesis\n"  # a duplicate key
    path.write_text(broken, encoding="utf-8")
    code, out = _review(base_kb, "P-2026-001")
    assert code == 2 and "cannot be edited safely" in out
    assert path.read_text(encoding="utf-8") == broken
