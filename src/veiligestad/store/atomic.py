"""Writing files so that a reader never sees half a file and nothing is overwritten by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes 0600 files; a record should get the permissions of any new file.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` in one step; ``FileExistsError`` if it already exists.

    The content goes to a temporary file beside the target first and is then hard-linked into
    place: the link fails when the target exists, so an existing record is never overwritten, not
    even by a second process racing this one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(path, text.encode("utf-8"))
    try:
        os.link(temp, path)
    finally:
        os.unlink(temp)


def replace(path: Path, text: str) -> None:
    """Replace the content of an existing ``path`` in one step (write beside, then rename)."""
    temp = _temp_beside(path, text.encode("utf-8"))
    os.chmod(temp, os.stat(path).st_mode & 0o7777)
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def make_dir_beside(target: Path) -> Path:
    """A new, empty staging folder next to ``target`` with ordinary permissions."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())
    return staging
