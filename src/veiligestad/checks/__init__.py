"""The validation rules, one module each, and the registry that runs them.

Each rule module has an ``ID``, a docstring that is its user documentation (``docs/rules.md`` is
made from them), a ``SCOPE`` and either ``check_file(record, ctx)`` (the rule looks at one file
at a time; its result depends on nothing else) or ``check(ctx)`` (it needs the whole knowledge
base: links, duplicates, backlinks).

A file rule's problems are cached per file (``store/cache.py``), keyed by the file's content, the
whole config, the language and the tool's code. A file rule must therefore depend on nothing else;
one that reads today's date says so with ``USES_TODAY = True`` and then runs on every run. A rule
that needs anything more (other records, git) has ``SCOPE = "kb"``.

Every rule over the whole knowledge base, and every dated file rule, declares in ``AFFECTED``
whose problems an edit of one record can change (``checks/incremental.py``), so that
``validate`` after a fact edit redoes it for those records alone; a rule without it sends such
a run the whole way. ``tests/checks/test_incremental.py`` keeps a witness for every relation
declared.
"""

from __future__ import annotations

from types import ModuleType

from veiligestad.checks import (
    date_order,
    decision_reason,
    duplicate_key,
    embargo,
    encoding,
    ethics_minors,
    file_access,
    file_name,
    file_size,
    finding_questions,
    finished_project,
    id_format,
    id_unique,
    implicit_type,
    link_target,
    merge_conflict,
    overdue_project,
    personal_data,
    programme_institution,
    project_period,
    project_started,
    question_progress,
    question_project,
    record_dates,
    record_shape,
    saved_query,
    schema,
    self_relation,
    stale_question,
    status_history,
    suspect_link,
    tab,
    title_length,
    unanswered_question,
    unknown_field,
    yaml_anchor,
    yaml_syntax,
    yaml_tag,
)

# The order is the order of the documentation: from bytes, to YAML, to fields, to links.
RULES: tuple[ModuleType, ...] = (
    file_access,
    file_size,
    encoding,
    merge_conflict,
    yaml_syntax,
    yaml_tag,
    duplicate_key,
    yaml_anchor,
    tab,
    record_shape,
    implicit_type,
    schema,
    title_length,
    unknown_field,
    file_name,
    id_format,
    id_unique,
    link_target,
    self_relation,
    finding_questions,
    suspect_link,
    programme_institution,
    status_history,
    unanswered_question,
    question_progress,
    question_project,
    decision_reason,
    finished_project,
    ethics_minors,
    project_started,
    project_period,
    date_order,
    record_dates,
    embargo,
    stale_question,
    overdue_project,
    personal_data,
    saved_query,
)
FILE_RULES: tuple[ModuleType, ...] = tuple(r for r in RULES if r.SCOPE == "file")
KB_RULES: tuple[ModuleType, ...] = tuple(r for r in RULES if r.SCOPE == "kb")
RULE_IDS: tuple[str, ...] = tuple(r.ID for r in RULES)
