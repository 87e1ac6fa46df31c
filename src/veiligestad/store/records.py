"""Reading the record files of a knowledge base, each one safely and on its own.

Every file is untrusted: a symbolic link is never followed, a file over the size limit is never
read, bytes that are not UTF-8 are never decoded by guessing. Whatever goes wrong becomes a
``ParseNote`` on that file and the other files are read as usual.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from veiligestad.model.kinds import KINDS, KINDS_BY_PREFIX, Kind
from veiligestad.store.atomic import is_temporary

if TYPE_CHECKING:
    # The readers (PyYAML, ``yaml-rs``: about 0.08 s to import) are imported where a file is
    # read: a command that finds every file in the cache makes its entries without them.
    from veiligestad.store.yamlread import ParseNote

DATA_DIR: Final = "data"
SUFFIX: Final = ".yaml"
BOM: Final = b"\xef\xbb\xbf"


@dataclass
class RecordFile:
    """One record file: where it is, what kind it should hold, what was read from it."""

    rel: str  # path relative to the root, with forward slashes
    kind: Kind
    data: dict[str, Any] | None = None
    notes: list[ParseNote] = field(default_factory=list)
    digest: str = ""  # content hash, for the cache and change detection

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    @property
    def misplaced(self) -> bool:
        """True when the ID names another kind than the folder holds (a finding in questions/).

        Such a file is reported once by the file-name rule instead of field by field against the
        wrong kind.
        """
        record_id = self.record_id
        if record_id is None:
            return False
        prefix = record_id.split("-", 1)[0]
        return prefix in KINDS_BY_PREFIX and prefix != self.kind.prefix

    @property
    def record_id(self) -> str | None:
        """The ``id`` field when it is a string, else None."""
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) else None

    @property
    def has_data(self) -> bool:
        """Whether the file holds a record (known without reading it, for a cached one)."""
        return self.data is not None

    def outgoing(self) -> tuple[tuple[str, str, str], ...]:
        """The links the record holds: (target ID, relation, field), see ``store/links.py``."""
        from veiligestad.store.links import outgoing

        return outgoing(self.kind.name, self.data)


@dataclass(frozen=True)
class FileEntry:
    """A file found in ``data/``, before it is read."""

    rel: str
    kind: Kind
    is_link: bool
    wrong_suffix: bool = False
    stray: bool = False  # a YAML file under data/ where no record is read from
    # named like a record but a folder, a pipe (FIFO), a socket or a device: never opened
    not_regular: bool = False
    temporary: bool = False  # a temporary file an interrupted write of the tool left behind
    # a name that is not UTF-8 or holds a control character (a line break): never opened, and
    # named by ``printable_name`` (``rel`` is then not the file's own path)
    bad_name: bool = False


def scan(root: Path) -> Iterator[FileEntry]:
    """Every candidate record file under ``root/data/<plural>/``, in a stable order.

    Each folder is listed once: the listing of a kind folder gives its records and the
    subfolders that ``_strays`` then looks into.
    """
    if (root / DATA_DIR).is_symlink():
        yield FileEntry(DATA_DIR, next(iter(KINDS.values())), is_link=True)
        return
    listed: dict[str, list[os.DirEntry[str]]] = {}
    for kind in KINDS.values():
        folder = root / DATA_DIR / kind.plural
        rel_folder = f"{DATA_DIR}/{kind.plural}"
        if folder.is_symlink():
            yield FileEntry(rel_folder, kind, is_link=True)
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        listed[kind.plural] = entries
        for entry in entries:
            name = entry.name
            if not name.isprintable() and name.endswith((SUFFIX, ".yml")):
                yield FileEntry(f"{rel_folder}/{printable_name(name)}", kind, is_link=False,
                                bad_name=True)
                continue
            if name.startswith("."):
                if is_temporary(name):
                    yield FileEntry(f"{rel_folder}/{printable_name(name)}", kind,
                                    is_link=False, temporary=True)
                continue
            if entry.is_symlink():
                yield FileEntry(f"{rel_folder}/{printable_name(name)}", kind, is_link=True)
            elif not name.endswith((SUFFIX, ".yml")):
                continue
            elif not entry.is_file(follow_symlinks=False):
                # Opening a pipe would wait for a writer forever: it is reported, never opened.
                yield FileEntry(f"{rel_folder}/{name}", kind, is_link=False, not_regular=True)
            elif name.endswith(SUFFIX):
                yield FileEntry(f"{rel_folder}/{name}", kind, is_link=False)
            else:
                yield FileEntry(f"{rel_folder}/{name}", kind, is_link=False, wrong_suffix=True)
    yield from _strays(root, listed)


def _strays(root: Path, listed: dict[str, list[os.DirEntry[str]]]) -> Iterator[FileEntry]:
    """YAML files under ``data/`` outside the kind folders, or in their subfolders.

    They are never read, but they are reported: a student who sorts findings into a subfolder
    must not get a green check for a file nobody looked at. The folders are gone through as
    ``os.walk`` would (top down, sorted, links to folders not followed), except that a kind
    folder is not listed again: ``listed`` holds what ``scan`` found in it.
    """
    default = next(iter(KINDS.values()))
    plurals = {k.plural: k for k in KINDS.values()}

    def walk(path: str, rel_folder: str, entries: list[os.DirEntry[str]] | None,
             kind: Kind, own_files: bool) -> Iterator[FileEntry]:
        if entries is None:
            try:
                with os.scandir(path) as found:
                    entries = list(found)
            except OSError:
                return
        files: list[str] = []
        folders: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(entry)
            else:
                files.append(entry.name)
        if own_files:
            for name in sorted(files):
                if name.endswith((SUFFIX, ".yml")) and not name.startswith("."):
                    yield FileEntry(f"{rel_folder}/{printable_name(name)}", kind,
                                    is_link=False, stray=True)
        for folder in sorted(folders, key=lambda e: e.name):
            if folder.name.startswith(".") or folder.is_symlink():
                continue
            # A folder name that cannot be printed is named with escapes: its files are strays.
            rel = f"{rel_folder}/{printable_name(folder.name)}"
            if rel_folder == DATA_DIR and folder.name in plurals:
                # A kind folder: its own files are the records scanned above.
                yield from walk(folder.path, rel, listed.get(folder.name),
                                plurals[folder.name], False)
            else:
                yield from walk(folder.path, rel, None,
                                kind if rel_folder != DATA_DIR else default, True)

    yield from walk(str(root / DATA_DIR), DATA_DIR, None, default, True)


def printable_name(name: str) -> str:
    """``name`` as it can be printed and reported: bytes that are not UTF-8 (which the system
    hands over as lone surrogates) and control characters written as escapes (``\\xff``)."""
    if name.isprintable():
        return name
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate of a Windows name: escaped as it is
        text = name
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def read_bytes(root: Path, rel: str, max_bytes: int) -> tuple[bytes | None, list[ParseNote]]:
    """The bytes of ``rel``, or None with a note: never through a link, never past the limit."""
    from veiligestad.store.yamlread import ParseNote

    path = root / rel
    try:
        # O_NOFOLLOW: a link swapped in after the scan is still refused; O_NONBLOCK: so is a
        # pipe (opening one for reading would wait for a writer); O_BINARY: on Windows a file
        # opened without it is read as text (CR LF made LF, the end at a Ctrl-Z byte).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        code = "link" if path.is_symlink() else "unreadable"
        return None, [ParseNote(code, params={"error": exc.strerror or str(exc)})]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [ParseNote("unreadable", params={"error": "not a regular file"})]
        if info.st_size > max_bytes:
            return None, [ParseNote("too_large", params={"size": str(info.st_size),
                                                         "limit": str(max_bytes)})]
        # Read as much as the file holds (a buffered read of ``max_bytes + 1`` allocates that
        # much for every file: about 0.02 ms a file), on until its end or past the limit.
        limit = max_bytes + 1
        parts = [os.read(fd, min(info.st_size + 1, limit))]
        got = len(parts[0])
        while parts[-1] and got < limit:
            parts.append(os.read(fd, min(1 << 16, limit - got)))
            got += len(parts[-1])
        return parts[0] if len(parts) == 2 and not parts[1] else b"".join(parts), []
    finally:
        os.close(fd)


def decode(raw: bytes) -> tuple[str | None, list[ParseNote]]:
    """Text from UTF-8 bytes (a BOM is fine), or None with the position of the first bad byte."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        from veiligestad.store.yamlread import ParseNote

        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [ParseNote("encoding", line, column, {"byte": f"0x{raw[exc.start]:02x}"})]


def tab_notes(text: str) -> list[ParseNote]:
    """A note for the first tab on each line (YAML forbids them in indentation; they hide there)."""
    if "\t" not in text:
        return []
    from veiligestad.store.yamlread import ParseNote

    notes = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            notes.append(ParseNote("tab", number, column + 1))
    return notes


# Notes that say why a document that is not empty was not read.
_UNREAD: Final = frozenset({"syntax", "too_deep", "too_big", "tag"})


def read_text(text: str, fast: bool = True) -> tuple[dict[str, Any] | None, list[ParseNote]]:
    """Parse one record's text: its mapping (or None) and all notes on it.

    A plain file (most of them) is read by the fast reader, which proves it has nothing to note
    (``store/fastread.py``); every other file, and every file when ``fast`` is False, by
    PyYAML's path, which notes what it finds.
    """
    from veiligestad.store import fastread
    from veiligestad.store.yamlread import ParseNote, parse

    if fast:
        data = fastread.read(text)
        if data is not None:
            return data, []
    notes = tab_notes(text)
    if not text.strip():
        return None, [*notes, ParseNote("empty", 1, 1)]
    data, parse_notes = parse(text)
    notes.extend(parse_notes)
    if data is None and not any(n.code in _UNREAD for n in parse_notes):
        notes.append(ParseNote("empty", 1, 1))
    elif data is not None and not isinstance(data, dict):
        notes.append(ParseNote("not_mapping", 1, 1, {"type": type(data).__name__}))
        data = None
    return data, notes


def load_file(root: Path, entry: FileEntry, max_bytes: int) -> RecordFile:
    """Read one record file completely, noting every problem of its bytes, text and YAML."""
    from veiligestad.store import fastread
    from veiligestad.store.shape import shape_note
    from veiligestad.store.yamlread import ParseNote

    record = RecordFile(entry.rel, entry.kind)
    if entry.is_link:
        record.notes.append(ParseNote("link"))
        return record
    for flag, code in ((entry.wrong_suffix, "suffix"), (entry.stray, "stray"),
                       (entry.not_regular, "not_regular"), (entry.temporary, "stale_temp"),
                       (entry.bad_name, "bad_name")):
        if flag:
            record.notes.append(ParseNote(code))
            return record
    raw, notes = read_bytes(root, entry.rel, max_bytes)
    record.notes.extend(notes)
    if raw is None:
        return record
    record.digest = digest(raw)
    text, notes = decode(raw)
    record.notes.extend(notes)
    if text is None:
        return record
    # The fast reader's walk proves every key text and no value a float (store/fastread.py).
    record.data = fastread.read(text)
    keys_are_text = record.data is not None
    if record.data is None:
        record.data, notes = read_text(text, fast=False)
        record.notes.extend(notes)
    if record.data is not None:
        shape = shape_note(entry.kind.fields, record.data, keys_are_text)
        if shape is not None:
            record.notes.append(shape)
    return record


def load_all(root: Path, entries: Iterable[FileEntry], max_bytes: int) -> list[RecordFile]:
    """Read every entry; a problem in one file never stops the others."""
    return [load_file(root, entry, max_bytes) for entry in entries]


def digest(raw: bytes) -> str:
    """A short, stable content hash."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()
