"""date-order: dates follow the order in which things happen.

A question is received before it is matched (``status_history``) and before it is needed; a
project starts after its questions came in and ends after it starts; a finding is reported no
earlier than its project started and published no earlier than it was reported. A question
matched after its project began is only a warning: projects sometimes take on a second question.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of, status_date
from veiligestad.checks.problem import WARNING, Problem

ID = "date-order"
SCOPE = "kb"


def check(ctx: CheckContext) -> Iterator[Problem]:
    t = ctx.t
    for record in ctx.kb.records("question"):
        data = record.data
        assert data is not None
        received = date_of(data.get("received"))
        needed = date_of(data.get("needed_by"))
        matched = status_date(data, "matched")
        if received and needed and needed < received:
            yield ctx.problem(record, ID, t("date_order.before", later="needed_by",
                                            earlier="received"),
                              t("date_order.hint"), field=("needed_by",))
        if received and matched and matched < received:
            yield ctx.problem(record, ID, t("date_order.matched_before_received"),
                              t("date_order.hint"), field=("status_history",))
    for record in ctx.kb.records("project"):
        data = record.data
        assert data is not None
        start, end = date_of(data.get("start")), date_of(data.get("end"))
        if start and end and end < start:
            yield ctx.problem(record, ID, t("date_order.before", later="end", earlier="start"),
                              t("date_order.hint"), field=("end",))
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
            yield ctx.problem(record, ID, t("date_order.before", later="published",
                                            earlier="reported"),
                              t("date_order.hint"), field=("published",))
        project = ctx.kb.get(str(data.get("project")))
        start = date_of(project.data.get("start")) if project and project.data else None
        if reported and start and reported < start:
            yield ctx.problem(record, ID, t("date_order.reported_before_start",
                                            project=str(data.get("project"))),
                              t("date_order.hint"), field=("reported",))
