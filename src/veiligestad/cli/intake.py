"""``veiligestad intake``: questions in, one by one at the prompt or from a form's export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from veiligestad.cli.authoring import (
    AnswersOption,
    ByOption,
    CommitOption,
    NoInputOption,
    open_kb_for,
)
from veiligestad.cli.common import fail, today

app = typer.Typer(
    help="Take in questions: at the prompt, or from a partner form's export.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("question")
def question(
    ctx: typer.Context,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="A short title.")
    ] = None,
    asked_by: Annotated[
        str | None,
        typer.Option(
            "--asked-by",
            metavar="PARTNER",
            help="The partner who asks (a key or label; see veiligestad vocab).",
        ),
    ] = None,
    department: Annotated[
        str | None, typer.Option("--department", metavar="KEY", help="The department that owns it.")
    ] = None,
    theme: Annotated[
        list[str] | None, typer.Option("--theme", metavar="KEY", help="A theme (repeatable).")
    ] = None,
    original_text: Annotated[
        str | None, typer.Option("--original-text", metavar="TEXT", help="The question as asked.")
    ] = None,
    research_question: Annotated[
        str | None,
        typer.Option(
            "--research-question", metavar="TEXT", help="The question as articulated at intake."
        ),
    ] = None,
    target_group: Annotated[
        str | None, typer.Option("--target-group", metavar="TEXT", help="Who it is about.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", metavar="KEY", help="The neighbourhood.")
    ] = None,
    intended_use: Annotated[
        str | None, typer.Option("--intended-use", metavar="KEY", help="What the answer is for.")
    ] = None,
    suitable_for: Annotated[
        list[str] | None,
        typer.Option(
            "--suitable-for",
            metavar="KEY",
            help="A kind of student work that suits it (repeatable).",
        ),
    ] = None,
    needed_by: Annotated[
        str | None,
        typer.Option(
            "--needed-by", metavar="DATE", help="When an answer is needed: 2027-03-01 or 1-3-2027."
        ),
    ] = None,
    classification: Annotated[
        str | None,
        typer.Option(
            "--classification", metavar="KEY", help="public, internal (default) or confidential."
        ),
    ] = None,
    by: ByOption = None,
    answers_file: AnswersOption = None,
    no_input: NoInputOption = False,
    commit: CommitOption = False,
) -> None:
    """Take in one question: status submitted, received today. Asks for each field (allowed
    values offered as choices) unless --no-input. Prints the new ID as the last line."""
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.cli.authoring import refused_keep_answers, rel_to_cwd, start_answers, who
    from veiligestad.cli.prompts import ask_fields
    from veiligestad.commands.authoring import QUESTION_ASKS
    from veiligestad.commands.intake import intake_question
    from veiligestad.errors import VeiligestadError
    from veiligestad.model.kinds import QUESTION

    kb, t = open_kb_for(ctx, commit=commit)
    given = {
        "title": title,
        "asked_by": asked_by,
        "department": department,
        "themes": theme,
        "original_text": original_text,
        "research_question": research_question,
        "target_group": target_group,
        "location": location,
        "intended_use": intended_use,
        "suitable_for": suitable_for,
        "needed_by": needed_by,
        "classification": classification,
    }
    given = start_answers(answers_file, given, [a.name for a in QUESTION_ASKS], t)
    answers = ask_fields(QUESTION, QUESTION_ASKS, kb.config, t, given, not no_input)
    try:
        written = intake_question(kb, answers, t, today(), by=who(kb, by))
    except VeiligestadError as exc:
        refused_keep_answers(kb, t, exc, "question", "veiligestad intake question", answers,
                             not no_input)
    typer.echo(t("new.created", kind=t("kind.question"), path=rel_to_cwd(kb, written.rel)))
    if commit:
        do_commit(
            kb,
            [written.rel],
            t("commit.intake", id=written.record_id, title=str(answers.get("title") or "")),
            t,
        )
    typer.echo(written.record_id)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The form's export: .csv (; or ,) or .xlsx.", metavar="FILE", show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")
    ] = False,
    by: ByOption = None,
    commit: CommitOption = False,
) -> None:
    """Import questions from a partner form's export. Only new submissions become questions
    (re-importing is a no-op); a bad row is rejected with its reason and never blocks the others.
    Exit code 1 when a row was rejected."""
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.cli.authoring import who
    from veiligestad.cli.common import console
    from veiligestad.commands.intake_import import CREATED, REJECTED, SKIPPED, import_questions
    from veiligestad.errors import VeiligestadError

    kb, t = open_kb_for(ctx, commit=commit)
    try:
        result = import_questions(kb, file, t, today(), by=who(kb, by), dry_run=dry_run)
    except VeiligestadError as exc:
        fail(exc, t)
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        t("import.row"),
        t("import.outcome"),
        t("import.id"),
        t("import.title"),
        t("import.reason"),
        title=t("import.summary_title", file=file.name),
    )
    labels = {
        CREATED: t("import.would_create") if dry_run else t("import.created"),
        SKIPPED: t("import.skipped"),
        REJECTED: t("import.rejected"),
    }
    for row in result.rows:
        # Text from the export is data, not Rich markup: "[date-order]" must stay as it is.
        table.add_row(str(row.row), labels[row.outcome], row.record_id or "", escape(row.title),
                      escape(row.reason))
    console().print(table)
    for warning in result.warnings:
        typer.echo(f"{t('cli.warning')}: {warning}", err=True)
    typer.echo(
        t(
            "import.summary_dry_run" if dry_run else "import.summary",
            created=result.count(CREATED),
            skipped=result.count(SKIPPED),
            rejected=result.count(REJECTED),
        )
    )
    if result.count(REJECTED):
        typer.echo(t("import.rejected_hint"))
    if dry_run:
        typer.echo(t("import.dry_run"))
    elif commit:
        rels = [f"data/questions/{i}.yaml" for i in result.created]
        do_commit(kb, rels, t("commit.import", count=len(rels), file=file.name), t)
    raise typer.Exit(1 if result.count(REJECTED) else 0)


@app.command("form")
def form(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Where to write the blank form: .xlsx or .csv.", metavar="FILE", show_default=False
        ),
    ],
) -> None:
    """Write a blank intake form with the columns of intake_form in veiligestad.yaml (and, in
    .xlsx, a sheet with the allowed values), to hand out to partners. Never overwrites."""
    from veiligestad.cli.common import open_config, options
    from veiligestad.commands.intake_import import blank_form
    from veiligestad.errors import VeiligestadError

    config, t = open_config(options(ctx))
    try:
        headers = blank_form(config, file, t)
    except VeiligestadError as exc:
        fail(exc, t)
    typer.echo(t("import.form_written", path=str(file), count=len(headers)))
