"""The reader never expands aliases into copies: a "billion laughs" file stays small, and is
refused (no reader after it may walk 387 million values)."""

from __future__ import annotations

import pytest

from veiligestad.store.yamlread import parse


def test_nested_aliases_are_shared_not_copied() -> None:
    resource = pytest.importorskip("resource")  # POSIX: the peak memory of this process
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    data, notes = parse("\n".join(levels) + "\n")
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert data is None
    assert {n.code for n in notes} == {"anchor", "alias", "too_big"}
    assert grown_kb < 50_000  # copying would need gigabytes


def test_a_few_aliases_are_read_shared() -> None:
    data, notes = parse("a: &a [x, y]\nb: *a\n")
    assert data is not None and data["b"] is data["a"]
    assert {n.code for n in notes} == {"anchor", "alias"}


def test_plain_records_take_the_fast_path_with_the_same_result() -> None:
    text = "id: Q-2026-001\ntitle: 'no'\nthemes: [ov, online]\nreceived: 2026-01-02\n" \
        "a: 1:30\nb: yes\nnested: {x: [1, 2.5, null]}\ntitle: twice\n"
    data, notes = parse(text)
    assert data == {"id": "Q-2026-001", "title": "twice", "themes": ["ov", "online"],
                    "received": __import__("datetime").date(2026, 1, 2), "a": 90, "b": True,
                    "nested": {"x": [1, 2.5, None]}}
    assert [(n.code, n.line) for n in notes] == [("sexagesimal", 5), ("duplicate_key", 8)]
