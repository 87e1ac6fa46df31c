"""id-unique: no two records share an ID.

Two files with the same ``id`` usually mean a record was copied as a template and its ID kept.
Each file involved is reported, naming the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem

ID = "id-unique"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): a record's
# problems here depend on the records holding its ID.
AFFECTED = ("self", "same-id")


def check(ctx: CheckContext) -> Iterator[Problem]:
    for record_id, records in ctx.kb.by_id.items():
        if len(records) < 2:
            continue
        for record in records:
            others = ", ".join(r.rel for r in records if r is not record)
            yield ctx.problem(record, ID, ctx.t("id_unique.duplicate", id=record_id, others=others),
                              ctx.t("id_unique.hint"), field=("id",))
