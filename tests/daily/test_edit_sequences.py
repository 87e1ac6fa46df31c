"""The round-trip promise under every order of edits: link, unlink, a relation's type, status and
review keep every comment line, leave no emptied list behind, and link + unlink restores the file
byte for byte."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example
from veiligestad.cli.main import app

runner = CliRunner()
OTHER = "F-2026-6HGT"  # a finding of the same project


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def _op(root: Path, finding: str, name: str) -> None:
    kb = ["--kb", str(root), "--lang", "en"]
    path = root / f"data/findings/{finding}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    args = {
        "link": ["link", finding, OTHER],
        "unlink": ["unlink", finding, OTHER],
        "retype": ["link", finding, OTHER, "--type", "contradicts"],
        "status": ["status", finding, "draft" if data["review"] == "reviewed" else "reviewed",
                   "--by", "dr. Jansen"],
        "review": ["review", finding],
    }[name]
    result = runner.invoke(app, [*kb, *args])
    assert result.exit_code == 0, (name, result.output)


def _new_finding(root: Path) -> str:
    result = runner.invoke(app, ["--kb", str(root), "new", "finding", "--no-input", "-p",
                                 "P-2026-005", "--title", "Een bevinding", "--statement",
                                 "Fictief.", "--type", "prevalence"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


OPS = ("link", "unlink", "retype", "status", "review")
SEQUENCES = [*itertools.product(OPS, repeat=2),
             ("link", "status", "unlink"), ("retype", "review", "unlink"),
             ("link", "unlink", "link", "unlink"), ("status", "link", "status", "unlink")]


@pytest.mark.parametrize("ops", SEQUENCES, ids=["-".join(s) for s in SEQUENCES])
def test_every_order_of_edits_keeps_the_comments(ops: tuple[str, ...], tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    finding = _new_finding(root)
    path = root / f"data/findings/{finding}.yaml"
    original = path.read_text(encoding="utf-8")
    assert _comments(original), "the template has comments to keep"
    for name in ops:
        _op(root, finding, name)
        text = path.read_text(encoding="utf-8")
        assert _is_subsequence(_comments(original), _comments(text)), (ops, text)
        assert "[]" not in text and "{}" not in text, (ops, text)
        data = yaml.safe_load(text)
        if not data.get("relations"):
            assert "relations" not in data, (ops, text)
    assert_valid(root)
    if "status" not in ops:
        # with the links back as they were, the file is the one the template wrote
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data.get("relations"):
            assert path.read_text(encoding="utf-8") == original, ops


HAND_WRITTEN = """\
id: F-2026-HW01
title: Met de hand geschreven
fictional: true
project: P-2026-005
questions: [Q-2026-006]
statement: Fictief.
type: prevalence
relations:   # verwant werk
  - type: supports   # zie ook
    finding: F-2026-6HGT
# Een opmerking onder de relaties, over wat volgt.
# Nog een regel.
reported: 2026-11-01
review: draft
"""


def test_unlink_keeps_comments_written_below_the_list(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "data/findings/F-2026-HW01.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(root), "unlink", "F-2026-HW01", OTHER])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "relations" not in text
    assert ("type: prevalence\n# Een opmerking onder de relaties, over wat volgt.\n"
            "# Nog een regel.\nreported: 2026-11-01\n") in text
    retype = runner.invoke(app, ["--kb", str(root), "link", "F-2026-HW01", OTHER,
                                 "--type", "contradicts"])
    assert retype.exit_code == 0, retype.output
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["relations"] == [
        {"type": "contradicts", "finding": OTHER}]


def test_changing_a_relations_type_happens(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    path = root / "data/findings/F-2026-HW01.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    kb = ["--kb", str(root), "--lang", "en"]
    result = runner.invoke(app, [*kb, "link", "F-2026-HW01", OTHER, "--type", "contradicts"])
    assert result.exit_code == 0, result.output
    assert "changed from supports to contradicts" in result.output
    text = path.read_text(encoding="utf-8")
    assert "  - type: contradicts   # zie ook\n" in text
    same = runner.invoke(app, [*kb, "link", "F-2026-HW01", OTHER, "--type", "contradicts"])
    assert same.exit_code == 0 and "already linked" in same.output
    assert path.read_text(encoding="utf-8") == text
