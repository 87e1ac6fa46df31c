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
    from veiligestad.commands.vocab import as_json, controlled_fields

    config, t = open_config(options(ctx))
    fields = controlled_fields(config)
    if format is Format.json:
        print(json.dumps(as_json(fields), ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(t("vocab.field"), t("vocab.value"), t("vocab.label_nl"), t("vocab.label_en"),
                  title=t("vocab.title", city=config.city), show_lines=False)
    for field in fields:
        for index, choice in enumerate(field.choices):
            table.add_row(field.field if index == 0 else "", choice.key,
                          choice.labels.get("nl", ""), choice.labels.get("en", ""),
                          end_section=index == len(field.choices) - 1)
    console().print(table)
