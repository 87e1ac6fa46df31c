"""Search on the site: Pagefind indexes the built pages; its script searches in the browser.

Pagefind (from PyPI; the ``pagefind[extended]`` wheel carries its indexer, so nothing is
downloaded at build time) reads the pages' ``lang`` and stems Dutch, so "fietsenstallingen"
finds a page that only says "fietsenstalling". Finding pages mark their theme, partners, year
and kind of evidence with ``data-pagefind-filter``. The index and Pagefind's own script and
styles are written into ``pagefind/`` of the site: search makes no request to another host.

The index is made in a temporary folder and handed to the site's writer, so an unchanged index
rewrites nothing; when no page changed, Pagefind does not even run.
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
    pages_changed = any(rel.endswith(".html") for rel in writer.stats.written)
    if not pages_changed and previous and all((out / rel).is_file() for rel in previous) \
            and not (writer.previous - writer.produced - set(previous)):
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
