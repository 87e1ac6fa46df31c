"""Each hostile record of issue 11, mixed into a valid knowledge base, through every reading
command: no crash, no hang, and the record is left out with one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.harness import base_copy, commands, run

HOSTILE = "data/findings/F-2026-HHHH.yaml"
FINDING = """id: F-2026-HHHH
title: Een vijandig record
classification: public
fictional: true
project: P-2026-001
questions: [Q-2026-001]
statement: Fictief voorbeeld.
type: explanatory
relations:
  - {type: supports, finding: F-2026-7KQ3}
reported: 2026-05-20
review: published
published: 2026-05-21
"""


def _nested(depth: int) -> str:
    return "notes: " + "{a: " * depth + "x" + "}" * depth + "\n"


def _laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join(f"*a{level - 1}" for _ in range(9))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\nnotes: *a9\n"


HOSTILE_TEXT = {
    "relations-int": FINDING.replace(
        "relations:\n  - {type: supports, finding: F-2026-7KQ3}\n", "relations: 1\n"),
    "relations-nan": FINDING.replace(
        "relations:\n  - {type: supports, finding: F-2026-7KQ3}\n", "relations: .nan\n"),
    "relations-date": FINDING.replace(
        "relations:\n  - {type: supports, finding: F-2026-7KQ3}\n", "relations: 2026-01-01\n"),
    "tag-timestamp": FINDING + "notes2: !!timestamp nonsense\n",
    "tag-bool": FINDING + "x: !!bool x\n",
    "tag-map": FINDING + "x: !!map [a]\n",
    "tag-set": FINDING + "x: !!set [a]\n",
    "nested-500": FINDING + _nested(500),
    "status-history-date": FINDING + "status_history: 2026-01-01\n",
    "embargo-datetime": FINDING + "embargo_until: 2099-01-01T00:00:00\n",
    "billion-laughs": FINDING + _laughs(),
    "merge-key": FINDING.replace("classification: public\n", "")
    + "<<: {classification: public}\n",
}


def _plant(tmp_path: Path, case: str) -> Path:
    root = base_copy(tmp_path)
    (root / HOSTILE).write_text(HOSTILE_TEXT[case], encoding="utf-8")
    return root


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXT))
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_every_command_survives(case: str, cache: bool, tmp_path: Path) -> None:
    root = _plant(tmp_path, case)
    out = tmp_path / "out"
    out.mkdir()
    for name, args in commands(out).items():
        result = run(root, args, cache=cache)
        assert not result.crashed, f"{name}: {result.explain()}"
        if name.startswith("validate"):
            assert result.exit_code == 1, f"{name}: {result.explain()}"
            assert HOSTILE in result.output, f"{name}: {result.explain()}"
        else:
            assert result.exit_code == 0, f"{name}: {result.explain()}"
            # Left out with one line naming it (on stderr, so machine output stays clean).
            assert result.stderr.count(HOSTILE) == 1, f"{name}: {result.explain()}"
            assert "F-2026-HHHH" not in result.output, f"{name}: {result.explain()}"


@pytest.mark.parametrize("case", ["merge-key", "billion-laughs"])
def test_merge_keys_and_aliases_are_problems(case: str, tmp_path: Path) -> None:
    root = _plant(tmp_path, case)
    result = run(root, ["validate", "--format", "json"])
    assert result.exit_code == 1
    import json

    rules = {(p["path"], p["rule"]) for p in json.loads(result.output)["problems"]}
    assert (HOSTILE, "yaml-anchor") in rules


def test_show_of_the_hostile_record_is_a_usage_error(tmp_path: Path) -> None:
    root = _plant(tmp_path, "relations-int")
    result = run(root, ["show", "F-2026-HHHH"])
    assert result.exit_code == 2, result.explain()
    assert HOSTILE in result.output + result.stderr
    result = run(root, ["graph", "F-2026-HHHH"])
    assert result.exit_code == 2, result.explain()
