"""IDs, dates, quarters and academic years are ASCII: no look-alike digit makes a second ID."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from veiligestad.cli.main import app
from veiligestad.commands.fieldinput import parse_date
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.ids import is_valid, next_numbered
from veiligestad.model.kinds import KINDS
from veiligestad.periods import parse_quarter

# Arabic-Indic, Extended Arabic-Indic, Devanagari, full-width, mathematical bold digit five
LOOK_ALIKE_FIVES = ["\u0665", "\u06f5", "\u096b", "\uff15", "\U0001d7d3"]
GOOD = {"question": "Q-2026-055", "project": "P-2026-055", "finding": "F-2026-5KQ3"}


@pytest.mark.parametrize("five", LOOK_ALIKE_FIVES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_id_with_a_look_alike_digit_is_not_an_id(kind: str, five: str) -> None:
    good = GOOD[kind]
    assert is_valid(good, KINDS[kind])
    assert not is_valid(good.replace("5", five), KINDS[kind])
    assert not is_valid(good + "\n", KINDS[kind])


def test_look_alike_ids_do_not_count_when_numbering() -> None:
    taken = ["Q-2026-001", "Q-2026-9\u0665\u0665"]
    assert next_numbered(KINDS["question"], 2026, taken) == "Q-2026-002"


@pytest.mark.parametrize("text", ["\uff12\uff10\uff12\uff16-Q3", "\u0662\u0660\u0662\u0666-Q3"])
def test_a_quarter_in_look_alike_digits_is_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_quarter(text, Translator("en"))


@pytest.mark.parametrize("text", ["\u0660\u0661-\u0660\u0662-\u0662\u0660\u0662\u0667",
                                  "\uff12\uff10\uff12\uff17-01-02"])
def test_a_date_in_look_alike_digits_is_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_date(text, "needed_by", Translator("en"))


def test_commands_do_not_take_a_look_alike_id(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    runner = CliRunner()
    for args in (["show", "Q-2026-0\u0660\u0661"], ["status", "Q-2026-0\u0660\u0661", "intake"],
                 ["query", "projects", "--linked-to", "Q-2026-0\u0660\u0661"]):
        result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *args])
        assert result.exit_code == 2, (args, result.output)
