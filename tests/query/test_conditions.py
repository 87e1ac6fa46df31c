"""Every operator of ``-w``, and every mistake shown where it is."""

from __future__ import annotations

import pytest

from tests.query.conftest import ids
from veiligestad.query import ConditionError, Context, select


def run(ctx: Context, kind: str, *conditions: str) -> list[object]:
    return ids(select(ctx, kind, list(conditions)).rows)


@pytest.mark.parametrize(("kind", "condition", "expected"), [
    ("questions", "status=ready", ["Q-2026-003"]),
    ("questions", "status!=in_progress", ["Q-2026-003", "Q-2026-004"]),
    ("questions", "received<2026-01-15", ["Q-2026-001"]),
    ("questions", "received<=2026-01-15", ["Q-2026-001", "Q-2026-002"]),
    ("questions", "received>2026-03-02", ["Q-2026-004"]),
    ("questions", "received>=2026-03-02", ["Q-2026-003", "Q-2026-004"]),
    ("questions", "title~veiligheid", ["Q-2026-003"]),        # case-insensitive
    ("questions", "title~een vraag", ["Q-2026-003"]),         # accent-insensitive: "Één"
    ("questions", "title!~veilig", ["Q-2026-002", "Q-2026-004"]),
    ("questions", "themes=uitgaansleven,ov", ["Q-2026-001", "Q-2026-003"]),  # one of
    ("questions", "themes=straatintimidatie", ["Q-2026-002"]),  # any element of a list
    ("questions", "department?", ["Q-2026-001", "Q-2026-004"]),
    ("questions", "!department", ["Q-2026-002", "Q-2026-003"]),
    ("questions", "!projects", ["Q-2026-003", "Q-2026-004"]),   # a backlink
    ("questions", "projects=P-2026-001", ["Q-2026-001", "Q-2026-002"]),
    ("questions", "findings=F-2026-9ZXA", ["Q-2026-002"]),
    ("questions", "days_open>300", ["Q-2026-001", "Q-2026-002"]),
    ("questions", "quarter=2026K1", ["Q-2026-001", "Q-2026-002", "Q-2026-003"]),
    ("questions", "classification=internal", ["Q-2026-002", "Q-2026-004"]),  # absent = internal
    ("questions", "is_public=true", ["Q-2026-001", "Q-2026-003"]),
    ("findings", "evidence.design>=1", ["F-2026-7KQ3"]),
    ("findings", "evidence.maturity=well_described", ["F-2026-7KQ3"]),
    ("findings", "recommendations.to=wijkregie", ["F-2026-7KQ3"]),
    ("findings", "related_from?", ["F-2026-7KQ3"]),
    ("findings", "themes=omstanders", ["F-2026-9ZXA"]),
    ("projects", "findings=F-2026-7KQ3", ["P-2026-001"]),
    ("projects", "student_count=4", ["P-2026-001"]),
    ("projects", "ethics.minors=false", ["P-2026-001"]),
])
def test_operator(ctx: Context, kind: str, condition: str, expected: list[str]) -> None:
    assert run(ctx, kind, condition) == expected


def test_conditions_are_and_ed(ctx: Context) -> None:
    assert run(ctx, "questions", "themes=uitgaansleven,ov", "status=ready") == ["Q-2026-003"]


@pytest.mark.parametrize(("condition", "message", "column", "width", "hint"), [
    ("theme=ov", "question has no field 'theme'", 1, 5, "did you mean `themes`?"),
    ("themes=ov,uitgaansleve", "'uitgaansleve' is not a value that themes can have", 11, 12,
     "did you mean `uitgaansleven`?"),
    ("status=klaar", "'klaar' is not a value that status can have", 8, 5, "allowed:"),
    ("received>=2026-02-30", "'2026-02-30' is not a date", 11, 10, "YYYY-MM-DD"),
    ("days_open>many", "'many' is not a whole number", 11, 4, None),
    ("is_public=perhaps", "'perhaps' is not true or false", 11, 7, None),
    ("status", "has no operator", 7, 1, "field=value"),
    ("title=", "has no value after the operator", 7, 1, "field=value"),
    ("=ready", "does not start with a field name", 1, 1, "field=value"),
    ("status_history.whom=x", "question has no field 'whom'", 16, 4, "fields: date"),
    ("status_history=x", "cannot be compared", 15, 1, "evidence.design"),
    ("!departmnt", "question has no field 'departmnt'", 2, 9, "did you mean `department`?"),
    ("departmnt?", "question has no field 'departmnt'", 1, 9, "did you mean `department`?"),
    ("received!<2026-01-01", "has no operator", 9, 12, "field=value"),
])
def test_mistakes_point_at_their_column(ctx: Context, condition: str, message: str, column: int,
                                        width: int, hint: str | None) -> None:
    with pytest.raises(ConditionError) as raised:
        select(ctx, "questions", [condition])
    error = raised.value
    assert error.exit_code == 2
    assert message in error.message
    assert error.column == column
    assert error.message.endswith("\n    " + condition + "\n    " + " " * (column - 1)
                                  + "^" * width)
    if hint:
        assert error.hint and hint in error.hint


def test_nested_unknown_field_in_findings(ctx: Context) -> None:
    with pytest.raises(ConditionError) as raised:
        select(ctx, "findings", ["evidence.desing>=3"])
    assert raised.value.column == 10
    assert raised.value.hint and "did you mean `design`?" in raised.value.hint
