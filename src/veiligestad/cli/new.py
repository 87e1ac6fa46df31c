"""``veiligestad new project|finding``: a new record from its template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from veiligestad.cli.authoring import (
    AnswersOption,
    ByOption,
    CommitOption,
    NoInputOption,
    open_kb_for,
)
from veiligestad.cli.common import fail, today
from veiligestad.cli.link import MatchOption, offer_match

if TYPE_CHECKING:
    from veiligestad.commands.fieldinput import Option
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import KnowledgeBase

app = typer.Typer(
    help="Add a project or a finding from the knowledge base's templates.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Title = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A short title.")]
Classification = Annotated[
    str | None,
    typer.Option(
        "--classification", metavar="KEY", help="public, internal (default) or confidential."
    ),
]


def _records(kb: KnowledgeBase, kind: str, ids: Sequence[str] | None = None) -> list[Option]:
    from veiligestad.commands.fieldinput import Option

    out = []
    for record in kb.records(kind):
        assert record.data is not None
        if record.record_id and (ids is None or record.record_id in ids):
            out.append(Option(record.record_id, str(record.data.get("title") or "")))
    return out


@app.command("project")
def project(
    ctx: typer.Context,
    title: Title = None,
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question", "-q", metavar="ID", help="A question the project works on (repeatable)."
        ),
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", metavar="KEY", help="The kind of student work.")
    ] = None,
    institution: Annotated[
        str | None, typer.Option("--institution", metavar="KEY", help="The school or university.")
    ] = None,
    programme: Annotated[
        str | None,
        typer.Option("--programme", metavar="KEY", help="A study programme of that institution."),
    ] = None,
    academic_year: Annotated[
        str | None, typer.Option("--academic-year", metavar="YYYY-YYYY", help="e.g. 2026-2027.")
    ] = None,
    semester: Annotated[
        str | None, typer.Option("--semester", metavar="1|2", help="1 or 2.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="DATE", help="First day.")] = None,
    end: Annotated[str | None, typer.Option("--end", metavar="DATE", help="Last day.")] = None,
    student_count: Annotated[
        str | None,
        typer.Option("--student-count", metavar="N", help="How many students take part."),
    ] = None,
    supervisor: Annotated[
        str | None, typer.Option("--supervisor", metavar="TEXT", help="The supervising lecturer.")
    ] = None,
    method: Annotated[
        list[str] | None, typer.Option("--method", metavar="KEY", help="A method (repeatable).")
    ] = None,
    classification: Classification = None,
    by: ByOption = None,
    match: MatchOption = None,
    answers_file: AnswersOption = None,
    no_input: NoInputOption = False,
    commit: CommitOption = False,
) -> None:
    """Add a project (status planned) for one or more questions. Asks for each field unless
    --no-input. A question that is ready is offered to be moved to matched (--match). Prints
    the new ID as the last line."""
    from veiligestad.cli.authoring import start_answers
    from veiligestad.cli.prompts import ask_fields
    from veiligestad.commands.authoring import PROJECT_ASKS
    from veiligestad.commands.new import check_answer, new_project, programmes_of
    from veiligestad.model.kinds import PROJECT
    from veiligestad.model.statuses import QUESTION_FOR_PROJECT

    kb, t = open_kb_for(ctx, commit=commit)
    open_questions = [
        r.record_id
        for r in kb.records("question")
        if r.data is not None and r.data.get("status") in QUESTION_FOR_PROJECT and r.record_id
    ]

    def restrict(name: str, answers: Mapping[str, Any]) -> list[Option] | None:
        if name == "questions":
            return _records(kb, "question", [i for i in open_questions if i])
        if name == "programme" and answers.get("institution"):
            keys = programmes_of(kb, str(answers["institution"]))
            labels = kb.config.vocabulary("programmes")
            from veiligestad.commands.fieldinput import Option

            return [Option(k, t.label(labels[k].labels, k)) for k in keys]
        return None

    given = {
        "title": title,
        "questions": question,
        "type": type_,
        "institution": institution,
        "programme": programme,
        "academic_year": academic_year,
        "semester": semester,
        "start": start,
        "end": end,
        "student_count": student_count,
        "supervisor": supervisor,
        "methods": method,
        "classification": classification,
    }
    given = start_answers(answers_file, given, [a.name for a in PROJECT_ASKS], t)
    answers = ask_fields(PROJECT, PROJECT_ASKS, kb.config, t, given, not no_input, restrict,
                         lambda name, so_far: check_answer(kb, PROJECT, name, so_far, t, today()))
    ready = [str(q) for q in (answers.get("questions") or [])
             if (r := kb.get(str(q))) is not None and r.data is not None
             and r.data.get("status") == "ready"]
    _finish(
        kb,
        t,
        lambda: new_project(kb, answers, t, today(), by=_by(kb, by)),
        "project",
        answers,
        commit,
        not no_input,
        lambda: [rel for q in ready if (rel := offer_match(
            ctx, q, match, no_input, by, started=_day(answers.get("start"), t)))],
    )


def _day(answer: object, t: Translator) -> dt.date | None:
    """An answer that ``new_project`` has already accepted as a date, as a date."""
    from veiligestad.commands.fieldinput import parse_date

    if isinstance(answer, dt.date):
        return answer
    return parse_date(answer, "start", t) if isinstance(answer, str) and answer.strip() else None


@app.command("finding")
def finding(
    ctx: typer.Context,
    project: Annotated[
        str | None, typer.Option("--project", "-p", metavar="ID", help="The project that found it.")
    ] = None,
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question",
            "-q",
            metavar="ID",
            help="A question it answers, among the project's (repeatable; "
            "default: the project's only question).",
        ),
    ] = None,
    title: Title = None,
    statement: Annotated[
        str | None,
        typer.Option("--statement", metavar="TEXT", help="The finding in one or two sentences."),
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", metavar="KEY", help="The kind of finding.")
    ] = None,
    intervention: Annotated[
        str | None,
        typer.Option("--intervention", metavar="TEXT", help="The intervention tested, if any."),
    ] = None,
    outcome_domain: Annotated[
        list[str] | None,
        typer.Option("--outcome-domain", metavar="KEY", help="An outcome domain (repeatable)."),
    ] = None,
    reported: Annotated[
        str | None,
        typer.Option("--reported", metavar="DATE", help="When it was reported (default: today)."),
    ] = None,
    classification: Classification = None,
    by: ByOption = None,
    answers_file: AnswersOption = None,
    no_input: NoInputOption = False,
    commit: CommitOption = False,
) -> None:
    """Add a finding (review draft) to a project; --project P offers only that project's
    questions. The ID is the year plus a random code, so findings added on parallel branches do
    not collide. Prints the new ID as the last line."""
    from veiligestad.cli.authoring import start_answers
    from veiligestad.cli.prompts import ask_fields
    from veiligestad.commands.authoring import FINDING_ASKS
    from veiligestad.commands.new import check_answer, new_finding, project_questions
    from veiligestad.errors import VeiligestadError
    from veiligestad.model.kinds import FINDING

    kb, t = open_kb_for(ctx, commit=commit)

    def restrict(name: str, answers: Mapping[str, Any]) -> list[Option] | None:
        if name == "project":
            return _records(kb, "project")
        if name == "questions" and answers.get("project"):
            try:
                ids = project_questions(kb, str(answers["project"]), t)
            except VeiligestadError:
                return None
            return _records(kb, "question", ids)
        return None

    given = {
        "project": project,
        "questions": question,
        "title": title,
        "statement": statement,
        "type": type_,
        "intervention": intervention,
        "outcome_domains": outcome_domain,
        "reported": reported,
        "classification": classification,
    }
    if project and not question and not no_input:
        try:
            only = project_questions(kb, project, t)
        except VeiligestadError as exc:
            fail(exc, t)
        if len(only) == 1:
            given["questions"] = only
    given = start_answers(answers_file, given, [a.name for a in FINDING_ASKS], t)
    answers = ask_fields(FINDING, FINDING_ASKS, kb.config, t, given, not no_input, restrict,
                         lambda name, so_far: check_answer(kb, FINDING, name, so_far, t, today()))
    _finish(
        kb,
        t,
        lambda: new_finding(kb, answers, t, today(), by=_by(kb, by)),
        "finding",
        answers,
        commit,
        not no_input,
    )


def _by(kb: KnowledgeBase, by: str | None) -> str | None:
    from veiligestad.cli.authoring import who

    return who(kb, by)


def _finish(
    kb: KnowledgeBase,
    t: Any,
    make: Any,
    kind: str,
    answers: dict[str, Any],
    commit: bool,
    typed: bool,
    after: Any = None,
) -> None:
    from veiligestad.cli.authoring import commit as do_commit
    from veiligestad.cli.authoring import refused_keep_answers, rel_to_cwd
    from veiligestad.errors import VeiligestadError

    title = str(answers.get("title") or "")
    try:
        written = make()
    except VeiligestadError as exc:
        refused_keep_answers(kb, t, exc, kind, f"veiligestad new {kind}", answers, typed)
    typer.echo(t("new.created", kind=t(f"kind.{kind}"), path=rel_to_cwd(kb, written.rel)))
    extra = after() if after is not None else []
    if commit:
        do_commit(
            kb,
            [written.rel, *extra],
            t("commit.new", kind=t(f"kind.{kind}"), id=written.record_id, title=title),
            t,
        )
    typer.echo(written.record_id)
