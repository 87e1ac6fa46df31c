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
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's C parser, when PyYAML was built with it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pure-Python fallback, same behaviour, slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_INTERN_UP_TO = 40
WITH_LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)


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

    def construct_yaml_str(self, node: ScalarNode) -> str:
        value = str(self.construct_scalar(node))
        # Short values are mostly keys of vocabularies, statuses and IDs: shared, like field names.
        return intern(value) if len(value) <= _INTERN_UP_TO else value

    def construct_undefined(self, node: Node) -> None:  # type: ignore[override]
        # The base class raises; dropping the value and noting it lets the rest be checked.
        self.note("tag", node, tag=str(node.tag))
        return None

    def construct_yaml_int(self, node: ScalarNode) -> int:
        if ":" in str(node.value):
            self.note("sexagesimal", node, raw=str(node.value))
        return super().construct_yaml_int(node)

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
_SCALARS: dict[str, Callable[[NotingLoader, ScalarNode], Any]] = {
    "tag:yaml.org,2002:null": lambda loader, node: None,
    "tag:yaml.org,2002:bool": NotingLoader.construct_yaml_bool,
    "tag:yaml.org,2002:int": NotingLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": NotingLoader.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": NotingLoader.construct_yaml_timestamp,
}


class _Unusual(Exception):
    """A node the fast path leaves to the full constructor (merge keys, tags, odd keys)."""


def _build(node: Node, loader: NotingLoader) -> Any:
    """Plain values from the node tree for what records contain, several times faster than
    PyYAML's generic constructor; anything else raises ``_Unusual`` and takes the full path."""
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            value = node.value
            return intern(value) if len(value) <= _INTERN_UP_TO else value
        make = _SCALARS.get(node.tag)
        if make is None:
            raise _Unusual
        return make(loader, node)
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
            out[key] = _build(value_node, loader)
        return out
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [_build(item, loader) for item in node.value]
    raise _Unusual


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
                data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        return None, [*loader.notes, _note_from_error("syntax", exc)]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return None, [*loader.notes, ParseNote("syntax", params={"error": str(exc)})]
    finally:
        loader.dispose()
    notes = loader.notes
    if "&" in text:  # no alias without an anchor, and no anchor without "&"
        notes.extend(_anchors_and_aliases(text))
    return data, notes


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
