"""The whole-KB rules redone only for the records a fact edit concerns (``checks/incremental.py``,
``commands/validate_edit.py``).

Each rule declares whose problems an edit of a record can change; ``validate`` after a fact
edit reruns each rule for those records alone, over the kept facts of what they read. The
declarations are proved complete here: random fact edits (a status, a date, a link, an ID, a
link stamp, a field removed or taken from another record) of every record of the test
knowledge bases (the base with each invalid case mixed in, and a generated programme), in a row
and racy or settled, each answer compared in every format and both languages with
``validate --no-cache``. And the proof is shown to bite: with any one relation taken out of a
rule's declaration, the same comparison finds an answer that differs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.drive import quick_validate as _quick
from tests.cli.drive import through_typer as _typer
from tests.conftest import CASES, TODAY, case_kb
from veiligestad.checks import KB_RULES, incremental
from veiligestad.commands import validate_edit
from veiligestad.commands.validate import DATED_FILE_RULES
from veiligestad.store import cache as cache_module

CASE_NAMES = sorted(p.name for p in (CASES / "invalid").iterdir() if p.is_dir())
FORMATS = ("text", "json", "github")
# Fields the whole-KB rules read (checks/facts.py), and a few values of their own to try.
FACT_KEYS = ("id", "status", "review", "status_history", "status_reason", "received",
             "needed_by", "start", "end", "reported", "published", "questions", "project",
             "relations", "embargo_until", "classification", "link_stamps")
EXTRA: dict[str, list[Any]] = {
    "status": ["running", "finished", "delivered", "closed", "ready", "matched", "submitted"],
    "review": ["published", "draft"],
    "start": [dt.date(2027, 1, 1), dt.date(2025, 1, 1)],
    "end": [dt.date(2026, 1, 1), dt.date(2027, 6, 1)],
    "received": [dt.date(2026, 12, 31), dt.date(2024, 1, 1)],
    "reported": [dt.date(2026, 1, 1), dt.date(2027, 1, 1)],
    "published": [dt.date(2026, 1, 1)],
    "status_reason": ["Afgerond zonder bevinding.", ""],
    "link_stamps": [{"P-2026-001": "00000000"}, {"Q-2026-001": "bad"}],
}


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError, OSError):  # a case that is not YAML, or dates that
        # PyYAML cannot make: not edited here
        return None
    return data if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _records(root: Path) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted((root / "data").rglob("*.yaml")):
        if path.is_symlink() or not path.is_file():
            continue
        data = _load(path)
        if data is not None:
            out.append((path.relative_to(root).as_posix(), data))
    return out


def _fact_edit(root: Path, rng: random.Random) -> str:
    """One random edit of a fact of a random record; what it did, for the failure message."""
    records = _records(root)
    rel, data = rng.choice(records)
    ids = [other["id"] for _, other in records]
    key = rng.choice(FACT_KEYS)
    pool: list[Any] = [other[key] for _, other in records if key in other]
    pool.extend(EXTRA.get(key, []))
    choice = rng.random()
    if key == "id":
        value: Any = rng.choice([*ids, data["id"] + "X", data["id"][:-1] + "Z", "Q-2026-001",
                                 "P-2026-001", "F-2026-7KQ4"])
        data["id"] = value
    elif key in ("questions", "project") and choice < 0.6:
        target = rng.choice([*ids, "Q-2026-999", "P-2026-999", "F-2026-7KQ4"])
        if key == "questions":
            found = data.get("questions")
            data["questions"] = [*(found if isinstance(found, list) else []), target]
        else:
            data["project"] = target
        value = target
    elif key == "link_stamps" and choice < 0.5:
        data["link_stamps"] = {rng.choice(ids): "0" * 8}
        value = data["link_stamps"]
    elif choice < 0.2 or not pool:
        data.pop(key, None)
        value = "(removed)"
    else:
        value = rng.choice(pool)
        data[key] = value
    (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return f"{rel}: {key} = {value!r}"


_kb = case_kb


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("VEILIGESTAD_QUICK", "VEILIGESTAD_LANG", "VEILIGESTAD_KB",
                 "VEILIGESTAD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEILIGESTAD_TODAY", TODAY.isoformat())
    yield


class Spy:
    """How often the whole-KB rules were redone for a fact edit alone."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.redone = 0
        real = validate_edit._refacts

        def spy(*args: Any) -> Any:
            found = real(*args)
            self.redone += found is not None
            return found

        monkeypatch.setattr(validate_edit, "_refacts", spy)


def _edits_agree(root: Path, seed: int, steps: int, lang: str, racy: bool,
                 capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 formats: tuple[str, ...] = FORMATS) -> list[str]:
    """Make ``steps`` random fact edits in a row; after each, every format as ``validate``
    prints it against ``validate --no-cache``. The edits made, for a failure message."""
    monkeypatch.chdir(root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    _typer(["--lang", lang, "validate"], capsys)  # the quick result and base, settled
    if racy:  # nothing is kept after a racy fact edit: every run redoes it
        monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    rng = random.Random(seed)
    done: list[str] = []
    for _ in range(steps):
        done.append(_fact_edit(root, rng))
        for fmt in formats:
            argv = ["--lang", lang, "validate", "--format", fmt]
            expected = _typer([*argv, "--no-cache"], capsys)
            assert _quick(argv, capsys) == expected, done
    return done


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from([None, *CASE_NAMES]), seed=st.integers(0, 2**32),
       lang=st.sampled_from(["nl", "en"]), racy=st.booleans())
def test_random_fact_edits_print_what_validate_without_a_cache_prints(
    tmp_path: Path, env: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, case: str | None, seed: int, lang: str, racy: bool,
) -> None:
    with monkeypatch.context() as patched:
        _edits_agree(_kb(tmp_path, case), seed, 3, lang, racy, capsys, patched)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_fact_edits_of_a_generated_programme_are_redone_alone_and_agree(
    tmp_path: Path, env: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, lang: str,
) -> None:
    """A programme of 200 records, twelve edits in a row, each answered by redoing the
    records it concerns (the spy), each the same as without a cache in every format."""
    from tests.checks.test_facts import _generated

    root = _generated(tmp_path, 200, TODAY)
    spy = Spy(monkeypatch)
    _edits_agree(root, 20261203 + len(lang), 12, lang, False, capsys, monkeypatch)
    assert spy.redone >= 6  # most fact edits were redone alone (others went the whole way)


@pytest.mark.parametrize("per_file", [0, 10**6])
def test_fact_edits_agree_with_the_neighbours_facts_read_either_way(
    tmp_path: Path, env: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, per_file: int,
) -> None:
    """The facts of the records an edit concerns come from the facts files (0) or from the
    records themselves (always): either way every answer is the one without a cache."""
    from tests.checks.test_facts import _generated

    monkeypatch.setattr(validate_edit, "_FILES_PER_FACTS_FILE", per_file)
    root = _generated(tmp_path, 120, TODAY)
    spy = Spy(monkeypatch)
    _edits_agree(root, 20261204 + per_file % 7, 6, "en", False, capsys, monkeypatch,
                 ("json",))
    assert spy.redone >= 3


def test_the_neighbours_facts_read_from_the_records_are_the_kept_ones(
    tmp_path: Path, env: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_facts_of`` from the records and from the facts files: the same digests and facts,
    for every record; and both digests are the base's."""
    from tests.checks.test_facts import _generated
    from veiligestad.checks.facts import fact_fields
    from veiligestad.i18n import Translator
    from veiligestad.store.config import load_config

    root = _generated(tmp_path, 120, TODAY)
    monkeypatch.chdir(root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    _typer(["--lang", "en", "validate"], capsys)
    config = load_config(root, Translator("en"))
    fields = fact_fields(config)
    assert fields is not None
    quick = cache_module.read_quick(root)
    assert quick is not None
    fingerprint = cache_module.tool_fingerprint()
    base = cache_module.read_base(root, quick.key, fingerprint)
    assert base is not None
    rels = base.rels.split("\x00")
    width = cache_module.FACTS_WIDTH
    digests = {rel: base.facts[i * width:(i + 1) * width].strip() for i, rel in enumerate(rels)}
    records = [rel for rel in rels if digests[rel]]
    assert len(records) > 100
    args = (root, records, base.fields, fields, config.max_file_bytes, fingerprint)
    monkeypatch.setattr(validate_edit, "_FILES_PER_FACTS_FILE", 0)
    kept = validate_edit._facts_of(*args)
    monkeypatch.setattr(validate_edit, "_FILES_PER_FACTS_FILE", 10**6)
    read = validate_edit._facts_of(*args)
    assert kept is not None and read is not None
    assert read == kept
    assert {rel: digest for rel, (digest, _) in read.items()} == {rel: digests[rel]
                                                                  for rel in records}
    from veiligestad.parallel import MIN_ITEMS

    assert len(records) <= validate_edit._MOST_FILES < MIN_ITEMS  # read here, no processes


def test_the_records_referring_to_ids_are_found_by_their_position() -> None:
    """``Deps.referring`` (a search of the joined text) against a plain walk of every entry."""
    rng = random.Random(20261204)
    ids = [f"Q-2026-{n:03d}" for n in range(40)]
    parts = []
    for _ in range(500):
        if rng.random() < 0.1:
            parts.append("")  # a file that holds no record
            continue
        own = rng.choice([*ids, "\x00"])
        refs = rng.sample(ids, rng.randint(0, 3))
        parts.append("\x1f".join([own, rng.choice(["new", "ready"]), *refs]))
    deps = incremental.split("\x1e".join(parts), len(parts))
    assert deps is not None
    for _ in range(30):
        wanted = set(rng.sample(ids, rng.randint(1, 4)))
        assert deps.referring(wanted) == [i for i in range(len(parts))
                                          if not wanted.isdisjoint(deps.refs_of(i))]
        assert deps.id_of == [incremental._id(part) for part in parts]


def test_the_facts_digests_are_spliced_in_their_places() -> None:
    width = cache_module.FACTS_WIDTH
    rng = random.Random(4)
    before = ["".join(rng.choice("0123456789abcdef ") for _ in range(width))
              for _ in range(50)]
    for _ in range(20):
        new = {rng.randrange(50): "".join(rng.choice("0123456789abcdef")
                                          for _ in range(width))
               for _ in range(rng.randint(0, 5))}
        expected = [new.get(i, found) for i, found in enumerate(before)]
        assert validate_edit._spliced("".join(before), new) == "".join(expected)


def _rules() -> list[Any]:
    return [*DATED_FILE_RULES, *KB_RULES]


P, Q1, Q2 = "data/projects/P-2026-001.yaml", "data/questions/Q-2026-001.yaml", \
    "data/questions/Q-2026-002.yaml"
F1, F2 = "data/findings/F-2026-7KQ3.yaml", "data/findings/F-2026-9ZXA.yaml"
GONE = object()
Step = tuple[str, dict[str, Any]]
# For each relation a rule declares, edits of the base knowledge base (in a row) after one of
# which a problem of that rule changes for a record that only this relation names.
# ``suspect-link`` is not here: a result with a suspect link is never kept nor redone (its
# message is read from git history), so no declaration of it can change an answer.
WITNESSES: dict[tuple[str, str], list[Step]] = {
    ("embargo", "self"): [(F1, {"embargo_until": dt.date(2040, 1, 1)})],
    ("id-unique", "self"): [(Q2, {"id": "Q-2026-001"}), (Q2, {"id": GONE})],
    ("id-unique", "same-id"): [(Q2, {"id": "Q-2026-001"})],
    ("link-target", "self"): [(F2, {"project": "P-2026-999"})],
    ("link-target", "linking"): [(Q1, {"id": "Q-2026-009"})],
    ("link-target", "hints"): [(F1, {"questions": ["Q-2026-003"]}),
                               (Q1, {"id": "Q-2026-005"})],
    ("finding-questions", "self"): [(P, {"questions": ["Q-2026-001"]}),
                                    (F1, {"questions": ["Q-2026-002"]})],
    ("finding-questions", "linking"): [(P, {"questions": ["Q-2026-001"]})],
    ("unanswered-question", "self"): [(F2, {"questions": ["Q-2026-001"]}),
                                      (Q2, {"status": "delivered"})],
    ("unanswered-question", "linked"): [(Q2, {"status": "delivered"}),
                                        (F2, {"questions": ["Q-2026-001"]})],
    ("question-progress", "self"): [(Q2, {"status": "ready"})],
    ("question-progress", "linked"): [(Q2, {"status": "ready"}), (P, {"status": "running"})],
    ("question-project", "self"): [(P, {"questions": ["Q-2026-001"]}),
                                   (Q2, {"status": "matched"})],
    ("question-project", "linked"): [(P, {"questions": ["Q-2026-001"]})],
    ("finished-project", "self"): [(F1, {"project": "P-2026-999"}),
                                   (F2, {"project": "P-2026-999"}),
                                   (P, {"status_reason": "Gestopt."})],
    ("finished-project", "linked"): [(F1, {"project": "P-2026-999"}),
                                     (F2, {"project": "P-2026-999"})],
    ("project-started", "self"): [(P, {"status": "running", "start": dt.date(2026, 12, 1),
                                       "end": dt.date(2027, 6, 1)})],
    ("stale-question", "self"): [(P, {"questions": ["Q-2026-001"]}), (Q2, {"status": "ready"})],
    ("stale-question", "linked"): [(Q2, {"status": "ready"}), (P, {"questions": ["Q-2026-001"]})],
    ("overdue-project", "self"): [(P, {"status": "running"})],
    ("date-order", "self"): [(F1, {"published": dt.date(2026, 6, 1)})],
    ("date-order", "linking"): [(P, {"start": dt.date(2026, 7, 1)})],
}
SHRUNK = [(rule.ID, relation) for rule in _rules() for relation in rule.AFFECTED
          if rule.ID != "suspect-link"]


def _apply(root: Path, step: Step) -> None:
    rel, changes = step
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is GONE:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _witness_agrees(root: Path, steps: list[Step], capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether, after each of ``steps``, ``validate`` says what ``validate --no-cache`` says."""
    monkeypatch.chdir(root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    argv = ["--lang", "en", "validate", "--format", "json"]
    _typer(argv, capsys)
    spy = Spy(monkeypatch)
    agrees = True
    for step in steps:
        _apply(root, step)
        agrees = agrees and _quick(argv, capsys) == _typer([*argv, "--no-cache"], capsys)
    assert spy.redone == len(steps)  # every step was redone for the records it concerns
    return agrees


def test_every_declared_relation_has_a_witness() -> None:
    assert set(SHRUNK) == set(WITNESSES)


@pytest.mark.parametrize(("rule_id", "relation"), SHRUNK)
def test_a_shrunk_declaration_makes_the_comparison_fail(
    tmp_path: Path, env: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, rule_id: str, relation: str,
) -> None:
    """With the declaration whole, the witness's edits agree with a run without a cache; with
    ``relation`` taken out of it, they do not: the comparison above catches a dependency left
    undeclared."""
    steps = WITNESSES[(rule_id, relation)]
    with monkeypatch.context() as patched:
        assert _witness_agrees(_kb(tmp_path / "whole", None), steps, capsys, patched)
    rule = {r.ID: r for r in _rules()}[rule_id]
    monkeypatch.setattr(rule, "AFFECTED", tuple(r for r in rule.AFFECTED if r != relation))
    assert not _witness_agrees(_kb(tmp_path / "shrunk", None), steps, capsys, monkeypatch)


def test_every_rule_over_the_whole_knowledge_base_declares_whom_an_edit_concerns() -> None:
    """A rule without a declaration is correct (the whole way is taken) but slow at scale: a
    new rule must say, and get a witness above."""
    from veiligestad.checks.incremental import declared

    assert [rule.ID for rule in _rules() if declared(rule) is None] == []


def test_a_project_that_is_not_text_still_names_the_record_it_is_looked_up_as() -> None:
    """The rules look a finding's project up by ``str()`` of whatever it holds: a record with
    that text as its ID is read by them, so an edit of it concerns the finding."""
    from veiligestad.checks.incremental import Deps, deps_of
    from veiligestad.model.kinds import KINDS

    for project, text in ((None, "None"), (["P-2026-001"], "['P-2026-001']"), (7, "7")):
        part = deps_of(KINDS["finding"], {"id": "F-2026-7KQ3", "project": project})
        assert part is not None
        deps = Deps([part])
        assert text in deps.refs_of(0)
        assert deps.referring({text}) == [0]
