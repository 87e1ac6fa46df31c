"""``veiligestad intake import``: questions from a partner form's export (.csv or .xlsx).

The form's columns are mapped to question fields by ``intake_form`` in ``veiligestad.yaml``.
Every question remembers its submission (the form's submission number, or a fingerprint of the
row when the form has none), so importing the same export again, or an export that has grown,
creates only the questions that are new. A bad row is rejected with its reasons; the good rows
are imported all the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from veiligestad.commands.authoring import QUESTION_ASKS
from veiligestad.commands.fieldinput import parse_date
from veiligestad.commands.intake import intake_question
from veiligestad.commands.recordfile import Written, write
from veiligestad.commands.safety import refuse_new_errors
from veiligestad.errors import ConfigError, TemplateProblem, UsageError
from veiligestad.i18n import Translator
from veiligestad.spreadsheet import append_row, csv_row
from veiligestad.store.config import Config
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.root import CONFIG_NAME

CREATED: Final = "created"
SKIPPED: Final = "skipped"
REJECTED: Final = "rejected"
# Used when veiligestad.yaml has no intake_form section; the same as the documented default.
DEFAULT_FORM: Final[dict[str, Any]] = {
    "submission": "Inzendingsnummer",
    "columns": {
        "received": "Ingediend op",
        "title": "Titel van uw vraag",
        "asked_by": "Organisatie",
        "department": "Afdeling",
        "themes": "Thema's",
        "original_text": "Uw vraag",
        "target_group": "Doelgroep",
        "location": "Wijk",
        "intended_use": "Wat gaat u met het antwoord doen?",
        "needed_by": "Antwoord nodig vóór",
    },
}
MAPPABLE: Final = (*(a.name for a in QUESTION_ASKS), "received", "notes")
_REQUIRED: Final = tuple(a.name for a in QUESTION_ASKS if a.required)


@dataclass(frozen=True)
class FormMapping:
    """Which column holds the submission number, and which column feeds which field."""

    submission: str | None
    columns: Mapping[str, str]  # field → column header


@dataclass(frozen=True)
class RowOutcome:
    """What happened to one row of the export (its number as the spreadsheet shows it)."""

    row: int
    outcome: str
    record_id: str | None
    title: str
    reason: str = ""


@dataclass
class ImportResult:
    """Every row's outcome."""

    rows: list[RowOutcome] = field(default_factory=list)
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def created(self) -> list[str]:
        return [r.record_id for r in self.rows if r.outcome == CREATED and r.record_id]


def form_mapping(config: Config, t: Translator) -> FormMapping:
    """The ``intake_form`` section of ``veiligestad.yaml`` (or the default form), checked."""
    raw = config.section("intake_form")
    section = DEFAULT_FORM if raw is None else raw
    columns = section.get("columns") if isinstance(section, dict) else None
    if not isinstance(columns, dict) or not columns:
        raise ConfigError(t("config.not_section", path=CONFIG_NAME, key="intake_form.columns"),
                          hint=t("import.form_hint"))
    for name, header in columns.items():
        if name not in MAPPABLE or not isinstance(header, str) or not header.strip():
            raise ConfigError(t("import.bad_mapping", path=CONFIG_NAME, field=str(name)),
                              hint=t("import.mappable", fields=", ".join(MAPPABLE)))
    submission = section.get("submission")
    if submission is not None and not isinstance(submission, str):
        raise ConfigError(t("import.bad_mapping", path=CONFIG_NAME, field="submission"),
                          hint=t("import.form_hint"))
    return FormMapping(submission, {str(k): str(v) for k, v in columns.items()})


def read_table(path: Path, t: Translator) -> list[list[str]]:
    """The rows of a .csv or .xlsx file as text cells (the header row first)."""
    from veiligestad.store.spreadsheet import check_cells, check_table_file, check_xlsx

    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(t("import.no_file", path=str(path)))
    if suffix == ".xlsx":
        check_xlsx(path, t)  # zip and XML bombs, before openpyxl reads anything
        rows = _read_xlsx(path, t)
        check_cells(rows, path, t)
        return rows
    if suffix == ".csv":
        check_table_file(path, t)
        rows = _read_csv(path.read_bytes(), path, t)
        check_cells(rows, path, t)
        return rows
    raise UsageError(t("import.bad_suffix", path=str(path)), hint=t("import.bad_suffix_hint"))


def _read_csv(raw: bytes, path: Path, t: Translator) -> list[list[str]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Dutch Windows saves "CSV" in Windows-1252 unless told otherwise.
            text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # a cell over the reader's limit (131,072 characters), a NUL
        raise UsageError(t("import.unreadable", path=f"{path}:{reader.line_num}",
                           error=_why(exc)), hint=t("import.unreadable_hint")) from None


def _read_xlsx(path: Path, t: Translator) -> list[list[str]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # A partner's export is untrusted: whatever a damaged or foreign file makes openpyxl raise
    # (a zip that is not one, XML that is not a sheet) is the file's fault, not the tool's.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UsageError(t("import.unreadable", path=str(path), error=_why(exc)),
                         hint=t("import.unreadable_hint")) from None
    except Exception as exc:  # the same: anything else a damaged file makes openpyxl raise
        raise UsageError(t("import.unreadable", path=str(path), error=_why(exc)),
                         hint=t("import.unreadable_hint")) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise UsageError(t("import.unreadable", path=str(path), error=_why(exc)),
                         hint=t("import.unreadable_hint")) from None
    finally:
        book.close()


def _why(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_index(header: list[str]) -> dict[str, int]:
    return {h.strip().lstrip("\ufeff").casefold(): i for i, h in enumerate(header) if h.strip()}


def import_questions(
    kb: KnowledgeBase,
    path: Path,
    t: Translator,
    today: dt.date,
    by: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import every new submission in ``path``; a row that is wrong never stops the others."""
    mapping = form_mapping(kb.config, t)
    table = read_table(path, t)
    if not table:
        raise UsageError(t("import.empty", path=str(path)))
    index = _header_index(table[0])
    missing = [mapping.columns[f] for f in _REQUIRED if f in mapping.columns
               and mapping.columns[f].casefold() not in index]
    missing += [f for f in _REQUIRED if f not in mapping.columns]
    if missing:
        raise UsageError(t("import.missing_columns", columns=", ".join(missing)),
                         hint=t("import.found_columns", columns=", ".join(table[0])))
    warnings = []
    has_number = bool(mapping.submission) and str(mapping.submission).strip().casefold() in index
    if not has_number:
        warnings.append(t("import.no_submission_column",
                          column=mapping.submission or "intake_form.submission"))
    width = len(table[0])

    def run(check: bool, write: bool) -> tuple[ImportResult, list[Written]]:
        seen = {str(r.data.get("submission")): str(r.record_id) for r in kb.records("question")
                if r.data is not None and r.data.get("submission") is not None}
        result = ImportResult(dry_run=dry_run, warnings=warnings)
        made: list[Written] = []
        taken: set[str] = set()
        for number, row in enumerate(table[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            answers = {name: _get(row, index, header)
                       for name, header in mapping.columns.items()}
            title = answers.get("title") or ""
            extra = [cell for cell in row[width:] if cell.strip()]
            if extra:  # a separator inside a value shifts every column after it
                result.rows.append(RowOutcome(number, REJECTED, None, title, t(
                    "import.extra_cells", count=len(extra), header=width,
                    cells=", ".join(repr(c[:40]) for c in extra[:3]))))
                continue
            submission = _submission(row, index, mapping, answers, kb.config, t)
            known = next((s for s in (submission, *_old_fingerprints(row, index, mapping,
                                                                      answers)) if s in seen),
                         None)
            if known is not None:
                result.rows.append(RowOutcome(number, SKIPPED, seen[known], title,
                                              t("import.already", id=seen[known])))
                continue
            try:
                received = (parse_date(answers["received"], "received", t)
                            if answers.get("received") else None)
                written = intake_question(kb, answers, t, today, by=by, received=received,
                                          submission=submission, taken=taken,
                                          dry_run=not write, brief=True, check=check)
            except TemplateProblem:
                raise  # the template is broken or hostile: no row can be imported
            except UsageError as exc:
                result.rows.append(RowOutcome(number, REJECTED, None, title, exc.message))
                continue
            seen[submission] = written.record_id
            made.append(written)
            result.rows.append(RowOutcome(number, CREATED, written.record_id, title))
        return result, made

    # First every row on its own terms, then all new questions checked together against the
    # knowledge base in one run of the rules; only when that finds something is each row
    # checked (and numbered) again on its own, so one bad row cannot block the others.
    result, made = run(check=False, write=False)
    if not made:
        return result
    try:
        refuse_new_errors(kb, {w.rel: w.text for w in made}, t, today)
    except UsageError:
        return run(check=True, write=not dry_run)[0]
    if not dry_run:
        for written in made:
            write(kb, written, t)
    return result


def _get(row: list[str], index: dict[str, int], header: str) -> str:
    column = index.get(header.strip().casefold())
    return row[column].strip() if column is not None and column < len(row) else ""


def _submission(row: list[str], index: dict[str, int], mapping: FormMapping,
                answers: Mapping[str, str], config: Config, t: Translator) -> str:
    if mapping.submission:
        value = _get(row, index, mapping.submission)
        if value:
            return value
    # No submission number: the row's own content identifies it, so an unchanged row that comes
    # back in a grown export is recognised. The content is normalised first, so what a spreadsheet
    # changes between two exports does not make a new question: a label for a key ("Politie" for
    # politie), a date written otherwise ("05-03-2026", "5-3-2026"), spaces and capitals.
    content = "\x1f".join(f"{k}={_normalised(k, answers[k], config, t)}"
                          for k in sorted(answers))
    return "row-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _normalised(name: str, text: str, config: Config, t: Translator) -> str:
    from veiligestad.commands.authoring import spec_of
    from veiligestad.commands.fieldinput import convert
    from veiligestad.model.kinds import QUESTION

    try:
        value = convert(spec_of(QUESTION, name), QUESTION, text, config, t)
    except (UsageError, KeyError):
        value = None
    if isinstance(value, list):
        return ";".join(sorted(str(v) for v in value))
    if value is not None and not isinstance(value, str):
        return str(value)
    return " ".join(text.split()).casefold()


def _old_fingerprints(row: list[str], index: dict[str, int], mapping: FormMapping,
                      answers: Mapping[str, str]) -> tuple[str, ...]:
    """The fingerprint earlier versions gave a row without a submission number: questions they
    imported are still recognised."""
    if mapping.submission and _get(row, index, mapping.submission):
        return ()
    content = "\x1f".join(f"{k}={answers[k]}" for k in sorted(answers))
    return ("row-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16],)


def blank_form(config: Config, path: Path, t: Translator) -> list[str]:
    """Write an empty form (.csv or .xlsx) with the mapped columns; the headers written."""
    from veiligestad.store.atomic import write_new
    from veiligestad.store.outputs import PUBLIC, guard_output

    guard_output(config.root, path, t, audience=PUBLIC)  # a blank form holds no record data
    mapping = form_mapping(config, t)
    headers = ([mapping.submission] if mapping.submission else []) + list(
        mapping.columns.values())
    if path.exists():
        raise UsageError(t("import.form_exists", path=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(csv_row(headers))
        write_new(path, "\ufeff" + buffer.getvalue())
        return headers
    if suffix != ".xlsx":
        raise UsageError(t("import.bad_suffix", path=str(path)), hint=t("import.bad_suffix_hint"))
    _write_xlsx(config, mapping, headers, path, t)
    return headers


def _write_xlsx(config: Config, mapping: FormMapping, headers: list[str], path: Path,
                t: Translator) -> None:
    import os
    import tempfile

    import openpyxl

    from veiligestad.commands.authoring import spec_of
    from veiligestad.commands.fieldinput import options
    from veiligestad.model.kinds import QUESTION
    from veiligestad.store.atomic import place_new

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = t("import.sheet_form")
    append_row(sheet, headers)
    choices = book.create_sheet(t("import.sheet_choices"))
    append_row(choices, [t("import.column"), t("import.allowed_values")])
    for name, header in mapping.columns.items():
        if name == "received":
            continue
        allowed = options(spec_of(QUESTION, name), QUESTION, config, t)
        if allowed:
            append_row(choices, [header, "; ".join(o.label for o in allowed)])
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    placed = False
    try:
        book.save(temp)
        placed = place_new(temp, path)  # like write_new: never overwrites
    except FileExistsError:
        raise UsageError(t("import.form_exists", path=str(path))) from None
    finally:
        if not placed:
            os.unlink(temp)
