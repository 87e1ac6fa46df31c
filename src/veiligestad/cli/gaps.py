"""``veiligestad gaps`` and ``veiligestad stats``: what needs attention, and the figures."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from veiligestad.cli.common import Audience, fail, open_config, options


class Format(StrEnum):
    table = "table"
    json = "json"


def gaps(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")
                      ] = Format.table,
    federated: Annotated[bool, typer.Option(
        "--federated", help="Programme-wide: also the other cities' public records (the "
        "questions waiting in every city; run veiligestad federation sync first).")] = False,
) -> None:
    """List the coordinator's queue, grouped, each group with its count and oldest first.

    Questions submitted and waiting for intake; questions matched or in progress without a
    project; running projects past their end or before their start; suspect links waiting for
    review; draft findings unpublished after thresholds.draft_days; questions ready without a
    project (how long they waited; which must be matched before the next semester); projects
    finished without findings; findings without recommendations; recommendations without
    follow-up after thresholds.follow_up_days; questions delivered but not yet fed back to the
    partner. --format json gives the same groups. Exit code 0 (gaps are not errors).
    """
    from veiligestad.cli.query import answered
    from veiligestad.cli.reading_output import gaps_of, render_gaps

    kept, t, config = answered(options(ctx), federated, "gaps", (), gaps_of)
    render_gaps(kept, format.value, t, config)


def stats(
    ctx: typer.Context,
    quarter: Annotated[str | None, typer.Option(
        "--quarter", "-q", metavar="2026-Q3",
        help="The quarter (also 2026Q3 or 2026-K3); default: everything up to today.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")
                      ] = Format.table,
    audience: Annotated[Audience, typer.Option(
        "--audience", help="public: count only what the public may see.")
    ] = Audience.internal,
    federated: Annotated[bool, typer.Option(
        "--federated", help="Programme-wide: also count every other city's public records "
        "(federation: in veiligestad.yaml; run veiligestad federation sync first).")] = False,
) -> None:
    """Show the figures a coordinator reports, for a quarter or for everything so far.

    Questions received, decided (by decision), matched and delivered, with median days from
    received to matched and from matched to delivered; projects started, running and finished;
    students by institution; partners reached; findings by theme and by evidence level;
    recommendations by follow-up. The same figures as the quarterly report.
    """
    from veiligestad.cli.query import answered
    from veiligestad.cli.reading_output import render_stats
    from veiligestad.errors import VeiligestadError
    from veiligestad.periods import parse_quarter
    from veiligestad.stats import StatsAnswer

    opts = options(ctx)
    if quarter is not None:
        # Said here, once, before any answer is made: a computation never prints (a kept
        # answer that cannot be used is made again, and its message would be printed twice).
        config, t = open_config(opts)
        try:
            parse_quarter(quarter, t)
        except VeiligestadError as exc:
            fail(exc, t)
    figures, t, config = answered(opts, federated, "stats", (quarter, audience.value),
                                  StatsAnswer(quarter, public_only=audience is Audience.public))
    render_stats(figures, format.value, t, config)
