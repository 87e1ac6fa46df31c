"""file-name: a record lives in its kind's folder, in a file named after its ID.

``data/findings/F-2026-7KQ3.yaml`` holds the finding ``F-2026-7KQ3``; a renamed file or a copied
record whose ID was not changed is caught here.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.model.ids import kind_of
from veiligestad.store.records import RecordFile

ID = "file-name"
SCOPE = "file"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    record_id = record.record_id
    if record_id is None:
        return
    t = ctx.t
    if record.stem != record_id:
        yield ctx.problem(record, ID, t("file_name.mismatch", id=record_id, stem=record.stem),
                          t("file_name.mismatch_hint", id=record_id), field=("id",))
    kind = kind_of(record_id)
    if kind is not None and kind is not record.kind:
        yield ctx.problem(record, ID, t("file_name.folder", id=record_id,
                                        kind=t(f"kind.{kind.name}"), folder=record.kind.plural),
                          t("file_name.folder_hint", folder=f"data/{kind.plural}/"),
                          field=("id",))
