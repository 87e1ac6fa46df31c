"""``veiligestad intake import``: Dutch Excel habits, re-import as a no-op, bad rows named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import assert_valid, copy_example, snapshot
from veiligestad.cli.main import app

runner = CliRunner()
HEADER = ["Inzendingsnummer", "Ingediend op", "Titel van uw vraag", "Organisatie", "Afdeling",
          "Thema's", "Uw vraag", "Doelgroep", "Wijk", "Wat gaat u met het antwoord doen?",
          "Antwoord nodig vóór"]
ROWS = [
    ["101", "03-11-2026", "Hoe veilig zijn de fietsenstallingen?", "OV-vervoerder", "",
     "Openbaar vervoer; Veiligheidsbeleving", "Reizigers voelen zich onveilig in de stalling.",
     "Reizigers", "Stationsdistrict", "Input voor beleid", "01-06-2027"],
    ["102", "05-11-2026", "Werkt de buurtapp tegen intimidatie?", "Welzijnswerk",
     "Sociaal domein", "online", "Helpt een buurtapp?", "", "", "", ""],
    ["103", "06-11-2026", "Een vraag van een onbekende", "Supermarkt", "", "ov", "", "", "", "",
     ""],
    ["104", "07-11-2026", "Datum kan niet", "Politie", "", "straatintimidatie", "", "",
     "", "", "31-13-2027"],
]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", sep: str = ";") -> Path:
    lines = [sep.join(f'"{c}"' if sep in c else c for c in row) for row in [HEADER, *rows]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _import(root: Path, file: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "import",
                                 str(file), *extra])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _questions(root: Path) -> dict[str, dict[str, object]]:
    out = {}
    for path in sorted((root / "data/questions").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-8"])
def test_csv_the_dutch_excel_way(tmp_path: Path, encoding: str) -> None:
    root = copy_example(tmp_path / "kb")
    file = _csv(tmp_path / "export.csv", ROWS, encoding=encoding)
    code, out = _import(root, file)
    assert code == 1, out  # rows were rejected
    assert "2 created, 0 skipped, 2 rejected" in out
    assert "asked_by: 'Supermarkt' is not an allowed value" in out
    assert "needed_by: '31-13-2027' is not a date" in out
    questions = _questions(root)
    first, second = questions["Q-2026-015"], questions["Q-2026-016"]
    assert first["title"] == "Hoe veilig zijn de fietsenstallingen?"
    assert first["asked_by"] == "ov_vervoerder"
    assert first["themes"] == ["ov", "veiligheidsbeleving"]
    assert first["received"] == dt.date(2026, 11, 3)
    assert first["needed_by"] == dt.date(2027, 6, 1)
    assert first["submission"] == "101"
    # by: git's author (pinned in the tests' environment)
    assert first["status_history"] == [{"date": dt.date(2026, 11, 3), "to": "submitted",
                                        "by": "Test Student"}]
    assert second["department"] == "sociaal_domein" and second["submission"] == "102"
    assert "Q-2026-017" not in questions
    assert_valid(root)


def test_the_same_export_twice_creates_nothing_the_second_time(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    file = _csv(tmp_path / "export.csv", ROWS[:2])
    assert _import(root, file)[0] == 0
    after_first = snapshot(root)
    code, out = _import(root, file)
    assert code == 0
    assert "0 created, 2 skipped, 0 rejected" in out
    assert "already imported as Q-2026-015" in out
    assert snapshot(root) == after_first


def test_a_grown_export_creates_only_the_new_rows(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    assert _import(root, _xlsx(tmp_path / "week1.xlsx", [ROWS[0]]))[0] == 0
    grown = [ROWS[0], ROWS[1], ["105", dt.datetime(2026, 11, 20, 14, 3), "Nieuwe vraag",
                                "jongerenwerk", "", "online", "", "", "", "", ""]]
    code, out = _import(root, _xlsx(tmp_path / "week2.xlsx", grown))
    assert code == 0, out
    assert "2 created, 1 skipped, 0 rejected" in out
    questions = _questions(root)
    assert [q["submission"] for q in questions.values() if "submission" in q] == [
        "101", "102", "105"]
    assert questions["Q-2026-017"]["received"] == dt.date(2026, 11, 20)
    assert_valid(root)


def test_without_a_submission_column_the_row_is_its_own_identity(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  submission: Inzendingsnummer\n", ""), encoding="utf-8")
    file = _csv(tmp_path / "export.csv", ROWS[:2], sep=",")
    assert _import(root, file)[0] == 0
    code, out = _import(root, file)
    assert code == 0
    assert "0 created, 2 skipped" in out
    assert str(_questions(root)["Q-2026-015"]["submission"]).startswith("row-")


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    code, out = _import(root, _csv(tmp_path / "export.csv", ROWS), "--dry-run")
    assert code == 1
    assert "would be created" in out and "Q-2026-016" in out
    assert "dry run: nothing was written" in out
    # the summary too says what would happen, not what happened
    assert re.search(r"\d+ would be created, \d+ skipped", out), out
    assert not re.search(r"\d+ created,", out), out
    assert snapshot(root) == before


def test_an_export_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    before = snapshot(root)
    file = tmp_path / "other.csv"
    file.write_text("Naam;E-mail\nA;a@example.invalid\n", encoding="utf-8")
    code, out = _import(root, file)
    assert code == 2
    assert "the export lacks required columns" in out and "Naam, E-mail" in out
    code, out = _import(root, tmp_path / "missing.xlsx")
    assert code == 2
    bad = tmp_path / "export.ods"
    bad.write_text("x", encoding="utf-8")
    assert _import(root, bad)[0] == 2
    assert snapshot(root) == before


def test_a_blank_form_to_hand_out(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    form = tmp_path / "vragenformulier.xlsx"
    result = runner.invoke(app, ["--kb", str(root), "intake", "form", str(form)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(form)
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    choices = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows(min_row=2)}
    assert "Politie" in choices["Organisatie"]
    book.close()
    again = runner.invoke(app, ["--kb", str(root), "intake", "form", str(form)])
    assert again.exit_code == 2  # never overwrites
    csv_form = tmp_path / "vragenformulier.csv"
    assert runner.invoke(app, ["--kb", str(root), "intake", "form", str(csv_form)]).exit_code == 0
    assert csv_form.read_bytes().startswith(b"\xef\xbb\xbfInzendingsnummer;Ingediend op;")
    # The blank form, filled in, imports.
    filled = _xlsx(tmp_path / "filled.xlsx", [ROWS[1]])
    assert _import(root, filled)[0] == 0


def test_a_row_that_validate_would_reject_is_named_and_the_rest_numbered_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the reason on one line of the table
    root = copy_example(tmp_path / "kb")
    late = ["106", "10-11-2026", "Antwoord nodig vóór de vraag kwam", "politie", "", "ov", "",
            "", "", "", "01-01-2026"]
    code, out = _import(root, _csv(tmp_path / "export.csv", [ROWS[0], late, ROWS[1]]))
    assert code == 1, out
    assert "2 created, 0 skipped, 1 rejected" in out
    assert "'needed_by' (2026-01-01) is earlier than 'received' (2026-11-10) [date-order]" in out
    questions = _questions(root)
    assert questions["Q-2026-015"]["submission"] == "101"
    assert questions["Q-2026-016"]["submission"] == "102"  # no gap where row 3 was
    assert "Q-2026-017" not in questions
    assert_valid(root)


def test_a_form_may_map_notes_and_other_fields(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    needed_by: Antwoord nodig vóór\n",
        "    needed_by: Antwoord nodig vóór\n    notes: Opmerkingen\n"
        "    suitable_for: Geschikt voor\n"), encoding="utf-8")
    file = tmp_path / "export.csv"
    file.write_text("Inzendingsnummer;Titel van uw vraag;Organisatie;Thema's;Opmerkingen;"
                    "Geschikt voor\n7;Vraag;politie;ov;Fictief voorbeeld.;Scriptie, Minor\n",
                    encoding="utf-8")
    assert _import(root, file)[0] == 0
    question = _questions(root)["Q-2026-015"]
    assert question["notes"] == "Fictief voorbeeld."
    assert question["suitable_for"] == ["thesis", "minor"]
    assert_valid(root)


def test_a_mapping_to_an_unknown_field_is_a_config_error(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    title: Titel van uw vraag\n", "    titel: Titel van uw vraag\n"), encoding="utf-8")
    code, out = _import(root, _csv(tmp_path / "export.csv", ROWS[:1]))
    assert code == 2
    assert "intake_form cannot use field titel" in out
