"""The query engine shared by the command line, statistics, reports, the site and templates.

Public API::

    run_query(kb, "questions", ["status=ready", "themes=ov,uitgaansleven"], sort="received-",
              fields="id,title", limit=10, match=None, quarter="2026-Q3", since=None,
              until=None, linked_to=None, recursive=False, today=date) -> list[dict]

    ctx = context(kb, today=date, t=translator)      # read once, query many times
    select(ctx, "findings", [...], group_by="themes", ...) -> QueryResult(rows, groups)

    query = template_query(kb, today=date)  # Jinja2: {{ query("questions", "!projects") }}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from veiligestad.i18n import Translator
from veiligestad.query.conditions import (
    Condition,
    ConditionError,
    allowed_values,
    fold,
    parse_condition,
    parse_conditions,
)
from veiligestad.query.engine import (
    DEFAULT_FIELDS,
    Context,
    QueryResult,
    SortKey,
    context,
    group_rows,
    kind_of,
    linked_ids,
    parse_fields,
    parse_sort,
    run_query,
    select,
    sort_rows,
)
from veiligestad.query.public import AUDIENCES, public_view
from veiligestad.query.view import DERIVED, MAIN_DATE, Row, field_specs, jsonable, value_at
from veiligestad.store.kb import KnowledgeBase

__all__ = [
    "AUDIENCES",
    "DEFAULT_FIELDS",
    "DERIVED",
    "MAIN_DATE",
    "Condition",
    "ConditionError",
    "Context",
    "QueryResult",
    "Row",
    "SortKey",
    "allowed_values",
    "context",
    "field_specs",
    "fold",
    "group_rows",
    "jsonable",
    "kind_of",
    "linked_ids",
    "parse_condition",
    "parse_conditions",
    "parse_fields",
    "parse_sort",
    "public_view",
    "run_query",
    "select",
    "sort_rows",
    "template_query",
    "value_at",
]


def template_query(kb: KnowledgeBase, today: dt.date | None = None,
                   t: Translator | None = None,
                   audience: str = "internal") -> Callable[..., list[Row]]:
    """A function for templates: ``query(kind, *conditions, sort=…, fields=…, limit=…, …)``.

    It takes the same arguments as ``select`` (conditions as positional strings or one list)
    and returns the same JSON-ready rows as ``veiligestad query --format json``; the records are
    read and linked once for all the template's queries. With ``audience="public"`` every query
    of the template sees only what the public may see, whatever the template asks.
    """
    ctx = context(kb, today, t)

    def query(kind: str, *conditions: Any, **options: Any) -> list[Row]:
        flat: list[str] = []
        for condition in conditions:
            flat.extend(condition if isinstance(condition, list | tuple) else [condition])
        return select(ctx, kind, flat, **{**options, "audience": audience}).rows

    return query
