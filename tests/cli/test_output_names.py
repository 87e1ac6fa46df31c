"""What an output's name says is what is written: ``report -o r.html`` is HTML without
``--format``, a name that ends in another format's suffix than the one asked for is a usage
error (exit 2, nothing written), and ``-o FOLDER/`` writes the report's usual name there. The
same for every command that writes one file in a format: ``report quarterly``, ``report
partner`` and ``export``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.commands.report_helpers import copy_example
from veiligestad.cli.main import app

runner = CliRunner()


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "leiden")


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args])
    return result.exit_code, result.stdout + result.stderr


REPORTS = [["report", "quarterly", "-q", "2026-Q3"],
           ["report", "partner", "politie", "-q", "2026-Q3"]]


@pytest.mark.parametrize("command", REPORTS)
@pytest.mark.parametrize(("name", "starts"), [("r.html", b"<!DOCTYPE html>"),
                                              ("r.HTM", b"<!DOCTYPE html>"),
                                              ("r.md", b"#"), ("r.markdown", b"#"),
                                              ("r.txt", b"#"), ("r", b"#")])
def test_the_name_decides_the_format_when_none_is_asked(
        kb: Path, tmp_path: Path, command: list[str], name: str, starts: bytes) -> None:
    target = tmp_path / "out" / name
    code, output = _run(kb, *command, "-o", str(target))
    assert code == 0, output
    assert target.read_bytes().startswith(starts)


@pytest.mark.parametrize("command", REPORTS)
@pytest.mark.parametrize(("name", "format"), [("r.html", "md"), ("r.md", "html"),
                                              ("r.pdf", "html"), ("r.htm", "pdf")])
def test_a_name_of_another_format_is_refused(kb: Path, tmp_path: Path, command: list[str],
                                             name: str, format: str) -> None:
    out = tmp_path / "out"
    code, output = _run(kb, *command, "-o", str(out / name), "--format", format)
    assert code == 2, output
    assert f"but --format {format} was asked for" in output and "Traceback" not in output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("command", REPORTS)
def test_a_folder_gets_the_report_under_its_usual_name(kb: Path, tmp_path: Path,
                                                       command: list[str]) -> None:
    new = tmp_path / "new"
    code, output = _run(kb, *command, "-o", f"{new}{os.sep}", "--format", "html")
    assert code == 0, output
    written = sorted(p.name for p in new.iterdir())
    assert len(written) == 1 and written[0].endswith("-2026-Q3.html"), written
    existing = tmp_path / "existing"
    existing.mkdir()
    code, output = _run(kb, *command, "-o", str(existing))
    assert code == 0, output
    names = sorted(p.name for p in existing.iterdir())
    assert any(n.endswith("-2026-Q3.md") for n in names), names
    assert all(not n.startswith("existing") for n in names)


@pytest.mark.parametrize(("format", "name"), [("json", "e.xlsx"), ("xlsx", "e.json"),
                                              ("sqlite", "e.csv"), ("json", "e.db")])
def test_export_refuses_a_name_of_another_format(kb: Path, tmp_path: Path, format: str,
                                                 name: str) -> None:
    code, output = _run(kb, "export", format, str(tmp_path / name))
    assert code == 2, output
    assert "but the format is" in output and not (tmp_path / name).exists()


def test_export_to_a_folder_says_to_name_the_file(kb: Path, tmp_path: Path) -> None:
    code, output = _run(kb, "export", "xlsx", str(tmp_path))
    assert code == 2, output
    assert "names a folder" in output and "export.xlsx" in output
    new = tmp_path / "new"  # written as a folder, not there yet: not a file named "new"
    for written in (f"{new}/", f"{new}{os.sep}"):
        code, output = _run(kb, "export", "xlsx", written)
        assert code == 2 and "names a folder" in output, output
        assert not new.exists()


def test_export_csv_refuses_a_file_name_of_another_format(kb: Path, tmp_path: Path) -> None:
    for name in ("o.json", "o.xlsx", "o.db"):
        code, output = _run(kb, "export", "csv", str(tmp_path / name))
        assert code == 2 and "but the format is csv" in output, output
        assert not (tmp_path / name).exists()
    code, output = _run(kb, "export", "csv", str(tmp_path / "tabellen"))
    assert code == 0, output


@pytest.mark.parametrize(("format", "name"), [("json", "e.json"), ("sqlite", "e.sqlite"),
                                              ("xlsx", "e.xlsx"), ("json", "e")])
def test_export_takes_a_fitting_name_or_none(kb: Path, tmp_path: Path, format: str,
                                             name: str) -> None:
    code, output = _run(kb, "export", format, str(tmp_path / name))
    assert code == 0, output
    assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("command", REPORTS)
def test_without_o_inside_the_knowledge_base_the_report_goes_into_build(
        kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """The current folder, where an internal report would be refused inside the knowledge
    base (easily committed): there its build/ folder, which init's .gitignore lists."""
    (kb / ".gitignore").write_text("build/\n", encoding="utf-8")
    monkeypatch.chdir(kb / "data")
    code, output = _run(kb, *command)
    assert code == 0, output
    assert [p.suffix for p in (kb / "build").iterdir()].count(".md") == 1
    assert not list((kb / "data").glob("*-2026-Q3*"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, output = _run(kb, *command)
    assert code == 0, output
    assert any(p.name.endswith("-2026-Q3.md") for p in elsewhere.iterdir())


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_linked_build_folder_is_never_the_default(kb: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A build/ a pull request committed as a link could lead anywhere: without -o, the report
    does not follow it (the current folder as before, which the guard refuses)."""
    (kb / ".gitignore").write_text("build/\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (kb / "build").symlink_to(elsewhere, target_is_directory=True)
    from tests.gitkb import init_repo

    init_repo(kb)  # the link committed, as a pull request would
    monkeypatch.chdir(kb)
    code, output = _run(kb, "report", "quarterly", "-q", "2026-Q3")
    assert code == 2, output
    assert list(elsewhere.iterdir()) == []
