"""Giving problems their line and column, composing positions only for files that need them.

Reading a record keeps no positions (that is most of the cost of YAML); when a rule reports a
problem at a field path, the file is read once more, composed into nodes with their marks, and the
path followed to the key or value it names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from veiligestad.checks.problem import FieldPath, Problem
from veiligestad.store.records import decode, read_bytes
from veiligestad.store.yamlread import compose


def locate(problems: Iterable[Problem], root: Path, max_bytes: int) -> list[Problem]:
    """The same problems, with positions filled in where a field path allows."""
    todo: dict[str, list[Problem]] = defaultdict(list)
    done: list[Problem] = []
    for problem in problems:
        if problem.line is None and problem.field is not None:
            todo[problem.path].append(problem)
        else:
            done.append(problem)
    for rel, waiting in todo.items():
        tree = _tree(root, rel, max_bytes)
        for problem in waiting:
            position = _find(tree, problem.field or (), problem.key) if tree else None
            done.append(replace(problem, line=position[0], column=position[1])
                        if position else problem)
    return done


def _tree(root: Path, rel: str, max_bytes: int) -> Node | None:
    raw, _ = read_bytes(root, rel, max_bytes)
    if raw is None:
        return None
    text, _ = decode(raw)
    return compose(text) if text is not None else None


def _find(node: Node, path: FieldPath, key: bool) -> tuple[int, int]:
    """The position of the value at ``path`` (or of its key), or of the nearest parent."""
    key_node: Node | None = None
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            break
    target = key_node if key and key_node is not None else node
    return target.start_mark.line + 1, target.start_mark.column + 1


def _child(node: MappingNode, name: str) -> tuple[Node, Node] | None:
    found = None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == name:
            found = (key_node, value_node)  # the last one wins, as in the loaded data
    return found
