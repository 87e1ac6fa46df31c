"""``veiligestad link A B`` and ``unlink A B``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from veiligestad.cli.authoring import ByOption, CommitOption, NoInputOption, open_kb_for
from veiligestad.cli.common import fail, today

First = Annotated[
    str, typer.Argument(metavar="ID", help="A project, finding or question.", show_default=False)
]
Second = Annotated[
    str, typer.Argument(metavar="ID", help="The record to link it with.", show_default=False)
]


def link(
    ctx: typer.Context,
    first: First,
    second: Second,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="KEY",
            help="For two findings: supports (default), contradicts or replicates; the "
            "first finding holds the relation.",
        ),
    ] = None,
    match: MatchOption = None,
    by: ByOption = None,
    no_input: NoInputOption = False,
    commit: CommitOption = False,
) -> None:
    """Link a project or finding to a question, or a finding to another finding. The link is
    written into the project or finding; comments and layout of the file are kept. A project
    that takes up a ready question offers to move that question to matched."""
    from veiligestad.commands.link import link as do_link
    from veiligestad.commands.link import question_to_match
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx, commit=commit)
    try:
        result = do_link(kb, first, second, t, today(), type_)
    except VeiligestadError as exc:
        fail(exc, t)
    question = question_to_match(kb, result)
    rels = [result.rel] if result.rel else []
    _report(kb, t, result, False, "link")
    if question is not None:
        moved = offer_match(ctx, question, match, no_input, by)
        if moved:
            rels.append(moved)
    if commit and rels:
        from veiligestad.cli.authoring import commit as do_commit

        do_commit(kb, rels, t("commit.link", holder=result.holder, target=result.target), t)


MatchOption = Annotated[
    bool | None,
    typer.Option(
        "--match/--no-match",
        help="When a project takes up a question that is ready: move the question to "
        "matched (default: ask; with --no-input: leave it and say how).",
    ),
]


def offer_match(ctx: typer.Context, question: str, match: bool | None, no_input: bool,
                by: str | None, started: dt.date | None = None) -> str | None:
    """A project now takes up ``question``, which is still ready: move it to matched when
    ``match`` says so or the user agrees; the file changed, or None. A new project that
    ``started`` in the past had its question matched by then: the change is dated that day
    (never before the question's last change)."""
    from veiligestad.cli.authoring import who
    from veiligestad.commands.status import change_status, last_change
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx)  # read again: the project now names the question
    if match is None and not no_input:
        from veiligestad.cli.streams import asking

        try:
            with asking():
                match = typer.confirm(t("link.offer_match", id=question), default=True)
        except (typer.Abort, BrokenPipeError):  # no answer (end of input, a script, nobody
            typer.echo()  # reading the question): leave the question be
            match = False
    day = today()
    on = started if started is not None and started < day else None
    if on is not None:  # never before the question's last recorded change
        record = kb.get(question)
        last = last_change(record.data) if record is not None else None
        on = max(on, last) if last is not None else on
    if not match:
        typer.echo(t("link.match_later_on", id=question, date=on.isoformat()) if on
                   else t("link.match_later", id=question))
        return None
    try:
        moved = change_status(kb, question, "matched", t, day, by=who(kb, by), on=on)
    except VeiligestadError as exc:
        fail(exc, t)
    typer.echo(t("status_change.done", id=moved.record_id, old=moved.old, new=moved.new))
    return moved.rel


def unlink(
    ctx: typer.Context,
    first: First,
    second: Second,
    commit: CommitOption = False,
) -> None:
    """Remove a link between two records. Refused when it would leave a project or finding
    without questions, or a finding answering a question its project no longer has."""
    from veiligestad.commands.link import unlink as do_unlink
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx, commit=commit)
    try:
        result = do_unlink(kb, first, second, t, today())
    except VeiligestadError as exc:
        fail(exc, t)
    _report(kb, t, result, commit, "unlink")


def _report(kb: object, t: object, result: object, commit: bool, verb: str) -> None:
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.commands.link import LinkResult
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import KnowledgeBase

    assert isinstance(kb, KnowledgeBase) and isinstance(t, Translator)
    assert isinstance(result, LinkResult)
    if result.rel is None:
        typer.echo(t(f"{verb}.nothing", holder=result.holder, target=result.target))
        return
    if result.retyped is not None:
        typer.echo(t("link.retyped", holder=result.holder, target=result.target,
                     old=result.retyped[0], new=result.retyped[1], path=result.rel))
        return
    typer.echo(t(f"{verb}.done", holder=result.holder, target=result.target, path=result.rel))
    if commit:
        do_commit(
            kb, [result.rel], t(f"commit.{verb}", holder=result.holder, target=result.target), t
        )
