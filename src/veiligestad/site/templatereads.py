"""What each of the site's templates reads, kept between builds.

A page's fingerprint holds, of the values every page is given (the key figures, the open data's
counts, the next semester …), only those its template can read (``commands/site.py``:
``TemplateFingerprints``). Which those are is Jinja's own analysis of the template and of every
template it extends, imports or includes: parsing the site's templates costs about 0.2 s on
every build, also on a rebuild after one edit, whose whole budget is 2 s.

So the analysis is kept in the git-ignored cache folder
(``.veiligestad-cache/site/template-reads.pickle``) under a key made of every template file the
site can load (built-in and the knowledge base's own, by path and content: the pages' shared
fingerprint, ``commands.site.shared_fingerprint``), the tool's code (the analysis is its code)
and Jinja's version (the analysis is Jinja's). Any other template, tool or Jinja analyses
afresh. The stored file admits plain data only (``federation.cachedir.read_pickle``); a damaged
or planted file, or one of another shape, is ignored.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Final

NAME: Final = "template-reads.pickle"

# template -> the names it may read; None when a template it includes is only named when it
# renders (so any value may be read)
Reads = dict[str, frozenset[str] | None]


def _key(base: str) -> tuple[str, ...]:
    import jinja2

    from veiligestad.store.cache import tool_fingerprint

    return ("site-template-reads", base, jinja2.__version__, tool_fingerprint())


def load(root: Path, base: str) -> Reads:
    """The analyses kept for the templates of ``base`` (the shared fingerprint); empty when
    none is kept for exactly these templates, this tool and this Jinja."""
    from veiligestad.federation.cachedir import read_pickle
    from veiligestad.site.derived import _folder

    folder = _folder(root, make=False)
    if folder is None:
        return {}
    stored = read_pickle(folder / NAME, _key(base))
    if not isinstance(stored, dict):
        return {}
    reads: Reads = {}
    for name, names in stored.items():
        if not isinstance(name, str):
            return {}
        if names is None:
            reads[name] = None
        elif isinstance(names, tuple) and all(isinstance(n, str) for n in names):
            reads[name] = frozenset(names)
        else:
            return {}
    return reads


def store(root: Path, base: str, reads: Reads) -> None:
    """Keep ``reads`` for the templates of ``base`` (quietly not, where the cache folder cannot
    be written: they are analysed again next time)."""
    from veiligestad.federation.cachedir import write_pickle
    from veiligestad.site.derived import _folder

    target = _folder(root, make=True)
    if target is None:
        return
    plain = {name: None if names is None else tuple(sorted(names))
             for name, names in sorted(reads.items())}
    with contextlib.suppress(OSError):  # a read-only cache
        write_pickle(target / NAME, _key(base), plain)
