"""Record files whose names are not UTF-8 or hold a control character, and committed record
versions whose bytes are not UTF-8 (both arrive by pull request: git keeps any bytes).

Python hands such a name over with lone surrogates, which no output can print and no cache key
can encode: every command crashed on one (found by a hostile-PR test). Such a file is now
reported (``file-access``), named with escapes (``F-2026-\\xff.yaml``), and never opened; an old
version that is not UTF-8 is unreadable to ``history``, ``changes`` and ``contributors``, as a
file over the size limit is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitkb import commit_all, init_repo
from tests.robustness.harness import BASE_FINDING, base_copy, commands, run

# Names a pull request can hold; each is made at test time (a repository of the project itself
# must check out on every system). A system that refuses a name skips it.
_NAMES = {"not UTF-8": b"F-2026-\xff\xfe.yaml",
          "line break": "F-2026-AB\nCD.yaml",
          "escape": "F-2026-\x1b[31mRED.yaml",
          "stray, not UTF-8": b"sub/F-2026-\xff.yaml",
          "folder not UTF-8": b"sub\xff/F-2026-ABCD.yaml",
          "temporary, not UTF-8": b".F-2026-\xff.yaml.abcdef12.tmp",
          "direction mark": "F-2026-\u202eABCD.yaml"}


def _plant(root: Path, name: str | bytes) -> Path:
    try:
        # Windows names are UTF-16: bytes that are not UTF-8 cannot be decoded into one.
        path = root / "data" / "findings" / (os.fsdecode(name) if isinstance(name, bytes)
                                             else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((root / "data" / "findings" / f"{BASE_FINDING}.yaml").read_bytes())
    except (OSError, UnicodeError) as exc:
        pytest.skip(f"this system refuses the name: {exc}")
    return path


_HISTORY = {"history": ["history", BASE_FINDING], "contributors": ["contributors"],
            "changes": ["changes", "--since", "2026-01-01"]}


@pytest.mark.parametrize("case", sorted(_NAMES))
def test_every_command_reports_a_file_it_cannot_name_and_reads_the_rest(
        tmp_path: Path, case: str) -> None:
    root = base_copy(tmp_path)
    _plant(root, _NAMES[case])
    out = tmp_path / "out"
    out.mkdir()
    for name, args in {**commands(out), **_HISTORY}.items():
        if name in _HISTORY and not (root / ".git").exists():
            init_repo(root)
        for cache in (True, False):
            result = run(root, args, cache=cache)
            assert not result.crashed, result.explain()
            assert result.exit_code in (0, 1, 2), result.explain()
            if not name.startswith("validate"):
                assert result.exit_code == 0, result.explain()
    result = run(root, ["validate"])
    assert result.exit_code == 1, result.explain()
    assert "file-access" in result.output, result.explain()
    # Named with escapes: no control code reaches the terminal, no line is broken.
    assert all(line.isprintable() for line in result.output.splitlines()), result.explain()
    assert "\\" in result.output.split("file-access")[0], result.explain()


def test_the_quick_paths_report_it_too(tmp_path: Path) -> None:
    """``validate``, ``stats`` and ``show`` in a process of their own take the quick listing
    (``store/unchanged.quick_listing``) and the kept answers: a name it cannot use sends them
    the long way, which reports it."""
    root = base_copy(tmp_path)
    _plant(root, _NAMES["not UTF-8"])
    env = {**os.environ, "VEILIGESTAD_LANG": "en", "PYTHONPATH": str(REPO / "src")}
    for args in (["validate"], ["stats"], ["show", BASE_FINDING], ["validate"], ["stats"]):
        done = subprocess.run([sys.executable, "-m", "veiligestad", *args], cwd=root, env=env,
                              capture_output=True, text=True, errors="replace", timeout=120)
        assert done.returncode in (0, 1), (args, done.stdout[-1000:], done.stderr[-2000:])
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, args
        assert "\\xff\\xfe" in done.stdout + done.stderr, (args, done.stderr[-500:])


def test_a_committed_version_that_is_not_utf8_is_unreadable_to_history(
        tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    repo = init_repo(root)
    record = root / "data" / "findings" / f"{BASE_FINDING}.yaml"
    record.write_bytes(record.read_bytes() + b"notes: \xff\xfe\n")
    commit_all(repo, "Bytes that are not UTF-8", "2026-06-02")
    record.write_bytes(record.read_bytes().replace(b"notes: \xff\xfe\n", b"notes: fixed\n"))
    commit_all(repo, "Fixed", "2026-06-03")
    for args in _HISTORY.values():
        result = run(root, args)
        assert not result.crashed, result.explain()
        assert result.exit_code == 0, result.explain()
    assert BASE_FINDING in run(root, ["history", BASE_FINDING]).output


@pytest.mark.parametrize("case", sorted(_NAMES))
def test_an_untracked_file_of_such_a_name_in_a_checkout_crashes_nothing(
        tmp_path: Path, case: str) -> None:
    """Left in the folder, not committed (a temporary file, an export): a report reads git's
    state for its footer, and GitPython decodes the names of untracked files strictly (the
    report crashed; found by a second hostile-PR test). It is reported as not committed."""
    root = base_copy(tmp_path)
    init_repo(root)
    _plant(root, _NAMES[case])
    out = tmp_path / "out"
    out.mkdir()
    for args in {**commands(out), **_HISTORY}.values():
        result = run(root, args)
        assert not result.crashed, result.explain()
        assert result.exit_code in (0, 1, 2), result.explain()
    report = (out / "q.md").read_text(encoding="utf-8")
    assert "uncommitted" in report or "niet-vastgelegde" in report, report[-400:]
