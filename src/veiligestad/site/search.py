"""Search on the site: Pagefind indexes the built pages; its script searches in the browser.

Pagefind (from PyPI; the ``pagefind[extended]`` wheel carries its indexer, so nothing is
downloaded at build time) reads the pages' ``lang`` and stems Dutch, so "fietsenstallingen"
finds a page that only says "fietsenstalling". Finding pages mark their theme, partners, year
and kind of evidence with ``data-pagefind-filter``. The index and Pagefind's own script and
styles are written into ``pagefind/`` of the site: search makes no request to another host.

The index is made in a temporary folder and handed to the site's writer, so an unchanged index
rewrites nothing. Pagefind has no incremental mode and re-indexes every page it is given, so a
large site's index is made in parts (``search_shards``: up to about 500 pages each, a page's part
chosen by a digest of its path), which the search page merges in the browser (Pagefind's
``mergeIndex``). A part is only indexed again when what it would read changed: the manifest
keeps a digest of each part's pages (their paths and the digests of their bytes) and of
Pagefind's version; a build whose indexed pages are the same (nothing changed, or only the home,
theme or partner pages) keeps every part as it is, and one changed finding re-indexes one part.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.site.writer import SiteWriter

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


def index_site(out: Path, writer: SiteWriter, t: Translator,
               shards: dict[int, list[str]]) -> bool:
    """Index the pages of each part of ``shards`` (findings, projects, the agenda: theme and
    partner pages only list what those pages hold) into its folder; a part whose pages are
    the same as at the last build keeps its index as it is. False when no part was indexed."""
    previous: dict[str, list[str]] = {}
    for rel in sorted(writer.previous):  # one pass over the last build's files
        part = _part_of(rel)
        if part:
            previous.setdefault(part, []).append(rel)
    searched = False
    for shard, rels in shards.items():
        folder = shard_folder(shard)
        digest = indexed_digest(writer, rels)
        writer.search[folder] = digest
        old = previous.get(folder, [])
        if writer.previous_search.get(folder) == digest and old \
                and all((out / rel).is_file() for rel in old):
            for rel in old:
                writer.keep(rel)
            continue
        _index(out, writer, t, rels, folder, with_ui=shard == 0)
        searched = True
    return searched


def _part_of(rel: str) -> str | None:
    """The folder of the part of the index a file of the site belongs to, if any."""
    parts = rel.split("/")
    if parts[0] != FOLDER:
        return None
    return f"{FOLDER}/{parts[1]}" if len(parts) > 2 and parts[1].isdigit() else FOLDER


def _index(out: Path, writer: SiteWriter, t: Translator, rels: list[str], folder: str,
           with_ui: bool) -> None:
    """Run Pagefind over the pages ``rels`` (copied into a folder of their own, so it reads
    exactly those) and hand its bundle to the writer below ``folder``."""
    binary = pagefind_executable()
    if binary is None:
        raise UsageError(t("site.no_pagefind"), hint=t("site.no_pagefind_hint"))
    with tempfile.TemporaryDirectory(prefix="veiligestad-pagefind-") as tmp:
        pages = Path(tmp) / "site"
        link = True
        for rel in rels:
            target = pages.joinpath(*rel.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            if link:
                try:  # a second name for the page, not a copy (Pagefind only reads it)
                    os.link(out / rel, target)
                    continue
                except OSError:  # another file system, or no links here: copies from now on
                    link = False
            shutil.copyfile(out / rel, target)
        bundle = Path(tmp) / FOLDER
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        done = subprocess.run(
            [str(binary), "--site", str(pages), "--output-path", str(bundle), "--glob",
             "**/*.html", "--keep-index-url", "--silent"],
            capture_output=True, text=True, env=env, check=False, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise UsageError(t("site.pagefind_failed", error=(done.stderr or done.stdout)
                               .strip()[-500:]))
        for path in sorted(bundle.rglob("*")):
            if path.is_file() and (with_ui or not _UI_ONLY.match(path.name)):
                writer.write(f"{folder}/{path.relative_to(bundle).as_posix()}",
                             path.read_bytes())


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
