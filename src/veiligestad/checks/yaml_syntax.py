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
        quote = _closed_early(_lines(record, ctx), problem.line)
        if quote is not None:
            # statement: 'Vrouwen's avonds …': the apostrophe ends the quoted value, and the
            # parser's complaint about what follows reads like an indentation mistake
            said = problem.message  # the parser's own words stay beside it
            own = said[said.rfind(" ("):] if said.endswith(")") and " (" in said else ""
            problem = replace(problem,
                              message=ctx.t("yaml_syntax.quote_early", quote=quote) + own,
                              hint=ctx.t(f"yaml_syntax.quote_early_hint_{_QUOTES[quote]}"))
        yield problem


_QUOTES = {"'": "single", '"': "double"}
_QUOTED_VALUE = re.compile(r"^\s*(?:- )?[\w.-]+:\s+(['\"])")


def _lines(record: RecordFile, ctx: CheckContext) -> list[str]:
    try:
        return (ctx.kb.root / record.rel).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _closed_early(lines: list[str], line: int | None) -> str | None:
    """The quote (``'`` or ``"``) of a quoted value on ``line`` that closes before the line
    ends, with more text after it; None when there is none."""
    if line is None or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    found = _QUOTED_VALUE.match(text)
    if found is None:
        return None
    quote, index = found.group(1), found.end()
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":  # '' is an apostrophe
                index += 2
                continue
            rest = text[index + 1:].strip()
            return quote if rest and not rest.startswith("#") else None
        index += 1
    return None


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
