"""Cache files written as a stream (``write_cache_file``) and in chunks (``write_cache_chunks``,
the parts of every record): the same header and binding as every cache file, read back whole,
and a damaged, short, padded or planted file is never taken for what was written."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR

MAGIC = b"veiligestad-test\x00"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / CACHE_DIR
    made.mkdir()
    return made


def _items(n: int) -> dict[str, Any]:
    return {f"data/findings/F-{i:05d}.yaml": (f"{i:032x}", ("held", {
        "id": f"F-{i}", "reported": dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
        "themes": ["openbare_ruimte", "uitgaan"][: i % 3]})) for i in range(n)}


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 12])
def test_chunks_read_back_as_written_at_every_boundary(folder: Path, n: int) -> None:
    items = _items(n)
    path = folder / "parts-x.pickle"
    cache_module.write_cache_chunks(folder, path, MAGIC, ("print", 7, "token"), items, size=4)
    assert cache_module.read_kept_chunks(folder, path.name, MAGIC) == \
        ("print", 7, "token", items)
    assert list(cache_module.read_kept_chunks(folder, path.name, MAGIC)[3]) == list(items)


@settings(max_examples=40, deadline=None)
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.binary() | st.dates(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner) | st.tuples(inner),
    max_leaves=40))
def test_a_streamed_file_holds_the_header_of_its_payload(tmp_path_factory: Any,
                                                          value: Any) -> None:
    """The header is written after the payload: its length and CRC are those of the bytes
    that follow, as ``read_kept`` checks them, for any value."""
    folder = tmp_path_factory.mktemp("c") / CACHE_DIR
    folder.mkdir()
    cache_module.write_cache_file(folder, folder / "x.pickle", MAGIC, value)
    blob = cache_module.read_cache_file(folder, folder / "x.pickle")
    assert blob is not None
    fmt, length, crc = cache_module._HEADER.unpack_from(blob, len(MAGIC))
    payload = blob[len(MAGIC) + cache_module._HEADER.size:]
    assert (fmt, length, crc) == (cache_module.FORMAT, len(payload), zlib.crc32(payload))
    assert pickle.loads(payload) == value
    assert cache_module.read_kept(folder, "x.pickle", MAGIC) == value


def test_the_payload_is_written_in_frames_not_held_whole(folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """One large value goes to the file in frames of about 64 KB: never the payload whole,
    which a ``pickle.dumps`` first would have written in one piece."""
    sizes: list[int] = []
    write = cache_module._Summed.write

    def counted(self: Any, data: Any) -> int:
        sizes.append(memoryview(data).nbytes)
        return write(self, data)

    monkeypatch.setattr(cache_module._Summed, "write", counted)
    items = _items(20_000)
    cache_module.write_cache_file(folder, folder / "p.pickle", MAGIC, ("h", items))
    assert sum(sizes) > 1_000_000
    assert max(sizes) <= 70_000
    assert cache_module.read_kept(folder, "p.pickle", MAGIC) == ("h", items)


def _rewrite(folder: Path, name: str, payload: bytes) -> None:
    cache_module.write_cache_bytes(folder, folder / name, MAGIC, payload)


def test_a_short_padded_or_planted_chunked_file_is_refused(folder: Path) -> None:
    items = _items(9)
    path = folder / "p.pickle"
    cache_module.write_cache_chunks(folder, path, MAGIC, ("h",), items, size=4)
    blob = cache_module.read_cache_file(folder, path)
    assert blob is not None
    payload = blob[len(MAGIC) + cache_module._HEADER.size:]
    # one chunk fewer than the head counts: the reader runs out of pickles
    head = pickle.dumps(("h", 3))
    chunks = [pickle.dumps(dict(list(items.items())[i:i + 4])) for i in (0, 4, 8)]
    _rewrite(folder, "p.pickle", head + chunks[0] + chunks[1])
    with pytest.raises(EOFError):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a chunk more than the head counts
    _rewrite(folder, "p.pickle", head + b"".join(chunks) + chunks[0])
    with pytest.raises(ValueError, match="more than"):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a count that is not one
    _rewrite(folder, "p.pickle", pickle.dumps(("h", "3")) + b"".join(chunks))
    with pytest.raises(ValueError, match="chunked"):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a chunk that is not a mapping
    _rewrite(folder, "p.pickle", head + chunks[0] + pickle.dumps(["x"]) + chunks[2])
    with pytest.raises(ValueError, match="chunk of items"):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # an empty chunk, which the writer never makes
    _rewrite(folder, "p.pickle", head + chunks[0] + pickle.dumps({}) + chunks[2])
    with pytest.raises(ValueError, match="chunk of items"):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a head that is no tuple, or an empty one
    for top in (["h", 3], (), "h"):
        _rewrite(folder, "p.pickle", pickle.dumps(top) + b"".join(chunks))
        with pytest.raises(ValueError, match="chunked"):
            cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a count far beyond what the file can hold
    _rewrite(folder, "p.pickle", pickle.dumps(("h", 10**12)) + b"".join(chunks))
    with pytest.raises(ValueError, match="chunked"):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a class in a chunk: the cache's unpickler admits plain data only
    _rewrite(folder, "p.pickle", head + chunks[0] + pickle.dumps({"x": os.system}) + chunks[2])
    with pytest.raises(pickle.UnpicklingError):
        cache_module.read_kept_chunks(folder, "p.pickle", MAGIC)
    # a flipped byte: the header's CRC no longer holds
    _rewrite(folder, "p.pickle", head + b"".join(chunks))
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert cache_module.read_kept_chunks(folder, "p.pickle", MAGIC) is cache_module.NOTHING_KEPT
    # the whole payload is the original
    _rewrite(folder, "p.pickle", bytes(payload))
    assert cache_module.read_kept_chunks(folder, "p.pickle", MAGIC) == ("h", items)


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(folder: Path) -> None:
    path = folder / "p.pickle"
    cache_module.write_cache_chunks(folder, path, MAGIC, ("h",), _items(3))

    class Unpicklable:
        def __reduce__(self) -> Any:
            raise TypeError("no")

    with pytest.raises(TypeError):
        cache_module.write_cache_chunks(folder, path, MAGIC, ("h",),
                                        {**_items(3), "x": Unpicklable()})
    assert cache_module.read_kept_chunks(folder, "p.pickle", MAGIC) == ("h", _items(3))
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_chunks_pickled_by_any_protocol_read_back(folder: Path, protocol: int) -> None:
    """The reader over the payload's bytes serves the unpickler's every way of reading: the
    text protocols read line by line, the later ones in frames. (No dates here: protocols
    before 3 pickle them through ``_codecs.encode``, which the cache's unpickler refuses.)"""
    items = {rel: (digest, (what, {**held, "reported": held["reported"].isoformat()}))
             for rel, (digest, (what, held)) in _items(7).items()}
    payload = pickle.dumps(("h", 2), protocol=protocol) + b"".join(
        pickle.dumps(dict(list(items.items())[i:i + 4]), protocol=protocol) for i in (0, 4))
    _rewrite(folder, "p.pickle", payload)
    assert cache_module.read_kept_chunks(folder, "p.pickle", MAGIC) == ("h", items)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), cut=st.integers(min_value=0, max_value=400))
def test_the_reader_reads_as_a_file_does(data: bytes, cut: int) -> None:
    """``_ViewReader`` gives what ``io.BytesIO`` gives, read by read and line by line."""
    import io

    ours, theirs = cache_module._ViewReader(memoryview(data)), io.BytesIO(data)
    assert ours.read(cut) == theirs.read(cut)
    assert ours.readline() == theirs.readline()
    assert ours.readline(cut % 7) == theirs.readline(cut % 7)
    into_ours, into_theirs = bytearray(cut % 11), bytearray(cut % 11)
    assert ours.readinto(into_ours) == theirs.readinto(into_theirs)
    assert into_ours == into_theirs
    assert ours.read() == theirs.read()
    assert ours.read(3) == theirs.read(3) == b""
