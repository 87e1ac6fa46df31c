"""``veiligestad stats`` at the command line: the JSON is the engine's figures, the table reads."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import REPO, TODAY
from veiligestad.cli.main import app
from veiligestad.i18n import Translator
from veiligestad.stats import compute_stats
from veiligestad.store.kb import open_kb

runner = CliRunner()


def test_json_is_compute_stats() -> None:
    for quarter in ("2026-Q3", "2026K2", None):
        args = ["--quarter", quarter] if quarter else []
        result = runner.invoke(app, ["--kb", str(REPO), "stats", *args, "--format", "json"])
        assert result.exit_code == 0
        kb = open_kb(REPO, Translator("nl"))
        assert json.loads(result.stdout) == compute_stats(kb, quarter, TODAY)


def test_table_in_dutch() -> None:
    result = runner.invoke(app, ["--kb", str(REPO), "stats", "-q", "2026-Q3"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Cijfers over 2026-Q3 (2026-07-01 tot en met 2026-09-30)"
    figures = compute_stats(open_kb(REPO, Translator("nl")), "2026-Q3", TODAY)
    received = next(line for line in lines if "Vragen ontvangen" in line)
    assert received.split("│")[2].strip() == str(figures["questions"]["received"])
    assert any("Hogeschool Leiden" in line for line in lines)
    assert any("nog geen reactie" in line for line in lines)


def test_bad_quarter() -> None:
    result = runner.invoke(app, ["--kb", str(REPO), "--lang", "en", "stats", "-q", "2026-5"])
    assert result.exit_code == 2
    assert "'2026-5' is not a quarter" in result.stderr


def test_public_figures() -> None:
    result = runner.invoke(app, ["--kb", str(REPO), "stats", "--audience", "public", "-f", "json"])
    assert result.exit_code == 0
    kb = open_kb(REPO, Translator("nl"))
    assert json.loads(result.stdout) == compute_stats(kb, None, TODAY, public_only=True)
