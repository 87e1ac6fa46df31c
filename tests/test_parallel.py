"""Work spread over processes gives exactly what one process gives."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY
from veiligestad import parallel
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.store.loader import load_records
from veiligestad.store.records import load_all, scan


def _square_with_pid(offset: int, chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(i * i + offset, os.getpid()) for i in chunk]


def test_map_indices_keeps_order_and_uses_other_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    indices = list(range(50))
    results = parallel.map_indices(_square_with_pid, 7, indices, min_items=2)
    assert [r for r, _ in results] == [i * i + 7 for i in indices]
    assert {pid for _, pid in results} - {os.getpid()}  # workers did the work


def test_one_job_or_a_small_batch_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "1")
    results = parallel.map_indices(_square_with_pid, 0, list(range(50)), min_items=2)
    assert {pid for _, pid in results} == {os.getpid()}
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    results = parallel.map_indices(_square_with_pid, 0, list(range(5)), min_items=400)
    assert {pid for _, pid in results} == {os.getpid()}


def test_parallel_loading_and_checking_equal_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The example knowledge base, parsed and checked in two processes and in one."""
    entries = list(scan(REPO))
    serial = load_all(REPO, entries, 262_144)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel.map_indices, "__defaults__", (2,))
    spread = load_records(REPO, entries, 262_144)
    assert [(r.rel, r.data, r.notes, r.digest) for r in spread] == [
        (r.rel, r.data, r.notes, r.digest) for r in serial]
    t = Translator("en")
    two = validate(REPO, t, TODAY, cache=False)
    monkeypatch.setenv(parallel.ENV_JOBS, "1")
    one = validate(REPO, t, TODAY, cache=False)
    assert two.problems == one.problems and two.overview == one.overview


def test_the_fallback_when_processes_cannot_be_started(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")

    def no_fork(*_args: object, **_kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing, "get_context", lambda _m: type(
        "Ctx", (), {"Pool": staticmethod(no_fork)})())
    results = parallel.map_indices(_square_with_pid, 1, list(range(10)), min_items=2)
    assert [r for r, _ in results] == [i * i + 1 for i in range(10)]


def test_the_worker_count_is_this_process_s_own_view_not_the_load_average(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A previous run of the tool left in the load average must not cost this run its workers."""
    monkeypatch.delenv(parallel.ENV_JOBS, raising=False)
    monkeypatch.delattr(parallel.os, "process_cpu_count", raising=False)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3},
                        raising=False)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (9.0, 9.0, 9.0), raising=False)
    assert parallel.jobs() == 4
    monkeypatch.setattr(parallel.os, "process_cpu_count", lambda: 3, raising=False)
    assert parallel.jobs() == 3
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    assert parallel.jobs() == 2


def _windows_like(monkeypatch: pytest.MonkeyPatch) -> None:
    """What Windows lacks: no load average, no fork, no fchmod, no affinity mask."""
    for name in ("getloadavg", "fork", "fchmod", "sched_getaffinity", "process_cpu_count"):
        monkeypatch.delattr(os, name, raising=False)


def test_without_fork_or_load_average_the_count_comes_from_cpu_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _windows_like(monkeypatch)
    monkeypatch.delenv(parallel.ENV_JOBS, raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 6)
    assert parallel.jobs() == 6
    assert parallel.start_method() == "spawn"


def test_without_fork_workers_are_spawned_and_give_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on Windows: workers start afresh and receive their inputs pickled."""
    _windows_like(monkeypatch)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS_SPAWN", 2)
    results = parallel.map_indices(_square_with_pid, 5, list(range(40)), min_items=2)
    assert [r for r, _ in results] == [i * i + 5 for i in range(40)]
    assert {pid for _, pid in results} - {os.getpid()}  # spawned workers did the work


def test_without_fork_loading_and_checking_equal_one_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The example knowledge base, validated with spawned workers and the cache, as in one."""
    t = Translator("en")
    one = validate(REPO, t, TODAY, cache=False)
    _windows_like(monkeypatch)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS_SPAWN", 2)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel.map_indices, "__defaults__", (2,))
    root = tmp_path / "kb"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    spawned = validate(root, t, TODAY)  # cold: parsed and checked by workers, cache written
    warm = validate(root, t, TODAY)  # from the cache written without fork or fchmod
    assert spawned.problems == one.problems and spawned.overview == one.overview
    assert warm.problems == one.problems
    assert (root / ".veiligestad-cache").is_dir()


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def test_background_work_is_done_by_another_process_and_equals_this_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    work = parallel.Background(lambda: _pid_and(42))
    pid, value = work.result()
    assert value == 42 and pid != os.getpid()
    monkeypatch.setenv(parallel.ENV_JOBS, "1")
    assert parallel.Background(lambda: _pid_and(42)).result() == (os.getpid(), 42)


def test_background_work_that_fails_raises_its_own_error_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    calls: list[int] = []

    def failing() -> None:
        calls.append(os.getpid())
        raise ValueError("a record the work could not read")

    work = parallel.Background(failing)
    with pytest.raises(ValueError, match="could not read"):
        work.result()
    assert calls == [os.getpid()]  # run again here (the child's own call is not seen here)


def test_background_work_without_fork_or_processes_runs_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    monkeypatch.setattr(parallel, "start_method", lambda: "spawn")
    assert parallel.Background(lambda: _pid_and(1)).result() == (os.getpid(), 1)
    monkeypatch.setattr(parallel, "start_method", lambda: "fork")

    def no_process(_method: str) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing, "get_context", no_process)
    assert parallel.Background(lambda: _pid_and(2)).result() == (os.getpid(), 2)


def _big() -> bytes:
    return b"x" * (1 << 20)  # far more than a pipe holds


def test_background_work_ends_when_this_process_stops_listening(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted or killed before it asks for the result, this process stops reading: the
    child must then end (its send fails), not wait for ever on a full pipe."""
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    work = parallel.Background(_big)
    process, receive = work._process, work._receive
    assert process is not None
    receive.close()  # what an interrupt or the end of this process does
    process.join(timeout=20)
    assert not process.is_alive()
    if process.is_alive():  # pragma: no cover - the failure above; leave nothing behind
        process.kill()


def test_background_work_whose_result_cannot_be_sent_is_made_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    pid = os.getpid()
    made = parallel.Background(lambda: (lambda: os.getpid()))  # a function cannot be pickled
    assert made.result()() == pid


def _sum_with_pid(offset: int, chunk: tuple[int, ...]) -> tuple[int, int]:
    return sum(chunk) + offset, os.getpid()


@pytest.mark.parametrize("windows", [False, True], ids=["fork", "spawn"])
def test_map_chunks_keeps_the_callers_chunks_and_their_order(
    monkeypatch: pytest.MonkeyPatch, windows: bool
) -> None:
    if windows:
        _windows_like(monkeypatch)
        monkeypatch.setattr(parallel, "MIN_ITEMS_SPAWN", 2)
    monkeypatch.setenv(parallel.ENV_JOBS, "2")
    chunks = [tuple(range(i, i + 3)) for i in range(0, 60, 3)]
    results = parallel.map_chunks(_sum_with_pid, 1, chunks, 60, min_items=2)
    assert [r for r, _ in results] == [sum(c) + 1 for c in chunks]
    assert {pid for _, pid in results} - {os.getpid()}  # workers did the work
    monkeypatch.setenv(parallel.ENV_JOBS, "1")
    results = parallel.map_chunks(_sum_with_pid, 1, chunks, 60, min_items=2)
    assert {pid for _, pid in results} == {os.getpid()}


def test_too_few_items_for_processes_start_none_nor_import_multiprocessing() -> None:
    """A run that reads a handful of files (validate after an edit) does not pay for importing
    ``multiprocessing``: the count decides before any process is thought of."""
    code = ("import sys; from veiligestad import parallel; "
            "found = parallel.map_indices(lambda _s, ix: [i * 2 for i in ix], None, [1, 2, 3]); "
            "assert found == [2, 4, 6], found; "
            "assert parallel.map_chunks(lambda _s, c: sum(c), None, [[1], [2]], 2) == [1, 2]; "
            "print('multiprocessing' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(Path(parallel.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
