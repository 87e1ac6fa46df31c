"""The answer of ``stats`` kept under the fields it reads (``store/fieldkeys.py``): used after an
edit of any other field, never after an edit of one it reads, nor after anything else it depends
on; each answer compared with one made from every file afresh."""

from __future__ import annotations

import pickle
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.cachefiles import read_blob, write_blob
from tests.conftest import TODAY
from veiligestad.cli.reading_output import answer_of
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.query import DERIVED, context
from veiligestad.stats import NEEDS, stats_in
from veiligestad.store import cache as cache_module
from veiligestad.store import fieldkeys
from veiligestad.store import kb as kb_module
from veiligestad.store.cache import CACHE_DIR
from veiligestad.store.config import load_config
from veiligestad.store.kb import open_kb

T = Translator("en")
ARGS = [(None, "internal"), ("2025-Q4", "internal"), ("2026-Q2", "internal")]


def _kept(root: Path, args: tuple[Any, ...], capsys: pytest.CaptureFixture[str],
          day: Any = TODAY, lang: str = "en") -> tuple[Any, str]:
    t = Translator(lang)
    value = answer_of(load_config(root, t), t, day, "stats", args,
                      lambda qctx: stats_in(qctx, args[0], public_only=args[1] == "public"))
    return value, capsys.readouterr().err


def _fresh(root: Path, args: tuple[Any, ...], capsys: pytest.CaptureFixture[str],
           day: Any = TODAY, lang: str = "en") -> tuple[Any, str]:
    t = Translator(lang)
    kb = open_kb(root, t, cache=False)
    value = stats_in(context(kb, day, t), args[0], public_only=args[1] == "public")
    return value, capsys.readouterr().err


def _edits(text: str) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
    """Each one-line field of the text, at any depth (a recommendation's follow-up, the
    evidence's design), with its value changed: a date a year earlier, a list without its
    first item, else its last character; and every field but the ID removed. Each with the
    arguments to ask: everything, and for a date the quarters it moves between (so that a
    count changes)."""
    out: list[tuple[str, str, list[tuple[Any, ...]]]] = []
    for match in re.finditer(r"(?m)^ *(?:- )?([a-z_]+): ([^\s>|].*)$", text):
        key, value = match.groups()
        asked = [ARGS[0]]
        if key == "id":
            continue
        date = re.fullmatch(r"(\d{4})-(\d\d)-\d\d", value)
        if date:
            year, month = int(date.group(1)), int(date.group(2))
            new = str(year - 1) + value[4:]
            asked += [(f"{y}-Q{(month - 1) // 3 + 1}", "internal") for y in (year, year - 1)]
        elif value.startswith("[") and value.endswith("]"):
            if value == "[]":
                continue
            new = "[" + ",".join(value[1:-1].split(",")[1:]).strip() + "]"
        else:
            new = value[:-1] + ("1" if value[-1] != "1" else "2")
        out.append((key, text[:match.start(2)] + new + text[match.end(2):], asked))
    out.append(("removed", text.split("\n", 1)[0] + "\n", ARGS))
    return out


# A field of a derived field's name, which a record may hold (the view then reads it as it is).
_STORED_DERIVED = {"themes": "[ov]", "decision": "refused", "decided_on": "2026-05-05",
                   "matched_on": "2026-05-05", "delivered_on": "2026-05-05"}


def _derived_held(kind: str, text: str) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
    """The text with a field of each derived name a figure reads added."""
    stored = set(KINDS[kind].field_names)
    return [(f"+{name}", text.rstrip("\n") + f"\n{name}: {_STORED_DERIVED[name]}\n",
             [ARGS[0], ("2026-Q2", "internal")])
            for name in sorted(NEEDS[kind] - stored)]


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_every_edit_of_a_field_gives_the_answer_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    for path in sorted((root / "data" / kind).glob("*.yaml"))[:2]:
        original = path.read_text(encoding="utf-8")
        edits = [*_edits(original), *_derived_held(path.parent.name[:-1], original)]
        for key, edited, asked in edits:
            for args in asked:
                path.write_text(original, encoding="utf-8")
                _kept(root, args, capsys)  # kept for the original
                path.write_text(edited, encoding="utf-8")
                assert _kept(root, args, capsys) == _fresh(root, args, capsys), \
                    (path.name, key, args)
        path.write_text(original, encoding="utf-8")


def _refuse_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the records were read")

    monkeypatch.setattr(kb_module, "open_kb", refuse)


def test_an_edit_of_a_field_no_figure_reads_is_answered_from_the_kept_answer(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the test above compares the kept answer, not only answers made afresh."""
    for args in ARGS:
        first = _kept(root, args, capsys)
        for path in sorted((root / "data").rglob("*.yaml"))[::7]:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (revised)", text,
                                   count=1), encoding="utf-8")
        with monkeypatch.context() as patched:
            _refuse_records(patched)
            assert _kept(root, args, capsys) == first
        assert _fresh(root, args, capsys) == first


def test_more_edited_files_than_a_few_read_the_records(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fieldkeys, "SMALL_EDIT", 1)
    _kept(root, ARGS[0], capsys)
    for path in sorted((root / "data/findings").glob("*.yaml"))[:2]:
        path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    with monkeypatch.context() as patched:
        _refuse_records(patched)
        with pytest.raises(AssertionError, match="records were read"):
            _kept(root, ARGS[0], capsys)
    assert _kept(root, ARGS[0], capsys) == _fresh(root, ARGS[0], capsys)


def test_every_field_a_figure_reads_is_in_the_digest() -> None:
    """``READS`` holds each field in ``stats.NEEDS`` (stored, or derived: a record may hold a
    field of that name), and what each derived one there is made of (``query/view.py``); a
    figure that starts reading another field fails here."""
    made_of = {"decision": {"status_history"}, "decided_on": {"status_history"},
               "matched_on": {"status_history"}, "delivered_on": {"status_history"},
               "themes": {"questions"}}  # a finding's: its questions' themes
    for kind, names in NEEDS.items():
        stored = set(KINDS[kind].field_names)
        derived = {s.name for s in DERIVED[kind]} - stored
        for name in names:
            assert name in fieldkeys.READS[kind], (kind, name)
            if name not in stored:
                assert name in derived, (kind, name)
                assert made_of[name] <= set(fieldkeys.READS[kind]), (kind, name)
    assert "themes" in fieldkeys.READS["question"]


@pytest.mark.parametrize("change", ["add", "remove", "break", "today", "language", "config",
                                    "quarter"])
def test_what_the_answer_depends_on_besides_the_fields_is_never_answered_from_it(
    root: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    args, day, lang = ARGS[0], TODAY, "en"
    _kept(root, args, capsys)
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    if change == "add":
        (root / "data/findings/F-2026-ZZZZ.yaml").write_text(
            finding.read_text(encoding="utf-8").replace(finding.stem, "F-2026-ZZZZ"),
            encoding="utf-8")
    elif change == "remove":
        finding.unlink()
    elif change == "break":
        finding.write_text("id: [\n", encoding="utf-8")
    elif change == "today":
        day = TODAY.replace(year=TODAY.year + 1)
    elif change == "language":
        lang = "nl"
    elif change == "config":
        config = root / "veiligestad.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "follow_up_days: 180", "follow_up_days: 30"), encoding="utf-8")
    else:
        args = ARGS[1]
    assert _kept(root, args, capsys, day, lang) == _fresh(root, args, capsys, day, lang)
    if change == "break":
        assert finding.relative_to(root).as_posix() in _kept(root, args, capsys)[1]


def test_the_public_audience_racy_files_and_no_cache_keep_nothing(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = root / CACHE_DIR / fieldkeys.FIELDS_FILE.format("stats")
    assert _kept(root, (None, "public"), capsys) == _fresh(root, (None, "public"), capsys)
    assert not path.exists()
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    _kept(root, ARGS[0], capsys)
    assert not path.exists()
    monkeypatch.delenv("VEILIGESTAD_NO_CACHE")
    monkeypatch.setattr(cache_module, "RACY_NS", 10**18)
    _kept(root, ARGS[0], capsys)
    assert not path.exists()
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    _kept(root, ARGS[0], capsys)
    assert path.exists()


@pytest.mark.parametrize("damage", ["cut", "garbage", "planted answer", "planted class",
                                    "rows of another shape"])
def test_a_damaged_or_planted_file_is_ignored(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    damage: str
) -> None:
    first = _kept(root, ARGS[0], capsys)
    path = root / CACHE_DIR / fieldkeys.FIELDS_FILE.format("stats")
    blob = read_blob(path)
    payload = cache_module._payload(blob, fieldkeys.FIELDS_MAGIC)
    assert payload is not None
    head = pickle.loads(bytes(payload))
    if damage == "cut":
        write_blob(path, blob[:-10])
    elif damage == "garbage":
        write_blob(path, b"\x00" * 100)
    elif damage == "planted answer":
        # Committed in a pull request: the true digests (no secret) and an answer under the
        # true key, but no stat of this checkout's files, so that every file is read again.
        t = T
        kb = open_kb(root, t, cache=False, on_left_out=None)
        found = [(r.rel, fieldkeys.digest_of(r)) for r in kb.files]
        key = fieldkeys._key(fieldkeys._context(load_config(root, t), t, TODAY, "stats",
                                                ARGS[0]), found)
        rows = {rel: ((0, 0, 0, 0, 0), d) for rel, d in found}
        _plant(path, (*head[:4], rows, (key, {"questions": {"received": 999}}, []), *head[6:]))
    elif damage == "rows of another shape":
        _plant(path, (*head[:4], {rel: 5 for rel in head[4]}, *head[5:]))
    else:  # a class that would run code when unpickled
        _plant(path, (*head[:5], (head[5][0], Path("/"), []), *head[6:]))
    assert _kept(root, ARGS[0], capsys) == first == _fresh(root, ARGS[0], capsys)


def _plant(path: Path, value: Any) -> None:
    new = pickle.dumps(value)
    write_blob(path, fieldkeys.FIELDS_MAGIC + cache_module._HEADER.pack(
        cache_module.FORMAT, len(new), zlib.crc32(new)) + new)


def _answer_from_parts(root: Path, args: tuple[Any, ...], capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    """The kept answer, with the records refused: made from the kept parts, or a failure."""
    with monkeypatch.context() as patched:
        _refuse_records(patched)
        return _kept(root, args, capsys)


# Edits of fields the figures read, each for the first record of its folder: the text with it.
_READ_EDITS: list[tuple[str, Any]] = [
    ("findings", lambda text: re.sub(r"(?m)^reported: (\d{4})", lambda m: "reported: "
                                     + str(int(m.group(1)) - 1), text, count=1)),
    ("findings", lambda text: re.sub(r"(?m)^( *follow_up: ).*$", r"\1rejected", text,
                                     count=1)),
    ("findings", lambda text: re.sub(r"(?m)^questions: \[.*\]$", "questions: []", text,
                                     count=1)),
    ("findings", lambda text: text + "themes: [melden]\n"),
    ("questions", lambda text: re.sub(r"(?m)^themes: \[.*\]$", "themes: [melden]", text,
                                      count=1)),
    ("questions", lambda text: re.sub(r"(?m)^received: (\d{4})", lambda m: "received: "
                                      + str(int(m.group(1)) - 2), text, count=1)),
    ("questions", lambda text: text.replace("to: matched", "to: refused", 1)),
    ("projects", lambda text: re.sub(r"(?m)^student_count: \d+", "student_count: 9", text,
                                     count=1)),
    ("projects", lambda text: re.sub(r"(?m)^status: \w+", "status: planned", text, count=1)),
    ("projects", lambda text: "id: [\n"),  # no longer a record: left out, and said so
]


@pytest.mark.parametrize("number", range(len(_READ_EDITS)))
def test_an_edit_of_a_field_the_figures_read_is_answered_from_the_kept_parts(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    number: int
) -> None:
    """Made again from what the figures read of each record, without opening the knowledge
    base, and the same as the answer made from every file afresh, for every quarter asked."""
    folder, edit = _READ_EDITS[number]
    for args in ARGS:
        _kept(root, args, capsys)
    path = sorted((root / "data" / folder).glob("*.yaml"))[0]
    edited = edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8")
    path.write_text(edited, encoding="utf-8")
    for args in ARGS:
        assert _answer_from_parts(root, args, capsys, monkeypatch) == \
            _fresh(root, args, capsys), args


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_one_after_another_give_the_answer_made_afresh(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Edits of any one-line field of any record (``_edits``), one to three files at a time,
    run after run: the parts made since the whole file was written are kept on their own (at
    most two here, so both ways are taken) and each answer is the one made afresh."""
    import random

    monkeypatch.setattr(fieldkeys, "ADDED_MOST", 2)
    chance = random.Random(seed)
    files = sorted((root / "data").rglob("*.yaml"))
    _kept(root, ARGS[0], capsys)
    from_parts = 0
    for _ in range(6):
        for path in chance.sample(files, chance.randint(1, 3)):
            edits = _edits(path.read_text(encoding="utf-8"))
            path.write_text(chance.choice(edits)[1], encoding="utf-8")
        args = chance.choice(ARGS)
        expected = _fresh(root, args, capsys)
        try:
            got = _answer_from_parts(root, args, capsys, monkeypatch)
            from_parts += 1
        except AssertionError:  # an ID edited: the file is left out and the records read
            got = _kept(root, args, capsys)
        assert got == expected, args
    assert from_parts >= 2
    added = root / CACHE_DIR / fieldkeys.ADDED_FILE.format("stats")
    whole = root / CACHE_DIR / fieldkeys.PARTS_FILE.format("stats")
    assert whole.is_file()
    assert added.is_file() or not added.exists()


def test_parts_planted_beside_this_checkouts_rows_are_not_used(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parts file with the true digests and false fields (committed in a pull request, or
    left by another checkout) holds another token than the rows name: the figures come from
    the records."""
    _kept(root, ARGS[0], capsys)
    path = root / CACHE_DIR / fieldkeys.PARTS_FILE.format("stats")
    folder = root / CACHE_DIR
    fingerprint, max_bytes, reads, _token, parts = cache_module.read_kept_chunks(
        folder, path.name, fieldkeys.PARTS_MAGIC)
    false = {rel: (digest, (what, {**held, "received": TODAY} if isinstance(held, dict)
                            else held)) for rel, (digest, (what, held)) in parts.items()}
    cache_module.write_cache_chunks(folder, path, fieldkeys.PARTS_MAGIC,
                                    (fingerprint, max_bytes, reads, "0" * 32), false)
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    finding.write_text(_READ_EDITS[0][1](finding.read_text(encoding="utf-8")),
                       encoding="utf-8")
    with pytest.raises(AssertionError, match="records were read"):
        _answer_from_parts(root, ARGS[0], capsys, monkeypatch)
    assert _kept(root, ARGS[0], capsys) == _fresh(root, ARGS[0], capsys)
    # The same file under the true token is used (so the test above tests the token).
    _kept(root, ARGS[0], capsys)
    finding.write_text(finding.read_text(encoding="utf-8") + "# again\n", encoding="utf-8")
    rows = fieldkeys._read(root, load_config(root, T), "stats", fieldkeys.READS)
    assert rows is not None
    cache_module.write_cache_chunks(folder, path, fieldkeys.PARTS_MAGIC,
                                    (fingerprint, max_bytes, reads, rows[3][0]), false)
    finding.write_text(_READ_EDITS[0][1](finding.read_text(encoding="utf-8")),
                       encoding="utf-8")
    assert _answer_from_parts(root, ARGS[0], capsys, monkeypatch) != \
        _fresh(root, ARGS[0], capsys)


@pytest.mark.parametrize("damage", ["cut", "garbage", "empty chunk", "count beyond the file",
                                    "a class in a chunk"])
def test_a_damaged_parts_file_is_not_used(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    damage: str
) -> None:
    """A parts file damaged after it was written (through ``_read_parts``, as a command reads
    it): the figures come from the records, and are those made afresh."""
    _kept(root, ARGS[0], capsys)
    folder = root / CACHE_DIR
    path = folder / fieldkeys.PARTS_FILE.format("stats")
    fingerprint, max_bytes, reads, token, parts = cache_module.read_kept_chunks(
        folder, path.name, fieldkeys.PARTS_MAGIC)
    head = pickle.dumps((fingerprint, max_bytes, reads, token, 1))
    if damage == "cut":
        write_blob(path, read_blob(path)[:-10])
    elif damage == "garbage":
        write_blob(path, read_blob(path)[:-10] + b"\x00" * 10)
    elif damage == "empty chunk":
        cache_module.write_cache_bytes(folder, path, fieldkeys.PARTS_MAGIC,
                                       head + pickle.dumps({}))
    elif damage == "count beyond the file":
        cache_module.write_cache_bytes(
            folder, path, fieldkeys.PARTS_MAGIC,
            pickle.dumps((fingerprint, max_bytes, reads, token, 10**9)) + pickle.dumps(parts))
    else:
        first = next(iter(parts))
        cache_module.write_cache_bytes(folder, path, fieldkeys.PARTS_MAGIC,
                                       head + pickle.dumps({first: Path("/")}))
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    finding.write_text(_READ_EDITS[0][1](finding.read_text(encoding="utf-8")),
                       encoding="utf-8")
    with pytest.raises(AssertionError, match="records were read"):
        _answer_from_parts(root, ARGS[0], capsys, monkeypatch)
    assert _kept(root, ARGS[0], capsys) == _fresh(root, ARGS[0], capsys)


def test_a_files_digest_does_not_depend_on_how_it_was_read(root: Path) -> None:
    """Read afresh, a record's keys may be the very string objects of the kinds' names (a
    finding's relation holds ``finding:``); read from the record cache, not: the digest, a
    pickle of the kind and the fields, is the same either way (else an edit of a comment could
    make the answer again instead of using the kept one). Asked here with the relations among
    the fields read, where the plain pickles differ."""
    reads = {**fieldkeys.READS, "finding": (*fieldkeys.READS["finding"], "relations")}
    afresh = open_kb(root, T, cache=False, on_left_out=None)
    open_kb(root, T, on_left_out=None)  # fills the record cache
    cached = open_kb(root, T, lazy=True, on_left_out=None)
    assert [r.rel for r in afresh.files] == [r.rel for r in cached.files]
    shared = 0
    for one, other in zip(afresh.files, cached.files, strict=True):
        assert fieldkeys.digest_of(one, reads) == fieldkeys.digest_of(other, reads), one.rel
        kind = one.kind.name
        shared += pickle.dumps((kind, tuple((one.data or {}).get(n) for n in reads[kind]))) \
            != pickle.dumps((kind, tuple((other.data or {}).get(n) for n in reads[kind])))
    assert shared  # the case this is about: the plain pickles differ
