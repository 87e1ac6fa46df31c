"""Reading and writing a cache file as the tool does, for tests that damage or plant one.

Every file in ``.veiligestad-cache/`` starts with the folder's binding
(``store.cache.checkout_token``): a file without it is never read. A test that checks another
defence (a stat key, a header, a class refused when unpickled) writes its planted bytes *with*
the binding, as if the plant had got past it.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

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


def load_kept(path: Path) -> Any:
    """A kept pickle of the site or the programme-wide view (``federation/cachedir``), read
    past its folder's binding: ``(key, payload)``."""
    from veiligestad.federation.cachedir import token

    bound = token(path)
    blob = path.read_bytes()
    assert bound is not None and blob.startswith(bound), path
    return pickle.loads(blob[len(bound):])


def dump_kept(path: Path, value: Any) -> None:
    """Write ``value`` pickled as a kept pickle, with the folder's binding."""
    write_kept_bytes(path, pickle.dumps(value))


def write_kept_bytes(path: Path, content: bytes) -> None:
    """Write any bytes as a kept pickle's, after the folder's binding."""
    from veiligestad.federation.cachedir import token

    bound = token(path, make=True)
    assert bound is not None
    path.write_bytes(bound + content)
