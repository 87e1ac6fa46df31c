"""Hostile records, data-driven like ``tests/cases/invalid/``: a folder per case in
``tests/cases/hostile/`` with its files under ``data/`` and an ``expected.yaml`` that lists the
problems and, under ``never_echoed``, what no output of ``validate`` may repeat (in any format,
in either language). Adding a case is adding a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.checks.test_cases import _core, build, expected
from tests.conftest import CASES, TODAY
from veiligestad.cli.main import app
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator

HOSTILE = sorted(p for p in (CASES / "hostile").iterdir() if p.is_dir())
runner = CliRunner()


def _never_echoed(case: Path) -> list[str]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8")) or {}
    return list(data.get("never_echoed", []))


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_case_yields_its_problems(case: Path, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    result = validate(root, Translator("en"), TODAY)
    assert _core([p.to_json() for p in result.problems]) == expected(case)


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_output_repeats_what_it_must_not(case: Path, tmp_path: Path, lang: str) -> None:
    root = build(case, tmp_path)
    secrets = _never_echoed(case)
    for fmt in ("text", "json", "github"):
        result = runner.invoke(app, ["--kb", str(root), "--lang", lang, "validate",
                                     "--format", fmt])
        assert result.exit_code == 1, result.output
        for secret in secrets:
            assert secret not in result.output, (fmt, secret)
