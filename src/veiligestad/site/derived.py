"""The site's open data and key figures, kept until what they are made from changes.

Both are made from every public record (the whole export, every figure), so on a large
knowledge base they cost seconds on each build, also when nothing changed. They are stored in
the knowledge base's git-ignored cache folder (``.veiligestad-cache/site/``), under a key made of
the tool's version, the day, the language, the config and the content digest of every public
record (as the public predicate left it: its file's digest, which the record reader computes
anyway). Any change to a public record, a record becoming public or ceasing to be, another day
or another config makes them again. The programme-wide site is not kept (another city's
records have no file digest here). The stored file admits plain data only (``cachedir``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from veiligestad.federation.cachedir import read_pickle, write_pickle
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.kb import KnowledgeBase

FOLDER: Final = "site"

Outputs = tuple[dict[str, Any], dict[str, bytes], dict[str, int]]  # figures, files, counts


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
    folder = root
    for part in (CACHE_DIR, FOLDER):
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
            if part == CACHE_DIR:
                (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            continue
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
    return folder


def kept_outputs(root: Path, kb: KnowledgeBase, today: dt.date, lang: str,
                 make: Callable[[], Outputs]) -> Callable[[], Outputs]:
    """The outputs for exactly this public knowledge base: as stored, else ``make()``'d (and
    stored). Returned as a function to call when they are needed: ``make()`` is started right
    away in a second process where there is one (``parallel.Background``), so the site's
    pages are fingerprinted and rendered meanwhile."""
    from veiligestad.parallel import Background

    key = public_key(kb, today, lang)
    name = f"outputs-{lang}.pickle"
    if key is None:
        return Background(make).result
    folder = _folder(root, make=False)
    if folder is not None:
        stored = read_pickle(folder / name, key)
        if isinstance(stored, tuple) and len(stored) == 3 \
                and all(isinstance(part, dict) for part in stored):
            return lambda: stored
    work = Background(make)

    def made() -> Outputs:
        outputs: Outputs = work.result()
        target = _folder(root, make=True)
        if target is not None:
            with contextlib.suppress(OSError):  # a read-only cache: made again next time
                write_pickle(target / name, key, outputs)
        return outputs

    return made
