"""Editing an existing record so that everything a person wrote stays as it was.

A record is read with ruamel.yaml's round-trip loader, changed in place and written back: comments,
key order, quoting, flow or block style and folded text are kept, and only the lines that changed
differ. The indentation of block lists is taken from the file itself (``- `` under its key or
indented by two), and a UTF-8 BOM or CRLF line endings are put back as they were.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from veiligestad.store.atomic import replace

_BOM = "\ufeff"
# A key that opens a block, then the first list item below it: how far the dash is indented.
_BLOCK_LIST = re.compile(r"^( *)[^\s#-][^:\n]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- ", re.M)


@dataclass
class EditedRecord:
    """A record loaded for editing: its round-trip data and how the file was laid out."""

    path: Path
    data: CommentedMap
    original: str
    bom: bool
    newline: str
    offset: int  # spaces before a list item's dash, relative to its key

    def dump(self) -> str:
        """The record's text after the edits, in the file's own layout."""
        buffer = io.StringIO()
        _yaml(self.offset).dump(self.data, buffer)
        text = _comment_gaps(buffer.getvalue(), self.original)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (_BOM if self.bom else "") + text

    @property
    def changed(self) -> bool:
        return self.dump() != self.original

    def save(self) -> bool:
        """Write the record back atomically when it changed; whether it did."""
        text = self.dump()
        if text == self.original:
            return False
        replace(self.path, text)
        return True


_EOL_COMMENT = re.compile(r"^(.*\S)( +)(#[^\n]*)$")


def _comment_gaps(text: str, original: str) -> str:
    """Give a comment after a value that grew its old gap again (ruamel leaves a single space).

    Only a line whose comment is found, unchanged, after a value in the original is touched.
    """
    gaps: dict[str, str] = {}
    for line in original.replace("\r\n", "\n").split("\n"):
        match = _EOL_COMMENT.match(line)
        if match:
            gaps.setdefault(match.group(3), match.group(2))
    if not gaps:
        return text
    out = []
    for line in text.split("\n"):
        match = _EOL_COMMENT.match(line)
        if match and match.group(3) in gaps and len(match.group(2)) < len(gaps[match.group(3)]):
            line = match.group(1) + gaps[match.group(3)] + match.group(3)
        out.append(line)
    return "\n".join(out)


def _yaml(offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line a person wrapped (or did not)
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    # The same object twice (today's date in two fields) must not become an anchor and alias:
    # records may not hold them.
    yaml.representer.ignore_aliases = lambda *args: True
    return yaml


def list_offset(text: str) -> int:
    """How far this file indents a block list's dash past its key (0 or 2; 2 by default)."""
    match = _BLOCK_LIST.search(text)
    if not match:
        return 2
    return max(0, len(match.group(2)) - len(match.group(1)))


def load_for_edit(path: Path) -> EditedRecord:
    """Read ``path`` for editing (the record must already have passed the safe reader)."""
    raw = path.read_bytes().decode("utf-8")
    bom = raw.startswith(_BOM)
    text = raw[1:] if bom else raw
    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n")
    offset = list_offset(plain)
    data = _yaml(offset).load(plain)
    if not isinstance(data, CommentedMap):
        raise ValueError(f"{path} does not hold a mapping")
    return EditedRecord(path, data, raw, bom, newline, offset)


def edit_record(path: Path, change: Callable[[CommentedMap], None]) -> bool:
    """Load ``path``, apply ``change`` to its mapping and save it; whether anything changed."""
    record = load_for_edit(path)
    change(record.data)
    return record.save()


def append_item(sequence: list[Any], item: Any) -> None:
    """Append ``item`` in the style of the list's other items (flow mappings stay flow).

    Comment lines of their own below the list belong to what follows it (``# Written by
    veiligestad`` above ``link_stamps``), though ruamel.yaml keeps them on the list's last item:
    they move below the new item, so they stay above what they describe."""
    if isinstance(item, dict) and not isinstance(item, CommentedMap):
        item = CommentedMap(item)
    if isinstance(item, CommentedMap) and sequence:
        last = sequence[-1]
        if isinstance(last, CommentedMap) and last.fa.flow_style():
            item.fa.set_flow_style()
    below = _take_lines_below(sequence) if isinstance(sequence, CommentedSeq) else []
    sequence.append(item)
    if below:
        _attach_after(sequence, len(sequence) - 1, below)


def _take_lines_below(node: Any) -> list[str]:
    """Remove and return the comment lines of their own after the last line of ``node``."""
    if not isinstance(node, (CommentedMap, CommentedSeq)) or not len(node) \
            or node.fa.flow_style():
        return []
    key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    deeper = _take_lines_below(node[key])
    slot = 2 if isinstance(node, CommentedMap) else 0
    item = node.ca.items.get(key)
    token = item[slot] if item and len(item) > slot else None
    if token is None or "\n" not in token.value:
        return deeper
    same_line, *rest = token.value.split("\n")
    lines = [line for line in rest if line.strip().startswith("#")]
    if not lines:
        return deeper
    token.value = same_line + "\n"
    if not same_line.strip():
        item[slot] = None
    return deeper + lines


def new_list(items: list[Any], flow: bool) -> CommentedSeq:
    """A list for a field that was not there yet: flow style for plain IDs, block otherwise."""
    seq = CommentedSeq(items)
    if flow:
        seq.fa.set_flow_style()
    return seq


def set_after(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key``; a new key goes right after the field that precedes it most closely in
    ``order`` (the model's field order)."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    position = len(keys)
    if key in order:
        # Right after the nearest field that comes before it in the model, wherever the file
        # keeps that field; at the end when none of them is there.
        for earlier in reversed(order[: order.index(key)]):
            if earlier in mapping:
                position = keys.index(earlier) + 1
                break
    mapping.insert(position, key, value)


def remove_key(mapping: CommentedMap, key: str) -> None:
    """Delete ``key`` and its value, keeping the comments on lines of their own that ruamel.yaml
    had attached to them (a comment written below a list belongs to what follows, not to the
    list): they move to the end of the key before it. A comment after a value on its own line
    goes with the line."""
    if key not in mapping:
        return
    lines = _own_line_comments(mapping[key], [])
    item = mapping.ca.items.get(key)
    if item:
        lines = _token_lines(item, []) + lines
    keys = list(mapping.keys())
    before = keys[: keys.index(key)]
    del mapping[key]
    if not lines:
        return
    if before:
        _attach_after(mapping, before[-1], lines)
    elif len(mapping):
        text = "\n".join(line.strip().lstrip("#").lstrip() for line in lines)
        mapping.yaml_set_comment_before_after_key(next(iter(mapping)), before=text)


def _token_lines(slots: Any, out: list[str]) -> list[str]:
    from ruamel.yaml.tokens import CommentToken

    for slot in slots if isinstance(slots, list) else [slots]:
        if isinstance(slot, list):
            _token_lines(slot, out)
        elif isinstance(slot, CommentToken):
            # the first line ends the line the comment was on; the rest are lines of their own
            out.extend(line for line in slot.value.split("\n")[1:] if line.strip().startswith("#"))
    return out


def _own_line_comments(node: Any, out: list[str]) -> list[str]:
    ca = getattr(node, "ca", None)
    if ca is not None:
        if ca.comment:
            _token_lines(list(ca.comment), out)
        for slots in ca.items.values():
            _token_lines(list(slots), out)
    if isinstance(node, dict):
        for value in node.values():
            _own_line_comments(value, out)
    elif isinstance(node, list):
        for value in node:
            _own_line_comments(value, out)
    return out


def _attach_after(node: Any, key: Any, lines: list[str]) -> None:
    """Put comment ``lines`` after the last line that ``node[key]`` takes in the file."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not (
            value.fa.flow_style()):
        last = list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1
        _attach_after(value, last, lines)
        return
    text = "\n".join(lines) + "\n"
    slot = 0 if isinstance(node, CommentedSeq) else 2
    item = node.ca.items.setdefault(key, [None, None, None, None] if slot == 2 else [None, None])
    if item[slot] is None:
        item[slot] = CommentToken("\n" + text, CommentMark(0), None)
    else:
        item[slot].value = item[slot].value.rstrip("\n") + "\n" + text
