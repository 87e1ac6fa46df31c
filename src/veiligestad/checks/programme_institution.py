"""programme-institution: a project's programme is one of its institution's programmes.

Programmes are listed under each institution in ``veiligestad.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext, short_list
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile

ID = "programme-institution"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "project":
        return
    programme, institution = data.get("programme"), data.get("institution")
    entry = ctx.kb.config.vocabulary("programmes").get(str(programme))
    if entry is None or not isinstance(institution, str):
        return  # schema reports unknown values
    if entry.attrs.get("institution") != institution:
        own = [key for key, e in ctx.kb.config.vocabulary("programmes").items()
               if e.attrs.get("institution") == institution]
        yield ctx.problem(record, ID, ctx.t("programme_institution.mismatch",
                                            programme=programme, institution=institution),
                          ctx.t("schema.allowed", allowed=short_list(own) or "—"),
                          field=("programme",))
