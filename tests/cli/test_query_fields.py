"""``query`` with ``--fields`` (or ``--format ids``) keeps its answer under the fields it reads
of the records of its kind (``store/fieldkeys.py``, ``query.stored_reads``): used after an edit
of any other field or record, never after an edit of one it reads or of anything else it
depends on; every answer compared with Typer's, made from every file afresh."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.cli.test_quick_read import _quick, _typer
from tests.conftest import REPO
from tests.store.test_fieldkeys import _edits
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.query.engine import stored_reads
from veiligestad.store import cache as cache_module
from veiligestad.store import fieldkeys
from veiligestad.store import kb as kb_module
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.config import load_config

KEPT = {
    "findings": [["query", "findings", "-w", "review=published", "--sort", "reported-",
                  "--format", "ids"],
                 ["query", "findings", "--match", "licht", "--fields", "id,evidence.design",
                  "-f", "jsonl"],
                 ["query", "findings", "--limit", "2", "--sort", "reported", "-f", "ids"]],
    "questions": [["query", "questions", "--fields", "id,title,status", "-f", "json",
                   "--sort", "received-"],
                  ["query", "questions", "-w", "status=ready,submitted", "--group-by",
                   "asked_by", "--fields", "id,asked_by", "-f", "yaml"]],
    "projects": [["query", "projects", "--fields", "id,start", "--quarter", "2025-Q4", "-f",
                  "md"],
                 ["query", "projecten", "--fields", "id,title,status", "--since",
                  "2025-01-01"]],
}


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "queries", root / "queries")
    shutil.copy(REPO / "veiligestad.yaml", root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files written before a run are settled
    for name in ("VEILIGESTAD_QUICK", "VEILIGESTAD_LANG", "VEILIGESTAD_KB",
                 "VEILIGESTAD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    monkeypatch.chdir(root)
    return root


def _afresh(argv: list[str], capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, int]:
    with monkeypatch.context() as fresh:
        fresh.setenv("VEILIGESTAD_NO_CACHE", "1")
        return _typer(argv, capsys)


def _refuse_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the records were read")

    monkeypatch.setattr(kb_module, "open_kb", refuse)


@pytest.mark.parametrize("kind", sorted(KEPT))
def test_every_edit_of_a_field_gives_what_typer_prints_afresh(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path = sorted((kb / "data" / kind).glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    for key, edited, _ in _edits(original):
        for argv in KEPT[kind]:
            path.write_text(original, encoding="utf-8")
            assert _quick(argv, capsys) is not None
            path.write_text(edited, encoding="utf-8")
            expected = _afresh(argv, capsys, monkeypatch)
            found = _quick(argv, capsys)
            assert found == (expected if expected[2] == 0 else None), (path.name, key, argv)
    path.write_text(original, encoding="utf-8")


def test_an_edit_of_what_a_query_does_not_read_is_answered_without_the_records(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the test above compares the kept answer, not only answers made afresh."""
    for kind, lines in KEPT.items():
        for argv in lines:
            first = _quick(argv, capsys)
            assert first is not None and first[0]
            for path in [*sorted((kb / "data").rglob("*.yaml"))[::5]]:
                text = path.read_text(encoding="utf-8")
                if path.parent.name != kind:  # another kind's record, whatever the field
                    text = re.sub(r"(?m)^status: .*$", "status: submitted", text)
                path.write_text(text + "# edited\n", encoding="utf-8")
            with monkeypatch.context() as patched:
                _refuse_records(patched)
                assert _quick(argv, capsys) == first, argv
            assert _afresh(argv, capsys, monkeypatch) == first, argv


def _break(root: Path) -> None:
    (root / "data/findings/F-2026-ZZZZ.yaml").write_text("id: [\n", encoding="utf-8")


def _add(root: Path) -> None:
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    (root / "data/findings/F-2026-ZZZY.yaml").write_text(
        finding.read_text(encoding="utf-8").replace(finding.stem, "F-2026-ZZZY"),
        encoding="utf-8")


def _remove(root: Path) -> None:
    for kind in KEPT:
        sorted((root / "data" / kind).glob("*.yaml"))[-1].unlink()


def _left_out_elsewhere(root: Path) -> None:  # another kind's file, now left out
    path = sorted((root / "data/questions").glob("*.yaml"))[0]
    path.write_text("id: [\n", encoding="utf-8")


def _config(root: Path) -> None:
    path = root / "veiligestad.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_break, _add, _remove, _left_out_elsewhere, _config],
                         ids=lambda f: f.__name__.strip("_"))
def test_what_the_answer_depends_on_besides_the_fields_is_never_answered_from_it(
    kb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, change: object,
) -> None:
    """Each command line kept (one answer is kept at a time), then the change, then the same
    command line: on a copy of the knowledge base each."""
    assert callable(change)
    lines = [argv for kind_lines in KEPT.values() for argv in kind_lines]
    for number, argv in enumerate(lines):
        root = tmp_path / f"copy-{number}"
        shutil.copytree(kb, root)
        monkeypatch.chdir(root)
        assert _quick(argv, capsys) is not None
        change(root)
        assert _quick(argv, capsys) == _afresh(argv, capsys, monkeypatch), argv


def test_another_query_of_the_same_fields_is_never_answered_with_the_last(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [["query", "findings", "--limit", "2", "--sort", "reported", "-f", "ids"],
             ["query", "findings", "--limit", "1", "--sort", "reported", "-f", "ids"],
             ["query", "findings", "--sort", "reported-", "-f", "ids"],
             ["--lang", "en", "query", "findings", "--sort", "reported-", "-f", "ids"]]
    for argv in lines:
        assert _quick(argv, capsys) == _afresh(argv, capsys, monkeypatch), argv
    assert (kb / CACHE_DIR / fieldkeys.FIELDS_FILE.format("query")).is_file()


def test_a_query_that_reads_a_derived_field_or_every_field_is_not_kept_so() -> None:
    t = Translator("en")
    config = load_config(REPO, t)
    finding = KINDS["finding"]

    def reads(conditions: list[str], fields: str | None, **more: object) -> object:
        options = {"sort": None, "group_by": None, "dated": False, "match": None, **more}
        return stored_reads(finding, conditions, config, t, fields=fields, **options)

    assert reads(["review=published"], "id", sort="reported-") == ("id", "reported", "review")
    assert reads([], "id,evidence.design", match="licht") is not None
    assert reads([], "id,themes") is None  # derived from the questions
    assert reads(["related_from?"], "id") is None
    assert reads([], None) is None  # every field, and the derived ones
    assert reads([], "id", group_by="themes") is None
    assert reads([], "id", dated=True) == ("id", "reported")


@pytest.mark.parametrize("kind", sorted(KEPT))
def test_an_edit_of_a_field_a_query_reads_is_answered_from_the_kept_parts(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """After an edit of a field the query reads (its answer changes), the answer is made from
    what the query reads of each record (``fieldkeys.part_of``), without opening the knowledge
    base, and is what Typer prints afresh."""
    path = sorted((kb / "data" / kind).glob("*.yaml"))[1]
    original = path.read_text(encoding="utf-8")
    from_parts = 0  # answers that changed, made without the records
    for key, edited, _ in _edits(original):
        for argv in KEPT[kind]:
            path.write_text(original, encoding="utf-8")
            before = _quick(argv, capsys)
            assert before is not None
            path.write_text(edited, encoding="utf-8")
            expected = _afresh(argv, capsys, monkeypatch)
            try:
                with monkeypatch.context() as patched:
                    _refuse_records(patched)
                    found = _quick(argv, capsys)
                from_parts += found != before
            except AssertionError:  # a file left out: the records are read
                found = _quick(argv, capsys)
            assert found == (expected if expected[2] == 0 else None), (path.name, key, argv)
    path.write_text(original, encoding="utf-8")
    assert from_parts >= 2, from_parts
