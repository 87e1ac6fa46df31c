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

import gc
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from veiligestad.i18n import Translator
    from veiligestad.query import Context, QueryResult
    from veiligestad.store.config import Config
    from veiligestad.store.unchanged import Listing

COMMANDS: Final = ("stats", "gaps", "show", "query")
SAID_FILE: Final = "said-{}.pickle"
SAID_MAGIC: Final = b"veiligestad-said\x00"
# At most this many ways of printing are kept per command, together at most ``_KEPT``
# characters (the oldest make way), and none whose text is longer than ``_LONGEST``: the file
# is read by every run of the command, and a kept text is for command lines run again and again.
_WAYS: Final = 16
_LONGEST: Final = 4_000_000
_KEPT: Final = 8_000_000
# A query in a data format of more records than this is written as it is made, straight to
# standard output (``_Through``, after what went to standard error, as through Typer), not
# held as one text first: every field of 2,000 findings is
# about 4 MB of JSON or YAML, as long as a kept text may be, and a reader that stops early
# (``| head``) then stops the writing too (``cli/streams.py``). (``csv`` goes through Typer,
# which writes it so already: its bytes need the real stream.)
_THROUGH_ROWS: Final = 2_000
_THROUGH_FORMATS: Final = ("json", "jsonl", "yaml")
_LANGS: Final = ("nl", "en")
_VALUE, _MANY, _FLAG = "value", "many", "flag"
# Each command's options: spelling -> (name, how it is given).
_OPTIONS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "stats": {"--quarter": ("quarter", _VALUE), "-q": ("quarter", _VALUE),
              "--format": ("format", _VALUE), "-f": ("format", _VALUE),
              "--audience": ("audience", _VALUE)},
    "gaps": {"--format": ("format", _VALUE), "-f": ("format", _VALUE)},
    "show": {"--format": ("format", _VALUE), "-f": ("format", _VALUE)},
    "query": {"--where": ("where", _MANY), "-w": ("where", _MANY), "--param": ("param", _MANY),
              "--format": ("format", _VALUE), "-f": ("format", _VALUE),
              "--audience": ("audience", _VALUE), "--recursive": ("recursive", _FLAG),
              **{f"--{name.replace('_', '-')}": (name, _VALUE) for name in (
                  "match", "quarter", "since", "until", "linked_to", "sort", "fields", "limit",
                  "group_by", "saved")}},
}
# The values an option of choices takes, as Click spells them (``csv`` is written as bytes,
# which the capture does not see: it goes through Typer).
_CHOICES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "stats": {"format": ("table", "json"), "audience": ("internal", "public")},
    "gaps": {"format": ("table", "json")},
    "show": {"format": ("text", "json")},
    "query": {"format": ("table", "json", "jsonl", "yaml", "ids", "md"),
              "audience": ("internal", "public")},
}
# How many arguments (not options) each command takes: at least, at most.
_ARGUMENTS: Final = {"stats": (0, 0), "gaps": (0, 0), "show": (1, 1), "query": (0, 1)}


@dataclass(frozen=True)
class Request:
    """A reading command line this module understands."""

    command: str
    kb: str | None = None
    lang: str | None = None
    options: tuple[tuple[str, Any], ...] = ()  # (name, value) in name order
    arguments: tuple[str, ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)

    @property
    def format(self) -> str:
        return str(self.get("format", _CHOICES[self.command]["format"][0]))


def parse(args: list[str]) -> Request | None:
    """The request ``args`` make, or None when they hold anything else or any doubt."""
    found: dict[str, Any] = {}
    arguments: list[str] = []
    command: str | None = None
    index = 0
    while index < len(args):
        token = args[index]
        if command is None and token in COMMANDS:
            command, index = token, index + 1
            continue
        if command is not None and not token.startswith("-"):
            arguments.append(token)
            index += 1
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        option: tuple[str, str] | None = {"--kb": ("kb", _VALUE), "--lang": ("lang", _VALUE)
                                          }.get(name)
        if option is None and command is not None:
            option = _OPTIONS[command].get(name)
        if option is None or (option[0] in found and option[1] != _MANY):
            return None
        if option[1] == _FLAG:
            if equals:
                return None
            found[option[0]] = True
            index += 1
            continue
        if not equals:
            if index + 1 >= len(args):
                return None
            value, index = args[index + 1], index + 2
        else:
            index += 1
        if not value or value.startswith("-"):
            return None
        if option[1] == _MANY:
            found[option[0]] = (*found.get(option[0], ()), value)
        else:
            found[option[0]] = value
    if command is None or found.get("lang", "nl") not in _LANGS:
        return None
    for name, choices in _CHOICES[command].items():
        if found.get(name, choices[0]) not in choices:
            return None
    if "limit" in found and not (found["limit"].isascii() and found["limit"].isdigit()):
        return None
    least, most = _ARGUMENTS[command]
    if not least <= len(arguments) <= most:
        return None
    kb, lang = found.pop("kb", None), found.pop("lang", None)
    return Request(command, kb, lang, tuple(sorted(found.items())), tuple(arguments))


class _Through(Exception):
    """Raised by a command whose output is long, once everything but the writing is done: the
    output is written by ``write`` straight to standard output, after what was printed to
    standard error so far (``answer``), and is not kept."""

    def __init__(self, write: Callable[[], None]) -> None:
        super().__init__()
        self.write = write


def answer(args: list[str], run: bool = True, *, process_ends: bool = False) -> int | None:
    """Print what the command prints for ``args`` and return its exit code; None (having
    printed nothing) when the command must go through Typer. The kept text when it is current;
    else, with ``run``, the answer made here as the command makes it, without Typer.
    ``process_ends``: the process exits with the answer (``cli/entry.py``)."""
    request = parse(args)
    if request is None:
        return None
    # The cycle collector would walk the records' few million objects (none in a cycle) once
    # turned on again, and once more as the process ends: where it ends with the answer, the
    # collector stays off (measured: about 0.08 s at 30,000 records after an edit).
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = _output(request, run)
    except Exception:  # any doubt at all: Typer's path decides, and reports
        found = None
    if collecting and (found is None or not process_ends):
        gc.enable()
    if found is None:
        return None
    out, err, code, through = found
    # What goes wrong from here on (a full disk) goes where the command's own failures go:
    # its crash report, never Typer's path, which would print everything a second time.
    try:
        if through is not None:
            # a long output: what went to standard error first (a record left out), as
            # Typer's path prints it, then the output as it is made
            if err:
                sys.stderr.write(err)
                sys.stderr.flush()
            sys.stdout.write(out)
            through()
            sys.stdout.flush()
            return code
        sys.stdout.write(out)
        sys.stdout.flush()
        if err:
            sys.stderr.write(err)
            sys.stderr.flush()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the command's own crash report
        from veiligestad.cli.crash import report_crash

        return report_crash(exc)
    return code


def _output(request: Request,
            run: bool) -> tuple[str, str, int, Callable[[], None] | None] | None:
    from veiligestad.cli.quick import _way, settings

    started_ns = time.time_ns()
    found_settings = settings(request.kb, request.lang)
    if found_settings is None:
        return None
    lang, today, root = found_settings
    way = (request.command, request.options, request.arguments, lang,
           *_way("text" if request.format in ("table", "text") else "json", root))
    key = _said_key(root, request.command, today, started_ns)
    if key is not None:
        kept = _read_said(root, request.command, key[0]).get(way)
        if kept is not None:
            out, err, code = kept
            return str(out), str(err), int(code), None
    if not run:
        return None
    listing = None
    if key is not None:
        from veiligestad.store.unchanged import Listing

        listing = Listing.of_quick(*key[2])
    said = _say(request, root, lang, today, listing)
    if said is None:
        return None
    if said[3] is None and key is not None and key[1]:
        _keep_said(root, request.command, key[0], way, said[:3])
    return said


def _said_key(root: Path, command: str, today: dt.date,
              started_ns: int) -> tuple[str, bool, tuple[Any, Any]] | None:
    """The key the kept text is under (every record file's and saved query's path and stat,
    the config's bytes, today's date), whether every file is settled, and what the listing is
    made of (``quick_listing``'s answer and the stats: the listing itself is built only when
    needed, since building it imports the readers); None where the stat proves nothing, the
    cache is off, or ``data/`` is not plainly laid out."""
    from veiligestad.store import cache as cache_module
    from veiligestad.store.unchanged import kind_folders, quick_listing

    if not cache_module.STAT_TRUSTED or not cache_module.enabled_by_default():
        return None
    config = cache_module.read_cache_file(root, root / "veiligestad.yaml")
    if config is None:
        return None
    infos: list[os.stat_result] = []
    files = quick_listing(root, kind_folders(), infos)
    if files is None:
        return None
    limit = started_ns - cache_module.RACY_NS
    settled = all(max(stat[1], stat[2]) < limit for _, stat in files)
    context = f"{command}\x00{cache_module.config_digest(config)}"
    return cache_module.quick_key(context, today, files), settled, (files, infos)


def _read_said(root: Path, command: str, key: str) -> dict[Any, Any]:
    """The texts kept under ``key`` by way of printing; empty when there are none to trust."""
    from veiligestad.store import cache as cache_module

    try:
        kept = cache_module.read_kept(root / cache_module.CACHE_DIR, SAID_FILE.format(command),
                                      SAID_MAGIC)
        if kept is cache_module.NOTHING_KEPT:
            return {}
        fingerprint, kept_key, said = kept
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
    if len(said[0]) + len(said[1]) > _LONGEST:
        return
    kept = _read_said(root, command, key)
    kept.pop(way, None)
    kept[way] = said
    for old in list(kept)[:-_WAYS]:
        del kept[old]
    while sum(len(out) + len(err) for out, err, _ in kept.values()) > _KEPT:
        del kept[next(iter(kept))]
    try:
        cache_module.write_cache_file(folder, folder / SAID_FILE.format(command), SAID_MAGIC,
                                      (cache_module.tool_fingerprint(), key, kept))
    except OSError:
        return


def _say(request: Request, root: Path, lang: str | None, today: dt.date,
         listing: Listing | None) -> tuple[str, str, int, Callable[[], None] | None] | None:
    """What the command prints to standard output and standard error, and its exit code, made
    as ``cli/gaps.py``, ``cli/show.py`` and ``cli/query.py`` make it, and what writes the rest
    of a long output straight to standard output (``_Through``), if anything; None on any
    problem the command reports itself."""
    from veiligestad.cli.quick import Shadow
    from veiligestad.errors import VeiligestadError
    from veiligestad.i18n import Translator
    from veiligestad.store.config import load_config

    out, err = Shadow(sys.stdout), Shadow(sys.stderr)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            config = load_config(root, Translator(lang or "nl"))
            t = Translator(lang or config.language)
            _SAY[request.command](request, config, t, today, listing)
    except VeiligestadError:
        return None
    except _Through as through:
        return out.getvalue(), err.getvalue(), 0, through.write
    return out.getvalue(), err.getvalue(), 0, None


def _say_gaps(request: Request, config: Config, t: Translator, today: dt.date,
                  listing: Listing | None) -> None:
    from veiligestad.cli.reading_output import answer_of, gaps_of, render_gaps

    kept = answer_of(config, t, today, "gaps", (), gaps_of, listing)
    render_gaps(kept, request.format, t, config)


def _say_stats(request: Request, config: Config, t: Translator, today: dt.date,
                   listing: Listing | None) -> None:
    from veiligestad.cli.reading_output import answer_of, render_stats
    from veiligestad.stats import StatsAnswer

    quarter, audience = request.get("quarter"), request.get("audience", "internal")
    figures = answer_of(config, t, today, "stats", (quarter, audience),
                        StatsAnswer(quarter, public_only=audience == "public"), listing)
    render_stats(figures, request.format, t, config)


def _context(config: Config, t: Translator, today: dt.date, listing: Listing | None) -> Context:
    """The query context ``cli/query.py`` makes (``query_context``, without ``--federated``),
    from the listing this run made, when it made one."""
    from veiligestad.query import context
    from veiligestad.store.kb import open_kb

    if listing is None:
        return context(open_kb(config.root, t, config, lazy=True), today, t)
    return context(open_kb(config.root, t, config, lazy=True, entries=listing.entries,
                           stats=listing.stats), today, t)


def _say_show(request: Request, config: Config, t: Translator, today: dt.date,
                  listing: Listing | None) -> None:
    from veiligestad.cli.reading_output import render_show, show_of

    result = show_of(config, t, today, request.arguments[0], listing,
                     lambda: _context(config, t, today, listing))
    render_show(result, request.format, config, t)


def _say_query(request: Request, config: Config, t: Translator, today: dt.date,
                   listing: Listing | None) -> None:
    from veiligestad.cli.reading_output import select_command
    from veiligestad.query import QueryResult
    from veiligestad.store import fieldkeys
    from veiligestad.store.kb import print_left_out

    reads = _query_reads(request, config, t) if listing is not None else None
    args = (request.options, request.arguments)
    chosen = dict(request.options)
    where, param = chosen.pop("where", None), chosen.pop("param", None)
    if "limit" in chosen:
        chosen["limit"] = int(chosen["limit"])

    def select(qctx: Context) -> QueryResult:
        return select_command(qctx, request.arguments[0] if request.arguments else None,
                              list(where) if where else None,
                              param=list(param) if param else None, **chosen)

    if reads is not None:
        assert listing is not None
        # After an edit of a field it reads: made from what it reads of each record.
        kept = fieldkeys.read_answer(config.root, config, t, today, "query", args, listing,
                                     reads, compute=lambda qctx: _kept_query(select(qctx)))
        if kept is not None:
            if kept[1]:
                print_left_out(kept[1], t)
            _write_query(QueryResult(*kept[0]), request.format, t, config)
            return
    qctx = _context(config, t, today, listing)
    result = select(qctx)
    if reads is not None:
        assert listing is not None
        fieldkeys.keep_answer(config.root, config, t, today, "query", args, qctx.kb, listing,
                              _kept_query(result), reads)
    _write_query(result, request.format, t, qctx.kb.config)


def _write_query(result: QueryResult, format: str, t: Translator, config: Config) -> None:
    """``write_query``, or, for a long output in a data format, ``_Through`` to write it."""
    from veiligestad.cli.reading_output import write_query

    if format in _THROUGH_FORMATS and len(result.rows) > _THROUGH_ROWS:
        raise _Through(lambda: write_query(result, format, t, config))
    write_query(result, format, t, config)


def _kept_query(result: QueryResult) -> tuple[Any, ...]:
    """What a query's answer is kept as (plain data)."""
    return (result.kind, result.rows, result.fields, result.groups, result.total)


def _query_reads(request: Request, config: Config,
                 t: Translator) -> dict[str, tuple[str, ...]] | None:
    """What the query reads of the records (``query.stored_reads``), when its answer may be
    kept under those fields: a kind named, no saved query, no ``--linked-to``, the internal
    audience, only fields a record holds; else None."""
    from veiligestad.cli.reading_output import shown_fields
    from veiligestad.query import kind_of
    from veiligestad.query.engine import stored_reads

    chosen = dict(request.options)
    if not request.arguments or {"saved", "param", "linked_to", "recursive"} & set(chosen) \
            or chosen.get("audience", "internal") != "internal":
        return None
    kind = kind_of(request.arguments[0], t)
    names = stored_reads(kind, list(chosen.get("where", ())), config, t,
                         fields="id" if request.format == "ids" else shown_fields(
                             request.arguments[0], request.format, chosen.get("fields"), t),
                         sort=chosen.get("sort"), group_by=chosen.get("group_by"),
                         dated=any(chosen.get(k) for k in ("quarter", "since", "until")),
                         match=chosen.get("match"))
    return None if names is None else {kind.name: names}


_SAY: Final[dict[str, Callable[[Request, Config, Translator, dt.date, Listing | None], None]]] = {
    "stats": _say_stats, "gaps": _say_gaps, "show": _say_show, "query": _say_query}
