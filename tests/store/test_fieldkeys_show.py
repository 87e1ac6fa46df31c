"""The answer of ``show`` kept under every file's ID and links and the files of the records it
shows (``store/fieldkeys.LINKS``, ``commands.show.read_whole``): used after an edit of
anything else, never after an edit of what it read; each answer compared with one made from
every file afresh."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY
from tests.store.test_fieldkeys import _edits
from veiligestad.cli.reading_output import show_of
from veiligestad.commands.show import show_record
from veiligestad.errors import VeiligestadError
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store import fieldkeys
from veiligestad.store import kb as kb_module
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.config import load_config
from veiligestad.store.kb import open_kb
from veiligestad.store.unchanged import Listing

T = Translator("en")


def _outcome(make: Any) -> Any:
    try:
        return ("shown", make().as_json())
    except VeiligestadError as exc:
        return ("refused", str(exc), exc.hint)


def _kept(root: Path, record_id: str, capsys: pytest.CaptureFixture[str]) -> tuple[Any, str]:
    config = load_config(root, T)
    listing = Listing.of(root)

    def context_of() -> Any:
        return context(open_kb(root, T, config, lazy=True, entries=listing.entries,
                               stats=listing.stats), TODAY, T)

    found = _outcome(lambda: show_of(config, T, TODAY, record_id, listing, context_of))
    return found, capsys.readouterr().err


def _fresh(root: Path, record_id: str, capsys: pytest.CaptureFixture[str]) -> tuple[Any, str]:
    found = _outcome(lambda: show_record(
        context(open_kb(root, T, cache=False), TODAY, T), record_id))
    return found, capsys.readouterr().err


def _refuse_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the records were read")

    monkeypatch.setattr(kb_module, "open_kb", refuse)


# A question, a project and a finding with links in both directions, recommendations and (for
# the finding) relations among findings.
SHOWN = ("Q-2026-001", "P-2026-001", "F-2026-19J9")


def _neighbours(root: Path, record_id: str) -> list[Path]:
    """The files of the record and of every record it links to or that links to it."""
    kb = open_kb(root, T, cache=False, on_left_out=None)
    ids = {record_id}
    for record in kb.records():
        targets = {target for target, _, _ in record.outgoing()}
        if record.record_id == record_id:
            ids |= targets
        elif record_id in targets and record.record_id is not None:
            ids.add(record.record_id)
    return sorted(root / r.rel for rid in ids for r in kb.by_id.get(rid, ()))


@pytest.mark.parametrize("record_id", SHOWN)
def test_every_edit_of_a_shown_record_gives_the_answer_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], record_id: str
) -> None:
    """Each one-line field of the record and of its neighbours changed (a title, a status, a
    date, a link, the ID), and each removed: the record's own fields, its links' titles and
    statuses, its derived fields and its recommendations all come from these files."""
    paths = _neighbours(root, record_id)
    assert len(paths) >= 3
    for path in paths:
        original = path.read_text(encoding="utf-8")
        # ``_edits`` leaves the ID alone (for ``stats``); here it is changed too.
        renamed = re.sub(r"(?m)^id: (.*)$", r"id: \1Z", original, count=1)
        for key, edited, _ in [*_edits(original), ("id", renamed, [])]:
            path.write_text(original, encoding="utf-8")
            _kept(root, record_id, capsys)  # kept for the original
            path.write_text(edited, encoding="utf-8")
            assert _kept(root, record_id, capsys) == _fresh(root, record_id, capsys), \
                (path.name, key)
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_of_any_record_give_the_answer_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    """One to three files edited at a time (any one-line field, a link retargeted at the shown
    record or away from it, an ID, a field removed), run after run, with the record shown
    chosen at random: each answer is the one made afresh, and some are the kept one."""
    chance = random.Random(seed)
    files = sorted((root / "data").rglob("*.yaml"))
    findings = [p.stem for p in files if p.parent.name == "findings"]
    kept_used = 0
    for _ in range(12):
        record_id = chance.choice(SHOWN)
        _kept(root, record_id, capsys)
        for path in chance.sample(files, chance.randint(1, 3)):
            text = path.read_text(encoding="utf-8")
            edits = [edited for _, edited, _ in _edits(text)]
            # A field of a derived field's name, which the view reads as it is: a question's
            # or project's findings name records it does not link to.
            edits += [text.rstrip("\n") + f"\n{name}: [{chance.choice(findings)}]\n"
                      for name in ("findings", "related_from", "projects")]
            path.write_text(chance.choice(edits), encoding="utf-8")
        expected = _fresh(root, record_id, capsys)
        config = load_config(root, T)
        kept = fieldkeys.read_answer(root, config, T, TODAY, "show", (record_id,),
                                     Listing.of(root), fieldkeys.LINKS)
        kept_used += kept is not None
        assert _kept(root, record_id, capsys) == expected, record_id
    assert kept_used >= 2


def test_an_edit_of_anything_but_ids_and_links_elsewhere_is_answered_from_the_kept_answer(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the tests above compare the kept answer, not only answers made afresh."""
    for record_id in SHOWN:
        first = _kept(root, record_id, capsys)
        assert first[0][0] == "shown"
        near = set(_neighbours(root, record_id))
        for path in sorted((root / "data").rglob("*.yaml")):
            if path in near:
                continue
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^title: (.*)$", r"title: \1 (revised)", text, count=1)
            path.write_text(re.sub(r"(?m)^(received|start|reported): (\d{4})",
                                   lambda m: f"{m[1]}: {int(m[2]) - 1}", text, count=1),
                            encoding="utf-8")
        with monkeypatch.context() as patched:
            _refuse_records(patched)
            assert _kept(root, record_id, capsys) == first
        assert _fresh(root, record_id, capsys) == first


@pytest.mark.parametrize("change", ["neighbour title", "new link", "link removed", "today",
                                    "language", "config", "file added", "file removed"])
def test_what_the_answer_depends_on_is_never_answered_from_it(
    root: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    record_id = "Q-2026-001"
    first = _kept(root, record_id, capsys)
    day, lang = TODAY, "en"
    findings = root / "data" / "findings"
    unrelated = next(p for p in sorted(findings.glob("*.yaml"))
                     if p not in _neighbours(root, record_id))
    linked = next(p for p in sorted(findings.glob("*.yaml"))
                  if p in _neighbours(root, record_id))
    if change == "neighbour title":
        text = linked.read_text(encoding="utf-8")
        linked.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (revised)", text, count=1),
                          encoding="utf-8")
    elif change == "new link":
        text = unrelated.read_text(encoding="utf-8")
        unrelated.write_text(re.sub(r"(?m)^questions: \[", f"questions: [{record_id}, ", text,
                                    count=1), encoding="utf-8")
    elif change == "link removed":
        text = linked.read_text(encoding="utf-8")
        linked.write_text(re.sub(rf"{record_id},? ?", "", text), encoding="utf-8")
    elif change == "today":
        day = TODAY.replace(year=TODAY.year + 3)
    elif change == "language":
        lang = "nl"
    elif change == "config":
        config = root / "veiligestad.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "Leiden", "Leiden (test)", 1), encoding="utf-8")
    elif change == "file added":
        (findings / "F-2026-999.yaml").write_text(
            re.sub(r"(?m)^id: .*$", "id: F-2026-999",
                   re.sub(r"(?m)^questions: \[", f"questions: [{record_id}, ",
                          unrelated.read_text(encoding="utf-8"), count=1), count=1),
            encoding="utf-8")
    else:
        linked.unlink()
    t = Translator(lang)
    config = load_config(root, t)
    listing = Listing.of(root)
    if change not in ("today", "language", "config"):
        assert (root / "data").exists()
    kept = fieldkeys.read_answer(root, config, t, day, "show", (record_id,), listing,
                                 fieldkeys.LINKS)
    assert kept is None, change

    def context_of() -> Any:
        return context(open_kb(root, t, config, lazy=True, entries=listing.entries,
                               stats=listing.stats), day, t)

    got = _outcome(lambda: show_of(config, t, day, record_id, listing, context_of))
    fresh = _outcome(lambda: show_record(context(open_kb(root, t, cache=False), day, t),
                                         record_id))
    assert got == fresh
    if change in ("neighbour title", "new link", "link removed", "file added"):
        assert got != first[0], change  # the edit shows: the test tests something


@pytest.mark.parametrize("shown", ["Q-2025-005", "P-2025-002"])
def test_a_finding_named_in_a_stored_findings_field_is_read_whole(
    root: Path, capsys: pytest.CaptureFixture[str], shown: str
) -> None:
    """A question or project may hold a field ``findings`` (reported by ``validate``; the
    view reads it as it is): ``show`` lists the recommendations of the findings it names,
    though they do not link to it, so an edit of those recommendations makes it again."""
    folder = "questions" if shown.startswith("Q-") else "projects"
    holder = root / "data" / folder / f"{shown}.yaml"
    holder.write_text(holder.read_text(encoding="utf-8") + "findings: [F-2026-19J9]\n",
                      encoding="utf-8")
    finding = root / "data" / "findings" / "F-2026-19J9.yaml"
    original = finding.read_text(encoding="utf-8")
    assert finding not in _neighbours(root, shown)
    without = re.sub(r"(?ms)^recommendations:\n(?:(?: |-).*?\n)+", "recommendations: []\n",
                     original)
    assert without != original
    finding.write_text(without, encoding="utf-8")
    _kept(root, shown, capsys)
    finding.write_text(original, encoding="utf-8")
    got = _kept(root, shown, capsys)
    assert got == _fresh(root, shown, capsys)
    assert any(rec["finding"] == "F-2026-19J9" for rec in got[0][1]["recommendations"])


def test_keeping_the_answer_reads_no_shard(root: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest of a record ``show`` does not show is made of its ID and links, which the
    cache's index holds: keeping the answer reads the data of the records shown only."""
    from veiligestad.store.cache import RecordCache

    _kept(root, "Q-2026-001", capsys)  # the record cache filled
    (root / CACHE_DIR / fieldkeys.FIELDS_FILE.format("show")).unlink()
    read: list[str] = []
    data_of = RecordCache.data_of

    def counted(self: RecordCache, rel: str) -> Any:
        read.append(rel)
        return data_of(self, rel)

    monkeypatch.setattr(RecordCache, "data_of", counted)
    _kept(root, "Q-2026-001", capsys)
    assert (root / CACHE_DIR / fieldkeys.FIELDS_FILE.format("show")).is_file()
    assert 0 < len(set(read)) <= len(_neighbours(root, "Q-2026-001"))
