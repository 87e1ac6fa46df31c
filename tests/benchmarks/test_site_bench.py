"""`benchmarks/site.py` times the code as it was when it started: work committed or saved in the
working tree while it runs does not reach its builds."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.scripts import bench_script
from tests.conftest import REPO


def _site_module() -> Any:
    return bench_script("site", "bench_site")


def test_the_builds_that_change_nothing_write_nothing_while_the_tools_code_is_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Once, a commit landed in the working tree between the benchmark's first and second build:
    the tool's code is an input of every page (``tool_fingerprint``: its files' size and time),
    so the second build rendered every page again and rewrote the manifest (one file written,
    ten times the CPU). A working tree of our own stands for the one the benchmark runs, and a
    file of the tool there is saved again (the same bytes, a new time) after every build."""
    bench = _site_module()
    tree = tmp_path / "src"
    shutil.copytree(REPO / "src" / "veiligestad", tree / "veiligestad",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # The tool the benchmark's builds run unless it freezes one: this working tree's.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(tree), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setattr(bench, "SOURCE", tree / "veiligestad", raising=False)
    timed = bench.run
    saved = tree / "veiligestad" / "report" / "__init__.py"
    moments = iter(range(1, 100))

    def run_then_edit(*args: Any, **kwargs: Any) -> dict[str, float | int]:
        result: dict[str, float | int] = timed(*args, **kwargs)
        stamp = saved.stat().st_mtime_ns + next(moments) * 1_000_000_000
        saved.write_bytes(saved.read_bytes())  # other work saves a file of the tool
        os.utime(saved, ns=(stamp, stamp))
        return result

    monkeypatch.setattr(bench, "run", run_then_edit)
    monkeypatch.setattr(sys, "argv", ["site.py", "12"])
    bench.main()
    printed = capsys.readouterr().out
    results = json.loads(printed[printed.index("{"):])
    assert results["full build (cold cache)"]["written"] > 0
    assert results["second build, nothing changed"]["written"] == 0, printed
    assert results["third build, nothing changed (kept key)"]["written"] == 0, printed
    assert results["rebuild after one changed finding"]["written"] > 0
