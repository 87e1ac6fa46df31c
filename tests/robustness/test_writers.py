"""The writing commands over a knowledge base with a value of the wrong shape in a record they
touch or read: a clear refusal or success, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.harness import base_copy, run

RECORDS = {"P-2026-001": "data/projects/P-2026-001.yaml",
           "Q-2026-001": "data/questions/Q-2026-001.yaml",
           "F-2026-7KQ3": "data/findings/F-2026-7KQ3.yaml"}
WRITERS = [
    ["new", "finding", "--no-input", "-p", "P-2026-001", "--title", "t", "--statement", "s",
     "--type", "prevalence", "-q", "Q-2026-001"],
    ["link", "F-2026-7KQ3", "Q-2026-002"], ["link", "P-2026-001", "Q-2026-002"],
    ["unlink", "P-2026-001", "Q-2026-002"], ["status", "Q-2026-001", "delivered"],
    ["status", "P-2026-001", "finished"], ["status", "F-2026-7KQ3", "reviewed"],
    ["intake", "question", "--no-input", "--title", "Een vraag", "--asked-by", "politie",
     "--theme", "ov"],
    ["review", "--all"], ["contributors"],
]


@pytest.mark.parametrize("value", [".nan", "{a: 1}", "1"])
@pytest.mark.parametrize("field", ["questions", "status_history", "title", "relations"])
@pytest.mark.parametrize("record", sorted(RECORDS))
def test_writers_never_crash(record: str, field: str, value: str, tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    path = root / RECORDS[record]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith(f"{field}:") and not line.startswith("  ")]
    path.write_text("\n".join(lines) + f"\n{field}: {value}\n", encoding="utf-8")
    for args in WRITERS:
        result = run(root, args)
        assert not result.crashed, result.explain()
