"""The record cache can make a run faster, never wrong: every way it could lie is tried here."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import TODAY
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, CACHE_FILE, MAGIC, RecordCache, stat_key
from veiligestad.store.kb import open_kb

T = Translator("en")
QUESTION = "data/questions/Q-2026-001.yaml"


def _problems(root: Path, *, cache: bool | None = None, today: dt.date = TODAY) -> list[str]:
    result = validate(root, T, today, cache=cache)
    return [f"{p.path}:{p.line}:{p.column}: {p.rule} {p.message}" for p in result.problems]


def _cache_file(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def _swap_one_byte(path: Path, old: bytes, new: bytes) -> None:
    """Change content, keep the size and put the modification time back as it was."""
    assert len(old) == len(new)
    info = path.stat()
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (info.st_size, info.st_mtime_ns)


def test_a_warm_run_gives_the_same_problems_and_reuses_the_cache(base_kb: Path) -> None:
    (base_kb / QUESTION).write_text(
        (base_kb / QUESTION).read_text().replace("themes:", "themse:"), encoding="utf-8")
    cold = _problems(base_kb, cache=False)
    assert any("themse" in line for line in cold)
    assert not (base_kb / CACHE_DIR).exists()  # --no-cache writes nothing
    first = _problems(base_kb)
    assert _cache_file(base_kb).is_file()
    assert _problems(base_kb) == first == cold
    kb = open_kb(base_kb, T)
    assert kb.cache is not None and set(kb.cache.new) == {r.rel for r in kb.files}


def test_one_byte_changed_under_the_same_size_and_mtime_is_seen(base_kb: Path) -> None:
    assert _problems(base_kb) == []
    _swap_one_byte(base_kb / QUESTION, b"status: ", b"ststus: ")
    found = _problems(base_kb)
    assert any(QUESTION in line and "unknown-field" in line for line in found), found


def test_a_racy_file_is_read_even_when_its_stat_matches(base_kb: Path) -> None:
    """A file system with coarse time stamps could show a changed file with the recorded stat.

    The cache is made to record the changed file's stat with the old content's data: the file
    changed within the racy window of the cache's making, so its bytes are checked anyway.
    """
    assert _problems(base_kb) == []
    path = base_kb / QUESTION
    stale = RecordCache(base_kb, 262_144)
    old_entry = stale.old[QUESTION]
    _swap_one_byte(path, b"status: ", b"ststus: ")
    forged = RecordCache(base_kb, 262_144)
    forged.new = dict(stale.old)
    old_entry.key = stat_key(os.lstat(path))  # the stat now claims "unchanged"
    forged.changed = True
    forged.save()
    found = _problems(base_kb)
    assert any(QUESTION in line and "unknown-field" in line for line in found), found


def test_a_file_outside_the_racy_window_is_taken_from_the_cache(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the racy check: an old, unchanged stat is trusted without reading."""
    open_kb(base_kb, T)
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)  # nothing counts as racy
    record_cache = RecordCache(base_kb, 262_144)
    record_cache.old[QUESTION].data = {"id": "Q-2026-001", "title": "from the cache"}
    monkeypatch.setattr(cache_module, "RecordCache", lambda root, max_bytes: record_cache)
    import veiligestad.store.kb as kb_module

    monkeypatch.setattr(kb_module, "RecordCache", lambda root, max_bytes: record_cache)
    kb = open_kb(base_kb, T, save_cache=False)
    found = kb.get("Q-2026-001")
    assert found is not None and found.data is not None
    assert found.data["title"] == "from the cache"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other-version"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(base_kb: Path, damage: str) -> None:
    clean = _problems(base_kb, cache=False)
    _problems(base_kb)
    path = _cache_file(base_kb)
    blob = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00not a cache at all" * 50)
    elif damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped":
        middle = len(blob) // 2
        path.write_bytes(blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        record_cache = RecordCache(base_kb, 262_144)
        record_cache.fingerprint = "another version"
        record_cache.new = dict(record_cache.old)
        record_cache.changed = True
        record_cache.save()
    assert RecordCache(base_kb, 262_144).old == {}
    # A poisoned entry would show up as a problem; there are none, as without a cache.
    assert _problems(base_kb) == clean
    assert RecordCache(base_kb, 262_144).old != {}  # rebuilt


def test_a_planted_cache_cannot_run_code(base_kb: Path, tmp_path: Path) -> None:
    """A pickle that would run a command is refused, even with a valid header and checksum."""
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(((cache_module.tool_fingerprint(), 262_144, 0), [Evil()]))
    blob = MAGIC + cache_module._HEADER.pack(cache_module.FORMAT, len(payload),
                                             zlib.crc32(payload)) + payload
    _cache_file(base_kb).parent.mkdir()
    _cache_file(base_kb).write_bytes(blob)
    assert _problems(base_kb) == []
    assert not marker.exists()
    with pytest.raises(pickle.UnpicklingError):
        cache_module._SafeUnpickler(io.BytesIO(payload)).load()


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    base_kb: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (base_kb / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    assert _problems(base_kb) == []
    assert list(elsewhere.iterdir()) == []


def test_a_read_only_knowledge_base_runs_without_a_cache(base_kb: Path) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("root can write anywhere; Windows has no read-only folders by mode")
    os.chmod(base_kb, 0o555)
    try:
        assert _problems(base_kb) == []
    finally:
        os.chmod(base_kb, 0o755)


def test_config_language_and_date_changes_are_never_answered_from_the_cache(
    base_kb: Path,
) -> None:
    assert _problems(base_kb) == []
    # Today's date: an embargo far ahead is a warning only from some day on.
    question = base_kb / QUESTION
    question.write_text(question.read_text() + "embargo_until: 2040-01-01\n", encoding="utf-8")
    early = [p for p in _problems(base_kb, today=dt.date(2026, 1, 1)) if " embargo " in p]
    late = [p for p in _problems(base_kb, today=dt.date(2030, 6, 1)) if " embargo " in p]
    assert early and not late
    # The language of the messages.
    dutch = validate(base_kb, Translator("nl"), TODAY)
    english = validate(base_kb, Translator("en"), TODAY)
    assert [p.message for p in dutch.problems] != [p.message for p in english.problems]
    assert english.problems == validate(base_kb, Translator("en"), TODAY, cache=False).problems
    # The config: a theme dropped from the vocabulary makes the record's theme unknown.
    data = json.loads(json.dumps(open_kb(base_kb, T).get("Q-2026-001").data, default=str))  # type: ignore[union-attr]
    theme = data["themes"][0]
    config = base_kb / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.strip().startswith(f"{theme}:")]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(theme in p and "schema" in p for p in _problems(base_kb))


def test_processes_running_at_once_do_not_break_the_cache(base_kb: Path) -> None:
    expected = subprocess.run(
        [sys.executable, "-m", "veiligestad", "--kb", str(base_kb), "validate", "-f", "json",
         "--no-cache"], capture_output=True, text=True, check=False).stdout
    for _round in range(2):
        procs = [subprocess.Popen(
            [sys.executable, "-m", "veiligestad", "--kb", str(base_kb), "validate", "-f", "json"],
            stdout=subprocess.PIPE, text=True) for _ in range(3)]
        outputs = [p.communicate()[0] for p in procs]
        assert outputs == [expected] * 3
        (base_kb / QUESTION).touch()  # make the next round write the cache again
    assert RecordCache(base_kb, 262_144).old != {}
    leftovers = [p.name for p in (base_kb / CACHE_DIR).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_planted_cache_with_the_right_digests_cannot_hide_a_problem(
    base_kb: Path, tmp_path: Path
) -> None:
    """A pull request that commits a cache: true digests of its files, clean parses, no problems.

    The cache is made for a clean copy and then moved under a knowledge base whose record has a
    problem, with that record's true digest written in: the stat of the new checkout differs, so
    the record is parsed again and its problem reported.
    """
    import shutil

    from veiligestad.store.records import digest

    clean = tmp_path / "clean"
    shutil.copytree(base_kb, clean)
    assert _problems(clean) == []
    path = base_kb / QUESTION
    path.write_text(path.read_text().replace("themes:", "themse:"), encoding="utf-8")
    planted = RecordCache(clean, 262_144)
    planted.new = dict(planted.old)
    planted.new[QUESTION].digest = digest(path.read_bytes())
    planted.changed = True
    planted.save()
    shutil.copytree(clean / CACHE_DIR, base_kb / CACHE_DIR)
    found = _problems(base_kb)
    assert any("themse" in line for line in found), found
