"""yaml-syntax: the file must be valid YAML.

The message names the usual cause (a colon inside a value, a quote never closed, indentation that
does not match, a character that cannot start a value) with the parser's own words beside it, at
the line and column where it stopped; the rest of the knowledge base is still checked. A syntax
error on a line with a tab is left to the ``tab`` rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from veiligestad.checks.context import CheckContext
from veiligestad.checks.notes import from_notes
from veiligestad.checks.problem import Problem
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import ParseNote

ID = "yaml-syntax"
SCOPE = "file"


# libyaml's own words for the mistakes people make most, and what to say instead.
_KNOWN = (
    ("mapping values are not allowed", "colon"),
    ("found unexpected end of stream", "unclosed"),
    ("while scanning a quoted scalar", "unclosed"),
    ("did not find expected ',' or ']'", "unclosed"),
    ("did not find expected ',' or '}'", "unclosed"),
    ("did not find expected key", "indent"),
    ("did not find expected '-' indicator", "indent"),
    ("found character that cannot start any token", "token"),
)


def _describe(note: ParseNote, ctx: CheckContext) -> tuple[str, str | None]:
    error = note.params.get("error", "")
    for words, key in _KNOWN:
        if words in error:
            return (ctx.t(f"yaml_syntax.{key}") + f" ({error})",
                    ctx.t(f"yaml_syntax.{key}_hint"))
    return ctx.t("yaml_syntax.error", error=error), ctx.t("yaml_syntax.hint")


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    from veiligestad.checks.merge_conflict import file_conflict_line

    if file_conflict_line(record, ctx) is not None:
        return  # the merge-conflict rule says what happened, better than the parser can
    tab_lines = {n.line for n in record.notes if n.code == "tab"}
    for problem in from_notes(record, ctx, frozenset({"syntax"}), ID, _describe):
        if problem.line not in tab_lines:  # a tab there explains it: the tab rule says so
            yield problem
