"""saved-query: every saved query in ``queries/`` can run.

A saved query (``queries/NAME.yaml``, run with ``veiligestad query --saved NAME``) is checked like
a record: it must be YAML of the right shape, name a kind, and its conditions, fields and sort keys
must be ones the query engine knows. A broken one is reported here, in the pull request that
breaks it, rather than to the coordinator who runs it. A query with a parameter that has no
default can only be checked when it runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import ERROR, Problem
from veiligestad.errors import UsageError

ID = "saved-query"
SCOPE = "kb"
# Whose problems an edit of a record can change (checks/incremental.py): no record's (this
# rule's problems are about saved queries, and read every record: a knowledge base with saved
# queries is checked whole after a fact edit).
AFFECTED = ()


def check(ctx: CheckContext) -> Iterator[Problem]:
    from veiligestad.commands.query import (
        QUERIES_DIR,
        MissingParameter,
        load_saved,
        saved_names,
    )
    from veiligestad.query import context, select

    names = saved_names(ctx.kb.root)
    if not names:
        return
    qctx = None
    for name in names:
        rel = f"{QUERIES_DIR}/{name}.yaml"
        try:
            saved = load_saved(ctx.kb.root, name, {}, ctx.t)
        except MissingParameter:
            continue
        except UsageError as exc:
            yield Problem(rel, ID, ERROR, exc.message, exc.hint)
            continue
        if qctx is None:
            qctx = context(ctx.kb, ctx.today, ctx.t)
        try:
            select(qctx, saved.kind, saved.conditions, **saved.options)
        except UsageError as exc:
            yield Problem(rel, ID, ERROR, ctx.t("saved_query.wrong",
                                                error=exc.message.splitlines()[0]), exc.hint)
