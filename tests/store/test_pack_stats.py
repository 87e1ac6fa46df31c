"""Stat keys packed for the quick key and the base (``cache.pack_stats``): as ``array("q")``
packs them, and without an error for a number of 2**63 or more (an inode on some file
systems), which before raised out of ``validate`` as a traceback."""

from __future__ import annotations

from array import array
from itertools import chain

from hypothesis import given
from hypothesis import strategies as st

from veiligestad.store.cache import listing_parts, pack_stats

_NUMBER = st.integers(min_value=-(1 << 63), max_value=(1 << 64) - 1)
_KEY = st.tuples(_NUMBER, _NUMBER, _NUMBER, _NUMBER, _NUMBER)


@given(st.lists(_KEY, max_size=6))
def test_packed_as_array_packs_them_and_each_key_stays_its_own(keys: list[tuple[int, ...]]) -> None:
    packed = pack_stats(keys)
    wrapped = [n - (1 << 64) if n >= 1 << 63 else n for n in chain.from_iterable(keys)]
    assert packed == array("q", wrapped).tobytes()
    back = array("q")
    back.frombytes(packed)
    assert [n % (1 << 64) for n in back] == [n % (1 << 64) for n in chain.from_iterable(keys)]


def test_a_huge_inode_packs_in_a_listing() -> None:
    files = [("data/a.yaml", (10, 1, 2, (1 << 64) - 1, 3)), ("data/b.yaml", (10, 1, 2, 5, 3))]
    rels, stats = listing_parts(files)
    assert rels == "data/a.yaml\x00data/b.yaml"
    assert len(stats) == 80 and stats[:40] != stats[40:]
