"""Spreading independent work over processes where it pays, with one process as the fallback.

Parsing YAML and running the file-scoped rules are pure functions of one file each, and the
interpreter runs one thread at a time, so the only way to use a second core is a second process.
Where ``fork`` exists (Linux, macOS) the workers inherit the inputs (the knowledge base, the
translator) without copying them through a pipe, and send back only plain results. Where it does
not (Windows), workers are *spawned*: each receives the inputs once, pickled, which costs more, so
spawning is used only for larger batches. Where processes cannot be started at all (a sandbox), or
the batch is too small to repay starting them, everything runs in this process, with the same
result.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import Any, Final, TypeVar

R = TypeVar("R")
C = TypeVar("C")
ENV_JOBS: Final = "VEILIGESTAD_JOBS"
# Below this many items a second process costs more to start than it saves (measured by
# benchmarks/run.py: starting a forked worker takes about as long as parsing a few dozen records).
MIN_ITEMS: Final = 400
# A spawned worker starts a fresh interpreter, imports the tool and unpickles the inputs: about as
# long as parsing a thousand records, so it pays only for batches several times that size.
MIN_ITEMS_SPAWN: Final = 4000

_shared: Any = None
_task: Callable[[Any, Any], Any] | None = None


def cpus() -> int:
    """The CPUs this process may run on, as the operating system sees it for this process.

    ``os.process_cpu_count`` (Python 3.13) or the affinity mask (Linux) where there is one, else
    the machine's count. The load average is deliberately not read: it counts this command's own
    previous run as foreign work, and it does not exist on Windows.
    """
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, len(affinity(0)))
        except OSError:  # pragma: no cover - a sandbox that hides it
            pass
    return max(1, os.cpu_count() or 1)


def jobs() -> int:
    """How many processes to use: ``VEILIGESTAD_JOBS``, else one per CPU this process may use."""
    given = os.environ.get(ENV_JOBS, "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    return cpus()


def start_method() -> str | None:
    """``fork`` where it exists, else ``spawn``, else None (no second process to be had)."""
    import multiprocessing  # here, not at the top: a run that starts no process never needs it

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and hasattr(os, "fork"):
        return "fork"
    if "spawn" in methods:
        return "spawn"
    return None  # pragma: no cover - every CPython has spawn


def _install(payload: bytes) -> None:
    """A spawned worker's start: keep the task and the inputs it was sent once."""
    global _shared, _task
    _task, _shared = pickle.loads(payload)


def _reduce_mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[Any, ...]]:
    return MappingProxyType, (dict(proxy),)


def _payload(task: Callable[[Any, Any], Any], shared: Any) -> bytes | None:
    """The task and its inputs pickled for spawned workers, or None when they cannot be.

    Read-only mappings (the config's) travel as what they are. Anything else that cannot be
    pickled means the work stays in this process.
    """
    from multiprocessing.reduction import ForkingPickler

    buffer = io.BytesIO()
    pickler = ForkingPickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table[MappingProxyType] = _reduce_mapping_proxy
    try:
        pickler.dump((task, shared))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return buffer.getvalue()


def _run(chunk: Any) -> Any:
    assert _task is not None
    return _task(_shared, chunk)


def map_indices(
    task: Callable[[Any, Sequence[int]], list[R]],
    shared: Any,
    indices: Sequence[int],
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """``task(shared, chunk)`` over chunks of ``indices``, results in the order of ``indices``.

    ``task`` must return one result per index of its chunk and be a module-level function (a
    spawned worker finds it by name). ``shared`` reaches forked workers by inheritance and spawned
    ones pickled once each; the results come back pickled, so they should be plain data.
    """
    workers = _workers(len(indices), min_items)
    if workers < 2:
        return task(shared, indices)
    size = max(1, -(-len(indices) // (workers * 4)))  # a few chunks each, to even out the load
    chunks = [indices[i:i + size] for i in range(0, len(indices), size)]
    parts = _map(task, shared, chunks, workers)
    if parts is None:
        return task(shared, indices)
    return [result for part in parts for result in part]


def map_chunks(
    task: Callable[[Any, C], R],
    shared: Any,
    chunks: Sequence[C],
    items: int,
    min_items: int | None = None,
) -> list[R]:
    """``task(shared, chunk)`` for each of ``chunks`` as the caller cut them (``items`` in all),
    one result per chunk, in order: for work that must stay together (one cache shard's
    records). Processes are used as by ``map_indices`` (``min_items``: ``MIN_ITEMS``); the
    results come back pickled."""
    workers = _workers(items, MIN_ITEMS if min_items is None else min_items)
    parts = _map(task, shared, chunks, workers) if workers >= 2 and len(chunks) > 1 else None
    if parts is None:
        return [task(shared, chunk) for chunk in chunks]
    return parts


def _workers(items: int, min_items: int) -> int:
    """How many processes ``items`` items are worth (1: this one alone)."""
    if items < min_items:
        return 1  # too few for processes of any kind: ``multiprocessing`` is not even imported
    method = start_method()
    if method == "spawn":
        min_items = max(min_items, MIN_ITEMS_SPAWN)
    if method is None or items < min_items:
        return 1
    return min(jobs(), items // max(1, min_items // 2) or 1)


def _map(task: Callable[[Any, Any], Any], shared: Any, chunks: Sequence[Any],
         workers: int) -> list[Any] | None:
    """``task(shared, chunk)`` for every chunk in ``workers`` processes; None when none can be
    started (or, spawning, the inputs cannot be pickled): the caller does it in this one."""
    global _shared, _task
    import multiprocessing

    method = start_method()
    try:
        if method == "fork":
            _shared, _task = shared, task
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return pool.map(_run, chunks)
        payload = _payload(task, shared)
        if payload is None or method is None:
            return None
        with multiprocessing.get_context(method).Pool(
            workers, initializer=_install, initargs=(payload,)
        ) as pool:
            return pool.map(_run, chunks)
    except OSError:  # no processes to be had here: do it all in this one
        return None
    finally:
        _shared, _task = None, None


class Background:
    """``make()`` worked out in a second process while this one goes on; ``result()`` waits
    for it. Only where ``fork`` exists and at least two processes are wanted (``jobs()``): the
    child inherits everything ``make`` needs and sends back its result, pickled. Otherwise, or
    when no process can be started, ``make()`` runs in this process when the result is first
    asked for. When ``make`` fails in the child, it runs again here, so its error is raised
    where and as it would be without the second process.
    """

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._process: Any = None
        self._receive: Any = None
        if jobs() < 2 or start_method() != "fork":
            return
        try:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_background_child, args=(make, send, receive),
                                  daemon=True)
            process.start()
        except OSError:  # no process to be had: ``make()`` runs here
            return
        send.close()
        self._process, self._receive = process, receive

    def result(self) -> Any:
        """What ``make()`` returned (made here when the child could not make it)."""
        if self._process is not None:
            process, receive = self._process, self._receive
            self._process = self._receive = None
            try:
                made, value = receive.recv()
            except Exception:  # the child died before it answered, or its answer is broken
                made, value = False, None
            finally:
                receive.close()
                process.join()
            if made:
                return value
        return self._make()


def _background_child(make: Callable[[], Any], send: Any, receive: Any) -> None:
    # The parent's end of the pipe, inherited by the fork, is closed first: then the parent is
    # its only reader, and when the parent stops (interrupted, killed) this process's ``send``
    # fails instead of waiting for ever on a full pipe.
    receive.close()
    try:
        answer = (True, make())
    except BaseException:
        answer = (False, None)
    try:
        send.send(answer)
    except BaseException:  # a result that cannot be pickled, or the parent gone: it makes it
        with contextlib.suppress(BaseException):
            send.send((False, None))
    finally:
        send.close()
