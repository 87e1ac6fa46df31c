"""``veiligestad vocab``: what each controlled field may hold."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from veiligestad.cli.common import console, open_config, options


class Format(StrEnum):
    table = "table"
    json = "json"


def vocab(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """List the allowed values of every controlled field, with their Dutch and English labels."""
    from veiligestad.commands.vocab import ControlledField, as_json, controlled_fields

    config, t = open_config(options(ctx))
    fields = controlled_fields(config)
    if format is Format.json:
        print(json.dumps(as_json(fields), ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    # One table per list of values, naming every field that uses it, so that a vocabulary such
    # as the partners is shown once, and keys are never cut off.
    groups: dict[tuple[str, ...], list[ControlledField]] = {}
    for field in fields:
        # Fixed lists are grouped by their values: status, status_history.from and .to share one.
        group = (field.source,) if field.source != "fixed" else tuple(c.key for c in field.choices)
        groups.setdefault(group, []).append(field)
    out = console()
    out.print(Text(t("vocab.title", city=config.city), style="bold"))
    for group, users in groups.items():
        name = group[0] if users[0].source != "fixed" else users[0].field.rsplit(".", 1)[-1]
        # keys and labels come from veiligestad.yaml: text, never Rich markup
        table = Table(t("vocab.value"), t("vocab.label_nl"), t("vocab.label_en"),
                      title_justify="left", box=None, pad_edge=False,
                      title=Text(f"{name}  ({t('vocab.used_by')}: "
                                 + ", ".join(f.field for f in users) + ")"))
        table.columns[0].no_wrap = True
        table.columns[0].style = "bold"
        for choice in users[0].choices:
            table.add_row(Text(choice.key), Text(choice.labels.get("nl", "")),
                          Text(choice.labels.get("en", "")))
        out.print()
        out.print(table)
