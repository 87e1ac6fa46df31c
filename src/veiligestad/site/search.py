"""Search on the site: Pagefind indexes the built pages; its script searches in the browser.

Pagefind (from PyPI; the ``pagefind[extended]`` wheel carries its indexer, so nothing is
downloaded at build time) reads the pages' ``lang`` and stems Dutch, so "fietsenstallingen"
finds a page that only says "fietsenstalling". Finding pages mark their theme, partners, year
and kind of evidence with ``data-pagefind-filter``. The index and Pagefind's own script and
styles are written into ``pagefind/`` of the site: search makes no request to another host.

The index is made in a temporary folder and handed to the site's writer, so an unchanged index
rewrites nothing. Pagefind has no incremental mode and re-indexes every page, so it only runs
when what it would read changed: the manifest keeps a digest of the indexed pages (their paths
and the digests of their bytes) and of Pagefind's version; a build whose indexed pages are the
same (nothing changed, or only the home, theme or partner pages) keeps the old index.
"""

from __future__ import annotations

import os
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


def index_site(out: Path, writer: SiteWriter, t: Translator, sections: list[str]) -> bool:
    """Index the pages below ``sections`` (findings, projects, the agenda: theme and partner
    pages only list what those pages hold) into ``pagefind/``; False when nothing changed and
    the old index was kept."""
    previous = sorted(rel for rel in writer.previous if rel.startswith(f"{FOLDER}/"))
    writer.search = indexed_digest(writer, sections)
    if writer.search == writer.previous_search and previous \
            and all((out / rel).is_file() for rel in previous):
        for rel in previous:
            writer.keep(rel)
        return False
    binary = pagefind_executable()
    if binary is None:
        raise UsageError(t("site.no_pagefind"), hint=t("site.no_pagefind_hint"))
    with tempfile.TemporaryDirectory(prefix="veiligestad-pagefind-") as tmp:
        bundle = Path(tmp) / FOLDER
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        done = subprocess.run(
            [str(binary), "--site", str(out), "--output-path", str(bundle), "--glob",
             "{" + ",".join(sections) + "}/**/*.html", "--keep-index-url", "--silent"],
            capture_output=True, text=True, env=env, check=False, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise UsageError(t("site.pagefind_failed", error=(done.stderr or done.stdout)
                               .strip()[-500:]))
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                writer.write(f"{FOLDER}/{path.relative_to(bundle).as_posix()}",
                             path.read_bytes())
    return True


def indexed_digest(writer: SiteWriter, sections: list[str]) -> str:
    """A digest of what Pagefind would index: every page below ``sections`` (its path and the
    digest of its bytes, as the writer recorded them for this build) and Pagefind's version."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    try:
        indexer = version("pagefind")
    except PackageNotFoundError:
        indexer = "?"
    digest = hashlib.sha256(f"pagefind {indexer}\0{sections!r}\0".encode())
    for rel, (_, content) in sorted(writer.fingerprints.items()):
        if rel.split("/", 1)[0] in sections and rel.endswith(".html"):
            digest.update(f"{rel}\0{content}\0".encode())
    return digest.hexdigest()
