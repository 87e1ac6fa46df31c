"""The site's key figures, kept under what they read: an edit of a text keeps them.

The key figures on the home page are ``stats --audience public`` over the public records
(``stats_in(ctx, None, public_only=True)``); on a large knowledge base they cost seconds, and the
open data and figures kept together (``site/derived.py``) are made again whenever any public
record changed, also when only its statement or title did. The figures read only the fields
in ``stats.NEEDS`` (``stats._Source`` refuses any other) and what their derived fields are made
of: ``store/fieldkeys.READS``. So they are kept in the git-ignored cache folder
(``.veiligestad-cache/site/figures-<language>.pickle``) under a key made of the tool's code,
the day, the language, the config and, for every public record in path order, its path and a
digest of those fields of its public data (as the public predicate left them). A record made
public or withdrawn, a date, status, theme, follow-up or link a figure reads, another day or
another config makes them again; a statement, title or summary does not. The stored file admits
plain data only (``cachedir``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from veiligestad.store.kb import KnowledgeBase

NAME: Final = "figures-{}.pickle"


def figures_key(kb: KnowledgeBase, today: dt.date, lang: str) -> tuple[str, ...]:
    """What the public figures of ``kb`` (a public view: ``privacy.public_kb``) are made from."""
    from veiligestad.store import cache as cache_module
    from veiligestad.store.fieldkeys import READS, digest_of

    digest = hashlib.sha256(f"{cache_module.tool_fingerprint()}\0{today.isoformat()}\0{lang}"
                            f"\0{kb.config.raw!r}\0{sorted(READS.items())!r}\0".encode())
    for record in sorted(kb.files, key=lambda r: r.rel):
        # Every record of a public view passed the screen (``public_kb`` keeps no other).
        digest.update(f"{record.rel}\0{digest_of(record, READS, False)}\0".encode())
    return ("site-figures", digest.hexdigest())


def kept_figures(root: Path, kb: KnowledgeBase, today: dt.date, lang: str,
                 make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The public figures of ``kb``: as stored under its key, else ``make()``'d and stored
    (quietly not, where the cache folder cannot be written)."""
    from veiligestad.federation.cachedir import read_pickle, write_pickle
    from veiligestad.site.derived import _folder

    key = figures_key(kb, today, lang)
    name = NAME.format(lang)
    folder = _folder(root, make=False)
    if folder is not None:
        stored = read_pickle(folder / name, key)
        if isinstance(stored, dict):
            return stored
    figures = make()
    target = _folder(root, make=True)
    if target is not None:
        with contextlib.suppress(OSError):  # a read-only cache: made again next time
            write_pickle(target / name, key, figures)
    return figures
