"""Files that are not records, folders that cannot be written, writes that are interrupted."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.authoring_helpers import copy_example, snapshot
from tests.robustness.harness import base_copy, commands, run
from veiligestad.store import atomic

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes are POSIX")


def _problems(root: Path) -> set[tuple[str, str]]:
    result = run(root, ["validate", "--format", "json"])
    assert result.exit_code == 1, result.explain()
    return {(p["path"], p["rule"]) for p in json.loads(result.output)["problems"]}


@posix_only
def test_a_pipe_named_like_a_record_is_reported_never_opened(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    os.mkfifo(root / "data/findings/F-2026-XXXX.yaml")
    assert ("data/findings/F-2026-XXXX.yaml", "file-access") in _problems(root)
    out = tmp_path / "out"
    out.mkdir()
    for name, args in commands(out).items():
        result = run(root, args, seconds=20)
        assert not result.crashed, f"{name}: {result.explain()}"
        if not name.startswith("validate"):
            assert "data/findings/F-2026-XXXX.yaml" in result.stderr, name


@posix_only
def test_a_pipe_as_the_cache_is_never_opened(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    (root / ".veiligestad-cache").mkdir()
    os.mkfifo(root / ".veiligestad-cache/records.pickle")
    for args in (["query", "findings", "--format", "ids"], ["validate"], ["stats"]):
        result = run(root, args, seconds=20)
        assert not result.crashed and result.exit_code == 0, result.explain()


def test_a_folder_named_like_a_record_is_reported(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    (root / "data/findings/F-2026-DDDD.yaml").mkdir()
    assert ("data/findings/F-2026-DDDD.yaml", "file-access") in _problems(root)
    result = run(root, ["query", "findings", "--format", "ids"])
    assert result.exit_code == 0 and "data/findings/F-2026-DDDD.yaml" in result.stderr


# -- writes the system refuses: exit 2, a clear message, nothing changed, nothing left --

WRITERS = {
    "intake-question": ["intake", "question", "--no-input", "--title", "Een nieuwe vraag",
                        "--asked-by", "politie", "--theme", "ov"],
    "status": ["status", "Q-2026-014", "intake", "--by", "coördinator"],
    "link": ["link", "Q-2026-012", "P-2026-005"],
    "new-finding": ["new", "finding", "--no-input", "-p", "P-2026-004", "--title", "t",
                    "--statement", "s", "--type", "prevalence"],
}


def _import_args(tmp_path: Path) -> list[str]:
    from tests.commands.test_intake_import import ROWS, _csv

    return ["intake", "import", str(_csv(tmp_path / "export.csv", ROWS[:2]))]


def _refuse(error: int):  # type: ignore[no-untyped-def]
    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(error, os.strerror(error))

    return mkstemp


@pytest.mark.parametrize("error", [errno.EACCES, errno.EROFS, errno.ENOSPC],
                         ids=["permission", "read-only", "disk-full"])
@pytest.mark.parametrize("command", [*WRITERS, "intake-import"])
def test_a_refused_write_is_a_usage_error(command: str, error: int, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "kb")
    args = _import_args(tmp_path) if command == "intake-import" else WRITERS[command]
    before = snapshot(root)
    monkeypatch.setattr(tempfile, "mkstemp", _refuse(error))
    result = run(root, args)
    assert result.exit_code == 2, result.explain()
    assert not result.crashed
    assert "cannot be written" in result.stderr and os.strerror(error) in result.stderr
    assert snapshot(root) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write into a read-only folder")
@pytest.mark.parametrize("command", [*WRITERS, "intake-import"])
def test_a_read_only_data_folder(command: str, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    args = _import_args(tmp_path) if command == "intake-import" else WRITERS[command]
    before = snapshot(root)
    folders = [root / "data", *(p for p in (root / "data").iterdir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = run(root, args)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert result.exit_code == 2 and not result.crashed, result.explain()
    assert snapshot(root) == before


def test_disk_full_while_writing_leaves_no_temporary_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = os.fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "open", FullDisk, raising=False)
    for args in WRITERS.values():
        result = run(root, args)
        assert result.exit_code == 2 and not result.crashed, result.explain()
        assert os.strerror(errno.ENOSPC) in result.stderr
    assert snapshot(root) == before
    assert not [p for p in root.rglob("*.tmp")]


class Killed(BaseException):
    """The process ends here (nothing of the command line may catch it)."""


@pytest.mark.parametrize("step", ["link", "replace"])
def test_a_crash_between_the_temporary_write_and_the_rename(
        step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from veiligestad.cli.main import app

    root = copy_example(tmp_path / "kb")
    before = snapshot(root)

    def crash(*args: object) -> None:
        raise Killed

    args = WRITERS["intake-question"] if step == "link" else WRITERS["status"]
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")  # the cache's own rename is not under test
    monkeypatch.setattr(atomic.os, step, crash)
    with pytest.raises(Killed):
        CliRunner().invoke(app, ["--kb", str(root), *args], catch_exceptions=False)
    monkeypatch.undo()
    assert snapshot(root) == before
    assert not [p for p in root.rglob("*.tmp")]


# -- a write killed for real: its temporary file is reported, then removed by the next write --

KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from veiligestad.store import atomic
def killed(*args):
    os.kill(os.getpid(), signal.SIGKILL)
atomic.os.link = killed
atomic.write_new(Path(sys.argv[1]), "id: Q-2026-361\\n")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="kill -9 is POSIX")
def test_kill_9_between_the_steps(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    target = root / "data/questions/Q-2026-361.yaml"
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], timeout=60,
                          check=False)
    assert done.returncode == -9
    left = list((root / "data/questions").glob(".Q-2026-361.yaml.*.tmp"))
    assert len(left) == 1 and not target.exists()
    rel_left = left[0].relative_to(root).as_posix()
    assert {k: v for k, v in snapshot(root).items() if k != rel_left} == before  # all intact
    rel = left[0].relative_to(root).as_posix()
    assert (rel, "file-access") in _problems(root)
    # The next writing run removes it once it is surely stale (no write takes minutes).
    old = time.time() - atomic.STALE_AFTER_SECONDS - 60
    os.utime(left[0], (old, old))
    result = run(root, WRITERS["intake-question"])
    assert result.exit_code == 0, result.explain()
    assert not left[0].exists()
    assert not list(root.rglob("*.tmp"))


def test_a_fresh_temporary_file_of_a_running_write_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    fresh = folder / ".Q-2026-001.yaml.abc123xy.tmp"
    fresh.write_text("x")
    other = folder / ".notes.txt"
    other.write_text("x")
    assert atomic.remove_stale_temporaries(folder) == []
    assert atomic.remove_stale_temporaries(folder, time.time() + 3600) == [fresh]
    assert other.exists()


def test_the_mode_is_set_without_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows before Python 3.13 has no os.fchmod.
    monkeypatch.delattr(atomic.os, "fchmod", raising=False)
    target = tmp_path / "Q-2026-001.yaml"
    atomic.write_new(target, "id: Q-2026-001\n")
    assert target.read_text() == "id: Q-2026-001\n"
    if os.name == "posix":
        mask = os.umask(0)
        os.umask(mask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    atomic.replace(target, "id: Q-2026-002\n")
    assert target.read_text() == "id: Q-2026-002\n"
