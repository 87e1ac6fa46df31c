"""Reading a record file's bytes: all of them up to the limit, one more to tell it was passed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from veiligestad.store import records
from veiligestad.store.records import read_bytes

LIMIT = 200_000


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, LIMIT - 1, LIMIT, LIMIT + 1, 3 * LIMIT])
@pytest.mark.parametrize("stat_says", ["true", "less", "none"])
def test_every_byte_up_to_one_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, stat_says: str
) -> None:
    """Whatever the size ``fstat`` reports (a file that grew after it, a file system whose
    size is wrong), the bytes read are the file's, up to one past the limit."""
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "Q-2026-001.yaml"
    content = bytes(range(256)) * (size // 256 + 1)
    path.write_bytes(content[:size])
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        if stat_says == "true":
            return found
        fields = list(found)
        fields[6] = found.st_size // 3 if stat_says == "less" else 0  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(records.os, "fstat", fstat)
    raw, notes = read_bytes(tmp_path, "data/Q-2026-001.yaml", LIMIT)
    if stat_says == "true" and size > LIMIT:
        assert raw is None and notes[0].code == "too_large"
        return
    assert notes == []
    assert raw == content[:min(size, LIMIT + 1)]
