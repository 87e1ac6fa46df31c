"""Saved queries: the ones ``init`` ships are copied and run; parameters fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY
from veiligestad.commands.init import init_kb
from veiligestad.commands.query import cell, load_saved, saved_names, to_markdown
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.query import context, select
from veiligestad.store.kb import open_kb

SHIPPED = REPO / "src/veiligestad/init_files/queries"
PARAMS = {"recommendations-to": {"partner": "politie"},
          "findings-on-theme": {"theme": "uitgaansleven,ov"},
          "questions-of-quarter": {"quarter": "2026-K3"}}


def test_init_ships_the_saved_queries(tmp_path: Path) -> None:
    root = tmp_path / "utrecht"
    init_kb(root, "Utrecht", Translator("nl"))
    assert saved_names(root) == sorted(p.stem for p in SHIPPED.glob("*.yaml"))
    assert len(saved_names(root)) >= 4


def test_the_example_has_the_same_saved_queries() -> None:
    for path in SHIPPED.glob("*.yaml"):
        assert (REPO / "queries" / path.name).read_text() == path.read_text()


@pytest.mark.parametrize("name", sorted(p.stem for p in SHIPPED.glob("*.yaml")))
def test_every_shipped_query_runs_on_the_example(name: str) -> None:
    t = Translator("en")
    saved = load_saved(REPO, name, PARAMS.get(name, {}), t)
    assert saved.description
    rows = select(context(open_kb(REPO, t), TODAY, t), saved.kind, saved.conditions,
                  **saved.options).rows
    assert rows, f"{name} finds nothing in the example knowledge base"


def test_parameters_fill_in_and_defaults_apply() -> None:
    t = Translator("en")
    saved = load_saved(REPO, "waiting-for-students", {}, t)
    assert saved.conditions == ["status=ready", "!projects", "days_open>=0"]
    saved = load_saved(REPO, "waiting-for-students", {"min_days": "90"}, t)
    assert saved.conditions[-1] == "days_open>=90"
    saved = load_saved(REPO, "questions-of-quarter", {"quarter": "2026Q1"}, t)
    assert saved.options["quarter"] == "2026Q1"
    assert saved.options["fields"] == "id,title,asked_by,received,status,decision"


def test_a_name_never_leaves_the_queries_folder() -> None:
    with pytest.raises(UsageError):
        load_saved(REPO, "../veiligestad", {}, Translator("en"))


def test_cells_and_markdown() -> None:
    assert cell(["ov", "online"]) == "ov, online"
    assert cell([{"to": "politie"}]) == '[{"to": "politie"}]'
    assert cell(True) == "true" and cell(None) == ""
    assert to_markdown([{"a": "x|y\nz"}], ["a"]) == "| a |\n|---|\n| x\\|y z |\n"


@pytest.mark.parametrize(("text", "message"), [
    ("- status=ready\n", "is not a saved query of the expected shape"),
    ("kind: questions\nconditions: {status: ready}\n", "is not a saved query of the expected"),
    ("kind: questions\nparameters: [a, b]\n", "is not a saved query of the expected shape"),
    ("conditions: [status=ready]\n", "does not say which kind of record it queries"),
    ("kind: questions\nlimit: many\n", "is not a saved query of the expected shape"),
])
def test_saved_queries_of_the_wrong_shape(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "q.yaml").write_text(text)
    with pytest.raises(UsageError) as raised:
        load_saved(tmp_path, "q", {}, Translator("en"))
    assert message in raised.value.message
    assert raised.value.hint and "docs/query.md" in raised.value.hint
