"""``veiligestad review ID… | --all``: confirm a record's links after its targets changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from veiligestad.cli.common import GlobalOptions
    from veiligestad.i18n import Translator

from veiligestad.cli.authoring import ByOption
from veiligestad.cli.common import fail, open_config, options, today


def review(
    ctx: typer.Context,
    record_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="ID", show_default=False,
                       help="The records whose links you have looked at."),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Re-stamp the links of every "
                                             "record.")] = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Confirm without asking (for the records that link to a changed "
        "record).")] = False,
    by: ByOption = None,
) -> None:
    """Mark links as reviewed, from either end. For a project or finding: renew the
    fingerprints of the records it links to. For a record that changed (a question whose
    research question was rewritten): list the records whose links to it are suspect and, once
    you confirm that they still hold, renew those links. Who confirmed, and when, is kept in
    links_reviewed."""
    from veiligestad.cli.authoring import who
    from veiligestad.commands.review import confirm_target, suspect_holders_of
    from veiligestad.commands.review import review as run_review
    from veiligestad.errors import UsageError, VeiligestadError
    from veiligestad.store.kb import KnowledgeBase

    config, t = open_config(options(ctx))
    name = who(KnowledgeBase(config.root, config, []), by)
    try:
        if not record_ids and not everything:
            raise UsageError(t("review.nothing"), hint=_waiting_hint(options(ctx), t))
        handled: set[str] = set()
        for record_id in [] if everything else list(record_ids or []):
            waiting = suspect_holders_of(config.root, t, record_id)
            if not waiting.holders:
                continue
            handled.add(record_id)
            print(t("review.suspect_of", id=record_id, holders=", ".join(waiting.holders)))
            if not yes:
                from veiligestad.cli.streams import asking

                try:
                    with asking():
                        yes_now = typer.confirm(t("review.confirm", id=record_id),
                                                default=False)
                except (typer.Abort, BrokenPipeError):  # no answer, or nobody reads the
                    yes_now = False  # question
                if not yes_now:
                    print(t("review.not_confirmed", id=record_id))
                    continue
            done = confirm_target(config.root, t, record_id, today(), name)
            print(t("review.confirmed", id=record_id, holders=", ".join(done) or "—"))
        result = run_review(config.root, t, record_ids or [], everything, today(), name)
    except VeiligestadError as exc:
        fail(exc, t)
    for record_id, targets in result.restamped.items():
        print(t("review.restamped", id=record_id, links=", ".join(targets) or "—"))
    for record_id in result.unchanged:
        if record_id not in handled:
            print(t("review.current", id=record_id))
    if result.restamped or not handled:
        print(t("review.done", count=len(result.restamped)))


def _waiting_hint(opts: GlobalOptions, t: Translator) -> str:
    """The records whose links wait for a review (what ``review`` without IDs is for), or the
    usual example when none do."""
    from veiligestad.cli.query import load_kb
    from veiligestad.suspects import suspect_links

    kb, _ = load_kb(opts)
    waiting = sorted({link.target for link in suspect_links(kb)})
    if not waiting:
        return t("review.nothing_hint")
    return t("review.nothing_waiting", ids=", ".join(waiting), first=waiting[0])
