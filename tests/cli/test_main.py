"""The command line as a whole: help for every command, version, exit codes, layering."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veiligestad import __version__
from veiligestad.cli.main import app, main
from veiligestad.cli.reference import _commands

runner = CliRunner()


def _all_commands() -> list[str]:
    import typer

    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="veiligestad")
    return [name.split(" ", 1)[1] for name, _ in _commands(root, ctx, "veiligestad")]


def test_every_command_has_help_text() -> None:
    names = _all_commands()
    assert {"init", "validate", "vocab"} <= set(names)
    for name in names:
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        summary = result.stdout.split("\n\n")[1].strip()
        assert len(summary) > 20, f"{name} has no real help text"


def test_every_command_is_documented() -> None:
    text = (Path(__file__).parents[2] / "docs" / "commands.md").read_text(encoding="utf-8")
    for name in _all_commands():
        assert f"## veiligestad {name}\n" in text


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"veiligestad {__version__}"


def test_unknown_option_is_a_usage_error(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", "--no-such-flag"])
    assert result.exit_code == 2


def test_bad_language_is_a_usage_error(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "fr", "validate"])
    assert result.exit_code == 2


def test_not_a_knowledge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "no knowledge base found" in result.stderr
    assert "veiligestad init" in result.stderr
    assert "Traceback" not in result.output


def test_kb_flag_must_point_at_a_knowledge_base(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--kb", str(tmp_path), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "is not a knowledge base" in result.stderr


def test_env_var_selects_the_knowledge_base(base_kb: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VEILIGESTAD_KB", str(base_kb))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output


def test_internal_error_exits_3_with_one_line(base_kb: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("veiligestad.commands.validate.run_checks", broken)
    monkeypatch.setenv("VEILIGESTAD_LOG_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["veiligestad", "--kb", str(base_kb), "validate"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err
    assert "Traceback" not in err
    logs = list(tmp_path.glob("veiligestad-crash-*.log"))
    assert len(logs) == 1 and "RuntimeError" in logs[0].read_text()


def test_core_never_imports_typer_or_rich() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import veiligestad\n"
        "for m in pkgutil.walk_packages(veiligestad.__path__, 'veiligestad.'):\n"
        "    if m.name.startswith('veiligestad.cli') or m.name == 'veiligestad.__main__':\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('typer', 'rich', 'click'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_python_dash_m_runs_the_command_line() -> None:
    out = subprocess.run([sys.executable, "-m", "veiligestad", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"veiligestad {__version__}"
