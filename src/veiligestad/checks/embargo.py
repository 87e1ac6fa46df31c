"""embargo: an embargo date is plausible and means something.

An embargo keeps a public record or deliverable off the public site and out of public reports
until its date. An embargo that ends before the record began is a typo; one more than ten years
ahead probably too (warning); an embargo on a record that is not public has no effect (warning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from veiligestad.checks.context import CheckContext
from veiligestad.checks.dates import date_of
from veiligestad.checks.problem import WARNING, FieldPath, Problem
from veiligestad.model.kinds import DEFAULT_CLASSIFICATION
from veiligestad.store.records import RecordFile

ID = "embargo"
SCOPE = "file"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on itself and today's date.
AFFECTED = ("self",)
# Its result depends on the day it runs, so it is never taken from the cache.
USES_TODAY = True
_BEGIN_FIELDS = ("received", "start", "reported")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None:
        return
    begin = next((d for f in _BEGIN_FIELDS if (d := date_of(data.get(f)))), None)
    yield from _check(record, ctx, data, ("embargo_until",), begin)
    deliverables = data.get("deliverables")
    for index, item in enumerate(deliverables if isinstance(deliverables, list) else []):
        if isinstance(item, dict):
            yield from _check(record, ctx, item, ("deliverables", index, "embargo_until"), begin)


def _check(
    record: RecordFile, ctx: CheckContext, holder: dict[str, Any], path: FieldPath,
    begin: dt.date | None,
) -> Iterator[Problem]:
    until = date_of(holder.get("embargo_until"))
    if until is None:
        return
    t = ctx.t
    if begin and until < begin:
        yield ctx.problem(record, ID, t("embargo.before_begin", date=until.isoformat(),
                                        begin=begin.isoformat()),
                          t("embargo.typo_hint"), field=path)
    elif until > ctx.today + dt.timedelta(days=3653):
        yield ctx.problem(record, ID, t("embargo.far", date=until.isoformat()),
                          t("embargo.typo_hint"), severity=WARNING, field=path)
    if holder.get("classification", DEFAULT_CLASSIFICATION) != "public":
        yield ctx.problem(record, ID, t("embargo.not_public"), t("embargo.not_public_hint"),
                          severity=WARNING, field=path)
