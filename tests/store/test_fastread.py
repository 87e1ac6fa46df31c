"""The fast reader reads a file only where it reads exactly what the PyYAML path reads.

``store/fastread.py`` hands a file to ``yaml-rs`` only when it can prove the file plain. These
tests hold it to that: on every YAML file of the repository (test cases, examples, the fuzz
corpus), on generated record texts written in every style YAML allows, and on each way the two
readers are known to differ, the fast reader either declines (None) or returns the very values,
types included, that the PyYAML path returns with no note at all. And a whole ``validate`` of every
test case finds the same problems with the fast reader and without it.
"""

from __future__ import annotations

import datetime as dt
import os
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import find, given
from hypothesis import strategies as st

from tests.checks.test_cases import INVALID, VALID, build
from tests.conftest import REPO, TODAY
from tests.robustness import test_properties  # noqa: F401  (the hypothesis settings profile)
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.store import fastread
from veiligestad.store.records import decode, read_text

pytestmark = pytest.mark.skipif(fastread._yaml_rs is None, reason="yaml-rs is not installed")


def typed(value: Any) -> Any:
    """``value`` with the type of every scalar beside it: 1 and True, or a date and its text,
    are then not equal."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def assert_agrees(text: str) -> bool:
    """Fail when the fast reader returns anything but what the PyYAML path reads, noting
    nothing; True when the fast reader read the file."""
    fast = fastread.read(text)
    if fast is None:
        return False
    slow, notes = read_text(text, fast=False)
    assert notes == [], f"the fast reader took a file the PyYAML path notes: {notes}\n{text}"
    assert typed(fast) == typed(slow), f"readers differ on:\n{text}"
    return True


def _yaml_files() -> list[Path]:
    places = ["tests", "data", "src/veiligestad/init_files", "fuzz/corpus", "templates"]
    found = [p for place in places for p in sorted((REPO / place).rglob("*"))
             if p.is_file() and (p.suffix in (".yaml", ".yml") or place == "fuzz/corpus")]
    return found


YAML_FILES = _yaml_files()


def test_there_are_files_to_compare() -> None:
    assert len(YAML_FILES) > 150


@pytest.mark.parametrize("path", YAML_FILES, ids=[str(p.relative_to(REPO)) for p in YAML_FILES])
def test_every_yaml_file_of_the_repository(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    if text is not None:
        assert_agrees(text)


def test_the_example_records_take_the_fast_path() -> None:
    """Not a correctness test: the speed-up must reach the records people write."""
    records = sorted((REPO / "data").rglob("*.yaml"))
    read = [assert_agrees(decode(p.read_bytes())[0] or "") for p in records]
    assert len(records) > 10 and sum(read) >= len(records) * 0.9


# Each way YAML 1.1 (PyYAML) and yaml-rs are known to read the same text differently, or a
# file needs a note: the fast reader must decline every one.
DIFFERENT = {
    "bool words": "a: yes\n",
    "bool key": "on: 1\n",
    "Off": "a: Off\n",
    "octal": "a: 010\n",
    "octal in a list": "a: [1, 0777]\n",
    "signed octal": "a: -010\n",
    "leading zero nine": "a: 09\n",
    # found by the fuzzer (fuzz/fuzz_loader.py) in CI: yaml-rs reads a leading underscore
    "leading underscore": "g:\nquestions: _4\n",
    "block scalar at the end without a line break": "a:\nb: >\n  -Ges   #en er ",
    "literal block at the end without a line break": "a: |\n  x",
    "signed leading underscore": "a: -_4\n",
    "two leading underscores": "a: [1, __4]\n",
    "0o prefix": "a: 0o10\n",
    "hex": "a: 0x1F\n",
    "sexagesimal": "a: 1:30\n",
    "sexagesimal float": "a: 190:20:30.15\n",
    "exponent without a dot": "a: 1e3\n",
    "float": "a: 1.5\n",
    "nan": "a: .nan\n",
    "double-quoted date": 'a: "2026-01-01"\n',
    "single-quoted date": "a: '2026-01-01'\n",
    "quoted datetime": 'a: "2026-01-01T10:00:00"\n',
    "quoted time": 'a: "10:00:00"\n',
    "date in a block scalar": "id: >-\n  2026-01-01\n\n",
    "date quoted elsewhere": "a: 2026-01-01\nb: '2026-01-01'\n",
    "plain time": "a: 10:00:00\n",
    "datetime": "a: 2026-01-01 10:00:00\n",
    "impossible date": "a: 2026-02-30\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate quoted key": "a: 1\n'a': 2\n",
    "tag": "a: !!str 1\n",
    "python tag": "a: !!python/object:os.system x\n",
    "unknown tag": "a: !foo x\n",
    "binary": "a: !!binary aGk=\n",
    "set": "a: !!set {x}\n",
    "anchor and alias": "a: &x [1]\nb: *x\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end": "a: 1\n...\n",
    "complex key": "? [a]\n: 1\n",
    "complex key in a sequence": "- ? a\n  : 1\n",
    "flow complex key": "a: {? b: 1}\n",
    "escape": 'a: "\\x41"\n',
    "tab": "a:\tb\n",
    "NUL": "a: \x00\n",
    "NEL": "a: b\x85c: d\n",
    "line separator": "a: \u2028 x\n",
    "BOM inside": "a: b\ufeff\n",
    "lone carriage return": "a: b\rc: d\n",
    "control character": "a: b\x07\n",
    "non-text key": "1: a\n",
    "date key": "2026-01-01: a\n",
    "null key": "~: a\n",
    "list at the top": "- a\n- b\n",
    "scalar at the top": "just text\n",
    "deep flow": "a: " + "[" * 9 + "]" * 9 + "\n",
    "deep block": "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 30)),
    "deep compact sequence": "- " * 20 + "a\n",
    "blank block scalar": "id: |\n  y\n\ntitle: |\n  \n\n",
    "colon in a flow sequence": ":: [(:]\n",
    "url in a flow sequence": "a: [https://example.org]\n",
    "value starting with a colon": "a: :b\n",
    "flow sequence over two lines": "a: [x,\n  y]\n",
    "nested flow": "a: [x, [y]]\n",
    "flow mapping with a colon": "a: {b: c:d}\n",
    "flow mapping with a list": "a: {b: [c]}\n",
}


@pytest.mark.parametrize("text", DIFFERENT.values(), ids=DIFFERENT.keys())
def test_the_fast_reader_declines_what_the_readers_differ_on(text: str) -> None:
    assert fastread.read(text) is None


def test_the_same_values_are_read_plain() -> None:
    text = ("id: Q-2026-001\ntitle: 'Een vraag'\nthemes: [ov, online]\nreceived: 2026-01-02\n"
            "count: 12\nflag: true\nempty:\nacademic_year: \"2025-2026\"\n"
            "text: >-\n  Een regel\n  en nog een.\nlist:\n  - a: 1\n    b: [x, y]\n")
    assert assert_agrees(text)
    assert assert_agrees(text.replace("\n", "\r\n"))  # a Windows checkout


def test_hostile_nesting_never_reaches_the_rust_reader() -> None:
    """yaml-rs overflows its stack, ending the process, on a few thousand nested levels: the
    screen must keep every such file away from it. Run in a child process, so a crash is a
    failing test and not a lost test run."""
    program = (
        "from veiligestad.store import fastread\n"
        "for text in ['- ' * 50000 + 'a', '[' * 100000, '{a: ' * 50000,\n"
        "             'a:\\n' + ''.join(' ' * i + 'b:\\n' for i in range(1, 5000)),\n"
        "             '- ' * 11 + '[' * 8 + ']' * 8]:\n"
        "    assert fastread.read(text) is None\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_without_yaml_rs_or_when_it_fails_the_pyyaml_path_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "id: Q-2026-001\ntitle: Een vraag\n"
    assert fastread.read(text) is not None

    class Broken:
        @staticmethod
        def loads(text: str) -> Any:
            raise RuntimeError("a release that fails")

    monkeypatch.setattr(fastread, "_yaml_rs", Broken)
    assert fastread.read(text) is None
    assert read_text(text) == ({"id": "Q-2026-001", "title": "Een vraag"}, [])
    monkeypatch.setattr(fastread, "_yaml_rs", None)
    assert fastread.read(text) is None


def test_turned_off_by_the_environment() -> None:
    program = ("from veiligestad.store import fastread\n"
               "print(fastread.read('a: b\\n'))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "VEILIGESTAD_FAST_YAML": "0",
                                           "PYTHONPATH": str(REPO / "src")})
    assert done.stdout.strip() == "None", done.stderr


# -- property tests: record texts in every style, against the PyYAML path -----------------------

_WORDS = ["yes", "No", "ON", "off", "y", "n", "true", "False", "null", "~", "Null", "", " ",
          "010", "09", "0o7", "0x1F", "0b11", "+12", "-0", "1_000", "12", "1:30", "190:20:30",
          "_4", "-_4", "+_1_0", "4_", "__4",
          "1e3", "1.0e+3", ".5", "1.", ".inf", "-.Inf", ".NaN", "2026-01-01", "2026-1-1",
          "2026-02-30", "2026-01-01T10:00:00", "2026-01-01 10:00:00 +01:00", "10:00:00",
          "Q-2026-001", "F-2026-7KQ3", "wijkregie", "a: b", "a #b", "#c", "- x", "[x]", "{x}",
          "x\ny", "'", '"', "\\", "!x", "&a", "*a", "<<", "?", "? x", "%x", "---", "...",
          "é", "straat\u00a0naam", "\u2028", "\x85", "\t", "a\tb", "café"]
# Mostly what records hold, so that many documents are plain and the comparison is made; the
# rest is every surprise above, and arbitrary text.
_PLAIN_WORDS = st.sampled_from(["Een vraag", "wijkregie", "Q-2026-001", "12", "2026-01-01", "true",
                                "ov", "straat en plein", "https://example.org/a", "0", "-3", ""])
_text = st.one_of(_PLAIN_WORDS, _PLAIN_WORDS, _PLAIN_WORDS, _PLAIN_WORDS, st.sampled_from(_WORDS),
                  st.text(alphabet=string.ascii_letters + string.digits + " -.:éë", max_size=12),
                  st.text(alphabet=string.printable + "éëï€", max_size=12))


def _quoted_single(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _quoted_double(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    value = draw(_text)
    style = draw(st.sampled_from(["plain", "single", "double", "block", "folded", "indicator"]))
    if style == "single":
        return _quoted_single(value)
    if style == "double":
        return _quoted_double(value)
    if style in ("block", "folded", "indicator"):
        head = {"block": "|", "folded": ">-", "indicator": draw(st.sampled_from(
            ["|2", ">1", "|+", ">-2", "|-"]))}[style]
        lines = draw(st.lists(_text, min_size=1, max_size=3))
        pad = draw(st.sampled_from(["  ", "   ", "    "]))
        return head + "\n" + "".join(pad + line.replace("\n", " ") + "\n" for line in lines)
    return value


@st.composite
def _document(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for key in draw(st.lists(st.one_of(st.sampled_from(["id", "title", "a", "b", "status"]),
                                       _text), min_size=1, max_size=5, unique=True)):
        form = draw(st.sampled_from(["scalar", "flow", "list", "map"] if depth < 2
                                    else ["scalar", "flow"]))
        written_key = draw(st.sampled_from([key, _quoted_single(key), _quoted_double(key)]))
        if form == "scalar":
            lines.append(f"{written_key}: {draw(_scalar())}")
        elif form == "flow":
            items = draw(st.lists(st.one_of(_text, _text.map(_quoted_double)), max_size=3))
            lines.append(f"{written_key}: [{', '.join(items)}]")
        elif form == "list":
            lines.append(f"{written_key}:")
            for _ in range(draw(st.integers(1, 3))):
                lines.append("  - " + draw(_scalar()).replace("\n", "\n    "))
        else:
            inner = draw(_document(depth + 1))
            lines.append(f"{written_key}:")
            lines.extend("  " + line for line in inner.splitlines())
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@given(_document())
def test_hand_written_record_texts(text: str) -> None:
    assert_agrees(text)


def test_the_generated_documents_reach_the_fast_reader() -> None:
    """The comparisons above are made only where the fast reader reads: it must, often."""
    for strategy in (_document(), _dumped()):
        found = find(strategy, lambda text: fastread.read(text) is not None and len(text) > 40)
        assert found


_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.dates(), _text, _text, _text,
              st.datetimes(), st.floats(allow_nan=False)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_text, inner, max_size=4)),
    max_leaves=15)


@st.composite
def _dumped(draw: st.DrawFn) -> str:
    record = draw(st.dictionaries(_text, _VALUES, min_size=1, max_size=6))
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False,
                          default_flow_style=draw(st.booleans()),
                          width=draw(st.sampled_from([20, 40, 80, 1000])))


@given(_dumped())
def test_records_written_by_pyyaml(text: str) -> None:
    assert_agrees(text)


@given(st.data())
def test_mutated_records(data: st.DataObject) -> None:
    """Example records, with a few characters changed, inserted or removed."""
    text = data.draw(st.sampled_from(_SAMPLES))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        what = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        char = data.draw(st.sampled_from([*"0:-'\"#[]{},?!&*|> \n\tyn.eE+_", "yes", "010"]))
        if what == "insert":
            text = text[:at] + char + text[at:]
        elif what == "delete":
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + char + text[at + 1:]
    assert_agrees(text)


_SAMPLES = [path.read_text(encoding="utf-8")
            for place in ("data", "tests/cases/base/data")
            for path in sorted((REPO / place).rglob("*.yaml"))[:8]]


# -- the same problems, case by case -----------------------------------------------------------

CASES = [*INVALID, *VALID]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_finds_the_same_problems_without_the_fast_reader(
        case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILIGESTAD_JOBS", "1")
    root = build(case, tmp_path)
    t = Translator("en")
    fast = validate(root, t, TODAY, cache=False).problems
    monkeypatch.setattr(fastread, "_yaml_rs", None)
    slow = validate(root, t, TODAY, cache=False).problems
    assert fast == slow


def test_dates_are_dates() -> None:
    data = fastread.read("a: 2026-01-02\nb: [2026-03-04]\n")
    assert data == {"a": dt.date(2026, 1, 2), "b": [dt.date(2026, 3, 4)]}
