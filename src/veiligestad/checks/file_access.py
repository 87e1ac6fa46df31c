"""file-access: a record file must be a plain file inside the knowledge base.

A symbolic link is never followed, so a pull request cannot make ``validate`` print a file from
elsewhere on the machine into a public CI log. A file that cannot be read, one that ends in
``.yml`` instead of ``.yaml``, and a YAML file under ``data/`` that is not directly in
``data/questions/``, ``data/projects/`` or ``data/findings/`` (records there are never read) are
reported here too, and so are a folder, pipe or device named like a record (never opened) and a
temporary file left by a write of the tool that was interrupted (``git add -A`` would commit it).
A file whose name cannot be printed (git keeps any bytes: bytes that are not UTF-8, a control
code, an invisible or direction character) is reported by its name written with escapes
(``F-2026-\\xff.yaml``) and never opened: such a name could not be printed as it is, nor be
part of the cache's keys.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "file-access"
SCOPE = "file"


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    t = ctx.t
    if note.code == "link":
        return t("file_access.link"), t("file_access.link_hint")
    if note.code == "suffix":
        return t("file_access.suffix"), t("file_access.suffix_hint")
    if note.code == "stray":
        return t("file_access.stray"), t("file_access.stray_hint")
    if note.code in ("not_regular", "stale_temp", "bad_name"):
        return t(f"file_access.{note.code}"), t(f"file_access.{note.code}_hint")
    return t("file_access.unreadable", error=note.params.get("error", "")), None


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    codes = frozenset({"link", "unreadable", "suffix", "stray", "not_regular", "stale_temp",
                       "bad_name"})
    yield from from_notes(record, ctx, codes, ID, _describe)
