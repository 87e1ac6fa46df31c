"""The site's open data and key figures, kept until what they are made from changes.

Both are made from every public record (the whole export, every figure), so on a large
knowledge base they cost seconds on each build, also when nothing changed. They are stored in
the knowledge base's git-ignored cache folder (``.veiligestad-cache/site/``), under a key made of
the tool's version, the day, the language, the config and the content digest of every public
record (as the public predicate left it: its file's digest, which the record reader computes
anyway). Any change to a public record, a record becoming public or ceasing to be, another day
or another config makes them again. The programme-wide site is not kept (another city's
records have no file digest here). The stored file admits plain data only (``cachedir``).

The open data's files themselves (tens of megabytes on a large knowledge base) are not kept
here: the stored file holds the figures, the counts and the files' names, and the files are
those the build wrote into the site's folder under the same key. They are taken as they are
only when the site's writer knows each of them unchanged since it wrote it for this key (its
size and modification time, else its digest: ``SiteWriter.unchanged_since``); else everything
is made again.
So a build after an edit neither reads nor writes a copy of the open data in the cache folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from veiligestad.federation.cachedir import read_pickle, write_pickle
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.kb import KnowledgeBase

FOLDER: Final = "site"

# figures, files (None: kept as it is in the site's folder), counts
Outputs = tuple[dict[str, Any], Mapping[str, bytes | None], dict[str, int]]


def public_key(kb: KnowledgeBase, today: dt.date, lang: str) -> tuple[str, ...] | None:
    """What the outputs are made from, as a key; None when a record has no file digest."""
    from veiligestad import __version__

    digest = hashlib.sha256(f"{__version__}\0{today.isoformat()}\0{lang}\0"
                            f"{kb.config.raw!r}\0".encode())
    for record in sorted(kb.files, key=lambda r: r.rel):
        if not record.digest:
            return None
        digest.update(f"{record.rel}\0{record.digest}\0".encode())
    return ("site-outputs", digest.hexdigest())


def _folder(root: Path, make: bool) -> Path | None:
    """``.veiligestad-cache/site`` when it is (or can be made) a plain folder, never a link."""
    fresh = make and not os.path.lexists(root / CACHE_DIR)
    folder = plain_folder(root, (CACHE_DIR, FOLDER), make)
    if folder is not None and fresh:
        (root / CACHE_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    return folder


def plain_folder(base: Path, parts: tuple[str, ...], make: bool) -> Path | None:
    """``base`` joined with ``parts`` when each of them is (or, with ``make``, can be made) a
    plain folder, never a link or anything else; None otherwise."""
    folder = base
    for part in parts:
        folder = folder / part
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not make:
                return None
            try:
                folder.mkdir()
            except OSError:
                return None
            continue
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
    return folder


def out_name(out: Path) -> str:
    """A name for what is kept of the site in the output folder ``out`` (its path's digest)."""
    return hashlib.blake2b(str(out).encode("utf-8", "surrogateescape"),
                           digest_size=12).hexdigest()


def kept_outputs(root: Path, kb: KnowledgeBase, today: dt.date, lang: str,
                 make: Callable[[], Outputs],
                 unchanged: Callable[[str, list[str]], bool] | None = None
                 ) -> tuple[Callable[[], Outputs], str | None]:
    """The outputs for exactly this public knowledge base, as a function to call when they are
    needed, and the fingerprint to remember the open data's files under (None: not kept).

    When the stored figures are for this key and ``unchanged(fingerprint, names)`` says the
    open data's files are in the site's folder as written under it, they are used, with each
    file's bytes None (kept as it is in the site's folder). Else ``make()`` is started right
    away in a second process where there is one (``parallel.Background``), so that the site's
    pages are fingerprinted and rendered meanwhile, and its figures kept for the next build.
    """
    from veiligestad.parallel import Background

    key = public_key(kb, today, lang)
    name = f"outputs-{lang}.pickle"
    if key is None or unchanged is None:
        return Background(make).result, None
    printed = f"outputs:{key[1]}"
    folder = _folder(root, make=False)
    if folder is not None:
        stored = read_pickle(folder / name, key)
        if isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[0], dict) \
                and isinstance(stored[1], list) and isinstance(stored[2], dict) \
                and stored[1] and all(isinstance(n, str) for n in stored[1]) \
                and unchanged(printed, stored[1]):
            figures, names, counts = stored
            files: dict[str, bytes | None] = dict.fromkeys(names)
            return (lambda: (figures, files, counts)), printed
    work = Background(make)

    def made() -> Outputs:
        outputs: Outputs = work.result()
        target = _folder(root, make=True)
        if target is not None:
            with contextlib.suppress(OSError):  # a read-only cache: made again next time
                write_pickle(target / name, key,
                             (outputs[0], sorted(outputs[1]), outputs[2]))
        return outputs

    return made, printed
