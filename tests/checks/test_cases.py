"""Data-driven cases: each hostile file, mixed into a valid knowledge base, yields its problems.

A case is a folder in ``tests/cases/invalid/`` (or ``valid/``): the files under its ``data/`` are
copied into a copy of ``tests/cases/base``, an optional ``case.yaml`` pads a file or plants a
symbolic link, and ``expected.yaml`` lists every problem the run must report, no more and no
fewer. Adding a case is adding a folder.

To every case a sentinel record with a known problem is added, to prove that the other files are
still checked whatever the hostile file does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import CASES, TODAY, copy_into
from veiligestad.cli.main import app
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
SECRET = "SECRET-MARKER-d41d8cd98f00"
SENTINEL_PATH = "data/questions/Q-2026-099.yaml"
SENTINEL = """id: Q-2026-099
title: Schildwacht
fictional: true
asked_by: politie
themes: [preventie]
received: 2026-03-01
status: submitted
sentinel_field: true
"""
SENTINEL_PROBLEM = {"path": SENTINEL_PATH, "line": 8, "column": 1, "rule": "unknown-field",
                    "severity": "error"}


def build(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    import shutil

    shutil.copytree(CASES / "base", root)
    copy_into(case, root)
    (root / SENTINEL_PATH).write_text(SENTINEL, encoding="utf-8")
    spec_file = case / "case.yaml"
    spec: dict[str, Any] = yaml.safe_load(spec_file.read_text()) if spec_file.exists() else {}
    if "pad_to_bytes" in spec:
        for path in (root / "data").rglob("F-2026-AAAA.yaml"):
            with path.open("a", encoding="utf-8") as handle:
                handle.write("# " + "x" * spec["pad_to_bytes"] + "\n")
    if "symlink" in spec:
        (tmp_path / "secret.txt").write_text(f"id: F-2026-AAAA\ntitle: {SECRET}\n")
        link = root / spec["symlink"]["path"]
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(spec["symlink"]["target"])
    return root


def expected(case: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8")) or {}
    return sorted([*data.get("problems", []), SENTINEL_PROBLEM], key=_key)


def _key(p: dict[str, Any]) -> tuple[Any, ...]:
    return (p["path"], p["line"] or 0, p["column"] or 0, p["rule"])


def _core(problems: list[Any]) -> list[dict[str, Any]]:
    keep = ("path", "line", "column", "rule", "severity")
    return sorted(({k: p[k] for k in keep} for p in problems), key=_key)


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_core(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    result = validate(root, Translator("en"), TODAY)
    found = _core([p.to_json() for p in result.problems])
    assert found == expected(case)
    for problem in result.problems:
        assert problem.message and SECRET not in problem.message


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_invalid_case_all_formats(case: Path, lang: str, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    runner = CliRunner()
    want = expected(case)
    base = ["--kb", str(root), "--lang", lang, "validate"]

    result = runner.invoke(app, [*base, "--format", "json"])
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"problems", "counts"}
    assert _core(payload["problems"]) == want
    for problem in payload["problems"]:
        assert set(problem) == {"path", "line", "column", "rule", "severity", "message", "hint"}
    assert payload["counts"]["error"] == sum(p["severity"] == "error" for p in want)

    result = runner.invoke(app, [*base, "--format", "github"])
    assert result.exit_code == 1
    annotations = [_parse_github(line) for line in result.stdout.splitlines()
                   if line.startswith("::")]
    assert sorted(annotations, key=_key) == want

    result = runner.invoke(app, [*base, "--format", "text"])
    assert result.exit_code == 1
    lines = [_parse_text(line) for line in result.stdout.splitlines() if _TEXT.match(line)]
    assert sorted(lines, key=_key) == want
    assert SECRET not in result.stdout + result.stderr


_GITHUB = re.compile(r"^::(error|warning) (?P<props>[^:]*)::")
_TEXT = re.compile(r"^(?P<path>data/[^:]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: "
                   r"(?P<severity>error|warning) .* \[(?P<rule>[a-z-]+)\]$")


def _parse_github(line: str) -> dict[str, Any]:
    match = _GITHUB.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group("props").split(","))
    return {"path": props["file"], "line": int(props["line"]) if "line" in props else None,
            "column": int(props["col"]) if "col" in props else None, "rule": props["title"],
            "severity": match.group(1)}


def _parse_text(line: str) -> dict[str, Any]:
    match = _TEXT.match(line)
    assert match
    return {"path": match["path"], "line": int(match["line"]) if match["line"] else None,
            "column": int(match["column"]) if match["column"] else None, "rule": match["rule"],
            "severity": match["severity"]}


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    result = validate(root, Translator("nl"), TODAY)
    assert _core([p.to_json() for p in result.problems]) == [SENTINEL_PROBLEM]
