"""The last answer of a reading command (``stats``, ``gaps``), kept under the stat of every file.

``stats`` and ``gaps`` read every record, yet between two runs usually nothing changed. Like the
whole result of ``validate`` (``QUICK_FILE`` in ``store/cache.py``), their last answer is kept in
``.veiligestad-cache/answer-<command>.pickle`` under a key made of

* every record file's path and stat (size, modification and change time, inode, device), in
  scan order: a changed, added or removed file changes it, and no program can set a change
  time back;
* the command and its arguments (``--quarter``, ``--audience``), the language and the whole
  config (vocabularies, thresholds);
* today's date (every figure before today, the days a gap has waited, embargoes);

and the file names the tool's version and the fingerprint of its code. An answer is written only
when every file is settled (none changed within ``RACY_NS`` of the run, see ``store/cache.py``),
never where the stat proves nothing (Windows), never with the cache turned off, and never for
the programme-wide view (other cities' records are not in the key). An answer that cannot be
trusted whole (damaged, foreign, from the future, a link) is ignored; the command then reads the
records as before. A cache planted in a pull request cannot hold the change times and inodes of
this checkout's files, so its answers never match.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from veiligestad.i18n import Translator
from veiligestad.store import cache as cache_module
from veiligestad.store.config import Config
from veiligestad.store.kb import KnowledgeBase, LeftOut
from veiligestad.store.unchanged import Listing, settled_listing

ANSWER_FILE: Final = "answer-{}.pickle"
ANSWER_MAGIC: Final = b"veiligestad-answer\x00"
COMMANDS: Final = ("stats", "gaps", "report")  # report: commands/report.py keeps its content


@dataclass(frozen=True)
class Answer:
    """A kept answer: the command's result (plain data) and the files it left out."""

    value: Any
    left_out: dict[str, LeftOut]


def _key(config: Config, t: Translator, today: dt.date, command: str, args: tuple[Any, ...],
         files: list[tuple[str, cache_module.StatKey]]) -> str:
    import hashlib
    import pickle

    context = hashlib.blake2b(pickle.dumps((command, args, t.lang, dict(config.raw)),
                                           protocol=pickle.HIGHEST_PROTOCOL),
                              digest_size=16).hexdigest()
    return cache_module.quick_key(context, today, files)


def _usable() -> bool:
    return cache_module.STAT_TRUSTED and cache_module.enabled_by_default()


def read_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], listing: Listing) -> Answer | None:
    """The kept answer of ``command`` with ``args`` when it still holds (see the module)."""
    assert command in COMMANDS
    if not _usable():
        return None
    files = listing.keys(root)
    if files is None:
        return None  # a link, a stray file, a pipe: the records are read, and reported
    folder = root / cache_module.CACHE_DIR
    blob = cache_module.read_cache_file(folder, folder / ANSWER_FILE.format(command))
    if blob is None:
        return None
    try:
        payload = cache_module._payload(blob, ANSWER_MAGIC)
        if payload is None:
            return None
        fingerprint, max_bytes, started_ns, key, value, left_out = (
            cache_module._SafeUnpickler(io.BytesIO(payload)).load())
        gone = {str(rel): LeftOut(str(rel), None if rid is None else str(rid))
                for rel, rid in left_out}
    except Exception:  # anything wrong with it: the records decide
        return None
    if fingerprint != cache_module.tool_fingerprint() or max_bytes != config.max_file_bytes:
        return None
    if not isinstance(started_ns, int) or started_ns > time.time_ns():
        return None
    if key != _key(config, t, today, command, args, files):
        return None
    return Answer(value, gone)


def keep_answer(root: Path, config: Config, t: Translator, today: dt.date, command: str,
                args: tuple[Any, ...], kb: KnowledgeBase, listing: Listing, value: Any) -> None:
    """Write ``value`` as the answer of ``command`` with ``args``, when every file is settled;
    quietly nothing otherwise (or where the cache cannot be written)."""
    assert command in COMMANDS
    cache = kb.cache
    if cache is None or not _usable():
        return
    files = settled_listing(root, cache, listing.entries)
    path = cache.folder / ANSWER_FILE.format(command)
    try:
        if files is None:
            if os.path.lexists(path):
                os.unlink(path)
            return
        if not cache_module._plain_folder(cache.folder):
            return
        left_out = [(gone.rel, gone.record_id) for gone in kb.left_out.values()]
        cache._write(path, ANSWER_MAGIC, (cache.fingerprint, cache.max_bytes, cache.started_ns,
                                          _key(config, t, today, command, args, files), value,
                                          left_out))
    except OSError:
        return
