"""self-relation: a finding does not support, contradict or replicate itself.

A relation says how two findings stand to each other; one that names the finding itself says
nothing and usually means a copied ID. Name the other finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile

ID = "self-relation"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None or record.kind.name != "finding" or record.record_id is None:
        return
    relations = data.get("relations")
    for index, item in enumerate(relations if isinstance(relations, list) else []):
        if isinstance(item, dict) and item.get("finding") == record.record_id:
            yield ctx.problem(record, ID, ctx.t("self_relation.itself", id=record.record_id,
                                                type=str(item.get("type") or "")),
                              ctx.t("self_relation.hint"),
                              field=("relations", index, "finding"))
