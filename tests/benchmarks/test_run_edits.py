"""The edits `benchmarks/run.py` times between runs keep the knowledge base valid, change what
they say they change, and undo themselves when made a second time."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.benchmarks.scripts import bench_script
from tests.benchmarks.test_generate import _files, _generator
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator

TODAY = dt.date(2026, 10, 1)


def _run_module():  # type: ignore[no-untyped-def]
    return bench_script("run", "bench_run")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "kb"
    assert _generator().main(["200", "--seed", "3", "--today", TODAY.isoformat(), str(root)]) == 0
    return root


@pytest.mark.parametrize("name, field", [("_change_one_file", "title"),
                                         ("_change_one_project", "status_reason"),
                                         ("_change_one_finding_date", "reported")])
def test_each_timed_edit_keeps_the_records_valid_and_undoes_itself(
        generated: Path, tmp_path: Path, name: str, field: str) -> None:
    import shutil
    root = tmp_path / "kb"
    shutil.copytree(generated, root)
    edit: Callable[[Path], None] = getattr(_run_module(), name)
    before = _files(root)
    edit(root)
    changed = {path for path, data in _files(root).items() if before[path] != data}
    assert len(changed) == 1, changed
    (path,) = changed
    old = before[path].decode().splitlines()
    new = (root / path).read_text(encoding="utf-8").splitlines()
    differing = {line.split(":")[0] for line in set(old) ^ set(new)}
    assert differing == {field}, differing
    # Generated records validate clean (tests/benchmarks/test_generate.py); so do they edited.
    result = validate(root, Translator("en"), TODAY, cache=False)
    assert result.counts["error"] == result.counts["warning"] == 0, \
        [p.message for p in result.problems][:5]
    edit(root)
    assert _files(root) == before


@pytest.mark.parametrize("command", [["stats"], ["gaps"], ["show", "first question"],
                                     ["query", "finding", "--sort", "reported-"],
                                     ["report", "quarterly", "--quarter", "2026-Q3",
                                      "--format", "md", "-o", "report.md"]],
                         ids=["stats", "gaps", "show", "query", "report"])
def test_forgetting_the_answers_keeps_the_record_cache_and_the_next_run_keeps_them_again(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """The rows "first run, nothing kept" remove what each reading command kept and nothing
    else: the record cache stays (those rows are not cold checks), and the command timed
    after it keeps all it kept again, so the row measures the run that keeps it. Run as the
    ``veiligestad`` script runs (its quick paths first), as the benchmark runs it."""
    import shutil

    from tests.cli.drive import through_entry
    from veiligestad.store import cache as cache_module

    root = tmp_path / "kb"
    shutil.copytree(generated, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("VEILIGESTAD_TODAY", TODAY.isoformat())
    if command[1:] == ["first question"]:
        command = ["show", sorted(p.stem for p in (root / "data/questions").iterdir())[0]]
    monkeypatch.setattr(sys, "argv", sys.argv)
    assert through_entry(["validate"], capsys)[2] == 0
    folder = root / ".veiligestad-cache"
    records = {p.name for p in folder.iterdir()}
    # files made less than two seconds ago are kept under no stat: as if they had settled
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    assert through_entry(command, capsys)[2] in (0, 1)
    kept = {p.name for p in folder.iterdir()} - records
    assert kept, "the command kept nothing: the row would measure nothing it keeps"
    run = _run_module()
    assert all(name.startswith(run._KEPT_ANSWERS) for name in kept), kept
    run._forget_answers(root)
    assert {p.name for p in folder.iterdir()} == records
    assert through_entry(command, capsys)[2] in (0, 1)
    assert {p.name for p in folder.iterdir()} - records == kept
