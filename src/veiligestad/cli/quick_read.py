"""``veiligestad stats`` and ``veiligestad gaps`` answered without Typer or Click.

At 30,000 records a ``stats`` or ``gaps`` whose answer is kept (``store/answers.py``) spends
most of its time starting Typer, Click and Rich and laying out thousands of lines with Rich.
Like ``cli/quick.py`` for ``validate``, this module answers a command line whose meaning is
certain before any of them is imported: ``stats`` with at most ``--quarter``/``-q``,
``--format``/``-f`` and ``--audience``, ``gaps`` with at most ``--format``/``-f``, and the global
``--kb`` and ``--lang`` before or after the command, each once, with a value of the accepted
spelling. Anything else (``--federated``, ``--help``, an option twice, an environment variable
it does not read the way Click does, Windows) and any error at all: ``answer`` returns None
having printed nothing, and the command goes through Typer as always.

What it prints is what the Typer path prints, made by the same functions
(``cli/reading_output.py``): the answer (kept, or computed by the same core call), then the
text, captured with standard error and the exit code. That capture is kept in
``.veiligestad-cache/said-<command>.pickle`` per way of printing (the arguments, the language
option, and for a table the terminal, its size, encoding and the environment variables Rich
reads), under a key of every record file's and saved query's path and stat, the config's bytes
and today's date, in a file that names the tool's code; it is written only when every file is
settled (none changed within ``RACY_NS`` of the run), never with the cache turned off. A later
run where nothing moved prints the kept text: one ``lstat`` a file, no YAML library, no Rich.
``tests/cli/test_quick_read.py`` runs both ways over every accepted command line and compares
the bytes of standard output and standard error and the exit code; ``VEILIGESTAD_QUICK=0``
sends every command through Typer.
"""

from __future__ import annotations

import io
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import datetime as dt

COMMANDS: Final = ("stats", "gaps")
SAID_FILE: Final = "said-{}.pickle"
SAID_MAGIC: Final = b"veiligestad-said\x00"
_FORMATS: Final = ("table", "json")
_AUDIENCES: Final = ("internal", "public")
_LANGS: Final = ("nl", "en")
# The options of each command: option spelling -> name.
_OPTIONS: Final[dict[str, dict[str, str]]] = {
    "stats": {"--quarter": "quarter", "-q": "quarter", "--format": "format", "-f": "format",
              "--audience": "audience"},
    "gaps": {"--format": "format", "-f": "format"},
}


@dataclass(frozen=True)
class Request:
    """A ``stats`` or ``gaps`` command line this module understands."""

    command: str
    kb: str | None = None
    lang: str | None = None
    format: str = "table"
    quarter: str | None = None
    audience: str = "internal"


def parse(args: list[str]) -> Request | None:
    """The request ``args`` make, or None when they hold anything else or any doubt."""
    found: dict[str, str] = {}
    command: str | None = None
    index = 0
    while index < len(args):
        token = args[index]
        if command is None and token in COMMANDS:
            command, index = token, index + 1
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        option = {"--kb": "kb", "--lang": "lang"}.get(name)
        if option is None and command is not None:
            option = _OPTIONS[command].get(name)
        if option is None or option in found:
            return None
        if not equals:
            if index + 1 >= len(args):
                return None
            value, index = args[index + 1], index + 2
        else:
            index += 1
        if not value or value.startswith("-"):
            return None
        found[option] = value
    if command is None or found.get("format", "table") not in _FORMATS \
            or found.get("audience", "internal") not in _AUDIENCES \
            or found.get("lang", "nl") not in _LANGS:
        return None
    return Request(command, found.get("kb"), found.get("lang"), found.get("format", "table"),
                   found.get("quarter"), found.get("audience", "internal"))


def answer(args: list[str], run: bool = True) -> int | None:
    """Print what the command prints for ``args`` and return its exit code; None (having
    printed nothing) when the command must go through Typer. The kept text when it is current;
    else, with ``run``, the answer made here as the command makes it, without Typer."""
    request = parse(args)
    if request is None:
        return None
    try:
        found = _output(request, run)
    except Exception:  # any doubt at all: Typer's path decides, and reports
        return None
    if found is None:
        return None
    out, err, code = found
    sys.stdout.write(out)
    sys.stdout.flush()
    if err:
        sys.stderr.write(err)
        sys.stderr.flush()
    return code


def _output(request: Request, run: bool) -> tuple[str, str, int] | None:
    import datetime as dt

    from veiligestad.cli.quick import _root, _way

    environ = os.environ
    if os.name == "nt":
        return None  # Rich writes to a Windows console by its own means: Typer's path prints
    lang = request.lang
    if lang is None and "VEILIGESTAD_LANG" in environ:
        lang = environ["VEILIGESTAD_LANG"]
        if lang not in _LANGS:
            return None
    kb_env = environ.get("VEILIGESTAD_KB")
    if request.kb is None and kb_env is not None and (not kb_env or kb_env != kb_env.strip()):
        return None
    pinned = environ.get("VEILIGESTAD_TODAY")
    today = dt.date.fromisoformat(pinned) if pinned else dt.date.today()
    started_ns = time.time_ns()
    root = _root(request, lang)  # type: ignore[arg-type]
    if root is None:
        return None
    way = (request.command, request.quarter, request.audience, request.format, lang,
           *_way("json" if request.format == "json" else "text", root))
    key = _said_key(root, request.command, today, started_ns)
    if key is not None:
        kept = _read_said(root, request.command, key[0]).get(way)
        if kept is not None:
            out, err, code = kept
            return str(out), str(err), int(code)
    if not run:
        return None
    said = _say(request, root, lang, today)
    if said is not None and key is not None and key[1]:
        _keep_said(root, request.command, key[0], way, said)
    return said


def _said_key(root: Path, command: str, today: dt.date,
              started_ns: int) -> tuple[str, bool] | None:
    """The key the kept text is under (every record file's and saved query's path and stat,
    the config's bytes, today's date), and whether every file is settled; None where the
    stat proves nothing, the cache is off, or ``data/`` is not plainly laid out."""
    from veiligestad.store import cache as cache_module
    from veiligestad.store.unchanged import kind_folders, quick_listing

    if not cache_module.STAT_TRUSTED or not cache_module.enabled_by_default():
        return None
    config = cache_module.read_cache_file(root, root / "veiligestad.yaml")
    if config is None:
        return None
    files = quick_listing(root, kind_folders())
    if files is None:
        return None
    limit = started_ns - cache_module.RACY_NS
    settled = all(max(stat[1], stat[2]) < limit for _, stat in files)
    context = f"{command}\x00{cache_module.config_digest(config)}"
    return cache_module.quick_key(context, today, files), settled


def _read_said(root: Path, command: str, key: str) -> dict[Any, Any]:
    """The texts kept under ``key`` by way of printing; empty when there are none to trust."""
    from veiligestad.store import cache as cache_module

    folder = root / cache_module.CACHE_DIR
    blob = cache_module.read_cache_file(folder, folder / SAID_FILE.format(command))
    if blob is None:
        return {}
    try:
        payload = cache_module._payload(blob, SAID_MAGIC)
        if payload is None:
            return {}
        fingerprint, kept_key, said = cache_module._SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # damaged or foreign: said afresh
        return {}
    if kept_key != key or not isinstance(said, dict) or \
            fingerprint != cache_module.tool_fingerprint():
        return {}
    return said


def _keep_said(root: Path, command: str, key: str, way: tuple[Any, ...],
               said: tuple[str, str, int]) -> None:
    """Keep ``said`` for ``way`` beside the other ways kept under ``key``; quietly nothing
    when the cache folder cannot be written."""
    from veiligestad.store import cache as cache_module

    folder = root / cache_module.CACHE_DIR
    if not cache_module._plain_folder(folder):
        return
    kept = _read_said(root, command, key)
    kept[way] = said
    try:
        cache_module.write_cache_file(folder, folder / SAID_FILE.format(command), SAID_MAGIC,
                                      (cache_module.tool_fingerprint(), key, kept))
    except OSError:
        return


class _Shadow(io.StringIO):
    """A standard stream as Rich sees it (a terminal or not, its encoding), into a string."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self._real = real

    def isatty(self) -> bool:
        return bool(self._real.isatty())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(self._real.encoding)


def _say(request: Request, root: Path, lang: str | None,
         today: dt.date) -> tuple[str, str, int] | None:
    """What the command prints to standard output and standard error, and its exit code, made
    as ``cli/gaps.py`` makes it; None on any problem the command reports itself."""
    from veiligestad.cli.reading_output import answer_of, gaps_of, render_gaps, render_stats
    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.config import load_config

    out, err = _Shadow(sys.stdout), _Shadow(sys.stderr)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            config = load_config(root, Translator(lang or "nl"))
            t = Translator(lang or config.language)
            if request.command == "gaps":
                kept = answer_of(config, t, today, "gaps", (), gaps_of)
                render_gaps(kept, request.format, t, config)
            else:
                from veiligestad.stats import stats_in

                public = request.audience == "public"
                figures = answer_of(config, t, today, "stats",
                                    (request.quarter, request.audience),
                                    lambda qctx: stats_in(qctx, request.quarter,
                                                          public_only=public))
                render_stats(figures, request.format, t, config)
    except VeiligestadError:
        return None
    return out.getvalue(), err.getvalue(), 0
