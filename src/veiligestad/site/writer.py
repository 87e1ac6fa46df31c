"""Writing the site: only files whose bytes changed, and removing what is no longer produced.

A file whose content is the same as on disk is not touched (its modification time stays), so a
second build with nothing changed rewrites nothing and a web server's caches and an rsync to the
municipality's server only see real changes. A manifest (``.veiligestad-site.json``) lists what the
last build wrote; a file in it that this build does not produce (a finding that was withdrawn, an
embargo set again) is removed, and a file the tool never wrote is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

MANIFEST: Final = ".veiligestad-site.json"


@dataclass
class WriteStats:
    """What a build did to the output folder (paths relative to it, with ``/``)."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class OutsideSite(ValueError):
    """A folder of the site that leads outside it: a symbolic link in the output folder."""

    def __init__(self, rel: str) -> None:
        super().__init__(f"not below the site's folder: {rel}")
        self.rel = rel


class SiteWriter:
    """Writes files below ``root`` if their bytes differ, and remembers every file produced."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved = root.resolve()
        self._prefix = os.path.join(str(root), "")  # the root as text, with its separator
        self._folders: set[Path] = set()  # folders made (or found) by this build
        self._inside: set[Path] = set()  # folders known to stay below the root
        self.stats = WriteStats()
        self.produced: set[str] = set()
        # page -> [fingerprint of what it was made from, digest of its bytes]
        self.fingerprints: dict[str, list[Any]] = {}
        # per part of the search index (its folder), a digest of the pages it was made from
        # (``site.search``)
        self.search: dict[str, str] = {}
        self.previous, self._old_prints, self.previous_search = self._read_manifest()

    def _read_manifest(self) -> tuple[set[str], dict[str, list[Any]], dict[str, str]]:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set(), {}, {}
        if not isinstance(data, dict):
            return set(), {}, {}
        files = data.get("files")
        prints = data.get("fingerprints")
        search = data.get("search")
        return ({f for f in files if isinstance(f, str)} if isinstance(files, list) else set(),
                prints if isinstance(prints, dict) else {},
                {k: v for k, v in search.items() if isinstance(k, str) and isinstance(v, str)}
                if isinstance(search, dict) else {})

    def still_current(self, rel: str, fingerprint: str) -> bool:
        """Whether ``rel`` was made from exactly these inputs and is untouched since: then it
        need not even be rendered. Anything unsure (no record, a file edited or removed since)
        says no, and the page is rendered and compared as usual."""
        old = self._old_prints.get(rel)
        if not (isinstance(old, list) and len(old) in (2, 4) and old[0] == fingerprint):
            return False
        try:
            _checked(rel)  # refused unless below the root
            name = self._prefix + rel  # a plain string: tens of thousands of pages are checked
            info = os.lstat(name)
            if not stat.S_ISREG(info.st_mode):  # a link in its place is replaced, not read
                return False
            if len(old) == 4 and [info.st_size, info.st_mtime_ns] == old[2:]:
                # the size and modification time it had when it was written: untouched since
                # (as rsync and make judge it), so it is not read again
                self.keep(rel)
                self.fingerprints[rel] = old
                return True
            with open(name, "rb") as handle:
                content = handle.read()
        except (OSError, ValueError):
            return False
        if hashlib.sha256(content).hexdigest() != old[1]:
            return False
        self.keep(rel)
        self.fingerprints[rel] = old  # as it was: a build that changes nothing writes nothing
        return True

    def unchanged_since(self, rel: str, fingerprint: str) -> bool:
        """Whether the last build wrote ``rel`` for ``fingerprint`` and it still holds those
        bytes: known by its size and modification time, else read and compared by digest.
        Nothing is counted or recorded here (``keep_written`` does that)."""
        old = self._old_prints.get(rel)
        if not (isinstance(old, list) and len(old) in (2, 4) and old[0] == fingerprint):
            return False
        try:
            _checked(rel)
            name = self._prefix + rel
            info = os.lstat(name)
            if not stat.S_ISREG(info.st_mode):
                return False
            if len(old) == 4 and [info.st_size, info.st_mtime_ns] == old[2:]:
                return True
            with open(name, "rb") as handle:
                content = handle.read()
        except (OSError, ValueError):
            return False
        return bool(hashlib.sha256(content).hexdigest() == old[1])

    def keep_written(self, rel: str) -> None:
        """Keep ``rel`` as it is (``unchanged_since`` said so), with what it was made for."""
        self.keep(rel)
        self.fingerprints[rel] = self._old_prints[rel]

    def write_remembered(self, rel: str, data: bytes, fingerprint: str) -> None:
        """``write`` ``rel``, and remember what it was made for (``unchanged_since`` asks);
        a file found unchanged that was made for the same keeps its entry as it was."""
        wrote = self.write(rel, data)
        old = self._old_prints.get(rel)
        if not wrote and isinstance(old, list) and len(old) in (2, 4) \
                and old[0] == fingerprint and old[1] == hashlib.sha256(data).hexdigest():
            self.fingerprints[rel] = old
            return
        self.remember(rel, fingerprint, data)

    def remember(self, rel: str, fingerprint: str, data: bytes) -> None:
        """Record what ``rel`` (just written or found unchanged, holding ``data``) was made
        from, with the size and modification time it has now."""
        entry: list[Any] = [fingerprint, hashlib.sha256(data).hexdigest()]
        try:
            info = self.target(rel).stat()
        except OSError:
            pass
        else:
            entry += [info.st_size, info.st_mtime_ns]
        self.fingerprints[rel] = entry

    def target(self, rel: str, *, resolve: bool = False) -> Path:
        """The file ``rel`` below the root; a path that would leave the root is refused (with
        ``resolve``, also through a symbolic link: checked before writing or deleting)."""
        path = self.root.joinpath(*_checked(rel))
        if resolve and not path.resolve().is_relative_to(self._resolved):
            raise ValueError(f"not below the site's folder: {rel}")
        return path

    def check_folders(self, rels: Iterable[str]) -> None:
        """Before the first write: that every folder the files ``rels`` go into stays below
        the root. An ``OutsideSite`` names the first folder that leads elsewhere (a symbolic
        link planted in the site's folder), so a build stops before it writes anything."""
        for folder in sorted({rel.rpartition("/")[0] for rel in rels}):
            self._folder_inside(self.root.joinpath(*_checked(folder)) if folder else self.root)

    def _folder_inside(self, folder: Path) -> None:
        """``folder`` stays below the root: its parent does, and it is no link that leads
        elsewhere (one ``lstat`` for a plain folder or one not made yet; a link is resolved).
        Looked at once per folder and build."""
        if folder in self._inside or folder == self.root:
            return
        self._folder_inside(folder.parent)
        try:
            linked = stat.S_ISLNK(os.lstat(folder).st_mode)
        except OSError:  # not there yet: made below a folder that stays inside
            linked = False
        # (on Windows a junction is no link to ``lstat``: every folder is resolved there)
        if (linked or os.name == "nt") and not folder.resolve().is_relative_to(self._resolved):
            raise OutsideSite(folder.relative_to(self.root).as_posix())
        self._inside.add(folder)

    def _place(self, rel: str) -> Path:
        """The path of ``rel``, counted as produced, with its folder looked at (below the
        root) and made: once per folder, not per file."""
        self.produced.add(rel)
        path = self.target(rel)
        folder = path.parent
        if folder not in self._folders:
            self._folder_inside(folder)
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return path

    def write(self, rel: str, data: bytes) -> bool:
        """Write ``data`` to ``rel`` unless it already holds exactly these bytes. Its folder
        must stay below the root (``OutsideSite``, before anything is made there); a link in
        the file's own place is replaced by the file, never followed."""
        path = self._place(rel)
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_size == len(data) \
                    and path.read_bytes() == data:
                self.stats.unchanged += 1
                return False
        except OSError:
            pass
        _replace(path, data)
        self.stats.written.append(rel)
        return True

    def adopt(self, rel: str, source: str) -> bool:
        """``write`` the bytes of the file ``source`` (which this build made and no longer
        needs) to ``rel``: the file itself is moved into place where it can be (the same file
        system), its bytes are not copied."""
        path = self._place(rel)
        data: bytes | None = None
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_size == os.path.getsize(source):
                with open(source, "rb") as handle:
                    data = handle.read()
                if path.read_bytes() == data:
                    self.stats.unchanged += 1
                    return False
        except OSError:
            pass
        try:
            os.chmod(source, 0o644)
            os.replace(source, path)  # a link in its place is replaced, never followed
        except OSError:  # another file system (or Windows): its bytes, as ``write`` does
            if data is None:
                with open(source, "rb") as handle:
                    data = handle.read()
            _replace(path, data)
        self.stats.written.append(rel)
        return True

    def keep(self, rel: str) -> None:
        """Count ``rel`` as produced by this build without writing it (it is known unchanged)."""
        self.produced.add(rel)
        self.stats.unchanged += 1

    def abandon(self) -> None:
        """A build that stops after it wrote: the manifest lists the files of the last build
        and every file written since (so the next build takes the folder as its own and still
        removes what is no longer made), with the fingerprints and parts of the index known to
        be done. Nothing when nothing was written; a manifest that cannot be written stays as
        it was (the error that stopped the build is the one reported)."""
        if not self.stats.written:
            return
        content: dict[str, Any] = {"files": sorted(self.previous | self.produced),
                                   "fingerprints": dict(sorted(self.fingerprints.items())),
                                   "search": dict(sorted(self.search.items()))}
        with contextlib.suppress(OSError):
            _replace(self.root / MANIFEST, (json.dumps(content, indent=0) + "\n").encode())

    def finish(self) -> WriteStats:
        """Remove files the last build wrote and this one did not; write the manifest."""
        for rel in sorted(self.previous - self.produced):
            try:
                path = self.target(rel, resolve=True)
            except ValueError:
                continue  # a manifest edited by hand: never delete outside the site
            if path.is_file() and not path.is_symlink():
                path.unlink()
                self.stats.removed.append(rel)
                _prune(path.parent, self.root)
        content: dict[str, Any] = {"files": sorted(self.produced),
                                   "fingerprints": dict(sorted(self.fingerprints.items()))}
        if self.search:
            content["search"] = dict(sorted(self.search.items()))
        manifest = json.dumps(content, indent=0) + "\n"
        path = self.root / MANIFEST
        try:
            same = path.read_text(encoding="utf-8") == manifest
        except OSError:
            same = False
        if not same:
            _replace(path, manifest.encode("utf-8"))
            self.stats.written.append(MANIFEST)
        return self.stats


def _checked(rel: str) -> list[str]:
    """The parts of ``rel``; a ValueError for a path that could leave the site's folder."""
    parts = rel.split("/")
    if "" in parts or "." in parts or ".." in parts or "\\" in rel or ":" in rel:
        raise ValueError(f"not below the site's folder: {rel}")
    return parts


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty up to (not including) the root."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _replace(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
