"""``veiligestad validate`` answered without Typer, Click or Rich when nothing changed.

A warm ``validate`` on a knowledge base where no file changed prints the result it kept
(``store/cache.py``: the quick result, under the stat of every file). Most of what such a run
would cost is starting Typer, Click and Rich; this module answers it before any of them is
imported, for a command line whose meaning is certain: ``validate`` with no paths and only
``--format``/``-f``, ``--strict``, ``--kb`` and ``--lang`` (before or after the command, once
each). Anything else, any doubt (an environment variable it does not read the way Click does,
a layout of ``data/`` the quick listing does not cover, a changed file, no quick result), and
``answer`` returns None before printing anything: the command goes through Typer as always.

What it prints is what the Typer path printed: the first time a way of printing (format,
language, terminal or not, its width and the environment variables Rich reads) meets a quick
result, the text is made by the very function the command uses (``cli/validate_output.py``,
with Rich), captured, printed, and kept beside the quick result under its key
(``PRINTED_FILE``); later runs print the kept text. ``tests/cli/test_quick.py`` runs both ways
over every combination of the options accepted here and compares the bytes and exit codes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What Rich reads from the environment (rich/console.py): the text format is kept per value.
_RICH_ENV: tuple[str, ...] = (
    "COLUMNS", "LINES", "NO_COLOR", "TTY_INTERACTIVE", "COLORTERM", "TERM", "TTY_COMPATIBLE",
    "FORCE_COLOR", "JUPYTER_COLUMNS", "JUPYTER_LINES", "UNICODE_VERSION",
)
_FORMATS: tuple[str, ...] = ("text", "json", "github")
_LANGS: tuple[str, ...] = ("nl", "en")


@dataclass(frozen=True)
class Request:
    """A ``validate`` command line the quick path understands."""

    kb: str | None = None
    lang: str | None = None
    format: str = "text"
    strict: bool = False


def parse(args: list[str]) -> Request | None:
    """The request ``args`` make, or None when they hold anything else or any doubt."""
    found: dict[str, str] = {}
    command = False
    index = 0
    while index < len(args):
        token = args[index]
        if token == "validate" and not command:
            command, index = True, index + 1
            continue
        if command and token == "--strict":
            if "strict" in found:
                return None
            found["strict"] = ""
            index += 1
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        option = {"--kb": "kb", "--lang": "lang"}.get(name)
        if option is None and command and name in ("--format", "-f"):
            option = "format"
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
    if not command or found.get("format", "text") not in _FORMATS \
            or found.get("lang", "nl") not in _LANGS:
        return None
    return Request(found.get("kb"), found.get("lang"), found.get("format", "text"),
                   "strict" in found)


def answer(args: list[str], run: bool = True) -> int | None:
    """Print the result for ``args`` and return the exit code; None (having printed nothing)
    when the command must go through Typer. The kept result when it is current; else, with
    ``run``, ``validate`` run here as the command runs it, without Typer."""
    request = parse(args)
    if request is None:
        return None
    try:
        found = _kept_output(request, run)
    except Exception:  # any doubt at all: the full path decides, and reports
        return None
    if found is None:
        return None
    text, code = found
    sys.stdout.write(text)
    sys.stdout.flush()
    return code


def settings(kb: str | None, lang: str | None) -> tuple[str | None, dt.date, Path] | None:
    """The language, today's date and the knowledge base's root of a quick answer, for the
    global ``--kb`` and ``--lang`` given; None wherever the quick path cannot be sure of them
    as Typer's path would be (Windows, an unusual environment variable, no root)."""
    environ = os.environ
    if os.name == "nt":
        return None  # Rich writes to a Windows console by its own means: Typer's path prints
    if lang is None and "VEILIGESTAD_LANG" in environ:
        lang = environ["VEILIGESTAD_LANG"]
        if lang not in _LANGS:
            return None
    kb_env = environ.get("VEILIGESTAD_KB")
    if kb is None and kb_env is not None and (not kb_env or kb_env != kb_env.strip()):
        return None
    pinned = environ.get("VEILIGESTAD_TODAY")
    today = dt.date.fromisoformat(pinned) if pinned else dt.date.today()
    root = _root(kb, lang)
    if root is None:
        return None
    return lang, today, root


def _kept_output(request: Request, run: bool) -> tuple[str, int] | None:
    found_settings = settings(request.kb, request.lang)
    if found_settings is None:
        return None
    lang, today, root = found_settings
    listing: list[Any] = []
    from veiligestad.memory import paused_gc

    # A few hundred thousand objects and no cycle among them: no collection walks them (a
    # few ms). The full run below pauses the collector where it pays, as it always did.
    with paused_gc():
        found = _kept(request, root, lang, today, listing)
        if found is None and run:
            found = _after_edit(request, root, today, listing)
    if found is None and run:
        return _run(request, root, lang, today, listing)
    return found


def _after_edit(request: Request, root: Path, today: dt.date,
                listing: list[Any]) -> tuple[str, int] | None:
    """What the command prints after a few records were edited, redoing only their share of
    the kept result (``commands/validate_edit.py``); None when that cannot be done."""
    if len(listing) < 7:
        return None
    from veiligestad.commands.validate_edit import after_edit

    _, files, _, quick, lang, key, parts = listing
    known = after_edit(root, lang, today, quick, files, key, parts)
    if known is None:
        return None
    from veiligestad.cli.validate_output import render
    from veiligestad.commands.validate import _result
    from veiligestad.i18n import Translator

    result = _result(root, known, None)
    shadow = Shadow(sys.stdout)
    with redirect_stdout(shadow):
        render(result, request.format, root, Translator(lang))
    return shadow.getvalue(), result.exit_code(request.strict)


def _run(request: Request, root: Path, lang: str | None, today: dt.date,
         listing: list[Any]) -> tuple[str, int] | None:
    """What the command prints and its exit code, from ``validate`` run here as
    ``cli/validate.py`` runs it; None on any problem the command reports itself (a broken
    config: Typer's path prints it)."""
    from veiligestad.cli.validate_output import render
    from veiligestad.commands.validate import validate
    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.config import load_config
    from veiligestad.store.unchanged import Listing, kind_folders

    listed = None
    if listing and listing[0] == kind_folders():  # the listing _kept made: not made again
        listed = Listing.of_quick(listing[1], listing[2])
    try:
        config = load_config(root, Translator(lang or "nl"))
        t = Translator(lang or config.language)
        result = validate(config.root, t, today, (), Path.cwd(), listed=listed)
    except VeiligestadError:
        return None
    shadow = Shadow(sys.stdout)
    with redirect_stdout(shadow):
        render(result, request.format, config.root, t)
    return shadow.getvalue(), result.exit_code(request.strict)


def _kept(request: Request, root: Path, lang: str | None, today: dt.date,
          listing: list[Any]) -> tuple[str, int] | None:
    """The kept result's text and exit code, when it is current; else, in ``listing``, the
    folders listed, ``quick_listing``'s answer and the stats, when it made one."""
    from veiligestad.store import cache as cache_module
    from veiligestad.store.unchanged import quick_listing

    if not cache_module.STAT_TRUSTED or not cache_module.enabled_by_default():
        return None
    config = cache_module.read_cache_file(root, root / "veiligestad.yaml")
    quick = cache_module.read_quick(root)
    if config is None or quick is None:
        return None
    lang = lang or quick.language
    infos: list[os.stat_result] = []
    files = quick_listing(root, quick.folders, infos)
    if files is None:
        return None
    context = cache_module.quick_context(lang, cache_module.config_digest(config))
    parts = cache_module.listing_parts(files)
    key = cache_module.quick_key(context, today, files, parts)
    listing.extend((quick.folders, files, infos, quick, lang, key, parts))
    if key != quick.key:
        return None
    way = (*_way(request.format, root), lang)
    printed = cache_module.read_printed(root, quick.key)
    kept = printed.get(way)
    if kept is None:
        rels = [rel for rel, _ in files if rel.startswith("data/")]
        kept = _print_afresh(request.format, root, lang, quick, rels)
        printed[way] = kept
        cache_module.keep_printed(root, quick.key, printed)
    text, plain, strict = kept
    return str(text), int(strict if request.strict else plain)


def _root(kb: str | None, lang: str | None) -> Path | None:
    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.root import find_root

    try:
        return find_root(Path(kb) if kb else None, Path.cwd(),
                         Translator(lang or "nl"))
    except VeiligestadError:
        return None


def _way(format: str, root: Path) -> tuple[Any, ...]:
    """What, besides the result and the language, the printed text depends on."""
    if format == "json":
        return ("json",)
    if format == "github":
        from veiligestad.cli.validate_output import prefix

        return ("github", str(prefix(root)))
    stream = sys.stdout
    return ("text", bool(stream.isatty()), stream.encoding, stream.errors,
            tuple(os.environ.get(name) for name in _RICH_ENV),
            tuple(_terminal_size(fd) for fd in (0, 1, 2)))


def _terminal_size(fd: int) -> tuple[int, int] | None:
    try:
        size = os.get_terminal_size(fd)
    except (AttributeError, ValueError, OSError):
        return None
    return size.columns, size.lines


class Shadow(io.StringIO):
    """A standard stream as Rich sees it (a terminal or not, its encoding), into a string."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self._real = real

    def isatty(self) -> bool:
        return bool(self._real.isatty())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(self._real.encoding)


def _print_afresh(format: str, root: Path, lang: str, quick: Any,
                  rels: list[str]) -> tuple[str, int, int]:
    """The text the command prints for the quick result, made by the command's own function,
    and the exit codes without and with ``--strict``."""
    from veiligestad.cli.validate_output import render
    from veiligestad.commands.validate import _result, known_from_quick
    from veiligestad.i18n import Translator

    result = _result(root, known_from_quick(quick.result, rels, quick.no_data), None)
    shadow = Shadow(sys.stdout)
    with redirect_stdout(shadow):
        render(result, format, root, Translator(lang))
    return shadow.getvalue(), result.exit_code(False), result.exit_code(True)
