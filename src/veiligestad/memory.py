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
