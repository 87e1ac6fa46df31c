"""Views cut to a few fields (``ViewBuilder.partial``) hold exactly what the whole view holds
for those fields, for every field of every kind, so a figure built from them cannot differ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY
from veiligestad.i18n import Translator
from veiligestad.index import build_index
from veiligestad.model.kinds import KINDS
from veiligestad.query import context, field_specs, select
from veiligestad.query.view import ViewBuilder
from veiligestad.store.kb import open_kb

T = Translator("en")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    # Stored keys that shadow derived ones, and a classification written empty.
    question = next((root / "data/questions").glob("*.yaml"))
    question.write_text(question.read_text(encoding="utf-8")
                        + "projects: [P-9999-999]\nquarter: never\n", encoding="utf-8")
    finding = next((root / "data/findings").glob("*.yaml"))
    text = finding.read_text(encoding="utf-8")
    finding.write_text(text.replace("classification: public", "classification:")
                       .replace("classification: internal", "classification:"),
                       encoding="utf-8")
    return root


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_partial_view_is_the_whole_view_cut_to_its_fields(example: Path, kind: str) -> None:
    kb = open_kb(example, T, cache=False, on_left_out=None)
    builder = ViewBuilder(kb, build_index(kb), TODAY)
    names = [s.name for s in field_specs(KINDS[kind])] + ["not_a_field"]
    records = kb.records(kind)
    assert records
    for record in records:
        whole = builder.view(record)
        for name in names:
            assert builder.partial(record, frozenset({name})) == (
                {name: whole[name]} if name in whole else {}), (record.rel, name)
        assert builder.partial(record, frozenset(names)) == whole


def test_a_query_with_fields_gives_the_rows_of_the_whole_views(example: Path) -> None:
    kb = open_kb(example, T, cache=False, on_left_out=None)
    queries = {
        "questions": [("id,title,projects", [], "received-"),
                      ("id,days_open", ["status!=closed"], "days_open"),
                      ("id,title", ["status=ready | themes=ov"], None)],
        "projects": [("id,themes", ["status=finished"], "start"),
                     ("id,quarter", ["is_public=true"], "quarter-")],
        "findings": [("id,evidence.design", [], "reported"),
                     ("id", ["classification=internal"], None)],
    }
    for kind, asked in queries.items():
        for fields, conditions, sort in asked:
            cut = select(context(kb, TODAY, T), kind, conditions, fields=fields, sort=sort)
            whole = context(kb, TODAY, T)
            whole.rows(KINDS[kind[:-1]])  # every view built whole first: the cut ones unused
            full = select(whole, kind, conditions, fields=fields, sort=sort)
            assert cut.rows == full.rows and cut.rows, (kind, fields)
