"""Where the other cities live on disk: the knowledge base's git-ignored cache folder.

::

    .veiligestad-cache/federation/<city>/
        checkout/              the city's repository at the synced commit (depth 1)
        state.json             last sync: commit, when, the last error, counts, problems
        snapshot.pickle        the city's valid records and vocabularies at that commit
        public-<date>.pickle   its public records of that day, qualified (made on first use)

Everything here is derived and can be deleted at any time (``federation sync`` makes it again).
A folder on the way that is a symbolic link (a pull request could plant one to make the sync write
elsewhere) is refused. Files are written to a temporary name and renamed into place, so a reader
sees a whole old or a whole new file. Pickles admit plain data and dates only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any, Final

from veiligestad.store.cache import CACHE_DIR

FOLDER: Final = "federation"
CHECKOUT: Final = "checkout"
STATE: Final = "state.json"
SNAPSHOT: Final = "snapshot.pickle"
FORMAT: Final = 1


class CacheFolderError(Exception):
    """The cache folder cannot be used (a link, or not writable)."""


def _plain_dir(path: Path, make: bool) -> bool:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not make:
            return False
        path.mkdir()
        return True
    if not stat.S_ISDIR(info.st_mode):
        raise CacheFolderError(str(path))
    return True


def city_folder(root: Path, key: str, make: bool = False) -> Path | None:
    """``.veiligestad-cache/federation/<key>`` (made when ``make``), or None when missing."""
    folder = root
    try:
        for part in (CACHE_DIR, FOLDER, key):
            folder = folder / part
            new = not os.path.lexists(folder)
            if not _plain_dir(folder, make):
                return None
            if new and part == CACHE_DIR:
                (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    except OSError as exc:
        raise CacheFolderError(str(folder)) from exc
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(name, path)
    except BaseException:
        if os.path.exists(name):
            os.unlink(name)
        raise


def read_state(folder: Path | None) -> dict[str, Any]:
    """The city's ``state.json``, or an empty mapping when there is none, it is damaged, or it
    was not written in this cache folder (it holds the folder's binding, ``token``)."""
    if folder is None:
        return {}
    bound = token(folder / STATE)
    blob = _read_plain(folder / STATE)
    if bound is None or blob is None:
        return {}
    try:
        state = json.loads(blob.decode("utf-8"))
    except Exception:  # damaged, or nested past what the reader takes: as if none
        return {}
    if not isinstance(state, dict) or state.pop(_BINDING, None) != bound.hex():
        return {}
    return state


_BINDING: Final = "binding"


def write_state(folder: Path, state: dict[str, Any]) -> None:
    """Replace the city's ``state.json`` (with the folder's binding)."""
    bound = token(folder / STATE, make=True)
    if bound is None:
        return
    write_atomic(folder / STATE, json.dumps({**state, _BINDING: bound.hex()}, ensure_ascii=False,
                                            indent=1).encode("utf-8"))


class _PlainUnpickler(pickle.Unpickler):
    """Admits plain data and dates only: a file planted in the cache cannot run code."""

    _ALLOWED: Final = frozenset({"date", "datetime", "time", "timedelta", "timezone"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in self._ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"not allowed: {module}.{name}")


def token(path: Path, make: bool = False) -> bytes | None:
    """What binds a file at ``path`` to the cache folder it is in: the folder's
    ``store.cache.checkout_token`` (made by the first write, with ``make``); nothing outside a
    knowledge base's cache folder; None when it cannot be had, so that nothing is read.

    A pickle here is kept under a key that a pull request can compute (content digests, the
    day, the version): without the binding, one committed into the cache folder under the true
    key would be used, with false figures, open data or public fields.
    """
    from veiligestad.store.cache import checkout_token

    folder = next((parent for parent in path.parents if parent.name == CACHE_DIR), None)
    if folder is None:
        return b""
    return checkout_token(folder, make)


def write_pickle(path: Path, key: tuple[Any, ...], payload: Any) -> None:
    """Store ``payload`` under ``key`` (what it is valid for: format, code, commit, day), after
    the binding to this cache folder (``token``); nothing when it cannot be made."""
    bound = token(path, make=True)
    if bound is None:
        return
    write_atomic(path, bound + pickle.dumps(((FORMAT, *key), payload),
                                            protocol=pickle.HIGHEST_PROTOCOL))


def read_pickle(path: Path, key: tuple[Any, ...]) -> Any:
    """The payload stored under exactly ``key`` in this cache folder, else None (missing,
    stale, damaged, or written in another folder or planted: a file that does not start with
    this folder's binding is not unpickled at all)."""
    import io

    bound = token(path)
    if bound is None:
        return None
    blob = _read_plain(path)
    if blob is None or not blob.startswith(bound):
        return None
    try:
        stored = _PlainUnpickler(io.BytesIO(blob[len(bound):])).load()
    except Exception:  # damaged (or a date out of range, a nesting too deep): made again
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == (FORMAT, *key)):
        return None
    return stored[1]


def _read_plain(path: Path) -> bytes | None:
    """A file's bytes, when it is a plain file (never through a link, never a pipe)."""
    from veiligestad.store.cache import read_cache_file

    return read_cache_file(path.parent, path, bound=False)


def now_iso() -> str:
    """The current moment, in UTC, as ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
