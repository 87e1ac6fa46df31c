"""Writing files so that a reader never sees half a file and nothing is overwritten by accident.

Every write goes to a temporary file beside its target (``.Q-2026-014.yaml.<random>.tmp``),
flushed to disk, and is then put in place in one step. A write the system refuses (a read-only
folder, a full disk) raises ``NotWritable`` (exit code 2) and leaves nothing behind; a process
killed between the two steps leaves its temporary file, which the next write into that folder
removes (and which ``validate`` reports until then), so ``git add -A`` never picks one up.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path
from typing import Final

from veiligestad.errors import VeiligestadError
from veiligestad.i18n import Translator

# A temporary file of this module: a dot, the target's name, mkstemp's random part, ".tmp".
TEMP_NAME: Final = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]{6,}\.tmp$")
# A temporary file older than this was left by a write that never finished: a write of a record
# takes milliseconds, so a file this old cannot belong to one still running.
STALE_AFTER_SECONDS: Final = 300


class NotWritable(VeiligestadError):
    """The system refused a write (read-only folder, disk full, no permission): exit code 2.

    The message is in English; ``message_in`` words it in the user's language.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.reason = error.strerror or str(error)
        # A replace or rename (two paths) refused with permission: Windows refuses to replace a
        # file another program has open (an editor, a spreadsheet), so that is the likely cause.
        self.in_use = isinstance(error, PermissionError) and error.filename2 is not None
        super().__init__(f"{path} cannot be written: {self.reason}; nothing was changed")

    def message_in(self, t: Translator) -> tuple[str, str]:
        """The message and hint in the language of the translator ``t``."""
        hint = t("cli.path_in_use_hint") if self.in_use else t("write.refused_hint")
        return t("write.refused", path=str(self.path), error=self.reason), hint


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file this module writes."""
    return TEMP_NAME.match(name) is not None


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary files an interrupted write left in ``folder``; return them."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temporary(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if now - info.st_mtime > STALE_AFTER_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _set_mode(fd: int, name: str, mode: int) -> None:
    # os.fchmod does not exist on Windows before Python 3.13; chmod on the path does the same.
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(name, mode)


def _temp_beside(path: Path, data: bytes) -> Path:
    import tempfile  # here, not at the top: most runs of the tool write nothing

    remove_stale_temporaries(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes 0600 files; a record should get the permissions of any new file.
        _set_mode(fd, name, 0o666 & ~_umask())
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def write_new(path: Path, text: str | bytes) -> None:
    """Create ``path`` with ``text`` (UTF-8) or bytes in one step; ``FileExistsError`` if it
    already exists.

    The content goes to a temporary file beside the target first and is then hard-linked into
    place: the link fails when the target exists, so an existing record is never overwritten, not
    even by a second process racing this one. ``NotWritable`` when the system refuses.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        temp = _temp_beside(path, data)
        placed = False
        try:
            placed = place_new(temp, path)
        finally:
            if not placed:
                os.unlink(temp)
    except FileExistsError:
        raise
    except OSError as exc:
        raise NotWritable(path, exc) from None


# On Windows a rename never replaces an existing file (it fails): a second way to put a new file
# in place without overwriting one.
RENAME_REFUSES_EXISTING = os.name == "nt"


def place_new(temp: Path | str, path: Path) -> bool:
    """Put the finished file ``temp`` in place as the new file ``path``, never over an existing
    one (``FileExistsError``); True when ``temp`` itself became ``path`` (it is gone).

    A hard link does it in one step. Where the file system has none (a FAT or exFAT USB stick,
    some network drives): on Windows a rename, which fails when ``path`` exists; elsewhere an
    empty ``path`` is claimed exclusively and ``temp`` renamed over it, so its content appears in
    one step (a crash in between leaves at most that empty file, never half a record)."""
    try:
        os.link(temp, path)
        return False
    except FileExistsError:
        raise
    except OSError:
        pass  # no hard links here
    if RENAME_REFUSES_EXISTING:
        os.rename(temp, path)
        return True
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                     | getattr(os, "O_NOFOLLOW", 0), 0o666))
    try:
        os.replace(temp, path)  # over the empty file this run claimed
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return True


def replace(path: Path, text: str) -> None:
    """Replace the content of an existing ``path`` in one step (write beside, then rename)."""
    try:
        temp = _temp_beside(path, text.encode("utf-8"))
        try:
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
            os.replace(temp, path)
        except BaseException:
            # writable again first: Windows removes no read-only file (a read-only record's
            # mode was copied onto it), which would leave it beside the record for good
            with contextlib.suppress(OSError):
                os.chmod(temp, 0o600)
            os.unlink(temp)
            raise
    except OSError as exc:
        raise NotWritable(path, exc) from None


def make_dir_beside(target: Path) -> Path:
    """A new, empty staging folder next to ``target`` with ordinary permissions."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())
    return staging
