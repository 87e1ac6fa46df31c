"""``validate`` after an edit, redoing only the edited files' share of the kept result
(``commands/validate_edit.py``): for every record file and every kind of edit, what it prints is
what ``validate --no-cache`` prints through Typer, whether the edited file is racy (its row kept
in the journal) or settled (a new quick result and base written), and after edits in a row."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cachefiles import read_blob, write_blob
from tests.cli.drive import quick_validate as _quick
from tests.cli.drive import through_typer as _typer
from veiligestad.commands import validate_edit
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import BASE_FILE, CACHE_DIR, JOURNAL_FILE

FINDING = "data/findings/F-2026-7KQ3.yaml"
RECORDS = ["data/findings/F-2026-7KQ3.yaml", "data/findings/F-2026-9ZXA.yaml",
           "data/projects/P-2026-001.yaml", "data/questions/Q-2026-001.yaml",
           "data/questions/Q-2026-002.yaml"]


def _title(text: str) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[at] += " (herzien)"
    return "\n".join(lines)


def _comment_on_top(text: str) -> str:
    """Every position in the file moves one line down, the whole-KB rules' problems too."""
    return "# een opmerking bovenaan\n" + text


def _blank_lines(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"{first}\n\n\n{rest}"


def _unknown_field(text: str) -> str:
    """A problem of a file rule appears (an unknown field)."""
    return text + "kleur: rood\n"


def _fact(text: str) -> str:
    """The status changes: a fact, so the whole-KB rules must run (the full path)."""
    for old, new in (("review: published", "review: draft"), ("review: draft", "review: reviewed"),
                     ("status: running", "status: planned"), ("status: matched", "status: new"),
                     ("status: delivered", "status: matched")):
        if old in text:
            return text.replace(old, new, 1)
    return text.replace("id: ", "id: X", 1)


def _broken(text: str) -> str:
    """No longer a record: the full path reports it."""
    return "id: [\n" + text


NO_FACT = [_title, _comment_on_top, _blank_lines, _unknown_field]
EDITS = [*NO_FACT, _fact, _broken]


@pytest.fixture
def kb(base_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    for name in ("VEILIGESTAD_QUICK", "VEILIGESTAD_LANG", "VEILIGESTAD_KB", "VEILIGESTAD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    monkeypatch.chdir(base_kb)
    # A problem of a whole-KB rule with a position (published before reported), and one of a
    # file rule, so that both kinds are redone and moved by the edits.
    finding = base_kb / FINDING
    finding.write_text(finding.read_text("utf-8").replace("published: 2026-07-01",
                                                          "published: 2026-06-01"), "utf-8")
    question = base_kb / "data/questions/Q-2026-001.yaml"
    question.write_text(question.read_text("utf-8").replace("themes:", "themse:"), "utf-8")
    return base_kb


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run's ``after_edit`` answered (True) or left it to the full path."""
    seen: list[bool] = []
    real = validate_edit.after_edit

    def spy(*args: Any) -> Any:
        found = real(*args)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(validate_edit, "after_edit", spy)
    return seen


ONE_LANGUAGE = (["validate"], ["validate", "-f", "json", "--strict"], ["validate", "-f", "github"])


def _same(capsys: pytest.CaptureFixture[str],
          forms: tuple[list[str], ...] = (*ONE_LANGUAGE, ["--lang", "en", "validate"])) -> None:
    """Every format, and the exit code with and without ``--strict``, as without a cache.
    (Another language than the kept result's goes the full way, which keeps no quick result
    while a file is racy.)"""
    for argv in forms:
        expected = _typer([*argv, "--no-cache"], capsys)
        assert _quick(argv, capsys) == expected, argv


def _edit(root: Path, rel: str, edit: Callable[[str], str]) -> None:
    path = root / rel
    path.write_text(edit(path.read_text("utf-8")), "utf-8")


@pytest.mark.parametrize("rel", RECORDS)
@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__.strip("_"))
@pytest.mark.parametrize("racy", [False, True], ids=["settled", "racy"])
def test_an_edit_anywhere_prints_what_validate_without_a_cache_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    answered: list[bool], rel: str, edit: Callable[[str], str], racy: bool,
) -> None:
    _typer(["validate"], capsys)
    assert (kb / CACHE_DIR / BASE_FILE).is_file()
    if racy:  # every edited file is racy: its row goes to the journal, proved by its bytes
        monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    _edit(kb, rel, edit)
    _same(capsys)
    if edit in NO_FACT:
        assert answered[:1] == [True]  # redone without the index
        assert (kb / CACHE_DIR / JOURNAL_FILE).is_file() == racy
    elif edit is _broken:
        assert answered[:1] == [False]


@pytest.mark.parametrize("racy", [False, True], ids=["settled", "racy"])
def test_edits_in_a_row_and_back_print_what_validate_without_a_cache_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    answered: list[bool], racy: bool,
) -> None:
    _typer(["validate"], capsys)
    if racy:
        monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    originals = {rel: (kb / rel).read_text("utf-8") for rel in RECORDS}
    steps: list[tuple[str, Callable[[str], str]]] = [
        (FINDING, _comment_on_top), (RECORDS[3], _title), (FINDING, _unknown_field),
        (RECORDS[2], _blank_lines), (RECORDS[1], _fact), (RECORDS[4], _title),
    ]
    for rel, edit in steps:
        _edit(kb, rel, edit)
        _same(capsys)
    for rel, text in originals.items():
        (kb / rel).write_text(text, "utf-8")
        _same(capsys)
    assert True in answered and False in answered  # both ways were taken


def _journal(root: Path) -> tuple[Any, ...]:
    blob = read_blob(root / CACHE_DIR / JOURNAL_FILE)
    payload = cache_module._payload(blob, cache_module.JOURNAL_MAGIC)
    assert payload is not None
    return tuple(pickle.loads(payload))


def _write_journal(root: Path, value: tuple[Any, ...]) -> None:
    cache_module.write_cache_file(root / CACHE_DIR, root / CACHE_DIR / JOURNAL_FILE,
                                  cache_module.JOURNAL_MAGIC, value)


def test_a_journal_row_of_a_racy_file_is_used_only_for_the_same_bytes(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A racy file may have changed under the same stat: its row holds only when the file's
    digest is the row's. A row whose digest differs (as if the file had changed within the
    same tick) is not used, however wrong its problems."""
    _typer(["validate"], capsys)
    monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    _edit(kb, FINDING, _unknown_field)
    _same(capsys, ONE_LANGUAGE)
    fingerprint, key, started, rows = _journal(kb)
    stat, _digest, _problems = rows[FINDING]
    _write_journal(kb, (fingerprint, key, started, {FINDING: (stat, "0" * 32, ())}))
    _same(capsys)


def test_a_settled_journal_row_is_proved_by_the_stat_as_the_index_is(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the test above: not racy, the stat alone proves the row (so the test
    above does show the digest being checked)."""
    _typer(["validate"], capsys)
    monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    _edit(kb, FINDING, _unknown_field)
    _same(capsys, ONE_LANGUAGE)
    fingerprint, key, started, rows = _journal(kb)
    stat, digest, _problems = rows[FINDING]
    _write_journal(kb, (fingerprint, key, started, {FINDING: (stat, digest, ())}))
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    out, _, _ = _quick(["validate", "-f", "json"], capsys)
    assert FINDING not in out  # the row's (planted) problems were taken


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-key", "other-tool", "future"])
def test_a_damaged_or_foreign_journal_or_base_is_never_used(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    _typer(["validate"], capsys)
    monkeypatch.setattr(cache_module, "RACY_NS", 10**15)
    _edit(kb, FINDING, _unknown_field)
    _same(capsys, ONE_LANGUAGE)
    fingerprint, key, started, rows = _journal(kb)
    planted = {rel: (stat, digest, ()) for rel, (stat, digest, _) in rows.items()}
    journal = kb / CACHE_DIR / JOURNAL_FILE
    if damage == "garbage":
        write_blob(journal, b"garbage")
        write_blob(kb / CACHE_DIR / BASE_FILE, b"garbage")
    elif damage == "truncated":
        write_blob(journal, read_blob(journal)[:-5])
    elif damage == "other-key":
        _write_journal(kb, (fingerprint, "0" * 32, started, planted))
    elif damage == "other-tool":
        _write_journal(kb, ("another version", key, started, planted))
    else:
        _write_journal(kb, (fingerprint, key, started + 10**18, planted))
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    _same(capsys)


@pytest.mark.parametrize("change", ["config", "query", "today", "new-file"])
def test_a_change_besides_the_edited_records_is_left_to_the_full_path(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    answered: list[bool], change: str,
) -> None:
    _typer(["validate"], capsys)
    _edit(kb, FINDING, _title)
    if change == "config":
        with (kb / "veiligestad.yaml").open("a", encoding="utf-8") as handle:
            handle.write("# changed\n")
    elif change == "query":
        (kb / "queries").mkdir(exist_ok=True)
        (kb / "queries" / "open.yaml").write_text("kind: questions\n")
    elif change == "today":
        monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-11-28")
    else:
        (kb / "data/questions/Q-2026-003.yaml").write_text(
            (kb / "data/questions/Q-2026-002.yaml").read_text("utf-8").replace(
                "Q-2026-002", "Q-2026-003"), "utf-8")
    _same(capsys)
    assert answered[:1] == [False]


@given(st.lists(st.tuples(*[st.integers(-2**40, 2**40)] * 5), max_size=700),
       st.sets(st.integers(0, 699), max_size=80), st.integers(1, 2**30))
def test_the_files_found_changed_are_exactly_those_whose_stat_differs(
    stats: list[tuple[int, ...]], moved: set[int], by: int
) -> None:
    from array import array
    from itertools import chain

    after = [(s[0], s[1] + by, *s[2:]) if i in moved else s for i, s in enumerate(stats)]
    found = validate_edit._changed(array("q", chain.from_iterable(stats)).tobytes(),
                                   array("q", chain.from_iterable(after)).tobytes())
    expected = [i for i, (a, b) in enumerate(zip(stats, after, strict=True)) if a != b]
    if len(expected) > validate_edit.MOST:  # it stops counting past the most it redoes
        assert len(found) > validate_edit.MOST and found == expected[:len(found)]
    else:
        assert found == expected


def _one_line_fields() -> list[tuple[str, str]]:
    """Every record's one-line top-level fields of the test knowledge base, by path."""
    import re

    cases = Path(__file__).resolve().parent.parent / "cases" / "base"
    found = []
    for rel in RECORDS:
        for line in (cases / rel).read_text("utf-8").splitlines():
            match = re.fullmatch(r"([a-z_]+): ([^\s>|].*)", line)
            if match and (rel, match.group(1)) != (RECORDS[3], "themes"):  # renamed by kb()
                found.append((rel, match.group(1)))
    return found


@pytest.mark.parametrize(("rel", "name"), _one_line_fields(), ids=lambda v: v.split("/")[-1])
def test_a_change_of_any_one_line_field_prints_what_validate_without_a_cache_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], rel: str, name: str
) -> None:
    """Each field's value changed (a fact or not, still valid or not): the same answer as
    without a cache, whichever way was taken."""
    _typer(["validate"], capsys)
    path = kb / rel
    lines = path.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}: "))
    value = lines[at].split(": ", 1)[1]
    changed = value.replace("2026", "2025") if "2026" in value else value + " x"
    lines[at] = f"{name}: {changed}"
    path.write_text("\n".join(lines), "utf-8")
    _same(capsys, (["validate"], ["validate", "-f", "json", "--strict"]))
