"""New files where the file system has no hard links (a FAT or exFAT USB stick, some network
drives, many Windows set-ups): still written in full, still never over an existing file, never
half-written; and a failed replace leaves no temporary file, even of a read-only record."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.robustness.harness import base_copy, run
from veiligestad.store import atomic
from veiligestad.store.atomic import NotWritable, replace, write_new


def _no_links(monkeypatch: pytest.MonkeyPatch, exists_check: bool = True) -> None:
    real = os.link

    def refuse(source: object, target: object, *args: object, **kwargs: object) -> None:
        if exists_check and os.path.lexists(str(target)):
            real(source, target)  # the system's own FileExistsError
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("rename", [False, True], ids=["exclusive-create", "rename"])
def test_a_new_file_is_written_without_hard_links(rename: bool, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _no_links(monkeypatch)
    monkeypatch.setattr(atomic, "RENAME_REFUSES_EXISTING", rename)
    target = tmp_path / "data" / "F.yaml"
    write_new(target, "id: F\ntitle: é\r\n")
    assert target.read_bytes() == "id: F\ntitle: é\r\n".encode()
    assert _temporaries(target.parent) == []


@pytest.mark.parametrize("rename", [False, True], ids=["exclusive-create", "rename"])
def test_an_existing_file_is_never_overwritten_without_hard_links(
        rename: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_links(monkeypatch, exists_check=False)  # the fallback itself must refuse
    monkeypatch.setattr(atomic, "RENAME_REFUSES_EXISTING", rename)
    if rename:  # as on Windows, where a rename never replaces a file
        real = os.rename

        def refusing(source: str, target: str) -> None:
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "File exists", target)
            real(source, target)

        monkeypatch.setattr(os, "rename", refusing)
    target = tmp_path / "F.yaml"
    target.write_bytes(b"kept\n")
    with pytest.raises(FileExistsError):
        write_new(target, "new\n")
    assert target.read_bytes() == b"kept\n"
    assert _temporaries(tmp_path) == []


def test_a_link_planted_at_the_target_is_not_followed(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _no_links(monkeypatch, exists_check=False)
    secret = tmp_path / "secret"
    secret.write_bytes(b"secret\n")
    target = tmp_path / "data" / "F.yaml"
    target.parent.mkdir()
    target.symlink_to(secret)
    with pytest.raises(FileExistsError):
        write_new(target, "new\n")
    assert secret.read_bytes() == b"secret\n"


def test_a_failed_move_into_place_leaves_nothing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The content arrives in one step (a rename over the empty file claimed for it): when
    that fails, neither the claimed file nor the temporary one is left."""
    _no_links(monkeypatch)

    def full(source: object, target: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", full)
    target = tmp_path / "F.yaml"
    with pytest.raises(NotWritable):
        write_new(target, "x" * 100_000)
    assert not target.exists()
    assert _temporaries(tmp_path) == []


def test_the_commands_that_add_records_work_without_hard_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``new`` and ``intake`` (``write_new``) and ``intake form`` (its own temporary file)."""
    _no_links(monkeypatch)
    root = base_copy(tmp_path)
    before = {p.name for p in (root / "data").rglob("*.yaml")}
    for args in (["new", "finding", "--no-input", "-p", "P-2026-001", "--title", "t",
                  "--statement", "s", "--type", "prevalence", "-q", "Q-2026-001"],
                 ["intake", "question", "--no-input", "--title", "Een vraag", "--asked-by",
                  "politie", "--theme", "ov"],
                 ["intake", "form", str(tmp_path / "form.xlsx")]):
        result = run(root, args)
        assert result.exit_code == 0, result.explain()
    added = {p.name for p in (root / "data").rglob("*.yaml")} - before
    assert len(added) == 2, added
    assert (tmp_path / "form.xlsx").stat().st_size > 0
    assert not [p for p in root.rglob("*.tmp")]


def test_a_failed_replace_of_a_read_only_record_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "F.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o444)

    def refused(source: object, destination: object) -> None:  # as Windows does
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(os, "replace", refused)
    unlinked: list[str] = []
    real_unlink = os.unlink

    def unlink(path: object, *args: object, **kwargs: object) -> None:
        if not os.stat(str(path)).st_mode & 0o200:  # Windows removes no read-only file
            raise PermissionError(errno.EACCES, "Access is denied")
        unlinked.append(str(path))
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(NotWritable):
        replace(target, "new\n")
    assert unlinked and _temporaries(tmp_path) == []
    assert target.read_bytes() == b"old\n"


def test_a_record_another_program_holds_open_gets_the_hint_to_close_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file another program has open (an editor, a spreadsheet):
    the replace fails with permission, naming both paths. The user is told to close it, not
    to check the disk; every other refusal keeps the general hint. Nothing is changed."""
    root = base_copy(tmp_path)
    record = next((root / "data" / "findings").glob("*.yaml"))
    before = record.read_bytes()
    finding = record.stem

    def held(source: object, target: object) -> None:  # as Windows refuses an open file
        raise PermissionError(errno.EACCES, "Access is denied", str(source), None, str(target))

    monkeypatch.setattr(os, "replace", held)
    result = run(root, ["status", finding, "reviewed", "--reason", "checked"])
    assert result.exit_code == 2, result.explain()
    assert "open in another program" in result.stderr and "Traceback" not in result.stderr
    assert record.read_bytes() == before
    assert _temporaries(record.parent) == []

    def full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run(root, ["status", finding, "reviewed", "--reason", "checked"])
    assert result.exit_code == 2, result.explain()
    assert "disk has room" in result.stderr and "open in another program" not in result.stderr
    assert record.read_bytes() == before
