"""Spreading independent work over processes where it pays, with one process as the fallback.

Parsing YAML and running the file-scoped rules are pure functions of one file each, and the
interpreter runs one thread at a time, so the only way to use a second core is a second process.
Work is handed over by ``fork``: the workers inherit the inputs (the knowledge base, the
translator) without copying them through a pipe, and send back only plain results. Where ``fork``
is missing (Windows, or a sandbox that forbids it), or the batch is too small to repay starting the
workers, everything runs in this process, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

R = TypeVar("R")
ENV_JOBS: Final = "VEILIGESTAD_JOBS"
# Below this many items a second process costs more to start than it saves (measured by
# benchmarks/run.py: starting a worker takes about as long as parsing a few dozen records).
MIN_ITEMS: Final = 400

_shared: Any = None
_task: Callable[[Any, Sequence[int]], list[Any]] | None = None


def jobs() -> int:
    """How many processes to use: ``VEILIGESTAD_JOBS``, else the CPUs that are free.

    Free means the CPUs this process may use less the load of the last minute beyond one process
    (which is most often this very command's previous run): on a machine that is busy already,
    more processes only share the same cores and pay for handing results back (measured by
    ``benchmarks/run.py`` on a shared two-core machine: slower, not faster).
    """
    given = os.environ.get(ENV_JOBS, "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    try:
        busy = max(0, int(os.getloadavg()[0]) - 1)
    except OSError:  # pragma: no cover - no load average on this system
        busy = 0
    return max(1, cpus - busy)


def _run(chunk: Sequence[int]) -> list[Any]:
    assert _task is not None
    return _task(_shared, chunk)


def map_indices(
    task: Callable[[Any, Sequence[int]], list[R]],
    shared: Any,
    indices: Sequence[int],
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """``task(shared, chunk)`` over chunks of ``indices``, results in the order of ``indices``.

    ``task`` must return one result per index of its chunk. ``shared`` reaches the workers by
    inheritance, never by pickling; the results come back pickled, so they should be plain data.
    """
    global _shared, _task
    workers = min(jobs(), len(indices) // max(1, min_items // 2) or 1)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(indices) < min_items or not can_fork:
        return task(shared, indices)
    size = max(1, -(-len(indices) // (workers * 4)))  # a few chunks each, to even out the load
    chunks = [indices[i:i + size] for i in range(0, len(indices), size)]
    _shared, _task = shared, task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run, chunks)
    except OSError:  # no processes to be had here: do it all in this one
        return task(shared, indices)
    finally:
        _shared, _task = None, None
    return [result for part in parts for result in part]
