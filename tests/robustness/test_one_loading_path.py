"""One loading path: every command reads through ``store.kb.open_kb``, and only validate and the
writing commands see the files the screened view leaves out."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.robustness.harness import base_copy, run
from tests.robustness.test_hostile_records import FINDING, HOSTILE

SRC = Path(__file__).parents[2] / "src" / "veiligestad"
# validate looks at every file; the writing commands must keep IDs unique and refuse new errors.
EVERY_FILE = {"commands/validate.py", "commands/review.py", "commands/renumber.py",
              "cli/authoring.py"}


def _calls(name: str) -> dict[str, list[ast.Call]]:
    found: dict[str, list[ast.Call]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                found.setdefault(path.relative_to(SRC).as_posix(), []).append(node)
    return found


def test_only_validate_and_the_writers_see_every_file() -> None:
    seeing = {rel for rel, calls in _calls("open_kb").items()
              for call in calls if any(k.arg == "every_file" for k in call.keywords)}
    assert seeing == EVERY_FILE


def test_nothing_reads_records_around_the_loader() -> None:
    # Reading record files is the loader's job (store/); elsewhere only through it.
    outside = {rel for rel in [*_calls("load_records"), *_calls("load_all"), *_calls("scan")]
               if not rel.startswith("store/")}
    assert outside == set()


BROKEN = FINDING.replace("relations:\n  - {type: supports, finding: F-2026-7KQ3}\n",
                         "relations: 1\n")


def test_commands_about_a_left_out_record_say_so(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    (root / HOSTILE).write_text(BROKEN, encoding="utf-8")
    for args in (["show", "F-2026-HHHH"], ["show", "F-2026-HHHH", "--format", "json"],
                 ["graph", "F-2026-HHHH"], ["status", "F-2026-HHHH", "reviewed"],
                 ["link", "F-2026-HHHH", "Q-2026-002"]):
        result = run(root, args)
        assert result.exit_code == 2 and not result.crashed, result.explain()
        assert HOSTILE in result.stderr, result.explain()
    assert (root / HOSTILE).read_text(encoding="utf-8") == BROKEN
