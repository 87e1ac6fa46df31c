"""Safe, fast YAML reading that notes every surprise instead of failing on the first.

libyaml's C parser composes the node tree (with positions, at no extra cost); a lean builder turns
the nodes records are made of into plain Python values (a constructor subclass takes over for
anything unusual, such as tags and merge keys) and writes down, as ``ParseNote``s, what plain YAML
would let through silently: duplicate keys, anchors and aliases, unknown tags, sexagesimal numbers
and impossible dates. The notes carry positions; their messages are made by the check modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from sys import intern
from typing import Any, Final

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's C parser, when PyYAML was built with it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pure-Python fallback, same behaviour, slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_INTERN_UP_TO = 40
WITH_LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)
# Records are a few levels deep (a finding's recommendations are a list of mappings: three). Far
# deeper nesting is a mistake or an attack, and would exhaust the stack of every recursive reader
# (the cache's pickling, JSON output), so a file nested deeper than this is not read.
MAX_DEPTH = 64
# Aliases share one value between several places; expanded, nine levels of nine ("billion
# laughs") are 387 million values, which no reader may walk. A record is a few hundred values.
MAX_VALUES = 100_000


# A whole number longer than this (about 1,200 digits) is dropped and noted (``long_number``):
# Python turns no number of more than 4,300 digits into text, so such a value could reach the
# rules, the output and the caches as a number that cannot be printed.
LONGEST_NUMBER_BITS: Final = 4_000


@dataclass(frozen=True)
class ParseNote:
    """Something the reader noticed in a file, at a 1-based position (or None)."""

    code: str
    line: int | None = None
    column: int | None = None
    params: dict[str, str] = field(default_factory=dict)


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class NotingLoader(_BaseLoader):
    """A safe loader that records problems as notes and keeps going."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.notes: list[ParseNote] = []

    def note(self, code: str, node: Node, **params: str) -> None:
        line, column = _pos(node)
        self.notes.append(ParseNote(code, line, column, params))

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    self.note("duplicate_key", key_node, key=key_node.value)
                seen.add(key_node.value)
        try:
            mapping = super().construct_mapping(node, deep=deep)
        except yaml.constructor.ConstructorError as exc:  # an unhashable key such as `[a]: 1`
            self.notes.append(_note_from_error("syntax", exc))
            return {}
        # One shared object per field name: tens of thousands of records then hold one "status"
        # instead of one each (a third less memory, and a cache that pickles them once).
        return {intern(k) if type(k) is str else k: v for k, v in mapping.items()}

    def flatten_mapping(self, node: MappingNode) -> None:
        # A merge key (``<<: {...}``) brings values in that are not written where they arrive
        # (``classification: public`` from elsewhere): noted like an anchor, and never merged.
        kept = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.note("merge", key_node)
            else:
                kept.append((key_node, value_node))
        node.value = kept

    def construct_yaml_str(self, node: ScalarNode) -> str:
        value = str(self.construct_scalar(node))
        # Short values are mostly keys of vocabularies, statuses and IDs: shared, like field names.
        return intern(value) if len(value) <= _INTERN_UP_TO else value

    def construct_undefined(self, node: Node) -> None:  # type: ignore[override]
        # The base class raises; dropping the value and noting it lets the rest be checked.
        self.note("tag", node, tag=str(node.tag))
        return None

    def construct_yaml_int(self, node: ScalarNode) -> int | None:  # type: ignore[override]
        if ":" in str(node.value):
            self.note("sexagesimal", node, raw=str(node.value))
        try:
            value: int = super().construct_yaml_int(node)
        except ValueError:
            # Python turns no decimal text of more than 4,300 digits into a number: the value
            # is dropped and noted where it stands.
            digits = sum(1 for c in str(node.value) if c.isdigit())
            if digits <= 4_300:
                raise  # another text that is no number (``!!int abc``): as before
            self.note("long_number", node, digits=str(digits))
            return None
        if value.bit_length() > LONGEST_NUMBER_BITS:
            # Written in hex, octal, binary or sexagesimal it is read, but no number of more
            # than 4,300 digits can be turned into text again: dropped and noted the same way.
            self.note("long_number", node, digits=str(len(str(node.value))))
            return None
        return value

    def construct_yaml_float(self, node: ScalarNode) -> float:
        if ":" in str(node.value):
            self.note("sexagesimal", node, raw=str(node.value))
        return super().construct_yaml_float(node)

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.note("bad_date", node, raw=str(node.value))
            return str(node.value)


for _tag, _method in (
    ("tag:yaml.org,2002:int", NotingLoader.construct_yaml_int),
    ("tag:yaml.org,2002:float", NotingLoader.construct_yaml_float),
    ("tag:yaml.org,2002:timestamp", NotingLoader.construct_yaml_timestamp),
    ("tag:yaml.org,2002:map", SafeConstructor.construct_yaml_map),
    ("tag:yaml.org,2002:str", NotingLoader.construct_yaml_str),
):
    NotingLoader.add_constructor(_tag, _method)
NotingLoader.add_constructor(None, NotingLoader.construct_undefined)


def _note_from_error(code: str, exc: yaml.MarkedYAMLError) -> ParseNote:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return ParseNote(code, line, column, {"error": str(exc.problem or exc.context or exc)})


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"
# The only tags a record's values may carry, and the kind of node each belongs to. An explicit
# tag elsewhere (``!!binary``, ``!!set``, ``!!omap``) or on the wrong node (``!!map [a]``) is
# noted and its value dropped, like an unknown tag.
_PLAIN_SCALARS = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                            "tag:yaml.org,2002:float", _NULL, "tag:yaml.org,2002:timestamp"})
_SCALARS: dict[str, Callable[[NotingLoader, ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": lambda loader, node: None,
    "tag:yaml.org,2002:bool": NotingLoader.construct_yaml_bool,
    "tag:yaml.org,2002:int": NotingLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": NotingLoader.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": NotingLoader.construct_yaml_timestamp,
}


class _Unusual(Exception):
    """A node the fast path leaves to the full constructor (merge keys, tags, odd keys)."""


class _Refused(Exception):
    """A document too deep or too large (expanded) to be read at all; its note is the args."""


def _build(node: Node, loader: NotingLoader, depth: int = 0) -> Any:
    """Plain values from the node tree for what records contain, several times faster than
    PyYAML's generic constructor; anything else raises ``_Unusual`` and takes the full path."""
    if depth > MAX_DEPTH:
        raise _Unusual  # the full path's screen notes it
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            value = node.value
            return intern(value) if len(value) <= _INTERN_UP_TO else value
        make = _SCALARS.get(node.tag)
        if make is None:
            raise _Unusual
        try:
            return make(loader, node)
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError):
            raise _Unusual from None  # an explicit tag its text does not fit: ``!!bool x``
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            raise _Unusual
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag != _STR:
                raise _Unusual
            key = intern(key_node.value)
            if key in out:
                loader.note("duplicate_key", key_node, key=key)
            out[key] = _build(value_node, loader, depth + 1)
        return out
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [_build(item, loader, depth + 1) for item in node.value]
    raise _Unusual


def _screen(root: Node, loader: NotingLoader) -> None:
    """Make the node tree safe for the full constructor, noting what it changes.

    Raises ``_Refused`` when the tree is nested deeper than ``MAX_DEPTH`` or, with its aliases
    expanded, holds more than ``MAX_VALUES`` values. Replaces every node whose tag is not a plain
    record value (or does not fit its node, or its text) by a null, with a ``tag`` note.
    """
    if not _plain(root, loader):
        raise _Refused(ParseNote("tag", *_pos(root), {"tag": str(root.tag)}))
    sizes: dict[int, int] = {}  # an aliased node is one object: counted once, weighed each time
    stack: list[tuple[Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if done:
            children = _children(node)
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[id(node)] > MAX_VALUES:
                raise _Refused(ParseNote("too_big", *_pos(node), {"limit": str(MAX_VALUES)}))
            continue
        if id(node) in sizes:
            continue
        if depth > MAX_DEPTH:
            raise _Refused(ParseNote("too_deep", *_pos(node), {"limit": str(MAX_DEPTH)}))
        _replace_bad_tags(node, loader)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node)
                     if id(child) not in sizes)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _replace_bad_tags(node: Node, loader: NotingLoader) -> None:
    """Swap each child of ``node`` that carries a tag records may not hold for a null."""
    if isinstance(node, MappingNode):
        node.value = [(key if _plain(key, loader) else _dropped(key, loader),
                       value if _plain(value, loader) else _dropped(value, loader))
                      for key, value in node.value]
    elif isinstance(node, SequenceNode):
        node.value = [item if _plain(item, loader) else _dropped(item, loader)
                      for item in node.value]


def _plain(node: Node, loader: NotingLoader) -> bool:
    tag = node.tag
    if isinstance(node, ScalarNode):
        if tag in (_STR, _MERGE):
            return True
        # An explicit tag must name what the text would be read as anyway: ``!!bool x`` and
        # ``!!timestamp nonsense`` are not values of their tags.
        resolved: str = loader.resolve(ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        return tag in _PLAIN_SCALARS and resolved == tag
    if isinstance(node, MappingNode):
        return tag == _MAP
    return isinstance(node, SequenceNode) and tag == _SEQ


def _dropped(node: Node, loader: NotingLoader) -> ScalarNode:
    loader.note("tag", node, tag=str(node.tag))
    return ScalarNode(_NULL, "", node.start_mark, node.end_mark)


def parse(text: str) -> tuple[Any, list[ParseNote]]:
    """The data in ``text`` and the notes on it; a syntax error gives ``(None, [note])``."""
    loader = NotingLoader(text)
    try:
        node = loader.get_single_node()  # composed by libyaml, in C
        data = None
        if node is not None:
            try:
                # With an anchor ("&") there may be aliases: the builder would copy what an alias
                # points to, and nine nested aliases ("billion laughs") would fill the memory. The
                # full constructor shares one object instead.
                if "&" in text:
                    raise _Unusual
                data = _build(node, loader)
            except _Unusual:
                loader.notes.clear()  # the full constructor notes everything again
                _screen(node, loader)
                data = loader.construct_document(node)
    except _Refused as refused:
        return None, [*loader.notes, *_anchor_notes(text), *refused.args]
    except yaml.MarkedYAMLError as exc:
        return None, [*loader.notes, _note_from_error("syntax", exc)]
    except Exception as exc:
        return None, [*loader.notes, ParseNote("syntax", params={"error": str(exc)})]
    finally:
        loader.dispose()
    return data, [*loader.notes, *_anchor_notes(text)]


class UnsafeYAML(yaml.YAMLError):
    """A document the bounded reader would not read: too deep, aliases too big, a bad tag."""

    def __init__(self, detail: str, line: int | None = None, column: int | None = None) -> None:
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(where + detail)
        self.detail, self.line, self.column = detail, line, column


# Notes after which a document is not used at all (a record file only reports them).
REFUSING: frozenset[str] = frozenset({"syntax", "too_deep", "too_big", "tag", "long_number"})


def load_bounded(text: str) -> Any:
    """The data of a YAML document that is not a record (the config, a saved query), read with
    the same bounds as records: ``UnsafeYAML`` instead of a hang, a crash or an object."""
    data, notes = parse(text)
    for note in notes:
        if note.code in REFUSING:
            detail = note.params.get("error") or note.params.get("tag") or {
                "too_deep": f"nested more than {MAX_DEPTH} levels deep",
                "too_big": f"aliases expand to more than {MAX_VALUES} values",
                "long_number": f"a number of {note.params.get('digits')} digits, too long to "
                               "read",
            }.get(note.code, note.code)
            raise UnsafeYAML(detail, note.line, note.column)
    return data


def _anchor_notes(text: str) -> list[ParseNote]:
    # No alias without an anchor, and no anchor without "&".
    return _anchors_and_aliases(text) if "&" in text else []


def _anchors_and_aliases(text: str) -> list[ParseNote]:
    """Anchors and aliases leave no trace in the constructed data: find them among the events."""
    notes: list[ParseNote] = []
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            anchor = getattr(event, "anchor", None)
            mark = event.start_mark
            if anchor and mark is not None:
                code = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                notes.append(ParseNote(code, mark.line + 1, mark.column + 1,
                                       {"anchor": str(anchor)}))
    except yaml.YAMLError:
        pass  # the syntax error is already a note of its own
    return notes


def compose(text: str) -> Node | None:
    """The node tree of ``text`` with positions, for locating a problem; None when it cannot."""
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def is_date(value: object) -> bool:
    """A real date (not a datetime, not a string)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
