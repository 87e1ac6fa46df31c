"""Findings, questions and recommendations known by what they were made from (``site.model``:
``SiteBuilder(inputs=…)``): their ``repr``, their part of every page's fingerprint, is a digest
of the tokens of the public records they read and of the tool, language and config, not of
every field. That is only right if the same inputs always make the same fields: checked here
after random edits anywhere (and the edits that matter most named one by one), by comparing
what the model holds with what the same inputs held before. A rebuild after those edits is the
site a build from scratch makes (``test_kept_public``, ``test_incremental``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example
from tests.conftest import TODAY
from tests.site.test_kept_public import _build, _edit_anywhere, _files, _scratch
from veiligestad.i18n import Translator
from veiligestad.report.words import Words
from veiligestad.site.model import Finding, Shown, SiteBuilder, changes_by_day, inputs_base
from veiligestad.site.public import kept_public_view_tokens
from veiligestad.store.kb import open_kb


def _content(value: Any) -> str:
    """A digest of what a value holds, whatever it is known by."""
    if isinstance(value, Finding):
        return _content([(f.name, getattr(value, f.name)) for f in fields(value)])
    if isinstance(value, dict):
        return _content(sorted((k, _content(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return hashlib.sha256(repr([_content(v) for v in value]).encode()).hexdigest()
    return hashlib.sha256(repr(value).encode()).hexdigest()


def _model(root: Path, today: dt.date = TODAY, lang: str = "nl") -> dict[str, tuple[str, str]]:
    """Each finding, question and recommendation of the model: its repr (what pages are
    fingerprinted with) and a digest of its content."""
    t = Translator(lang)
    kb, tokens = kept_public_view_tokens(root, open_kb(root, t, lazy=True), today)
    assert tokens is not None
    base = inputs_base(kb.config.raw, lang, {})
    site = SiteBuilder(kb, Words(t, kb.config), {}, (base, tokens, today)).build(today)
    out: dict[str, tuple[str, str]] = {}
    for finding in site.findings:
        assert "_inputs" in finding.__dict__  # known by its inputs
        out[finding.id] = (repr(finding), _content(finding))
        for n, rec in enumerate(finding.recommendations):
            assert isinstance(rec, Shown)
            out[f"{finding.id}/{n}"] = (repr(rec), _content(rec))
        for question in finding.questions:
            assert isinstance(question, Shown)
            out[question["id"]] = (repr(question), _content(question))
    return out


def _same_inputs_same_content(before: dict[str, tuple[str, str]],
                              after: dict[str, tuple[str, str]]) -> int:
    """Every item known by the same repr holds the same; the number of such items."""
    seen: dict[str, str] = {}
    for shown, content in [*before.values(), *after.values()]:
        assert seen.setdefault(shown, content) == content, shown
    return len(seen)


@pytest.mark.parametrize("seed", range(6))
def test_the_same_inputs_make_the_same_findings_after_random_edits(tmp_path: Path,
                                                                   seed: int) -> None:
    rng = random.Random(seed)
    root = copy_example(tmp_path / "leiden")
    ids = sorted(p.stem for p in (root / "data").rglob("*.yaml"))
    later = TODAY + dt.timedelta(days=2)  # an embargo of an item of a list has ended
    models = [_model(root), _model(root, today=later)]
    for _ in range(8):
        for _ in range(rng.randrange(1, 4)):
            _edit_anywhere(rng, root, ids)
        models += [_model(root), _model(root, today=later)]
    every: dict[str, str] = {}
    for model in models:
        for shown, content in model.values():
            assert every.setdefault(shown, content) == content, shown
    # and the edits did change something the pages show
    assert len({content for model in models for _, content in model.values()}) > len(models[0])


def _edit(root: Path, folder: str, rid: str, **changes: Any) -> None:
    path = root / "data" / folder / f"{rid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


EDITS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "a related finding's title": ("findings", "F-2025-33JB", {"title": "Een andere titel"}),
    "a related finding withdrawn": ("findings", "F-2025-33JB", {"review": "draft"}),
    "a question's title": ("questions", "Q-2025-001", {"title": "Een andere vraag"}),
    "a question made internal": ("questions", "Q-2025-001", {"classification": "internal"}),
    "a question's partner": ("questions", "Q-2025-001", {"asked_by": "politie"}),
    "a project's title": ("projects", "P-2025-001", {"title": "Een ander project"}),
    "a project made internal": ("projects", "P-2025-001", {"classification": "internal"}),
    "a project's institution": ("projects", "P-2025-001", {"institution": "universiteit_leiden"}),
    "a recommendation": ("findings", "F-2025-33JB", {"recommendations": [
        {"text": "Een nieuwe aanbeveling.", "to": "gemeente", "follow_up": "adopted"}]}),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edit_of_what_a_finding_reads_changes_it_or_leaves_it_as_it_was(
        tmp_path: Path, edit: str) -> None:
    folder, rid, changes = EDITS[edit]
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    before = _model(root)
    _edit(root, folder, rid, **changes)
    after = _model(root)
    assert _same_inputs_same_content(before, after)
    assert {c for _, c in after.values()} != {c for _, c in before.values()}, edit
    _build(root, out, search=False)
    assert _files(out) == _scratch(root, tmp_path, "fresh", search=False), edit


def test_the_config_the_language_and_the_day_are_inputs(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "leiden")
    out = tmp_path / "site"
    _build(root, out, search=False)
    tomorrow = _model(root, today=TODAY + dt.timedelta(days=1))
    models = [_model(root), _model(root, lang="en"), tomorrow,
              _model(root, today=TODAY + dt.timedelta(days=400))]
    config = root / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    changed = text.replace("Leiden", "Leiden aan den Rijn", 1)
    assert changed != text
    config.write_text(changed, encoding="utf-8")
    models.append(_model(root))
    every: dict[str, str] = {}
    for model in models:
        for shown, content in model.values():
            assert every.setdefault(shown, content) == content, shown
    _build(root, out, search=False)
    assert _files(out) == _scratch(root, tmp_path, "fresh", search=False)
    shutil.rmtree(tmp_path / "fresh-kb")


def test_a_token_stands_for_the_same_fields_on_every_day_unless_its_kind_says_otherwise(
        tmp_path: Path) -> None:
    """A record's token is the same on every day; its public fields are too, while it stays
    public, unless an item of one of its lists has an embargo of its own (``changes_by_day``:
    then its day is part of what the model is made from). Checked on random edits."""
    from veiligestad.model.kinds import KINDS
    from veiligestad.privacy import public_record

    assert changes_by_day(KINDS["project"].fields)  # deliverables have their own embargo
    rng = random.Random(7)
    root = copy_example(tmp_path / "leiden")
    ids = sorted(p.stem for p in (root / "data").rglob("*.yaml"))
    checked = 0
    for _ in range(40):
        _edit_anywhere(rng, root, ids)
        for path in sorted((root / "data").rglob("*.yaml")):
            kind = KINDS[path.parent.name.removesuffix("s")]
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if changes_by_day(kind.fields) or not isinstance(data, dict):
                continue
            seen = [public_record(kind, data, TODAY + dt.timedelta(days=n), allowed=set(ids))
                    for n in (-400, 0, 1, 2, 31, 400)]
            shown = [fields for fields in seen if fields is not None]
            assert all(fields == shown[0] for fields in shown), path.name
            checked += len(shown) > 1
    assert checked > 100


def test_a_shown_mapping_prints_its_items_in_a_template() -> None:
    """Its ``repr`` is a digest (a page's fingerprint); a city's template that prints it whole
    still shows its items."""
    from veiligestad.render.environment import make_environment
    from veiligestad.site.model import Shown

    shown = Shown({"id": "Q-2026-001", "title": "Veilig"})
    assert repr(shown).startswith("Shown(")
    env = make_environment(None)
    assert env.from_string("{{ q }}").render(q=shown) == str({"id": "Q-2026-001",
                                                               "title": "Veilig"})
