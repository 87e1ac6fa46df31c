"""The shared walk of the file rules: ``collect`` is ``values`` and ``mappings`` in one pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.conftest import REPO
from tests.robustness.test_properties import finding_texts
from veiligestad.checks import walk
from veiligestad.model.kinds import KINDS
from veiligestad.store.records import decode, read_text

RECORDS = sorted(p for place in ("data", "tests/cases")
                 for p in (REPO / place).rglob("*.yaml") if p.parent.parent.name == "data")


def _same(data: dict[str, Any]) -> None:
    for kind in KINDS.values():
        found, maps = walk.collect(kind.fields, data)
        assert found == list(walk.values(kind.fields, data))
        assert maps == list(walk.mappings(kind.fields, data))


@pytest.mark.parametrize("path", RECORDS, ids=[str(p.relative_to(REPO)) for p in RECORDS])
def test_collect_on_every_record_file(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    data = read_text(text)[0] if text is not None else None
    if data is not None:
        _same(data)


def test_there_are_records() -> None:
    assert len(RECORDS) > 50


@given(finding_texts())
def test_collect_on_arbitrary_findings(text: str) -> None:
    data, _ = read_text(text)
    if data is not None:
        _same(data)


# -- the survey: one pass that does what the rules' own loops over every value did -----------
def _schema_before(ctx: Any, kind: Any, found: list[walk.Value]) -> list[walk.Value]:
    """The values the schema rule checked one by one before the survey (its loop, verbatim)."""
    from veiligestad.checks.schema import _compiled, plainly_fits
    from veiligestad.model.fields import FieldType

    out = []
    for path, spec, value in found:
        if value is None:
            continue
        if type(value) is str:
            of = spec.type
            if of is FieldType.TEXT and not spec.pattern:
                continue
            if of is FieldType.KEY and value in ctx.allowed_set(spec, kind):
                continue
            if of is FieldType.ID and (not spec.pattern or _compiled(spec.pattern)
                                       .fullmatch(value)):
                continue
        if not plainly_fits(spec.type, spec, value):
            out.append((path, spec, value))
    return out


def _same_survey(data: dict[str, Any]) -> None:
    from veiligestad import personal
    from veiligestad.checks.context import CheckContext
    from veiligestad.i18n import Translator
    from veiligestad.model.fields import FieldType
    from veiligestad.store.config import load_config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile

    t = Translator("en")
    ctx = CheckContext(KnowledgeBase(REPO, load_config(REPO, t), []), t, dt.date(2026, 6, 1))
    text_like = (FieldType.TEXT, FieldType.KEY, FieldType.ID, FieldType.URL)
    for kind in KINDS.values():
        record = RecordFile(f"data/{kind.plural}/x.yaml", kind, data)
        made = walk.survey(record, ctx)
        found, maps = walk.collect(kind.fields, data)
        assert made.values == found and made.maps == maps
        assert made.schema == _schema_before(ctx, kind, found)
        assert made.implicit == [(p, s, v) for p, s, v in found if not (
            type(v) is str or v is None or s.type not in text_like)]
        assert made.texts == [(p, s, v) for p, s, v in found if isinstance(v, str)
                              and len(v) >= 3 and personal.maybe(v)]
        walk.forget()


@pytest.mark.parametrize("path", RECORDS, ids=[str(p.relative_to(REPO)) for p in RECORDS])
def test_survey_on_every_record_file(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    data = read_text(text)[0] if text is not None else None
    if data is not None:
        _same_survey(data)


@given(finding_texts())
def test_survey_on_arbitrary_findings(text: str) -> None:
    data, _ = read_text(text)
    if data is not None:
        _same_survey(data)


def test_survey_sees_every_kind_of_value() -> None:
    """Values of every type in fields of every type, nested: each list gets what it should."""
    odd = ["tekst", "", "06-12345678", "jan@example.nl", 12, -1, True, None, 1.5,
           dt.date(2026, 2, 1), dt.datetime(2026, 2, 1, 10, 0), [], ["a", None, 3], {},
           {"x": 1}, "2026-02-30", "nee", "Q-2026-001", "@ab", "7", "a1", "@x"]
    for kind in KINDS.values():
        for value in odd:
            data = {spec.name: value for spec in kind.fields}
            _same_survey(data)
            data = {spec.name: [value, {"a": value}] for spec in kind.fields}
            _same_survey(data)


# -- the shape check's walk is the rules' walk -------------------------------------------------
def _shape_before(specs: Any, data: dict[str, Any]) -> Any:
    """``store/shape._fields`` as it was before it kept its walk (the reference)."""
    from veiligestad.model.fields import FieldType
    from veiligestad.store.shape import _fits

    def fields(specs: Any, data: dict[str, Any]) -> Any:
        for spec in specs:
            value = data.get(spec.name)
            if value is None:
                continue
            found = one(spec, value)
            if found is not None:
                return (spec.name, *found)
        return None

    def one(spec: Any, value: Any) -> Any:
        if not _fits(spec, value):
            return ()
        if spec.type is FieldType.MAPPING and spec.fields:
            return fields(spec.fields, value)
        if spec.type is FieldType.LIST and spec.item is not None:
            for index, entry in enumerate(value):
                if entry is None:
                    return (index,)
                found = one(spec.item, entry)
                if found is not None:
                    return (index, *found)
        return None

    return fields(specs, data)


def _same_shape(data: dict[str, Any]) -> None:
    from veiligestad.store import shape

    for kind in KINDS.values():
        where = _shape_before(kind.fields, data)
        note = shape.shape_note(kind.fields, data, keys_are_text=True)
        assert (note.params["field"] if note else None) == (
            ".".join(str(p) for p in where) if where is not None else None)
        assert shape.walked(kind.fields, data) == walk.collect(kind.fields, data)
        assert shape.walked(kind.fields, data) is None  # given once


@pytest.mark.parametrize("path", RECORDS, ids=[str(p.relative_to(REPO)) for p in RECORDS])
def test_shape_walk_on_every_record_file(path: Path) -> None:
    text, _ = decode(path.read_bytes())
    data = read_text(text)[0] if text is not None else None
    if data is not None:
        _same_shape(data)


@given(finding_texts())
def test_shape_walk_on_arbitrary_findings(text: str) -> None:
    data, _ = read_text(text)
    if data is not None:
        _same_shape(data)


def test_shape_walk_on_every_kind_of_value() -> None:
    odd = ["tekst", 12, True, None, 1.5, dt.date(2026, 2, 1), dt.datetime(2026, 2, 1, 10, 0),
           [], ["a", None, 3], [None], {}, {"x": 1}, {"x": None}, [[None]], [{"a": None}]]
    for kind in KINDS.values():
        for value in odd:
            _same_shape({spec.name: value for spec in kind.fields})
            _same_shape({spec.name: [value, {"a": value}] for spec in kind.fields})
            for spec in kind.fields:
                _same_shape({spec.name: value})
