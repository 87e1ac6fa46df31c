"""Reading and writing a cache file as the tool does, for tests that damage or plant one.

Every file in ``.veiligestad-cache/`` starts with the folder's binding
(``store.cache.checkout_token``): a file without it is never read. A test that checks another
defence (a stat key, a header, a class refused when unpickled) writes its planted bytes *with*
the binding, as if the plant had got past it.
"""

from __future__ import annotations

from pathlib import Path

from veiligestad.store.cache import checkout_token


def read_blob(path: Path) -> bytes:
    """The file's bytes after the binding (the magic, header and payload)."""
    bound = checkout_token(path.parent)
    blob = path.read_bytes()
    assert bound is not None and blob.startswith(bound), path
    return blob[len(bound):]


def write_blob(path: Path, blob: bytes) -> None:
    """Write ``blob`` (magic, header and payload, or any bytes) with the folder's binding."""
    bound = checkout_token(path.parent, make=True)
    assert bound is not None
    path.write_bytes(bound + blob)
