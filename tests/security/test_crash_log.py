"""A crash log is safe to attach to a bug report: private to its user, free of record content."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from veiligestad.cli.main import main

SECRET = "jan.jansen-vertrouwelijk"


def _crash(monkeypatch: pytest.MonkeyPatch, base_kb: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        try:
            {}[SECRET]  # a key from a confidential record
        except KeyError as exc:
            raise RuntimeError(f"while reading {SECRET}") from exc

    monkeypatch.setattr("veiligestad.query.select", broken)
    monkeypatch.setattr(sys, "argv", ["veiligestad", "--kb", str(base_kb), "query",
                                      "questions", f"--match={SECRET}", "-w", SECRET])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("VEILIGESTAD_LOG_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "shared-tmp"))
    (tmp_path / "shared-tmp").mkdir()
    return tmp_path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_log_is_in_the_users_cache_private_and_holds_no_record_content(
        home: Path, base_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    _crash(monkeypatch, base_kb)
    err = capsys.readouterr().err
    assert SECRET not in err
    assert list((home / "shared-tmp").iterdir()) == []  # nothing in the shared temporary folder
    (log,) = (home / "home" / ".cache" / "veiligestad" / "logs").glob("veiligestad-crash-*.log")
    assert str(log) in err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text(encoding="utf-8")
    assert SECRET not in text and str(base_kb) not in text
    assert "builtins.RuntimeError" in text and "builtins.KeyError" in text  # types
    assert "test_crash_log.py" in text and "in broken" in text  # and where it happened
    assert "command: veiligestad --kb <value> query questions --match=<value> -w <value>" in text


def test_on_windows_the_log_goes_to_local_app_data(
        home: Path, base_kb: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    _crash(monkeypatch, base_kb)
    logs = list((home / "AppData" / "Local" / "veiligestad" / "Logs").glob("*.log"))
    assert len(logs) == 1 and SECRET not in logs[0].read_text(encoding="utf-8")
