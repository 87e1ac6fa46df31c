"""``veiligestad new project`` and ``new finding``: new records from their templates.

Projects are numbered (``P-2026-008``) by the coordinator; findings get the year and a random
code checked against existing IDs (``F-2026-7KQ3``), so two students who add findings to the same
project on two branches from one commit do not collide when both are merged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from veiligestad.commands.authoring import (
    FINDING_ASKS,
    PROJECT_ASKS,
    check_ids,
    convert_answers,
    refuse,
    unknown_id,
)
from veiligestad.commands.recordfile import Written, create
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.ids import new_random, next_numbered
from veiligestad.model.kinds import FINDING, PROJECT, QUESTION, Kind
from veiligestad.store.kb import KnowledgeBase


def project_questions(kb: KnowledgeBase, project_id: str, t: Translator) -> list[str]:
    """The questions project ``project_id`` works on (the only ones its findings may answer)."""
    record = kb.get(project_id)
    if record is None or record.kind is not PROJECT or record.data is None:
        raise unknown_id(kb, project_id, t, PROJECT)
    questions = record.data.get("questions")
    return [q for q in questions if isinstance(q, str)] if isinstance(questions, list) else []


def new_project(
    kb: KnowledgeBase, answers: Mapping[str, Any], t: Translator, today: dt.date,
    by: str | None = None,
) -> Written:
    """Write ``data/projects/<next ID>.yaml``, status ``planned``."""
    values, errors = convert_answers(PROJECT, PROJECT_ASKS, answers, kb.config, t)
    refuse(errors, t)
    check_ids(kb, QUESTION, values["questions"], t)
    _refuse_not_ready(kb, values["questions"], t)
    _refuse_start_outside_period(values, t)
    programme = values.get("programme")
    if programme:
        owner = kb.config.vocabulary("programmes")[programme].attrs.get("institution")
        if owner != values["institution"]:
            raise UsageError(t("new.programme_elsewhere", programme=programme,
                               institution=values["institution"]),
                             hint=t("new.programmes_of", institution=values["institution"],
                                    programmes=", ".join(
                                        programmes_of(kb, values["institution"])) or "—"))
    values["questions"] = _linked(PROJECT, values["questions"])
    values["link_stamps"] = _stamps(kb, PROJECT, values)
    values.update(today=today, by=by)
    record_id = next_numbered(PROJECT, today.year, kb.by_id)
    return create(kb, PROJECT, record_id, values, t, today)


def _refuse_not_ready(kb: KnowledgeBase, questions: list[str], t: Translator) -> None:
    """A project takes up a question the coordinator accepted (``ready``) or one that another
    project already works on; never one still waiting for intake, decided otherwise or closed."""
    from veiligestad.model.statuses import QUESTION_FOR_PROJECT

    for question in questions:
        record = kb.get(question)
        status = record.data.get("status") if record and record.data else None
        if status not in QUESTION_FOR_PROJECT:
            raise UsageError(t("new.question_not_ready", id=question, status=status),
                             hint=t("new.question_not_ready_hint",
                                    allowed=", ".join(QUESTION_FOR_PROJECT)))


def _refuse_start_outside_period(values: Mapping[str, Any], t: Translator) -> None:
    """The start date lies within the academic year and semester the project names."""
    from veiligestad.periods import academic_window

    start = values.get("start")
    window = academic_window(values.get("academic_year"), values.get("semester"))
    if isinstance(start, dt.date) and window and not window[0] <= start <= window[1]:
        raise UsageError(t("project_period.outside", start=start.isoformat(),
                           first=window[0].isoformat(), last=window[1].isoformat()),
                         hint=t("project_period.hint"))


def _linked(kind: Kind, questions: list[str]) -> list[Any]:
    """The ``questions`` value of a new record, written by the same function as ``link``."""
    from veiligestad.commands.link import add_link

    data: dict[str, Any] = {}
    for question in questions:
        add_link(data, kind, "questions", question)
    return list(data.get("questions", []))


def _stamps(kb: KnowledgeBase, kind: Kind, values: Mapping[str, Any]) -> dict[str, str]:
    """The fingerprints of a new record's links (``link_stamps``): all its links are new."""
    from veiligestad.commands.review import kb_lookup
    from veiligestad.stamps import FIELD, stamp_links

    data: dict[str, Any] = {k: values[k] for k in ("project", "questions") if k in values}
    stamp_links(data, kind.name, kb_lookup(kb), kb.config)
    return dict(data.get(FIELD) or {})


def programmes_of(kb: KnowledgeBase, institution: str) -> list[str]:
    """The programme keys of one institution."""
    return [key for key, entry in kb.config.vocabulary("programmes").items()
            if entry.attrs.get("institution") == institution]


def check_answer(kb: KnowledgeBase, kind: Kind, name: str, answers: Mapping[str, Any],
                 t: Translator, today: dt.date) -> None:
    """Raise when the answer for ``name``, with the answers before it, cannot make a valid
    record: the prompts ask again at once, instead of refusing after the last question."""
    if kind is FINDING:
        project_id = str(answers.get("project") or "")
        project = kb.get(project_id)
        start = project.data.get("start") if project and project.data else None
        start = start if isinstance(start, dt.date) else None
        if name == "project" and start and start > today:
            raise UsageError(t("new.project_not_started", project=project_id,
                               start=start.isoformat()),
                             hint=t("new.project_not_started_hint"))
        reported = answers.get("reported")
        if name == "reported" and isinstance(reported, dt.date):
            if start and reported < start:
                raise UsageError(t("new.reported_before_start", reported=reported.isoformat(),
                                   project=project_id,
                                   start=start.isoformat()))
            if reported > today:
                raise UsageError(t("date_order.future", field="reported",
                                   date=reported.isoformat()),
                                 hint=t("date_order.future_hint"))
    if kind is PROJECT and name == "start":
        _refuse_start_outside_period(answers, t)
        start = answers.get("start")
        for question in answers.get("questions") or []:
            record = kb.get(str(question))
            received = record.data.get("received") if record and record.data else None
            if isinstance(start, dt.date) and isinstance(received, dt.date) and start < received:
                raise UsageError(t("date_order.start_before_received", id=question),
                                 hint=t("new.start_hint", id=question,
                                        received=received.isoformat()))
    if kind is PROJECT and name == "questions":
        _refuse_not_ready(kb, list(answers.get("questions") or []), t)


def new_finding(
    kb: KnowledgeBase, answers: Mapping[str, Any], t: Translator, today: dt.date,
    by: str | None = None,
) -> Written:
    """Write ``data/findings/<F-year-code>.yaml``, review ``draft``, for one of the project's
    questions (all of them when none is named and the project has just one)."""
    answers = dict(answers)
    project = str(answers.get("project") or "").strip()
    if project:
        theirs = project_questions(kb, project, t)
        if not answers.get("questions") and len(theirs) == 1:
            answers["questions"] = theirs
    values, errors = convert_answers(FINDING, FINDING_ASKS, answers, kb.config, t)
    refuse(errors, t)
    check_answer(kb, FINDING, "project", values, t, today)
    check_answer(kb, FINDING, "reported", values, t, today)
    theirs = project_questions(kb, values["project"], t)
    for question in values["questions"]:
        if question not in theirs:
            raise UsageError(t("new.question_outside", id=question, project=values["project"]),
                             hint=t("new.project_questions", project=values["project"],
                                    ids=", ".join(theirs) or "—"))
    values["questions"] = _linked(FINDING, values["questions"])
    values["link_stamps"] = _stamps(kb, FINDING, values)
    values.setdefault("reported", today)
    values.update(today=today, by=by)
    record_id = new_random(FINDING, today.year, kb.by_id)
    return create(kb, FINDING, record_id, values, t, today)
