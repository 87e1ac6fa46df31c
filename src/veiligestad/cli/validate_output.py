"""What ``veiligestad validate`` prints: one function for the command and its quick path.

``cli/validate.py`` (through Typer) and ``cli/quick.py`` (without it) both print a result with
``render``, so that the two ways cannot drift apart; nothing here imports Typer, and Rich only
for the text format.
"""

from __future__ import annotations

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
        from veiligestad.cli.output import summary_line
        from veiligestad.reporters import github

        text = github(result.problems, prefix(root))
        if text:
            print(text)
        print(summary_line(result, t))
    else:
        from veiligestad.cli.output import print_problems

        print_problems(result, t)


def prefix(root: Path) -> Path | None:
    """The knowledge base's folder relative to the current folder, for annotation paths."""
    try:
        rel = root.relative_to(Path.cwd().resolve())
    except ValueError:
        return None
    return rel if rel.parts else None
