"""Running the command line in the test's process: through Typer, or through the quick path of
`validate` that answers before Typer is imported; what each printed and its exit code."""

from __future__ import annotations

import sys

import pytest

from veiligestad.cli import quick


def through_typer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str, int]:
    from veiligestad.cli.main import main

    sys.argv = ["veiligestad", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return out, err, code


def quick_validate(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str, int]:
    """`validate` answered by the quick path; it must answer (not hand over to Typer)."""
    code = quick.answer(argv, run=True)
    out, err = capsys.readouterr()
    assert code is not None, argv
    return out, err, code
