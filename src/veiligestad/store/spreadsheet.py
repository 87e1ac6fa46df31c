"""Bounds on a partner's spreadsheet before anything parses it.

An .xlsx file is a zip of XML files, and both can be made to explode: a zip member that inflates
to gigabytes, a cell of 200 MB, XML entities that expand (the "billion laughs" of XML). Before
openpyxl reads a workbook, its members' *declared* sizes and compression ratios are checked
against limits far above any real form export, and the XML is looked at for a document type
declaration (which a spreadsheet never needs, and which is where entities are declared). openpyxl
itself parses through defusedxml, which refuses entities as a second guard. A refused file is a
usage error with a message, never a hang.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator

# A form export of a few thousand questions is well under a megabyte.
MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_MEMBER_BYTES: Final = 50 * 1024 * 1024  # one XML file of the workbook, uncompressed
MAX_TOTAL_BYTES: Final = 100 * 1024 * 1024
MAX_MEMBERS: Final = 1_000
MAX_RATIO: Final = 200  # XML compresses well, but not a thousandfold
MAX_CELL_CHARS: Final = 32_767  # Excel's own limit for one cell
_DOCTYPE: Final = b"<!DOCTYPE"


def check_table_file(path: Path, t: Translator) -> None:
    """A plain file of a sane size (never a pipe or a device, which would never end)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise UsageError(t("import.unreadable", path=str(path),
                           error=exc.strerror or str(exc))) from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(t("import.no_file", path=str(path)))
    if info.st_size > MAX_FILE_BYTES:
        raise UsageError(t("spreadsheet.too_large", path=str(path), limit=_mb(MAX_FILE_BYTES)))


def check_xlsx(path: Path, t: Translator) -> None:
    """Refuse a workbook whose zip or XML would take unbounded time or memory to read."""
    check_table_file(path, t)

    def refuse(reason: str) -> UsageError:
        return UsageError(t("spreadsheet.refused", path=str(path), reason=reason),
                          hint=t("spreadsheet.refused_hint"))

    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
            if len(members) > MAX_MEMBERS:
                raise refuse(t("spreadsheet.members", count=len(members)))
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise refuse(t("spreadsheet.inflates", name=member.filename,
                                   limit=_mb(MAX_MEMBER_BYTES)))
                if member.file_size > 1024 * 1024 and \
                        member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise refuse(t("spreadsheet.ratio", name=member.filename))
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _declares_doctype(book,
                                                                                     member):
                    raise refuse(t("spreadsheet.doctype", name=member.filename))
    except zipfile.BadZipFile as exc:
        raise UsageError(t("import.unreadable", path=str(path), error=str(exc))) from None


def _declares_doctype(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    # A declaration comes before the root element, so the start of the file is enough.
    with book.open(member) as handle:
        return _DOCTYPE in handle.read(4096).upper()


def check_cells(rows: list[list[str]], path: Path, t: Translator) -> None:
    """Refuse a cell longer than Excel allows: no real form export holds one."""
    for number, row in enumerate(rows, start=1):
        for cell in row:
            if len(cell) > MAX_CELL_CHARS:
                raise UsageError(t("spreadsheet.refused", path=str(path),
                                   reason=t("spreadsheet.cell", row=number,
                                            limit=MAX_CELL_CHARS)),
                                 hint=t("spreadsheet.refused_hint"))


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"
