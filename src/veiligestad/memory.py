"""Keeping Python's cycle collector out of the way while millions of small objects are made.

Reading 30,000 records makes a few million dicts, lists and strings, none of them in a cycle.
The cycle collector runs every few hundred allocations and walks ever more of them, which took
about half the time of loading a large knowledge base. Reference counting still frees everything
as usual; only the search for cycles waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector for the block (nested use is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A young-generation threshold this high lets a command make its few million objects with a
# handful of collections instead of thousands; cycles are still found, just rarely.
_YOUNG_THRESHOLD = 100_000


def short_lived() -> None:
    """Tune the cycle collector for a command that runs for seconds and exits.

    Called once at start-up: collections become rare, and everything made so far (the imported
    modules, classes and functions: hundreds of thousands of objects that live as long as the
    process) is frozen out of every later collection. Measured on ``query`` at 30,000 records:
    about 20% less CPU time, the same peak memory (``benchmarks/RESULTS.md``).
    """
    gc.set_threshold(_YOUNG_THRESHOLD, 50, 100)


def freeze_start_up() -> None:
    """Keep what start-up made (modules, classes, functions) out of every later collection."""
    gc.freeze()
