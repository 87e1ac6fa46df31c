"""What ``veiligestad validate`` prints: one function for the command and its quick path.

``cli/validate.py`` (through Typer) and ``cli/quick.py`` (without it) both print a result with
``render``, so that the two ways cannot drift apart; nothing here imports Typer, and Rich only
for the text format, and there only for a terminal: where output is not one, Rich prints
plain text, which ``plain_text`` makes without it (byte for byte the same, or None when it
cannot be sure: a character Rich would treat specially, an overview wider than the console).
``tests/cli/test_validate_plain.py`` compares both ways.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veiligestad.commands.validate import ValidationResult
    from veiligestad.i18n import Translator

FORMATS: tuple[str, ...] = ("text", "json", "github")


def render(result: ValidationResult, format: str, root: Path, t: Translator) -> None:
    """Print ``result`` to standard output in ``format`` (one of ``FORMATS``)."""
    if format == "json":
        from veiligestad.reporters import to_json

        print(to_json(result.problems, result.counts))
    elif format == "github":
        from veiligestad.reporters import github

        text = github(result.problems, prefix(root))
        if text:
            print(text)
        print(summary_line(result, t))
    else:
        plain = plain_text(result, t) if _plain_stream() else None
        if plain is not None:
            sys.stdout.write(plain)
            return
        from veiligestad.cli.output import print_problems

        print_problems(result, t)


def _plain_stream() -> bool:
    """Whether Rich would print to standard output as to a file: no colours, no control codes
    (``rich.console.Console.is_terminal``)."""
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible == "0":
        return True
    if compatible == "1" or environ.get("FORCE_COLOR") or environ.get("JUPYTER_COLUMNS") \
            or environ.get("JUPYTER_LINES"):
        return False
    try:
        return not sys.stdout.isatty()
    except ValueError:
        return False


def _simple(text: str) -> bool:
    """Text Rich prints as it is, one cell a character: printable (no tab, no control code),
    and of the scripts whose characters are one cell wide and do not combine."""
    return text.isprintable() and all(ord(c) < 0x300 or c in _ONE_CELL for c in text)


_ONE_CELL = frozenset("—–·…‘’“”€")


def console_width() -> int:
    """The width Rich gives a console that writes to a file (``Console.size``)."""
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def plain_text(result: ValidationResult, t: Translator) -> str | None:
    """What ``cli/output.print_problems`` prints for ``result`` to a file, made without Rich;
    None wherever Rich could print it otherwise."""
    from veiligestad.reporters import parsable

    lines: list[str] = []
    for problem in result.problems:
        lines.append(parsable(problem))
        if problem.hint:
            lines.append(f"    {t('cli.hint')}: {problem.hint}")
    if result.problems:
        lines.append("")
    if result.targets is None:
        rows = [(t.n(f"count.{kind}", sum(statuses.values())),
                 " · ".join(f"{t(f'status.{kind}.{s}')} {n}" for s, n in statuses.items())
                 or "—") for kind, statuses in result.overview.items()]
        if rows:
            if not all(_simple(left) and _simple(right) for left, right in rows):
                return None
            grid = _grid(rows, console_width())
            if grid is None:
                return None
            lines.extend(grid)
    lines.append(summary_line(result, t))
    if not all(_simple(line) for line in lines):
        return None
    return "".join(f"{line}\n" for line in lines)


def prefix(root: Path) -> Path | None:
    """The knowledge base's folder relative to the current folder, for annotation paths."""
    try:
        rel = root.relative_to(Path.cwd().resolve())
    except ValueError:
        return None
    return rel if rel.parts else None


def summary_line(result: ValidationResult, t: Translator) -> str:
    """One sentence: how many errors and warnings in how many files, of how many checked."""
    from veiligestad.checks.problem import ERROR, WARNING

    counts = result.counts
    if not result.problems:
        return t("validate.clean", files=t.n("count.files", result.files),
                 records=t.n("count.records", result.records))
    return t("validate.summary", errors=t.n("count.errors", counts.get(ERROR, 0)),
             warnings=t.n("count.warnings", counts.get(WARNING, 0)),
             files=t.n("count.files", counts.get("files_with_problems", 0)),
             checked=t.n("count.files", result.files))


def _grid(rows: list[tuple[str, str]], width: int) -> list[str] | None:
    """The overview's lines as Rich's ``Table.grid(padding=(0, 2))`` lays them out in
    ``width`` cells (the first column never wrapped, the second wrapped at spaces as
    ``rich._wrap.divide_line`` wraps it, every line padded); None where Rich would do more
    (a word wider than the room left, or no room)."""
    first = max(len(left) for left, _ in rows)
    second = max(len(right) for _, right in rows)
    room = width - first - 2
    if second <= room:
        return [f"{left.ljust(first)}  {right.ljust(second)}" for left, right in rows]
    words = [_words(right) for _, right in rows]
    if room < 1 or any(len(word.rstrip()) > room for found in words for word in found):
        return None
    out: list[str] = []
    for (left, _), found in zip(rows, words, strict=True):
        for number, line in enumerate(_wrapped(found, room)):
            head = left if number == 0 else ""
            out.append(f"{head.ljust(first)}  {line[:room].ljust(room)}"
                       if len(line.rstrip()) <= room else "")
    return None if "" in out else out


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"\s*\S+\s*", text) if text.strip() else [text]


def _wrapped(words: list[str], room: int) -> list[str]:
    """Lines of ``words`` (each with the spaces after it) at most ``room`` cells wide, broken
    where ``rich._wrap.divide_line`` breaks them (every word fits in ``room``)."""
    lines: list[str] = []
    line = ""
    for word in words:
        if room - len(line) >= len(word.rstrip()):
            line += word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines
