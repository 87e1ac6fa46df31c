"""The query output formats, written a piece at a time: the same text as made whole."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from veiligestad.commands import query as out
from veiligestad.spreadsheet import csv_row

_KEYS = st.text(min_size=1, max_size=8)
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.text(max_size=30), st.floats(allow_nan=False, allow_infinity=False))
_VALUES = st.recursive(_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)), max_leaves=8)
_ROWS = st.lists(st.dictionaries(_KEYS, _VALUES, max_size=5), max_size=6)


def _csv_whole(rows: list[dict[str, Any]], names: list[str]) -> str:
    """How the CSV was made before it came a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(csv_row(list(names)))
    for row in rows:
        writer.writerow(csv_row([out.cell(row.get(name)) for name in names]))
    return buffer.getvalue()


def _markdown_whole(rows: list[dict[str, Any]], names: list[str]) -> str:
    """How the Markdown table was made before it came a line at a time."""
    def md(value: Any) -> str:
        return out.cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(md(row.get(n)) for n in names) + " |" for row in rows]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(_ROWS)
def test_every_format_in_pieces_is_the_whole_text(rows: list[dict[str, Any]]) -> None:
    assert "".join(out.json_chunks(rows)) == json.dumps(rows, ensure_ascii=False, indent=2)
    assert out.to_jsonl(rows) == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    names = out.columns(rows, None)
    assert out.to_csv(rows, names) == _csv_whole(rows, names)
    assert out.to_ids(rows) == "".join(f"{r.get('id')}\n" for r in rows)
    assert out.to_markdown(rows, names) == _markdown_whole(rows, names)
    # YAML a record at a time: the same document as the whole list (no value is shared),
    # but where a text holds a line break PyYAML would write as it is (read back as a space)
    if not any(c in json.dumps(rows, ensure_ascii=False) for c in "\x85\u2028\u2029"):
        assert out.to_yaml(rows) == (yaml.safe_dump(rows, allow_unicode=True, sort_keys=False,
                                                    width=100) if rows else "[]\n")
    assert yaml.safe_load(out.to_yaml(rows)) == rows


def test_yaml_keeps_every_line_break_character() -> None:
    rows = [{"id": "F-1", "title": "a\x85b", "caveats": ["\u2028", "c\u2029d"]}]
    assert yaml.safe_load(out.to_yaml(rows)) == rows


def test_yaml_repeats_a_shared_value_instead_of_an_alias() -> None:
    shared = ["ov", "uitgaansleven"]
    rows = [{"id": "F-1", "themes": shared}, {"id": "F-2", "themes": shared}]
    text = out.to_yaml(rows)
    assert "&" not in text and "*" not in text
    assert yaml.safe_load(text) == rows


# libyaml's emitter writes what the emitter in Python writes, or gives the row to it: any text
# at all (surrogates, characters beyond U+FFFF, controls, breaks, YAML's indicators), long
# lines that fold at the width, and the types a row holds.
_ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                           blacklist_categories=()), max_size=40)
_WORDS = st.lists(st.sampled_from(["a", "ab", "straat", " ", "  ", "- ", ": ", "#", "'", '"',
                                   "\n", "\t", "é", "😀", "\\", "{", "[", "&x", "*y", "!t",
                                   "%", "@", "`", "|", ">", "?", ",", "~", "null", "yes",
                                   "0x1F", "1e3", "2026-01-01", "12:30", "\x85", "\u2028"]),
                  max_size=60).map("".join)
_FAST_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.dates(), _ANY_TEXT, _WORDS)
_FAST_VALUES = st.recursive(_FAST_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(_ANY_TEXT, _WORDS), inner,
                                                 max_size=4)), max_leaves=12)
_FAST_ROWS = st.lists(st.dictionaries(st.one_of(_ANY_TEXT, _WORDS), _FAST_VALUES, max_size=6),
                      max_size=4)


@settings(max_examples=400, deadline=None)
@given(_FAST_ROWS)
def test_yaml_by_libyaml_is_the_text_the_emitter_in_python_writes(
        rows: list[dict[str, Any]]) -> None:
    assert out.to_yaml(rows) == "".join(out.yaml_chunks(rows, fast=False))


def test_yaml_by_libyaml_on_every_record_file() -> None:
    from tests.conftest import REPO

    paths = sorted(p for place in ("data", "tests/cases") for p in (REPO / place).rglob("*.yaml"))
    rows = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            rows.append(data)
    assert len(rows) > 50
    assert out.to_yaml(rows) == "".join(out.yaml_chunks(rows, fast=False))


def test_yaml_is_made_by_libyaml_where_pyyaml_has_it() -> None:
    # the fast way is taken at all (else the tests above compare the emitter in Python with
    # itself): libyaml's dumper is PyYAML's C class, and a plain row goes through it
    if not yaml.__with_libyaml__:
        import pytest

        pytest.skip("PyYAML without libyaml: the emitter in Python only")
    assert out._FastDumper is not None and issubclass(out._FastDumper, yaml.CSafeDumper)
    made = []
    real = yaml.dump

    def spy(data: Any, stream: Any = None, Dumper: Any = yaml.Dumper, **kw: Any) -> Any:
        made.append(Dumper)
        return real(data, stream, Dumper=Dumper, **kw)

    import unittest.mock

    with unittest.mock.patch.object(yaml, "dump", spy):
        text = out.to_yaml([{"id": "F-1", "title": "Straat"}, {"id": "F-2", "emoji": "😀"}])
    assert made == [out._FastDumper, out._FastDumper, out._PlainDumper]
    assert yaml.safe_load(text) == [{"id": "F-1", "title": "Straat"}, {"id": "F-2", "emoji": "😀"}]
