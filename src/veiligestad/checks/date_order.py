"""date-order: dates follow the order in which things happen.

A question is received before it is matched (``status_history``) and before it is needed; a
project starts after its questions came in and ends after it starts; a finding is reported no
earlier than its project started and published no earlier than it was reported; nothing that has
happened (received, reported, published, a change of status) is dated after today; an academic
year runs from one year to the next (2025-2026). A question
matched after its project began is only a warning: projects sometimes take on a second question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of, status_date
from veiligestad.checks.problem import WARNING, Problem
from veiligestad.store.records import RecordFile

# Dates of things that have happened; none of them can lie after today.
_PAST = {"question": ("received",), "project": (), "finding": ("reported", "published")}

ID = "date-order"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the dates of the records it links to.
AFFECTED = ("self", "linking")


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    yield from _future(ctx)
    for record in ctx.kb.records("question"):
        data = record.data
        assert data is not None
        received = date_of(data.get("received"))
        needed = date_of(data.get("needed_by"))
        matched = status_date(data, "matched")
        if received and needed and needed < received:
            yield _before(ctx, record, "needed_by", needed, "received", received)
        if received and matched and matched < received:
            yield ctx.problem(record, ID, t("date_order.matched_before_received"),
                              t("date_order.hint"), field=("status_history",))
    for record in ctx.kb.records("project"):
        data = record.data
        assert data is not None
        start, end = date_of(data.get("start")), date_of(data.get("end"))
        if start and end and end < start:
            yield _before(ctx, record, "end", end, "start", start)
        yield from _academic_year(ctx, record, data)
        questions = data.get("questions")
        for index, question_id in enumerate(questions if isinstance(questions, list) else []):
            question = ctx.kb.get(str(question_id))
            if not start or question is None or question.data is None:
                continue
            received = date_of(question.data.get("received"))
            # The first match: a question re-matched after its first project stopped must not
            # make that first project look as if it started too early.
            matched = status_date(question.data, "matched", first=True)
            if received and start < received:
                yield ctx.problem(record, ID, t("date_order.start_before_received",
                                                id=question_id),
                                  t("date_order.hint"), field=("start",))
            elif matched and start < matched:
                yield ctx.problem(record, ID, t("date_order.start_before_matched",
                                                id=question_id),
                                  t("date_order.matched_hint"), severity=WARNING,
                                  field=("questions", index))
    for record in ctx.kb.records("finding"):
        data = record.data
        assert data is not None
        reported, published = date_of(data.get("reported")), date_of(data.get("published"))
        if reported and published and published < reported:
            yield _before(ctx, record, "published", published, "reported", reported)
        project = ctx.kb.get(str(data.get("project")))
        start = date_of(project.data.get("start")) if project and project.data else None
        if reported and start and reported < start:
            yield ctx.problem(record, ID, t("date_order.reported_before_start",
                                            project=str(data.get("project"))),
                              t("date_order.hint"), field=("reported",))


def _before(
    ctx: CheckContext, record: RecordFile, later: str, later_date: dt.date, earlier: str,
    earlier_date: dt.date,
) -> Problem:
    return ctx.problem(record, ID, ctx.t("date_order.before", later=later,
                                         later_date=later_date.isoformat(), earlier=earlier,
                                         earlier_date=earlier_date.isoformat()),
                       ctx.t("date_order.hint"), field=(later,))


def _future(ctx: CheckContext) -> Iterator[Problem]:
    # The most frequent loop of the whole-KB rules (every record, every status change): the
    # test of ``date_of`` is written out here rather than called 300,000 times at 30,000 records.
    today, date, datetime = ctx.today, dt.date, dt.datetime
    for record in ctx.kb.records():
        data = record.data
        assert data is not None
        for name in _PAST.get(record.kind.name, ()):
            when = data.get(name)
            if isinstance(when, date) and not isinstance(when, datetime) and when > today:
                yield ctx.problem(record, ID, ctx.t("date_order.future", field=name,
                                                    date=when.isoformat()),
                                  ctx.t("date_order.future_hint"), field=(name,))
        history = data.get("status_history")
        if not isinstance(history, list):
            continue
        for index, entry in enumerate(history):
            when = entry.get("date") if isinstance(entry, dict) else None
            if isinstance(when, date) and not isinstance(when, datetime) and when > today:
                yield ctx.problem(record, ID, ctx.t("date_order.future",
                                                    field="status_history.date",
                                                    date=when.isoformat()),
                                  ctx.t("date_order.future_hint"),
                                  field=("status_history", index, "date"))


def _academic_year(
    ctx: CheckContext, record: RecordFile, data: dict[str, Any]
) -> Iterator[Problem]:
    period = data.get("period")
    value = period.get("academic_year") if isinstance(period, dict) else None
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{4}", value):
        return  # the schema rule reports the form
    first, second = (int(part) for part in value.split("-"))
    if second != first + 1:
        yield ctx.problem(record, ID, ctx.t("date_order.academic_year", value=value),
                          ctx.t("date_order.academic_year_hint"),
                          field=("period", "academic_year"))
