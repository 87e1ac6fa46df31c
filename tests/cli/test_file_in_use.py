"""An output file that another program holds open (a report in a PDF viewer, an export in a
spreadsheet): Windows refuses to replace it. Every command that replaces an output says which
file, and that it may be open elsewhere: never the temporary file beside it, never a traceback;
the file keeps what it held and no temporary file is left."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.robustness.harness import QUARTER, base_copy, run


def _targets(out: Path) -> dict[str, tuple[list[str], Path]]:
    return {
        "report-md": (["report", "quarterly", "--quarter", QUARTER, "--format", "md", "-o",
                       str(out / "q.md")], out / "q.md"),
        "report-html": (["report", "quarterly", "--quarter", QUARTER, "--format", "html", "-o",
                         str(out / "q.html")], out / "q.html"),
        "export-json": (["export", "json", str(out / "x.json")], out / "x.json"),
        "export-xlsx": (["export", "xlsx", str(out / "x.xlsx")], out / "x.xlsx"),
        "export-sqlite": (["export", "sqlite", str(out / "x.sqlite")], out / "x.sqlite"),
    }


@pytest.mark.parametrize("name", sorted(_targets(Path("out"))))
def test_a_file_open_elsewhere_is_named_with_a_hint(name: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = base_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    args, target = _targets(out)[name]
    target.write_bytes(b"the previous one\n")

    def in_use(source: str, destination: str, *rest: object, **kwargs: object) -> None:
        if Path(destination) == target:  # as Windows does for a file open in another program
            raise PermissionError(errno.EACCES, "Access is denied", str(source), None,
                                  str(destination))
        os.rename(source, destination)

    monkeypatch.setattr(os, "replace", in_use)
    result = run(root, args)
    assert not result.crashed, result.explain()
    assert result.exit_code == 2, result.explain()
    assert str(target) in result.stderr, result.stderr
    assert "open in another program" in result.stderr, result.stderr
    assert target.read_bytes() == b"the previous one\n"
    assert sorted(p.name for p in out.iterdir()) == [target.name]
