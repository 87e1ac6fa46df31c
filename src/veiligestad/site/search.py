"""Search on the site: Pagefind indexes the built pages; its script searches in the browser.

Pagefind (from PyPI; the ``pagefind[extended]`` wheel carries its indexer, so nothing is
downloaded at build time) reads the pages' ``lang`` and stems Dutch, so "fietsenstallingen"
finds a page that only says "fietsenstalling". Finding pages mark their theme, partners, year
and kind of evidence with ``data-pagefind-filter``. The index and Pagefind's own script and
styles are written into ``pagefind/`` of the site: search makes no request to another host.

Pagefind reads each part's pages from a folder of their own: a staging folder kept in the
knowledge base's cache folder (``stage_folder``), whose files are second names (hard links) of
the site's pages, so a rebuild only links the pages that were written again (a page the writer
replaced is a new file) and unlinks those no longer in the part; nothing there is ever followed
(a link or anything else planted in it is removed, not read), nothing is written outside it,
and where that cannot be done (no hard links, Windows, the cache turned off) a temporary folder
is made and removed as before. The index itself is made in a temporary folder and handed to the
site's writer, so an unchanged index rewrites nothing.

Pagefind has no incremental mode and re-indexes every page it is given, so a large site's index
is made in parts (``search_shards``: up to about 500 pages each, a page's part chosen by a
digest of its path), which the search page merges in the browser (Pagefind's ``mergeIndex``). A
part is only indexed again when what it would read changed: the manifest keeps a digest of each
part's pages (their paths and the digests of their bytes) and of Pagefind's version; a build
whose indexed pages are the same (nothing changed, or only the home, theme or partner pages)
keeps every part as it is, and one changed finding re-indexes one part. A part is indexed as
soon as the writer has its pages (``Indexer``), several at once, while the build writes the
pages of the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.site.writer import SiteWriter, _checked

FOLDER: Final = "pagefind"


def pagefind_executable() -> Path | None:
    """The Pagefind indexer shipped in the installed wheel, or None."""
    try:
        from pagefind.service import _must_get_executable
    except ImportError:
        return None
    try:
        return Path(_must_get_executable())
    except Exception:  # the package is there but its binary is not
        return None


def require_pagefind(t: Translator) -> None:
    """Fail early, with the install command, when Pagefind is missing."""
    if pagefind_executable() is None:
        raise UsageError(t("site.no_pagefind"), hint=t("site.no_pagefind_hint"))


# At most about this many pages go into one part of the index: a rebuild re-indexes only the
# parts whose pages changed (Pagefind itself has no incremental mode).
SHARD_PAGES: Final = 500
# Files of Pagefind's bundle that only the first part needs: its search interface.
_UI_ONLY: Final = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")


def shard_count(pages: int) -> int:
    """How many parts an index of ``pages`` pages has: a power of two, so that a page only
    moves to another part when the count doubles."""
    count = 1
    while pages > count * SHARD_PAGES:
        count *= 2
    return count


def shard_folder(shard: int) -> str:
    """Where a part of the index lives: the first in ``pagefind/`` (with the search interface),
    the others in ``pagefind/1/``, ``pagefind/2/`` … (Pagefind's own folders have no digits)."""
    return FOLDER if shard == 0 else f"{FOLDER}/{shard}"


def search_shards(rels: list[str], first: str | None = None) -> dict[int, list[str]]:
    """The indexed pages per part of the index, by a digest of each page's path (stable from
    build to build); ``first`` (the agenda, a page every site has) always goes into part 0,
    which is never empty. Parts without pages are left out."""
    count = shard_count(len(rels))
    shards: dict[int, list[str]] = {0: []}
    for rel in sorted(rels):
        shard = 0 if rel == first or count == 1 else \
            int(hashlib.sha256(rel.encode()).hexdigest()[:8], 16) % count
        shards.setdefault(shard, []).append(rel)
    return dict(sorted(shards.items()))


def stage_folder(root: Path, out: Path) -> Path | None:
    """Where the pages of each part of ``out``'s index are staged for Pagefind between builds
    (``.veiligestad-cache/site/pagefind-<digest of out>``), or None: where a file's stat cannot
    be trusted to tell one file from another (Windows) or the cache is turned off, and when the
    cache folder is not a plain folder."""
    from veiligestad.site import kept
    from veiligestad.site.derived import _folder, out_name

    if not kept.usable():
        return None
    folder = _folder(root, make=True)
    if folder is None:
        return None
    return folder / f"pagefind-{out_name(out)}"


class Indexer:
    """The search index made while the site is written: a part is indexed as soon as the
    writer has its pages (``wrote``), so Pagefind indexes the first parts while this process
    writes the pages of the others; as many parts at once as the build may use processes
    (``parallel.jobs``), each Pagefind run a process of its own. ``finish`` indexes what is
    left and waits for every run; ``stop`` (always called) stops runs left by a failure."""

    def __init__(self, out: Path, writer: SiteWriter, t: Translator,
                 shards: dict[int, list[str]], stage: Path | None = None) -> None:
        from veiligestad.parallel import jobs

        self.out, self.writer, self.t, self.shards, self.stage = out, writer, t, shards, stage
        self.jobs = jobs()
        self.previous: dict[str, list[str]] = {}
        for rel in sorted(writer.previous):  # one pass over the last build's files
            part = _part_of(rel)
            if part:
                self.previous.setdefault(part, []).append(rel)
        self.part_of = {rel: shard for shard, rels in shards.items() for rel in rels}
        # per part, its pages the writer has not yet written (or kept)
        self.waiting = {shard: {rel for rel in rels if rel not in writer.fingerprints}
                        for shard, rels in shards.items()}
        self.queue: list[int] = []
        self.running: list[_Run] = []
        self.searched = False
        for shard, left in self.waiting.items():
            if not left:
                self._ready(shard)
        self._step()

    def pending(self, rels: list[str]) -> list[str]:
        """``rels`` in the order to write them: the pages of each part together, part by part
        (so the first parts can be indexed early), then the pages no part indexes."""
        order = {shard: n for n, shard in enumerate(self.shards)}
        last = len(order)
        return sorted(rels, key=lambda rel: order.get(self.part_of.get(rel, -1), last))

    def wrote(self, rel: str) -> None:
        """The writer has written (and remembered) the page ``rel``."""
        shard = self.part_of.get(rel)
        if shard is not None:
            left = self.waiting[shard]
            if rel in left:
                left.discard(rel)
                if not left:
                    self._ready(shard)
        self._step()

    def _ready(self, shard: int) -> None:
        """Every page of ``shard`` is written: kept as it is when the same pages made it,
        else queued for Pagefind."""
        folder = shard_folder(shard)
        old = self.previous.get(folder, [])
        prefix = os.path.join(str(self.out), "")
        digest = self._digest(shard)
        if self.writer.previous_search.get(folder) == digest and old \
                and all(_regular(prefix + rel) for rel in old):
            self.writer.search[folder] = digest
            for rel in old:
                self.writer.keep(rel)
            return
        self.queue.append(shard)

    def _digest(self, shard: int) -> str:
        return indexed_digest(self.writer, self.shards[shard])

    def _step(self, wait: bool = False) -> None:
        """Hand the bundles of finished runs to the writer (with ``wait``, the oldest run's
        even if it still runs) and start queued parts while there is room."""
        while self.running and (wait or self.running[0].process.poll() is not None):
            self.running.pop(0).finish(self.writer, self.t)
            wait = False
        while self.queue and len(self.running) < self.jobs:
            shard = self.queue.pop(0)
            stage = None if self.stage is None else _stage_part(self.stage, str(shard))
            run = _Run(self.out, self.t, self.shards[shard], shard_folder(shard),
                       with_ui=shard == 0, stage=stage)
            run.digest = self._digest(shard)
            self.running.append(run)
            self.searched = True

    def finish(self) -> bool:
        """Index every part not yet indexed and wait for all; False when none was indexed."""
        for shard, left in self.waiting.items():
            if left:  # a page never handed over: indexed as it is on disk now
                left.clear()
                self._ready(shard)
        while self.queue or self.running:
            self._step(wait=True)
        if self.stage is not None:
            _drop_parts(self.stage, {str(shard) for shard in self.shards})
        return self.searched

    def stop(self) -> None:
        """Stop the runs still going (a failure) and remove their temporary folders."""
        while self.running:
            self.running.pop().stop()


def _regular(path: str) -> bool:
    """Whether ``path`` is a regular file (a link in its place is not: the part is made again
    and the writer replaces the link)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _part_of(rel: str) -> str | None:
    """The folder of the part of the index a file of the site belongs to, if any."""
    parts = rel.split("/")
    if parts[0] != FOLDER:
        return None
    return f"{FOLDER}/{parts[1]}" if len(parts) > 2 and parts[1].isdigit() else FOLDER


class _Run:
    """One run of Pagefind over the pages ``rels`` (in a folder of their own, so it reads
    exactly those: ``stage`` when given and it can be made to hold them, else a temporary
    folder), started when made; ``finish`` waits for it and hands its bundle to the writer
    below ``folder``."""

    def __init__(self, out: Path, t: Translator, rels: list[str], folder: str,
                 with_ui: bool, stage: Path | None = None) -> None:
        binary = pagefind_executable()
        if binary is None:
            raise UsageError(t("site.no_pagefind"), hint=t("site.no_pagefind_hint"))
        self.folder, self.with_ui = folder, with_ui
        self.digest = ""  # of the pages it reads (``indexed_digest``)
        # beside the staged pages where there are some (the cache folder, usually on the
        # site's file system, so the bundle's files are moved into the site, not copied; one
        # left by a build that was killed is removed with the parts no longer made)
        self.tmp = tempfile.TemporaryDirectory(prefix="veiligestad-pagefind-",
                                               dir=None if stage is None else stage.parent)
        self.log: Any = None
        try:
            tmp = Path(self.tmp.name)
            if stage is not None and _staged(out, stage, rels):
                pages = stage
            else:
                pages = tmp / "site"
                _copy_pages(out, pages, rels)
            self.bundle = tmp / FOLDER
            env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
            # what it prints goes to a file: a pipe nobody reads while it runs could fill up
            self.log = open(tmp / "log.txt", "w+b")  # noqa: SIM115 (closed in finish/stop)
            self.process = subprocess.Popen(
                [str(binary), "--site", str(pages), "--output-path", str(self.bundle),
                 "--glob", "**/*.html", "--keep-index-url", "--silent"],
                stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        except BaseException:
            if self.log is not None:
                self.log.close()
            self.tmp.cleanup()
            raise

    def finish(self, writer: SiteWriter, t: Translator) -> None:
        """Wait for Pagefind; its bundle to the writer (a failure is a usage error with what
        Pagefind said)."""
        try:
            code = self.process.wait()
            if code != 0:
                self.log.seek(0)
                said = self.log.read().decode("utf-8", "replace").strip()
                raise UsageError(t("site.pagefind_failed", error=said[-500:]))
            bundle = str(self.bundle)
            found = []
            for here, dirs, names in os.walk(bundle):
                dirs.sort()
                rel_here = os.path.relpath(here, bundle).replace(os.sep, "/")
                for name in names:
                    if self.with_ui or not _UI_ONLY.match(name):
                        found.append((name if rel_here == "." else f"{rel_here}/{name}",
                                      os.path.join(here, name)))
            for rel, path in sorted(found):
                writer.adopt(f"{self.folder}/{rel}", path)
            # only a part written whole is taken for done (the manifest of a build that
            # stops halfway holds no digest for the others: they are indexed again)
            writer.search[self.folder] = self.digest
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop Pagefind if it still runs; remove the temporary folder."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        self.tmp.cleanup()


def _copy_pages(out: Path, pages: Path, rels: list[str]) -> None:
    """The pages ``rels`` of ``out`` in the new folder ``pages``: hard links where the file
    system allows them, else copies."""
    link = True
    for rel in rels:
        target = pages.joinpath(*_checked(rel))
        target.parent.mkdir(parents=True, exist_ok=True)
        if link:
            try:  # a second name for the page, not a copy (Pagefind only reads it)
                os.link(out / rel, target)
                continue
            except OSError:  # another file system, or no links here: copies from now on
                link = False
        shutil.copyfile(out / rel, target)


def _stage_part(stage: Path, name: str) -> Path | None:
    """The staging folder of one part (made when missing), or None when ``stage`` or it is
    anything but a plain folder (a link, a file): then nothing there is touched."""
    from veiligestad.site.derived import plain_folder

    return plain_folder(stage.parent, (stage.name, name), make=True)


def _staged(out: Path, folder: Path, rels: list[str]) -> bool:
    """Make ``folder`` hold exactly the pages ``rels`` of ``out``, each as a hard link to the
    page itself (the same file: its device and inode), and nothing else. What is there already
    and is still the page stays; everything else found there (a page no longer in the part, a
    page the writer has replaced since, a symbolic link, a folder planted in place of a page)
    is removed without being followed. False when a page cannot be linked (another file
    system): then the caller stages the pages in a temporary folder."""
    prefix = os.path.join(str(out), "")
    wanted: dict[str, tuple[int, int]] = {}
    try:
        for rel in rels:
            _checked(rel)
            info = os.lstat(prefix + rel)
            if not stat.S_ISREG(info.st_mode):  # not a file the writer made: not linked
                return False
            wanted[rel.replace("/", os.sep)] = (info.st_ino, info.st_dev)
        present: set[str] = set()
        emptied: set[str] = set()
        for base, dirs, files in os.walk(folder, onerror=_raise):
            for name in list(dirs):  # a link to a folder is listed as a folder: never entered
                path = os.path.join(base, name)
                if os.path.islink(path):
                    os.unlink(path)
                    dirs.remove(name)
            for name in files:
                path = os.path.join(base, name)
                rel = os.path.relpath(path, folder)
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode) and wanted.get(rel) == (info.st_ino, info.st_dev):
                    present.add(rel)
                else:  # not a page of this part, or no longer the page itself
                    os.unlink(path)
                    emptied.add(base)
        for base in sorted(emptied, key=len, reverse=True):  # folders left empty
            while base != str(folder) and base.startswith(os.path.join(str(folder), "")):
                try:
                    os.rmdir(base)
                except OSError:
                    break
                base = os.path.dirname(base)
        made: set[str] = set()
        for rel in wanted:
            if rel in present:
                continue
            target = os.path.join(str(folder), rel)
            parent = os.path.dirname(target)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            os.link(prefix + rel, target)  # a regular file (looked at above)
    except (OSError, ValueError):
        return False
    return True


def _drop_parts(stage: Path, kept: set[str]) -> None:
    """Remove the staging folders of parts the index no longer has (it has fewer parts now)."""
    try:
        entries = list(os.scandir(stage))
    except OSError:
        return
    for entry in entries:
        if entry.name not in kept:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)  # never follows a link
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _raise(error: OSError) -> None:
    raise error


def indexed_digest(writer: SiteWriter, rels: list[str]) -> str:
    """A digest of what Pagefind would index: the pages ``rels`` (path and the digest of
    their bytes, as the writer recorded them for this build) and Pagefind's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        indexer = version("pagefind")
    except PackageNotFoundError:
        indexer = "?"
    digest = hashlib.sha256(f"pagefind {indexer}\0".encode())
    for rel in sorted(rels):
        content = writer.fingerprints.get(rel, ["", ""])[1]
        digest.update(f"{rel}\0{content}\0".encode())
    return digest.hexdigest()
