"""Public views of records that are public already (``query.public.public_view``'s ``checked``).

The query engine builds its public views from a knowledge base through ``privacy.public_kb``, so
it does not run the field rules over the stored fields a second time. These tests compare its
views with the field rules run again in full (the code before), on the example, on every
invalid, hostile and valid case mixed into it and made public, and after random edits at any
depth; through the engine's own public context and through a context told that its knowledge
base is public already (the site's).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.conftest import CASES, TODAY
from tests.site.test_kept_public import _edit_anywhere
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS
from veiligestad.privacy import public_fields, public_kb
from veiligestad.query import Context, context
from veiligestad.query.public import public_view
from veiligestad.query.view import DERIVED, Row, field_specs
from veiligestad.store.kb import open_kb

T = Translator("nl")


def _full_rules(view: Row, specs: Sequence[FieldSpec], allowed: Collection[str],
                today: dt.date, derived: Collection[str]) -> Row:
    """``public_view`` as it was: every field through the field rules again."""
    out = public_fields(specs, view, today, allowed)
    for name in derived:
        if view.get(name) == [] and name not in out:
            out[name] = []
    return {name: out[name] for name in view if name in out}


def _same_views(ctx: Context) -> int:
    """The engine's public views are the full rules' over the same internal views, in the same
    order of rows and of fields; how many rows were compared."""
    compared = 0
    public = ctx.public_context()
    for kind in KINDS.values():
        derived = [s.name for s in DERIVED[kind.name]]
        made = ctx.rows(kind, "public")
        expected = [_full_rules(v, field_specs(kind), public.kb.by_id, ctx.today, derived)
                    for v in public.rows(kind)]
        assert [list(row.items()) for row in made] == [list(row.items()) for row in expected]
        compared += len(made)
    return compared


def _both_ways(root: Path, today: dt.date = TODAY) -> int:
    """Compared through the engine's own public context and through a context told that its
    knowledge base is public already (as the site's is)."""
    kb = open_kb(root, T)
    compared = _same_views(context(kb, today, T))
    assert _same_views(context(public_kb(kb, today, history_dates=True), today, T,
                               public=True)) == compared
    return compared


def _made_public(root: Path) -> None:
    """Every record file that reads as a mapping made public, published and without embargo,
    so that its fields (hostile ones too) reach the public views."""
    for path in sorted((root / "data").rglob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        data["classification"] = "public"
        data.pop("embargo_until", None)
        if path.parent.name == "findings":
            data["review"] = "published"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


def _mixed(tmp_path: Path) -> Path:
    """The example with every invalid, hostile and valid case's files beside its own."""
    root = copy_example(tmp_path / "kb")
    for group in ("invalid", "hostile", "valid"):
        for case in sorted(p for p in (CASES / group).iterdir() if p.is_dir()):
            data = case / "data"
            for path in data.rglob("*") if data.is_dir() else ():
                if path.is_file() and not path.is_symlink():
                    target = root / "data" / path.relative_to(data)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
    return root


def test_the_example_gives_the_views_of_the_full_rules(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    assert _both_ways(root) > 0
    _made_public(root)
    assert _both_ways(root) > 10


def test_every_case_mixed_in_and_made_public_gives_the_views_of_the_full_rules(
        tmp_path: Path) -> None:
    root = _mixed(tmp_path)
    assert _both_ways(root) > 20
    _made_public(root)
    assert _both_ways(root) > 50
    # deliverables with their own classification and embargo, some hidden: the nested rules
    # hold for values that passed them once
    assert _both_ways(root, TODAY + dt.timedelta(days=400)) > 50


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_at_any_depth_give_the_views_of_the_full_rules(tmp_path: Path,
                                                                    seed: int) -> None:
    rng = random.Random(seed)
    root = _mixed(tmp_path) if seed % 2 else copy_example(tmp_path / "kb")
    _made_public(root)
    ids = [r.record_id for r in open_kb(root, T).records() if r.record_id]
    for _ in range(6):
        for _ in range(4):
            _edit_anywhere(rng, root, ids)
        _both_ways(root)


def _mappings_with_classification(specs: Sequence[FieldSpec]) -> list[FieldSpec]:
    found = []
    for spec in specs:
        if spec.type is FieldType.MAPPING:
            if spec.child("classification") is not None:
                found.append(spec)
            found.extend(_mappings_with_classification(spec.fields))
        elif spec.type is FieldType.LIST and spec.item is not None:
            found.extend(_mappings_with_classification([spec.item]))
    return found


def test_an_item_with_its_own_classification_keeps_what_it_is_checked_by() -> None:
    """What makes the rules give a checked value back unchanged: an item that carries its own
    classification (a deliverable) keeps its classification and embargo in public output, so
    it passes the same check again. A model that hid either would need ``checked`` dropped."""
    found = [spec for kind in KINDS.values() for spec in _mappings_with_classification(
        kind.fields)]
    assert found  # deliverables
    for spec in found:
        for name in ("classification", "embargo_until"):
            child = spec.child(name)
            assert child is None or child.public, (spec.name, name)


def test_checked_fields_keep_their_values_and_lose_what_is_not_public() -> None:
    """The fast path itself: a checked field is kept as it is when public, a non-public one
    (the status history kept for the figures) and a field the model does not know are dropped,
    an empty value is dropped, and an unchecked field still goes through the rules."""
    kind = KINDS["finding"]
    specs = field_specs(kind)
    view: Row = {
        "id": "F-2026-0001", "title": "Titel", "status_history": [{"date": TODAY}],
        "no_such_field": "geheim", "caveats": [], "project": "P-2026-0001",
        "related_from": ["F-2026-0002", "F-2026-0003"], "themes": [],
    }
    derived = [s.name for s in DERIVED[kind.name]]
    out = public_view(view, specs, {"F-2026-0002"}, TODAY, derived,
                      checked=frozenset(kind.field_names))
    # the project link is stored, so checked already; related_from is derived, so checked now
    assert out == {"id": "F-2026-0001", "title": "Titel", "project": "P-2026-0001",
                   "related_from": ["F-2026-0002"], "themes": []}
    assert list(out) == ["id", "title", "project", "related_from", "themes"]


def test_a_checked_field_of_any_value_never_crashes() -> None:
    """Checked fields are not walked, so no value there can trip the rules (the record reader
    keeps a file whose values do not fit the model out of the knowledge base anyway)."""
    kind = KINDS["project"]
    specs = field_specs(kind)
    checked = frozenset(kind.field_names)
    odd: list[Any] = [None, [], {}, [None], {"x": None}, 0, False, "", ["a", {"b": 1}],
                      {"classification": "public"}, dt.date(2020, 1, 1)]
    for value in odd:
        view = {name: value for name in checked}
        out = public_view(view, specs, set(), TODAY, [s.name for s in DERIVED["project"]],
                          checked=checked)
        assert set(out) <= {spec.name for spec in kind.fields if spec.public}
        assert all(out[name] is value for name in out)
        assert (out == {}) == (value is None or value == [] or value == {})
