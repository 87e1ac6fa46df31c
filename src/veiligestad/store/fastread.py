"""A fast reader for the common record file, used only where it provably reads what PyYAML reads.

Reading YAML is most of the cost of a check without a cache (a CI run): libyaml's parser and
PyYAML's composer and resolver take about 0.3 ms a record, a Rust reader (``yaml-rs``) about a
fifth of that. But the two do not read the same language: PyYAML reads YAML 1.1 (``yes`` is
true, ``010`` is eight, ``1:30`` is ninety), ``yaml-rs`` reads YAML 1.2 with extras of its own
(a *quoted* ``"2026-01-01"`` becomes a date, ``12:30:00`` a time), it drops what it does not
know silently (tags, control characters), and deep nesting crashes it. And only PyYAML's path
writes the tool's notes (duplicate keys, tags, anchors, sexagesimal numbers, impossible dates,
bounds on depth and aliases) with positions.

So a file is read fast only when it is *plain*, which is proved in two steps, and everything else
takes the PyYAML path (``store.yamlread``), exactly as before:

1. Its text (substring tests and a few short expressions) has none of what the two readers may
   read differently or what needs a note: a tag, anchor, alias, merge key, directive, document
   marker, complex key, escape, tab, control or line-break character outside YAML 1.1's
   printable set, a lone carriage return, a value that begins with a colon, a flow collection
   other than a one-line list or mapping of words, or a line indented so deep that nesting could
   pass the reader's bound (which also keeps the Rust reader's recursion far from its stack's
   end, where it crashes the process).
2. Its values, as ``yaml-rs`` read them: a mapping at the top with text keys, holding only text,
   whole numbers, true/false, null, dates, lists and mappings; no text that YAML 1.1 would read
   as something else had it been written without quotes (``"yes"``, ``"1:30"``,
   ``"2026-02-30"``: PyYAML's own resolvers decide), because from the value alone the reader
   cannot tell whether it was quoted, and no text of blank lines only; every date written as a
   plain value (``yaml-rs`` reads a quoted or block ``2026-01-01`` as a date too); and, where
   there is a whole number, no number in the text with a leading zero or a base prefix (``010``
   is eight to PyYAML, ten to ``yaml-rs``). A duplicate key makes ``yaml-rs`` refuse the file.

Where ``yaml-rs`` is not installed, or refuses or fails on a file, the PyYAML path reads it: the
fast reader is an optimisation that can be absent without any change in what is found
(``tests/store/test_fastread.py`` compares both readers on every test case and on generated
records, and ``fuzz/fuzz_loader.py`` on mutated ones).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from sys import intern
from typing import Any, Final

from yaml.resolver import Resolver

# An optional speed-up: without it every file takes the PyYAML path. VEILIGESTAD_FAST_YAML=0
# turns it off (to compare, or should a release of it misbehave).
_yaml_rs: Any = None
if os.environ.get("VEILIGESTAD_FAST_YAML", "1") != "0":
    try:
        import yaml_rs as _yaml_rs
    except ImportError:  # pragma: no cover - a platform without its wheel: the PyYAML path
        _yaml_rs = None
_INTERN_UP_TO: Final = 40  # as store.yamlread: short values are keys of vocabularies and IDs
# As ``store.yamlread.LONGEST_NUMBER_BITS`` (not imported: that imports PyYAML): a longer whole
# number goes the PyYAML way, which drops and notes it.
_LONGEST_NUMBER_BITS: Final = 4_000

# Step 1: what in the text rules out the fast reader (see the module's docstring). Each test is
# deliberately wider than the construct it stands for: a false alarm costs only the slower path.
# They are plain substring tests where one will do, which are many times cheaper than a regular
# expression with alternatives (this runs for every file: a few microseconds, not fifty).
_SPECIAL: Final = ("!", "&", "*", "\\", "<<", "\n%", "\n---", "\n...")  # tags, anchors, aliases,
# escapes, merge keys, directives and document markers (the tab, control characters and YAML
# 1.1's extra line breaks fail ``isprintable`` below)
_STARTS: Final = ("%", "---", "...")
# A complex key (``? [a]``): a question mark alone at the start of a line (after indentation
# and sequence dashes) or after a flow bracket or comma.
_COMPLEX_KEY: Final = re.compile(r"(?:^|[\n\[{,])[ \-]*\?(?:[ \r\n]|$)")
# A whole number that YAML 1.1 and 1.2 read differently: a leading zero (010 is eight to PyYAML
# and ten to yaml-rs; 09 is text to PyYAML) or a base prefix (0o7, 0x1F, 0b1). Searched only when
# the fast reader returned a whole number.
_PREFIXED_NUMBER: Final = re.compile(r"[ \[,{:\n][+-]?0[0-9oObBxX_]")
# A number that begins with an underscore (``_4``, ``-_4``, ``__4``): text to PyYAML, a number
# to yaml-rs. Searched, as the one above, only when the fast reader returned a whole number.
_UNDERSCORED_NUMBER: Final = re.compile(r"(?:^|[ \[,{:\n])[+-]?_")
# Deep nesting: every level of block nesting starts at least one column further right (a sequence
# under a key may start in the same column, hence two levels a column), so with at most 23
# columns of indentation and dashes and at most 8 flow brackets a document is at most 58 levels
# deep: below MAX_DEPTH (64) of the PyYAML path, and far from the end of the Rust reader's stack
# (which a few thousand levels overflow, ending the process).
_DEEP_COLUMNS: Final = 24
_DEEP: Final = re.compile(r"\n[ \-]{" + str(_DEEP_COLUMNS) + "}")
_MAX_FLOW_OPENERS: Final = 8
# Syntax that PyYAML refuses and yaml-rs reads: a plain value that begins with a colon
# (``a: :b``, ``:: x``) or a backquote or at sign (reserved), and nearly anything unusual inside
# a flow collection (``[a:b]``, ``[>]``). So a flow collection is read fast only when it is on
# one line and simple, as records write them: a list of words (``[Q-2026-001, wijkregie]``) or
# a mapping of words to words (``{academic_year: '2025-2026', semester: 2}``).
_COLON: Final = re.compile(r":[^ \r\n]")
_FLOW_LINE: Final = re.compile(r"[\[{][^\n]*")
_WORD = r"(?:\w[\w .\-]*|'[\w .\-]*'|\"[\w .\-]*\")"
_PAIR = r"\w+: +" + _WORD
_SIMPLE_FLOW: Final = re.compile(
    rf"\[ *(?:{_WORD}(?:, *{_WORD})*)? *\]|\{{ *(?:{_PAIR}(?:, *{_PAIR})*)? *\}}")
_INDICATOR_START: Final = re.compile(r"(?:^|[ \[,])[@`]")

# Step 2: YAML 1.1's implicit types, keyed by first character, as PyYAML resolves plain text.
# (An empty text, "", can only have been quoted: an empty plain value is null to both readers.)
# One expression a first character, the alternatives of PyYAML's own (all verbose, anchored).
_RESOLVERS: Final = {
    first: re.compile("|".join(f"(?:{regexp.pattern})" for _tag, regexp in resolvers), re.X)
    for first, resolvers in Resolver.yaml_implicit_resolvers.items() if first}


class _NotPlain(Exception):
    """A value that the PyYAML path may read differently, or must note."""


def read(text: str) -> dict[str, Any] | None:
    """The record mapping of ``text`` when the file is provably plain, else None.

    None means "read it with ``store.yamlread.parse``", never "empty": the caller then takes the
    path that writes notes and positions.
    """
    if _yaml_rs is None or not plain_text(text):
        return None
    try:
        data = _yaml_rs.loads(text)
    except Exception:  # a syntax error, a duplicate key, anything: the full path says what
        return None
    if type(data) is not dict:
        return None
    dated: list[Any] = []  # the dates and whole numbers read, whose writing is checked below
    try:
        out = _mapping(data, dated)
    except _NotPlain:
        return None
    numbers_checked = False
    for value in dated:
        if type(value) is int:
            if value.bit_length() > _LONGEST_NUMBER_BITS:
                return None  # the PyYAML path drops and notes it (``yamlread``)
            if not numbers_checked and (_PREFIXED_NUMBER.search(text) is not None
                                        or _UNDERSCORED_NUMBER.search(text) is not None):
                return None
            numbers_checked = True
        elif not _written_plain(value.isoformat(), text):
            return None
    return out


def _written_plain(iso: str, text: str) -> bool:
    """Whether every place ``iso`` is written is a plain value, right after ``: ``, ``- ``,
    ``[`` or ``, ``: yaml-rs reads any text that looks like a date as one, quoted
    (``"2026-01-01"``) or in a block (``>-``); PyYAML, rightly, as text."""
    at = text.find(iso)
    while at >= 0:
        if text[at - 2:at] not in (": ", "- ", ", ") and text[at - 1:at] != "[":
            return False
        at = text.find(iso, at + len(iso))
    return True


def plain_text(text: str) -> bool:
    """Whether the text has none of what rules out the fast reader (step 1)."""
    if text.count("[") + text.count("{") > _MAX_FLOW_OPENERS:
        return False
    if text.startswith(_STARTS) or any(special in text for special in _SPECIAL):
        return False
    # A block scalar that ends the file without a line break: clipped to one by yaml-rs, to
    # none by PyYAML (``a: >\n  b`` at the very end; found by the fuzzer).
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return False
    # isprintable: no tab, no control character, no NEL, LS, PS or BOM (YAML 1.1 reads the three
    # line breaks as breaks, 1.2 as text), and no carriage return but that of a CRLF.
    lines = text.replace("\r\n", "\n") if "\r" in text else text
    if not lines.replace("\n", "").isprintable():
        return False
    if "?" in text and _COMPLEX_KEY.search(text) is not None:
        return False
    if ("`" in text or "@" in text) and _INDICATOR_START.search(text):
        return False
    for found in _COLON.finditer(text):  # few: URLs and times in text
        at = found.start()
        if at == 0 or text[at - 1] in " \t\n[,":
            return False
    if "[" in text or "{" in text:
        for flow in _FLOW_LINE.findall(text):
            if _SIMPLE_FLOW.fullmatch(flow.rstrip(" \r")) is None:
                return False
    if len(text) - len(text.lstrip(" -")) >= _DEEP_COLUMNS:  # the first line, which has no "\n"
        return False
    return _DEEP.search(text) is None


# The walk below runs for every value of every record (about 70 a record), so it is written
# for speed: no call for a scalar, a call only for a mapping or a list. A text is refused when,
# had it been written without quotes, YAML 1.1 would not read it as text (PyYAML's resolvers
# decide), or when it is all blank (a block scalar of blank lines: "" to PyYAML, "\n" to yaml-rs
# 0.1.6).
def _mapping(data: dict[Any, Any], dated: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if type(key) is not str:
            raise _NotPlain
        resolver = _RESOLVERS.get(key[:1])
        if resolver is not None and resolver.match(key):
            raise _NotPlain
        out[intern(key)] = _value(value, dated)
    return out


def _list(data: list[Any], dated: list[Any]) -> list[Any]:
    return [_value(value, dated) for value in data]


def _value(value: Any, dated: list[Any]) -> Any:
    """One value of a mapping or list, checked plain (``_NotPlain`` otherwise) and returned with
    short text interned; integers and dates are noted in ``dated`` for the caller's checks."""
    kind = type(value)
    if kind is str:
        resolver = _RESOLVERS.get(value[:1])
        if (resolver is not None and resolver.match(value)) or value.isspace():
            raise _NotPlain
        return intern(value) if len(value) <= _INTERN_UP_TO else value
    if kind is dict:
        return _mapping(value, dated)
    if kind is list:
        return _list(value, dated)
    if kind is int or kind is dt.date:
        dated.append(value)
    elif value is not None and kind is not bool:
        raise _NotPlain  # floats, datetimes, times, sets, bytes: rare in records
    return value
