"""`benchmarks/hostile.py` times what it says: its larger records are read, not refused for their
size, and each case's knowledge base holds the case's files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.benchmarks.scripts import bench_script
from tests.conftest import CASES
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.store.config import DEFAULT_LIMITS


def _module():  # type: ignore[no-untyped-def]
    return bench_script("hostile", "bench_hostile")


def test_the_larger_records_are_under_the_file_limit_and_read() -> None:
    larger = {name: text for name, text in _module()._larger().items()
              if name.startswith("larger")}
    assert len(larger) >= 6
    for name, text in larger.items():
        size = len(text.encode("utf-8"))
        # as large as the limit allows: a file over it is refused unread, which times nothing
        assert 100_000 < size <= DEFAULT_LIMITS["max_file_bytes"] or "nested" in name, name


def test_each_case_holds_its_files_and_the_larger_ones_are_read(tmp_path: Path) -> None:
    module = _module()
    made = module._cases(tmp_path)
    groups = [p for group in ("invalid", "hostile") for p in (CASES / group).iterdir()
              if (p / "expected.yaml").is_file()]
    assert len([n for n in made if "/" in n]) == len(groups)  # every case, as the tests build it
    for case in groups:
        root = made[f"{case.parent.name}/{case.name}"]
        for path in (case / "data").rglob("*") if (case / "data").is_dir() else ():
            if path.is_file() and not path.is_symlink():  # (padded past the limit: longer)
                assert (root / path.relative_to(case)).read_bytes().startswith(path.read_bytes())
    assert (made["invalid/symlink-out"] / "data/findings/F-2026-AAAA.yaml").is_symlink()
    assert max(p.stat().st_size for p in (made["invalid/too-large"] / "data").rglob("*.yaml")) \
        > DEFAULT_LIMITS["max_file_bytes"]
    t = Translator("en")
    day = dt.date(2026, 12, 1)
    base = validate(CASES / "base", t, day, cache=False).records
    for name, root in made.items():
        if not name.startswith("larger"):
            continue
        result = validate(root, t, day, cache=False)
        rules = {p.rule for p in result.problems if p.path == module.HOSTILE_FILE}
        assert "file-size" not in rules, name  # read, not refused for its size
        if "nested" in name:  # read up to the reader's bound on nesting, and refused
            assert rules, name
        else:  # read, and among the records
            assert result.records == base + 1, name
