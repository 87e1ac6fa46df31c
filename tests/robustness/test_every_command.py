"""The whole class: every reading command over every hostile case of ``tests/cases/invalid/``.

Each case is mixed into the valid base knowledge base as ``tests/checks/test_cases.py`` does
(with its sentinel record). Every command, in every output format, must finish (a time limit per
run), never crash (no exception, no exit code 3, no traceback), and every reading command must
leave out the same files, each named once on standard error: one loading path for all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.test_cases import INVALID, VALID, build
from tests.robustness.harness import commands, run

# The public quarterly report runs in test_hostile_records; here one report per case is enough.
SKIP = {"report-quarterly-public"}


def _left_out(stderr: str) -> list[str]:
    return sorted(line.split(": ", 1)[0] for line in stderr.splitlines() if ": left out" in line)


@pytest.mark.parametrize("case", [*INVALID, *VALID], ids=[c.name for c in [*INVALID, *VALID]])
def test_every_command_over_the_case(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    left_out: dict[str, list[str]] = {}
    for name, args in commands(out).items():
        if name in SKIP:
            continue
        result = run(root, args)
        assert not result.crashed, f"{case.name} / {name}: {result.explain()}"
        if name.startswith("validate"):
            assert result.exit_code == 1, f"{case.name} / {name}: {result.explain()}"
            continue
        assert result.exit_code == 0, f"{case.name} / {name}: {result.explain()}"
        left_out[name] = _left_out(result.stderr)
    first = next(iter(left_out.values()))
    assert all(names == first for names in left_out.values()), left_out
    assert len(set(first)) == len(first)  # each file named once
