"""Property tests: arbitrary YAML documents and arbitrary bytes as record files.

The reader must never raise, whatever the bytes; every command (validate, query and export in
every format, stats, gaps, show, graph, the quarterly report and a partner digest) must finish
without a crash over a knowledge base holding such a file; and the record editor keeps every
comment and the order of the keys under any sequence of edits.

Example counts are bounded by the ``veiligestad`` settings profile below (about 40 s for all
of them on a loaded two-core machine); ``HYPOTHESIS_PROFILE=long`` runs many more.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES
from tests.robustness.harness import commands, run
from veiligestad.model.kinds import KINDS
from veiligestad.store.records import FileEntry, load_file, read_text
from veiligestad.store.shape import shape_note

# No "explain" phase: it traces every line run, which makes a report take many times longer.
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
settings.register_profile(
    "veiligestad", max_examples=60, deadline=None, derandomize=True, phases=_PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "long", max_examples=5_000, deadline=None, phases=_PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "veiligestad"))
FACTOR = 1 if os.environ.get("HYPOTHESIS_PROFILE", "veiligestad") == "veiligestad" else 10

FINDING = KINDS["finding"]
TARGET = "data/findings/F-2026-PROP.yaml"
_FINDING_TEXT = (CASES / "base" / "data/findings/F-2026-7KQ3.yaml").read_text(
    encoding="utf-8").replace("F-2026-7KQ3", "F-2026-PROP")

# -- strategies --------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(), st.datetimes(),
    st.sampled_from(["F-2026-7KQ3", "Q-2026-001", "P-2026-001", "public", "published",
                     "supports", "2026-02-30", "1:30", "no", "~", "", "wijkregie",
                     "delivered", "matched", "ready", "running", "finished", "draft"]),
)
_keys = st.one_of(st.sampled_from([s.name for s in FINDING.fields]), st.text(max_size=12),
                  st.integers(), st.dates(), st.booleans())
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12)

_BASE = {
    "id": "F-2026-PROP", "title": "Een bevinding", "classification": "public",
    "fictional": True, "project": "P-2026-001", "questions": ["Q-2026-001"],
    "statement": "Fictief.", "type": "explanatory", "reported": dt.date(2026, 5, 20),
    "review": "published", "published": dt.date(2026, 5, 21),
}


@st.composite
def finding_texts(draw: st.DrawFn) -> str:
    """A finding with arbitrary values in arbitrary fields, dumped as YAML (maybe mangled)."""
    record = dict(_BASE)
    for key in draw(st.lists(_keys, max_size=5)):
        record[key] = draw(_values)  # type: ignore[index]
    for key in draw(st.lists(st.sampled_from(sorted(_BASE)), max_size=2)):
        record.pop(key, None)
    try:
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False,
                              default_flow_style=draw(st.booleans()))
    except yaml.YAMLError:
        text = "id: F-2026-PROP\n"
    return draw(st.one_of(st.just(text), _mangled(text)))


def _mangled(text: str) -> st.SearchStrategy[str]:
    """The text with a few characters inserted, YAML's own syntax among them."""
    pieces = st.sampled_from(["&a ", "*a", "<<: ", "!!", "!!binary ", "!!set ", "!!python/name:x",
                              "- ", ": ", "{", "[", "\t", "\0", "\ufeff", "#", "'", '"', "\n",
                              "? ", "%YAML 1.1\n", "---\n", "...\n", "|", ">"])

    @st.composite
    def mangle(draw: st.DrawFn) -> str:
        out = text
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(out)))
            out = out[:at] + draw(st.one_of(pieces, st.text(max_size=3))) + out[at:]
        return out

    return mangle()


_documents = st.one_of(finding_texts(), st.text(max_size=200),
                       st.builds(lambda v: yaml.safe_dump(v, allow_unicode=True), _values))
_contents = st.one_of(_documents.map(lambda s: s.encode("utf-8", "surrogatepass")),
                      st.binary(max_size=300))

# -- the reader ----------------------------------------------------------------------------------


@settings(max_examples=400 * FACTOR)
@given(_documents)
def test_the_reader_never_raises_on_text(text: str) -> None:
    data, notes = read_text(text)
    assert data is None or isinstance(data, dict)
    assert data is not None or notes  # a document that is not read always says why
    if data is not None:
        note = shape_note(FINDING.fields, data)
        assert note is None or note.code == "shape"


@settings(max_examples=200 * FACTOR)
@given(_contents)
def test_the_reader_never_raises_on_bytes(tmp_path_factory: Any, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("kb")
    path = folder / TARGET
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    record = load_file(folder, FileEntry(TARGET, FINDING, is_link=False), 262_144)
    assert record.data is None or isinstance(record.data, dict)
    assert record.data is not None or record.notes


# -- every command -------------------------------------------------------------------------------

_KB: dict[str, Path] = {}


def _kb(tmp_path_factory: Any) -> tuple[Path, Path]:
    """One copy of the base knowledge base for all examples (the hostile file is rewritten)."""
    if "root" not in _KB:
        top = tmp_path_factory.mktemp("prop")
        shutil.copytree(CASES / "base", top / "kb")
        (top / "out").mkdir()
        _KB["root"], _KB["out"] = top / "kb", top / "out"
    return _KB["root"], _KB["out"]


def _command_names() -> list[str]:
    return sorted(commands(Path("out")))


@settings(max_examples=150 * FACTOR)
@given(content=_contents, name=st.sampled_from(_command_names()),
       cache=st.booleans())
def test_every_command_survives_any_record_file(tmp_path_factory: Any, content: bytes,
                                                name: str, cache: bool) -> None:
    root, out = _kb(tmp_path_factory)
    (root / TARGET).write_bytes(content)
    result = run(root, commands(out)[name], cache=cache)
    assert not result.crashed, result.explain()
    assert result.exit_code in (0, 1, 2), result.explain()
    if not name.startswith("validate"):
        assert result.exit_code == 0, result.explain()


# A run of digits longer than Python turns into a number (4,300) or a number into text: yaml-rs
# read it as a number that no command could print, and the PyYAML path refused the file
# without a position (found by a hostile-PR test). No strategy above makes one (a number that
# long cannot even be dumped), so each place it can stand is written out.
_LONG = "9" * 4_400
_LONG_NUMBERS = [
    re.sub(r"(?m)^reported: .*$", f"reported: {_LONG}", _FINDING_TEXT),
    re.sub(r"(?m)^title: .*$", f"title: {_LONG}", _FINDING_TEXT),
    _FINDING_TEXT.replace("design: 1,", f"design: {_LONG},"),
    _FINDING_TEXT + f"extra: {_LONG}\n",
    _FINDING_TEXT + f"extra: [-{_LONG}, 1]\n",
    _FINDING_TEXT + f"extra: !!int {_LONG}\n",
    # Python reads these bases at any length, but prints no number that long (a reviewer's
    # finding): hex, YAML 1.1 octal and binary, sexagesimal.
    re.sub(r"(?m)^title: .*$", "title: 0x" + "f" * 3_600, _FINDING_TEXT),
    _FINDING_TEXT + "extra: 0" + "7" * 4_800 + "\n",
    _FINDING_TEXT + "extra: 0b" + "1" * 14_500 + "\n",
    _FINDING_TEXT + "extra: 1" + ":59" * 2_500 + "\n",
]


@pytest.mark.parametrize("name", _command_names())
def test_every_command_survives_a_number_too_long_to_read(tmp_path_factory: Any,
                                                         name: str) -> None:
    root, out = _kb(tmp_path_factory)
    for text in _LONG_NUMBERS:
        (root / TARGET).write_text(text, encoding="utf-8")
        for cache in (True, False):
            result = run(root, commands(out)[name], cache=cache)
            assert not result.crashed, result.explain()
            assert result.exit_code in (0, 1, 2), result.explain()
            if not name.startswith("validate"):
                assert result.exit_code == 0, result.explain()


def test_a_number_too_long_to_read_is_reported_where_it_stands() -> None:
    from veiligestad.store import fastread, yamlread

    assert fastread._LONGEST_NUMBER_BITS == yamlread.LONGEST_NUMBER_BITS
    for text in _LONG_NUMBERS:
        data, notes = read_text(text)
        assert data is not None, text[-80:]
        found = [n for n in notes if n.code == "long_number"]
        assert found and all(n.line and n.column for n in found), notes
        assert not any(isinstance(v, int) and v.bit_length() > 4_000
                       for v in _leaves(data))


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


# Each kind's valid record in tests/cases/base, whose fields the next test gives any value.
_BASE_FILES = {"question": "data/questions/Q-2026-001.yaml",
               "project": "data/projects/P-2026-001.yaml",
               "finding": "data/findings/F-2026-7KQ3.yaml"}


def _names(kind: str) -> list[str]:
    """The fields a record of ``kind`` may hold, and the names of its derived fields: a record
    that holds a field of such a name is read as it is (``query/view.py``), so the figures,
    lists and pages read whatever it holds there."""
    from veiligestad.query import DERIVED

    return sorted({*KINDS[kind].field_names, *(spec.name for spec in DERIVED[kind])})


def _read_names(kind: str) -> list[str]:
    from veiligestad.commands.gaps import NEEDS as GAPS
    from veiligestad.stats import NEEDS as STATS
    from veiligestad.store.fieldkeys import READS

    return sorted({*STATS[kind], *GAPS[kind], *READS[kind]})


@st.composite
def any_field_of_any_kind(draw: st.DrawFn) -> tuple[str, str]:
    """A record of any kind, valid but for one to four fields (stored or of a derived name)
    holding any value: nested, of another type, a string that looks like a date or is none."""
    kind = draw(st.sampled_from(sorted(_BASE_FILES)))
    record = yaml.safe_load((CASES / "base" / _BASE_FILES[kind]).read_text(encoding="utf-8"))
    # Half of the fields drawn among those the figures and the coordinator's lists read.
    names = st.one_of(st.sampled_from(_names(kind)), st.sampled_from(_read_names(kind)))
    for key in draw(st.lists(names, min_size=1, max_size=4)):
        if key != "id":
            # Lists of values of mixed types as often as anything: a figure counts by them.
            record[key] = draw(st.one_of(_values, st.lists(_scalars, min_size=1, max_size=3)))
    return kind, yaml.safe_dump(record, allow_unicode=True, sort_keys=False)


# The commands that count, list or show what records hold: each runs on every example below.
_READING = ("stats", "gaps", "report-quarterly-md", "report-quarterly-public",
            "report-partner-md", "show", "show-question", "query-questions-sorted",
            "query-public", "export-json", "graph")


def _with(of: str, **fields: Any) -> tuple[str, str]:
    record = yaml.safe_load((CASES / "base" / _BASE_FILES[of]).read_text(encoding="utf-8"))
    return of, yaml.safe_dump({**record, **fields}, allow_unicode=True, sort_keys=False)


@settings(max_examples=60 * FACTOR)
@given(record=any_field_of_any_kind(), cache=st.booleans())
# Found by this test: each crashed a command once.
@example(record=_with("finding", themes=[True]), cache=True)
@example(record=_with("finding", themes=[{"a": "b"}, 1]), cache=False)
@example(record=_with("question", decision=["a"]), cache=True)
@example(record=_with("finding", kind=None), cache=True)
@example(record=_with("question", matched_on="2026-02-30"), cache=True)
@example(record=_with("project", presentations=5, end=7), cache=True)
@example(record=_with("question", status="delivered", delivered_on="2026-02-30"), cache=True)
def test_every_command_survives_any_value_in_any_field_of_any_kind(
        tmp_path_factory: Any, record: tuple[str, str], cache: bool) -> None:
    """The test above gives a finding arbitrary bytes and arbitrary fields; this one keeps each
    kind's record readable and puts any value in its own fields and in fields of its derived
    fields' names (a question's ``decision``, a finding's ``themes``), which the figures and
    lists read as they are: every command that counts, lists or shows finishes."""
    root, out = _kb(tmp_path_factory)
    (root / TARGET).unlink(missing_ok=True)  # the test above's file: only this record differs
    kind, text = record
    target = root / _BASE_FILES[kind]
    original = (CASES / "base" / _BASE_FILES[kind]).read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    try:
        for name in _READING:
            result = run(root, commands(out)[name], cache=cache)
            assert not result.crashed, result.explain()
            # ``show`` of the record itself, when the screened view leaves it out, says so.
            left_out = name.startswith("show") and result.exit_code == 2 \
                and "left out" in result.stderr
            assert result.exit_code == 0 or left_out, result.explain()
    finally:
        target.write_text(original, encoding="utf-8")


# -- the record editor keeps comments and key order -----------------------------------------------

RECORD = """# yaml-language-server: $schema=../../schemas/question.schema.json
# A question, with comments in every place a person puts one.
id: Q-2026-001   # the ID
title: Hoe veilig voelen vrouwen zich?
classification: public  # openbaar
# before the themes
themes:
  - ov          # public transport
  - online
received: 2026-01-12
status: intake
status_history:
  # the first entry
  - {date: 2026-01-12, to: submitted, by: coördinator}
  - date: 2026-01-20
    from: submitted   # was
    to: intake
notes: >-
  Folded text that a person
  wrapped by hand.
# the last comment
"""
_TEXT_VALUES = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?'\"#-éë()",
                       min_size=1, max_size=30)
_EDIT_VALUES = st.one_of(_TEXT_VALUES, st.integers(0, 10_000), st.dates(), st.booleans())
_EDITS = st.lists(st.one_of(
    st.tuples(st.just("set"), st.sampled_from(["title", "status", "received", "classification",
                                               "notes"]), _EDIT_VALUES),
    st.tuples(st.just("add"), st.sampled_from(["needed_by", "location", "department",
                                               "decision_reason"]), _EDIT_VALUES),
    st.tuples(st.just("append"), st.sampled_from(["themes", "status_history"]), _TEXT_VALUES),
), min_size=1, max_size=6)


# Every comment of RECORD, in order (each is distinctive text no edit writes).
COMMENTS = re.findall(r"(?:^| )(# [^\n]*)$", RECORD, re.M)


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def _keys_in_order(text: str) -> list[str]:
    return re.findall(r"^([a-z_]+):", text, re.M)


@settings(max_examples=150 * FACTOR)
@given(edits=_EDITS)
def test_the_editor_keeps_every_comment_and_the_key_order(tmp_path_factory: Any,
                                                          edits: list[tuple[str, str, Any]]
                                                          ) -> None:
    from veiligestad.model.kinds import QUESTION
    from veiligestad.store.edit import append_item, load_for_edit, set_after

    path = tmp_path_factory.mktemp("edit") / "Q-2026-001.yaml"
    path.write_text(RECORD, encoding="utf-8")
    record = load_for_edit(path)
    order = tuple(spec.name for spec in QUESTION.fields)
    expected = read_text(RECORD)[0]
    assert expected is not None
    for action, key, value in edits:
        if action == "append":
            item = ({"date": dt.date(2026, 2, 1), "to": "ready", "by": value}
                    if key == "status_history" else value)
            append_item(record.data[key], item)
            expected[key].append(item)
        else:
            set_after(record.data, key, value, order)
            expected[key] = value
    text = record.dump()
    data, notes = read_text(text)
    assert notes == [], text
    assert data == expected, text
    # Every comment is still there, in the same order.
    assert len(COMMENTS) == 9 and _in_order(COMMENTS, text), text
    # The keys that were there keep their order; new keys come after their model neighbours.
    before = _keys_in_order(RECORD)
    after = _keys_in_order(text)
    assert [k for k in after if k in before] == before, text
