"""yaml-syntax: the file must be valid YAML.

The message names the usual cause (a colon inside a value, a quote never closed, indentation that
does not match, a character that cannot start a value) with the parser's own words beside it, at
the line and column where it stopped; the rest of the knowledge base is still checked. A syntax
error on a line with a tab is left to the ``tab`` rule. A file nested more than 64 levels deep,
or whose aliases would expand to more than 100,000 values, is not read either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

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
    if note.code in ("too_deep", "too_big"):
        return (ctx.t(f"yaml_syntax.{note.code}", **note.params),
                ctx.t(f"yaml_syntax.{note.code}_hint"))
    error = note.params.get("error", "")
    for words, key in _KNOWN:
        if words in error:
            return (ctx.t(f"yaml_syntax.{key}") + f" ({error})",
                    ctx.t(f"yaml_syntax.{key}_hint"))
    return ctx.t("yaml_syntax.error", error=error), ctx.t("yaml_syntax.hint")


_CODES = frozenset({"syntax", "too_deep", "too_big"})


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    from veiligestad.checks.merge_conflict import file_conflict_line

    if file_conflict_line(record, ctx) is not None:
        return  # the merge-conflict rule says what happened, better than the parser can
    tab_lines = {n.line for n in record.notes if n.code == "tab"}
    for problem in from_notes(record, ctx, _CODES, ID, _describe):
        if problem.line in tab_lines:  # a tab there explains it: the tab rule says so
            continue
        if problem.hint == ctx.t("yaml_syntax.colon_hint") and _indented_key(record, ctx,
                                                                            problem.line):
            # "key: value" indented under a complete line is an indentation mistake, not a
            # colon inside a value: quoting it would make it worse
            problem = replace(problem, message=ctx.t("yaml_syntax.indent"),
                              hint=ctx.t("yaml_syntax.indent_hint"))
        yield problem


_KEY_LINE = re.compile(r"^(\s*)(?:- )?[\w.-]+:(?:\s|$)")


def _indented_key(record: RecordFile, ctx: CheckContext, line: int | None) -> bool:
    """Whether ``line`` is a ``key:`` line indented deeper than the complete line before it."""
    if line is None:
        return False
    try:
        lines = (ctx.kb.root / record.rel).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    if not 1 <= line <= len(lines):
        return False
    here = _KEY_LINE.match(lines[line - 1])
    before = next((lines[i] for i in range(line - 2, -1, -1)
                   if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if here is None or before is None:
        return False
    above = _KEY_LINE.match(before)
    # the line above holds a value of its own (not "key:" opening a block)
    complete = above is not None and before.rstrip().split(":", 1)[1].strip() != ""
    return complete and len(here.group(1)) > len(above.group(1))  # type: ignore[union-attr]
