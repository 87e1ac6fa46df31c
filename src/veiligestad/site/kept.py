"""A build in which nothing changed, answered without opening the knowledge base.

A build reads the record files, the saved queries, ``veiligestad.yaml``, the knowledge base's own
templates (and the CSS among them), the tool's code and built-in templates and Pagefind; it is
asked for a language, a base URL, search or not; and it depends on the day. When all of these are
exactly what they were at a build that wrote nothing, and every file of the output folder is as
that build left it, the build would again write nothing: ``site build`` says so without reading a
record. What is kept (``.veiligestad-cache/site/build-*.pickle``, one per output folder) is a
digest of the inputs, the stat of every file of the output folder and the counts to print.

Never wrong, only missing:

* **Files are known by their stat**: size, modification time, change time, inode and device, as
  the record cache knows them (``store/cache.py``). Changing a file's bytes changes its change
  time, which no program can set back. Where the change time cannot be trusted (Windows) or the
  cache is turned off, there is no kept key and every build takes the full path.
* **Inputs are listed before they are read**: a file changed while the build reads it has a
  newer stat than the one kept, so the next build takes the full path.
* **Racy files**: a file (input or output) whose times fall within ``RACY_NS`` of the moment it
  was looked at could change again within the same tick of the clock without its stat showing
  it (as in git's index). Then no key is kept; the next build takes the full path and keeps one.
  So a key is only kept by a build that wrote nothing (what it wrote would be racy).
* **Anything unusual** (a knowledge base laid out in a way the quick listing does not cover, a
  record left out of the screened view, which the full path names on standard error, the
  programme-wide site) keeps nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

# A file whose times are this close to the moment it was looked at is not trusted by its stat.
RACY_NS: int = 2_000_000_000
PREFIX: Final = "build-"
FORMAT: Final = 1

StatKey = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Inputs:
    """What a build was asked for and read, as a digest, and when it was looked at."""

    digest: str
    started_ns: int
    racy: bool  # some input changed within RACY_NS of ``started_ns``: keep no key


@dataclass(frozen=True)
class Counts:
    """What the build that wrote nothing reported."""

    pages: int
    findings: int
    unchanged: int


def _stat_key(info: os.stat_result) -> StatKey:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _racy(key: StatKey, moment_ns: int) -> bool:
    return key[1] >= moment_ns - RACY_NS or key[2] >= moment_ns - RACY_NS


def usable() -> bool:
    """Whether a file's stat can be trusted to show a change here (not on Windows, not with
    the record cache turned off)."""
    from veiligestad.store import cache

    return cache.STAT_TRUSTED and os.name != "nt" and cache.enabled_by_default()


def _tree(folder: Path, rel: str) -> list[tuple[str, StatKey]] | None:
    """The ``lstat`` of ``folder`` and of everything below it, in name order; [] when it does
    not exist; None when it cannot be read."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    out = [(rel, _stat_key(info))]
    if not os.path.isdir(folder) or os.path.islink(folder):
        return out
    for base, dirs, files in os.walk(folder, onerror=_raise):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted([*dirs, *files]):
            path = os.path.join(base, name)
            try:
                out.append((os.path.relpath(path, folder), _stat_key(os.lstat(path))))
            except OSError:
                return None
    return out


def _raise(error: OSError) -> None:
    raise error


def inputs(root: Path, out: Path, lang: str, base_url: str, search: bool,
           today: Any) -> Inputs | None:
    """The digest of everything a build of ``root`` into ``out`` reads and is asked for, taken
    before anything is read; None when it cannot be known from stats alone."""
    from veiligestad import __version__
    from veiligestad.render.environment import TEMPLATE_DIR, builtin_template_dir
    from veiligestad.store.cache import tool_fingerprint
    from veiligestad.store.unchanged import kind_folders, quick_listing

    if not usable():
        return None
    started = time.time_ns()
    try:
        files = quick_listing(root, kind_folders())  # record files and saved queries
        if files is None:
            return None
        listed: list[tuple[str, Any]] = list(files)
        for name, folder in (("config", root / "veiligestad.yaml"),
                             ("templates", root / TEMPLATE_DIR),
                             ("builtin", builtin_template_dir())):
            tree = _tree(folder, name)
            if tree is None:
                return None
            listed += tree
        if search:
            from veiligestad.site.search import pagefind_executable

            binary = pagefind_executable()
            if binary is None:
                return None
            listed.append((f"pagefind:{binary}", _stat_key(os.stat(binary))))
    except OSError:
        return None
    racy = any(_racy(key, started) for _, key in listed)
    digest = hashlib.blake2b(
        f"{FORMAT}\0{__version__}\0{tool_fingerprint()}\0{lang}\0{base_url}\0{search}\0"
        f"{today.isoformat()}\0{out}\0".encode(), digest_size=20)
    digest.update(repr(listed).encode("utf-8", "surrogateescape"))
    return Inputs(digest.hexdigest(), started, racy)


def _outputs(out: Path, rels: list[str]) -> list[tuple[str, StatKey]] | None:
    """The ``lstat`` of each file of the output folder, in order; None when one is missing."""
    prefix = os.path.join(str(out), "")
    found = []
    for rel in rels:
        try:
            found.append((rel, _stat_key(os.lstat(prefix + rel.replace("/", os.sep)))))
        except OSError:
            return None
    return found


def _file(root: Path, out: Path, make: bool) -> Path | None:
    from veiligestad.site.derived import _folder, out_name

    folder = _folder(root, make=make)
    if folder is None:
        return None
    return folder / f"{PREFIX}{out_name(out)}.pickle"


def answer(root: Path, out: Path, found: Inputs) -> Counts | None:
    """What the last build reported, when it wrote nothing and nothing changed since: the
    inputs are the same and every file of the output folder is as it left it."""
    from veiligestad.federation.cachedir import read_pickle

    path = _file(root, out, make=False)
    if path is None or found.racy:
        return None
    stored = read_pickle(path, ("site-build", found.digest))
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list)
            and isinstance(stored[1], tuple) and len(stored[1]) == 3):
        return None
    kept_outputs, counts = stored
    rels = [row[0] for row in kept_outputs if isinstance(row, tuple) and len(row) == 2
            and isinstance(row[0], str)]
    if len(rels) != len(kept_outputs) or _outputs(out, rels) != kept_outputs:
        return None
    if not all(isinstance(n, int) for n in counts):
        return None
    return Counts(*counts)


def keep(root: Path, out: Path, found: Inputs, produced: list[str], counts: Counts) -> bool:
    """Keep the key of a build that wrote nothing, unless an input or an output file is racy
    (then any key kept before is forgotten); whether it was kept."""
    from veiligestad.federation.cachedir import write_pickle

    now = time.time_ns()
    outputs = None if found.racy else _outputs(out, produced)
    path = _file(root, out, make=outputs is not None)
    if path is None:
        return False
    if outputs is None or any(_racy(key, now) for _, key in outputs):
        forget(root, out)
        return False
    try:
        write_pickle(path, ("site-build", found.digest),
                     (outputs, (counts.pages, counts.findings, counts.unchanged)))
    except OSError:  # a read-only cache: the full path next time
        forget(root, out)
        return False
    return True


def forget(root: Path, out: Path) -> None:
    """Remove the key kept for ``out`` (a build that wrote something, or failed to keep one)."""
    path = _file(root, out, make=False)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
