"""ethics-minors: a project with minors has the supervisor's ethics check.

Research with children and young people under 18 needs the supervisor (and often the
institution's ethics committee) to check the design, the consent of parents and the data
management before it starts. A project with ``ethics.minors: true`` and no
``ethics.supervisor_check: true`` is an error once it is running (or finished, or stopped):
the research went ahead without the check. While the project is still ``planned`` it is a
warning, the check still to do; ``veiligestad status P-… running`` is refused until it is done.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import ERROR, WARNING, Problem
from veiligestad.store.records import RecordFile

ID = "ethics-minors"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "project":
        return
    ethics = data.get("ethics")
    if not isinstance(ethics, dict) or ethics.get("minors") is not True:
        return
    if ethics.get("supervisor_check") is True:
        return
    planned = data.get("status") == "planned"
    yield ctx.problem(record, ID, ctx.t("ethics_minors.unchecked"),
                      ctx.t("ethics_minors.hint"), severity=WARNING if planned else ERROR,
                      field=("ethics", "minors"))
