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


def through_entry(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str, int]:
    """The whole program as the ``veiligestad`` script runs it (its quick paths first), in the
    test's process. The program tunes the cycle collector for a process that ends with the
    command (and may leave it off): this one goes on with other tests, so it is put back."""
    import gc

    from veiligestad.cli.entry import main

    enabled, threshold = gc.isenabled(), gc.get_threshold()
    sys.argv = ["veiligestad", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()
    out, err = capsys.readouterr()
    return out, err, code
