"""``veiligestad federation``: fetch the other programme cities' knowledge bases; their state."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from veiligestad.cli.common import console, fail, open_config, options, today

if TYPE_CHECKING:
    import datetime as dt

    from veiligestad.commands.federation import CityStatus
    from veiligestad.federation.sync import CitySync
    from veiligestad.federation.view import FederatedKB
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import KnowledgeBase

app = typer.Typer(
    help="The programme-wide view: other cities' knowledge bases (sync, status).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    table = "table"
    json = "json"


def short(commit: str | None) -> str:
    """A commit as people read it."""
    return commit[:7] if commit else "-"


@app.command("sync")
def sync(
    ctx: typer.Context,
    cities: Annotated[list[str] | None, typer.Argument(
        metavar="[CITY]...", show_default=False,
        help="Only these cities (keys of federation: in veiligestad.yaml; default: all).")
    ] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit code 1 when a city could not be synced or has records left "
        "out for errors.")] = False,
) -> None:
    """Fetch every city of federation: (shallow, into the cache folder) and read its records.

    A city whose branch did not move since the last sync is not fetched again (one cheap
    ls-remote). Each city's records are read and validated like ours; records with errors
    are left out and counted. A city that cannot be reached is a warning, and its last
    synced copy keeps serving. Never writes to another city's repository, never follows a
    link out of it, never runs its templates.
    """
    from veiligestad.commands.federation import sync as sync_all
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))

    def progress(done: CitySync) -> None:
        print(_sync_line(done, t), file=sys.stderr if done.error else sys.stdout, flush=True)

    try:
        result = sync_all(config, cities or [], t, today(), progress)
    except VeiligestadError as exc:
        fail(exc, t)
    counts = {o: sum(1 for c in result.cities if c.outcome == o)
              for o in ("updated", "unchanged", "failed")}
    print(t("federation.summary", count=len(result.cities), **counts))
    if strict and (counts["failed"] or any(c.broken for c in result.cities)):
        raise typer.Exit(1)


def _sync_line(done: CitySync, t: Translator) -> str:
    who = f"{done.key} ({done.name})"
    if done.error is not None:
        copy = (t("federation.keeps_copy", commit=short(done.commit)) if done.commit
                else t("federation.no_copy"))
        return t("federation.failed", city=who, error=done.error, copy=copy)
    broken = t("federation.left_out", count=done.broken) if done.broken else ""
    key = "federation.updated" if done.outcome == "updated" else "federation.unchanged"
    return t(key, city=who, commit=short(done.commit), records=done.records) + broken


@app.command("status")
def status(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")
                      ] = Format.table,
) -> None:
    """List each city: last sync, commit, record counts, problems, unmatched vocabulary keys.

    Records are counted as synced (valid ones), public today (what --federated shows) and
    left out for errors (with the rules they break). Vocabulary keys of themes, partner
    types, outcome domains and finding types that match none of ours (after the city's
    same_as) are listed: they are shown with the city's own label.
    """
    from veiligestad.commands.federation import status as city_status
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        rows = city_status(config, t, today())
    except VeiligestadError as exc:
        fail(exc, t)
    if format is Format.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return
    _print_status(rows, t)


def _print_status(rows: list[CityStatus], t: Translator) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(*(t(f"federation.column.{c}") for c in
                    ("city", "synced", "commit", "records", "public", "broken")))
    for row in rows:
        table.add_row(Text(f"{row.city} ({row.name})"), Text(row.synced_at or "-"),
                      Text(short(row.commit)), Text(str(row.records)), Text(str(row.public)),
                      Text(str(len(row.broken))))
    out = console()
    out.print(table)
    for row in rows:
        if row.commit is None:
            out.print(Text(t("federation.never_synced", city=row.city)))
        if row.error:
            out.print(Text(t("federation.last_error", city=row.city, error=row.error)))
        for broken in row.broken:
            out.print(Text(t("federation.broken_file", city=row.city, path=broken["path"],
                             rules=", ".join(broken["rules"]))))
        for vocabulary, keys in row.unmatched.items():
            out.print(Text(t("federation.unmatched", city=row.city, vocabulary=vocabulary,
                             keys=", ".join(keys))))


def federated_view(kb: KnowledgeBase, day: dt.date, t: Translator) -> FederatedKB:
    """The programme-wide view for ``--federated``, with a warning line per city not served well.

    Without a ``federation:`` list it is a usage error (exit 2).
    """
    from veiligestad.commands.federation import chosen_cities
    from veiligestad.errors import VeiligestadError
    from veiligestad.federation import federated_kb

    try:
        chosen_cities(kb.config, (), t)
        view = federated_kb(kb, day, t)
    except VeiligestadError as exc:
        fail(exc, t)
    warn_cities(view, t)
    return view


def warn_cities(kb: FederatedKB, t: Translator) -> None:
    """One line on stderr per city that is not served as it should be."""
    for city in kb.cities:
        if city.outdated:
            print(t("federation.outdated", city=city.key), file=sys.stderr)
        elif city.commit is None:
            print(t("federation.not_served", city=city.key), file=sys.stderr)
        elif city.error:
            print(t("federation.stale", city=city.key, commit=short(city.commit),
                    error=city.error), file=sys.stderr)
        if city.broken:
            print(t("federation.broken_count", city=city.key, count=len(city.broken)),
                  file=sys.stderr)
