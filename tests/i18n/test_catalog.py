"""Both catalogs have the same keys and placeholders, and every key the code uses exists."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from veiligestad.i18n import Translator, en, nl

SRC = Path(__file__).parents[2] / "src" / "veiligestad"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_and_placeholders() -> None:
    assert set(nl.MESSAGES) == set(en.MESSAGES)
    for key in nl.MESSAGES:
        assert _placeholders(nl.MESSAGES[key]) == _placeholders(en.MESSAGES[key]), key


def _used_keys() -> tuple[set[str], set[str]]:
    """Literal keys passed to a translator, and the prefixes of f-string keys."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            if name != "t":
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.add(first.value)
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(
                first.values[0], ast.Constant
            ):
                prefixes.add(str(first.values[0].value))
    return literal, prefixes


def test_every_used_key_exists() -> None:
    literal, prefixes = _used_keys()
    assert len(literal) > 100
    missing = sorted(k for k in literal if k not in nl.MESSAGES)
    assert missing == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in nl.MESSAGES), prefix


def test_translator_falls_back_and_fills_in() -> None:
    t = Translator("en")
    assert t("init.done", city="Leiden", path="/x", count=3).startswith("Created")
    assert Translator("nl")("kind.finding") == "bevinding"
    assert Translator("xx").lang == "nl"
    assert t.label({"nl": "Politie"}, "politie") == "Politie"
    assert t.label(None, "politie") == "politie"
