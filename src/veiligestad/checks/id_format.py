"""id-format: an ID has its kind's pattern.

Questions and projects: ``Q-2026-014``, ``P-2026-003`` (year and number from intake). Findings:
``F-2026-7KQ3`` (year and a random code, so students on parallel branches never collide;
``veiligestad new finding`` makes one).
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import Problem
from veiligestad.model.ids import is_valid
from veiligestad.store.records import RecordFile

ID = "id-format"
SCOPE = "file"
EXAMPLES = {"question": "Q-2026-014", "project": "P-2026-003", "finding": "F-2026-7KQ3"}


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    record_id = record.record_id
    if record_id is None or record.misplaced or is_valid(record_id, record.kind):
        return
    yield ctx.problem(record, ID, ctx.t("id_format.bad", id=record_id,
                                        kind=ctx.t(f"kind.{record.kind.name}")),
                      ctx.t("id_format.hint_finding") if record.kind.name == "finding"
                      else ctx.t("id_format.hint", example=EXAMPLES[record.kind.name]),
                      field=("id",))
