"""schema: required fields are there and every value has the right type and an allowed value.

Text must be text, numbers whole numbers within their range, dates real dates written as
``2026-11-27``, lists lists. A controlled field takes a key from its vocabulary in
``veiligestad.yaml`` (``veiligestad vocab`` lists them), with a "did you mean" for a near miss.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext, did_you_mean, short_list
from veiligestad.checks.problem import FieldPath, Problem, field_text
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.store.records import RecordFile
from veiligestad.store.yamlread import is_date

ID = "schema"
SCOPE = "file"
_DATE_LIKE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_STRING_TYPES = (FieldType.TEXT, FieldType.KEY, FieldType.ID, FieldType.URL)


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    if record.data is None or record.misplaced:
        return
    survey = walk.survey(record, ctx)
    for path, specs, mapping in survey.maps:
        for spec in specs:
            if spec.required and _missing(mapping.get(spec.name)):
                where = field_text((*path, spec.name))
                yield ctx.problem(record, ID, ctx.t("schema.required", field=where),
                                  ctx.t("schema.required_hint", field=spec.name,
                                        description=_describe(spec, ctx)),
                                  field=path or None, key=bool(path),
                                  line=None if path else 1, column=None if path else 1)
    # The values that do not plainly fit, found in the one pass over the record's values that
    # the rules looking at every value share (``checks/walk.survey``: about 2 million values
    # at 30,000 records, most of them text).
    for path, spec, value in survey.schema:
        problem = _check_value(record, ctx, path, spec, value)
        if problem is not None:
            yield problem


def plain_id(spec: FieldSpec, value: str) -> bool:
    """Whether the text ``value`` of an ID field plainly fits (its pattern, when it has one)."""
    return not spec.pattern or _compiled(spec.pattern).fullmatch(value) is not None


class _LazyPath:
    """``field_text(path)``, made only when a message needs it (most values have no problem)."""

    __slots__ = ("path",)

    def __init__(self, path: FieldPath) -> None:
        self.path = path

    def __str__(self) -> str:
        return field_text(self.path)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _describe(spec: FieldSpec, ctx: CheckContext) -> str:
    return spec.nl if ctx.t.lang == "nl" else spec.en


def _check_value(
    record: RecordFile, ctx: CheckContext, path: FieldPath, spec: FieldSpec, value: Any
) -> Problem | None:
    kind = spec.type
    if plainly_fits(kind, spec, value):
        return None
    t = ctx.t
    where = _LazyPath(path)

    def bad(message: str, hint: str | None = None) -> Problem:
        return ctx.problem(record, ID, message, hint, field=path)

    if kind in _STRING_TYPES:
        if not isinstance(value, str):
            if isinstance(value, (bool, int, float, dt.date)):
                return None  # the implicit-type rule explains these
            return bad(t("schema.want_text", field=where), t("schema.want_text_hint"))
        if kind is FieldType.KEY:
            return _check_key(record, ctx, path, spec, value)
        if kind is FieldType.URL and not re.match(r"^https?://\S+$", value):
            return bad(t("schema.want_url", field=where, value=value), t("schema.want_url_hint"))
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            return bad(t("schema.pattern", field=where, value=value),
                       t("schema.pattern_hint", example=_describe(spec, ctx)))
        return None
    if kind is FieldType.DATE:
        if is_date(value):
            return None
        if isinstance(value, dt.datetime):
            return bad(t("schema.want_date_only", field=where), t("schema.date_hint"))
        if isinstance(value, str) and _DATE_LIKE.match(value):
            return _date_text(bad, t, str(where), value)
        return bad(t("schema.want_date", field=where, value=_short(value)), t("schema.date_hint"))
    if kind is FieldType.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return bad(t("schema.want_int", field=where, value=_short(value)),
                       t("schema.want_int_hint"))
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            low = spec.minimum if spec.minimum is not None else "…"
            high = spec.maximum if spec.maximum is not None else "…"
            return bad(t("schema.out_of_range", field=where, value=value, low=low, high=high),
                       t("schema.out_of_range_hint", description=_describe(spec, ctx)))
        return None
    if kind is FieldType.BOOL:
        if not isinstance(value, bool):
            return bad(t("schema.want_bool", field=where, value=_short(value)),
                       t("schema.want_bool_hint"))
        return None
    if kind is FieldType.MAPPING and not isinstance(value, dict):
        return bad(t("schema.want_mapping", field=where), t("schema.want_mapping_hint"))
    if kind is FieldType.LIST:
        if not isinstance(value, list):
            return bad(t("schema.want_list", field=where), t("schema.want_list_hint", field=where))
        if len(value) < spec.min_items:
            return bad(t("schema.too_few", field=where, count=spec.min_items))
    return None


def plainly_fits(kind: FieldType, spec: FieldSpec, value: Any) -> bool:
    """The common case, decided before anything is built for a message: a value that is of its
    field's type and needs no further test (about 70 a record, at 30,000 records 2 million)."""
    of = type(value)
    if kind is FieldType.TEXT:
        return of is str and not spec.pattern
    if kind is FieldType.DATE:
        return of is dt.date
    if kind is FieldType.BOOL:
        return of is bool
    if kind is FieldType.MAPPING:
        return of is dict
    if kind is FieldType.LIST:
        return of is list and len(value) >= spec.min_items
    if kind is FieldType.INT:
        return of is int and (spec.minimum is None or value >= spec.minimum) and (
            spec.maximum is None or value <= spec.maximum)
    return False


def _date_text(
    bad: Callable[[str, str | None], Problem], t: Translator, where: str, value: str
) -> Problem:
    """A date written as text: quoted, unpadded (2026-6-1) or impossible (2026-02-30)."""
    year, month, day = (int(part) for part in value.split("-"))
    try:
        real = dt.date(year, month, day)
    except ValueError:
        return bad(t("schema.impossible_date", field=where, value=value), t("schema.date_hint"))
    if real.isoformat() == value:
        return bad(t("schema.date_quoted", field=where, value=value),
                   t("schema.date_quoted_hint", field=where.rsplit(".", 1)[-1], value=value))
    return bad(t("schema.date_unpadded", field=where),
               t("schema.date_unpadded_hint", suggestion=real.isoformat()))


def _check_key(
    record: RecordFile, ctx: CheckContext, path: FieldPath, spec: FieldSpec, value: str
) -> Problem | None:
    allowed = ctx.allowed(spec, record.kind)
    if value in allowed:
        return None
    t = ctx.t
    where = field_text(path)
    labelled = ctx.label_keys(spec, record.kind).get(value.strip().lower())
    guess = did_you_mean(value, allowed)
    hint = t("schema.allowed", allowed=short_list(allowed))
    if labelled:
        hint = t("schema.label_not_key", key=labelled, label=value) + " " + hint
    elif guess:
        hint = t("schema.did_you_mean", guess=guess) + " " + hint
    if spec.vocabulary and not spec.vocabulary.startswith("@"):
        hint += " " + t("schema.vocab_hint", vocabulary=spec.vocabulary)
    return ctx.problem(record, ID, t("schema.not_allowed", field=where, value=value), hint,
                       field=path)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
