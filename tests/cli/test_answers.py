"""``stats`` and ``gaps`` answered from their kept answer when nothing they depend on changed,
and never otherwise: every change is compared with a run that reads every file afresh."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cachefiles import read_blob, write_blob
from tests.conftest import REPO
from veiligestad.cli.main import app
from veiligestad.store import answers
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, RecordCache

runner = CliRunner()

COMMANDS = [["stats", "--format", "json"], ["stats", "--quarter", "2026-Q2"],
            ["stats", "--audience", "public", "--format", "json"], ["gaps"],
            ["gaps", "--format", "json"]]


def run(kb: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--kb", str(kb), "--lang", lang, *args])
    return result.exit_code, result.stdout, result.stderr


def fresh(kb: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--kb", str(kb), "--lang", lang, *args],
                           env={"VEILIGESTAD_NO_CACHE": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    # Files written a moment ago are racy; here the stat alone decides, as it does for files
    # that were not changed in the last two seconds.
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    return root


def _no_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the cache's index was read")

    monkeypatch.setattr(RecordCache, "__init__", refuse)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_unchanged_knowledge_base_is_answered_without_reading_a_record(
    example: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    first = run(example, *args)
    assert first[0] == 0 and first[1]
    assert (example / CACHE_DIR / answers.ANSWER_FILE.format(args[0])).is_file()
    with monkeypatch.context() as patched:
        _no_records(patched)
        assert run(example, *args) == first
    assert fresh(example, *args) == first


def _field_edits(path: Path) -> list[tuple[str, str]]:
    """Each one-line top-level field of the file with its value changed."""
    text = path.read_text(encoding="utf-8")
    out = []
    for match in re.finditer(r"(?m)^([a-z_]+): (\S.*)$", text):
        key, value = match.groups()
        if key == "id":
            continue
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # a date: a year earlier
            new = str(int(value[:4]) - 1) + value[4:]
        else:
            new = value[:-1] + ("1" if value[-1] != "1" else "2")
        out.append((key, text[:match.start(2)] + new + text[match.end(2):]))
    return out


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_every_edit_of_a_field_is_seen(example: Path, kind: str) -> None:
    """Every one-line field of a record of each kind changed in turn after a kept answer:
    the answer equals a run that reads every file afresh."""
    path = sorted((example / "data" / kind).glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    commands = [["stats", "--format", "json"], ["gaps", "--format", "json"]]
    for key, edited in _field_edits(path):
        path.write_text(original, encoding="utf-8")
        for args in commands:
            run(example, *args)
        path.write_text(edited, encoding="utf-8")
        for args in commands:
            assert run(example, *args) == fresh(example, *args), (path.name, key, args)


@pytest.mark.parametrize("change", ["add", "remove", "break", "today", "language", "config",
                                    "code"])
def test_what_an_answer_depends_on_is_never_answered_from_it(
    example: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    lang = "en"
    for args in COMMANDS:
        run(example, *args)
    finding = sorted((example / "data/findings").glob("*.yaml"))[0]
    if change == "add":
        text = finding.read_text(encoding="utf-8")
        (example / "data/findings/F-2026-ZZZZ.yaml").write_text(
            text.replace(finding.stem, "F-2026-ZZZZ"), encoding="utf-8")
    elif change == "remove":
        finding.unlink()
    elif change == "break":  # a file left out from now on, named on standard error
        finding.write_text("id: [\n", encoding="utf-8")
    elif change == "today":
        monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-12-31")
    elif change == "language":
        lang = "nl"
    elif change == "config":
        config = example / "veiligestad.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "follow_up_days: 180", "follow_up_days: 30"), encoding="utf-8")
        assert "follow_up_days: 30" in config.read_text(encoding="utf-8")
    elif change == "code":
        monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "another version")
    for args in COMMANDS:
        assert run(example, *args, lang=lang) == fresh(example, *args, lang=lang), args
    if change == "break":
        assert f"{finding.relative_to(example).as_posix()}" in run(example, "stats")[2]


def test_racy_files_keep_no_answer(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 2_000_000_000)
    run(example, "stats")
    assert not (example / CACHE_DIR / answers.ANSWER_FILE.format("stats")).exists()


@pytest.mark.parametrize("where", ["windows", "no cache", "federated"])
def test_no_answer_is_kept_or_used_where_the_stat_proves_nothing(
    example: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "windows":
        monkeypatch.setattr(cache_module, "STAT_TRUSTED", False)
        run(example, "stats")
    elif where == "no cache":
        runner.invoke(app, ["--kb", str(example), "stats"], env={"VEILIGESTAD_NO_CACHE": "1"})
    else:
        run(example, "stats", "--federated")
    assert not (example / CACHE_DIR / answers.ANSWER_FILE.format("stats")).exists()


@pytest.mark.parametrize("damage", ["cut", "garbage", "planted"])
def test_a_damaged_or_planted_answer_is_ignored(
    example: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    import pickle
    import zlib

    first = run(example, "stats", "--format", "json")
    # The answer under the fields it reads is read first (store/fieldkeys.py): without it,
    # this answer is read.
    (example / CACHE_DIR / "fields-stats.pickle").unlink()
    path = example / CACHE_DIR / answers.ANSWER_FILE.format("stats")
    blob = read_blob(path)
    if damage == "cut":
        write_blob(path, blob[:-10])
    elif damage == "garbage":
        write_blob(path, b"\x00" * 100)
    else:  # the right shape and the tool's fingerprint, a key made for other files
        payload = cache_module._payload(blob, answers.ANSWER_MAGIC)
        assert payload is not None
        head = pickle.loads(bytes(payload))
        value = {"questions": {"received": 999_999}}
        new = pickle.dumps((*head[:3], "0" * 32, value, []))
        write_blob(path, answers.ANSWER_MAGIC + cache_module._HEADER.pack(
            cache_module.FORMAT, len(new), zlib.crc32(new)) + new)
    assert run(example, "stats", "--format", "json") == first
