"""Problems and summaries drawn for people in a terminal (Rich)."""

from __future__ import annotations

from rich.text import Text

from veiligestad.checks.problem import ERROR, WARNING
from veiligestad.cli.common import console
from veiligestad.cli.validate_output import summary_line
from veiligestad.commands.validate import ValidationResult
from veiligestad.i18n import Translator
from veiligestad.reporters import parsable

_STYLE = {ERROR: "bold red", WARNING: "yellow"}


def print_problems(result: ValidationResult, t: Translator) -> None:
    """Each problem as ``path:line:col: severity message [rule]`` with its hint, then a summary."""
    out = console()
    for problem in result.problems:
        line = Text(parsable(problem))
        start = line.plain.find(f" {problem.severity} ") + 1
        line.stylize(_STYLE.get(problem.severity, ""), start, start + len(problem.severity))
        out.print(line)
        if problem.hint:
            out.print(Text(f"    {t('cli.hint')}: {problem.hint}", style="dim"))
    if result.problems:
        out.print()
    if result.targets is None:
        print_overview(result, t)
    out.print(Text(summary_line(result, t), style="bold"))


def print_overview(result: ValidationResult, t: Translator) -> None:
    """A few lines per kind: how many records there are in each status."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for kind, statuses in result.overview.items():
        total = sum(statuses.values())
        parts = " · ".join(f"{t(f'status.{kind}.{s}')} {n}" for s, n in statuses.items())
        grid.add_row(t.n(f"count.{kind}", total), parts or "—")
    console().print(grid)
