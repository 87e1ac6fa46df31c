"""unknown-field: every field name must be one the record kind knows.

A misspelt field (``themse``) would otherwise be ignored without a word; the message offers the
nearest known name. ``docs/records.md`` lists every field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext, did_you_mean, short_list
from veiligestad.checks.problem import Problem, field_text
from veiligestad.model.fields import FieldSpec
from veiligestad.store.records import RecordFile

ID = "unknown-field"
SCOPE = "file"


_NAMES: dict[int, tuple[Sequence[FieldSpec], frozenset[str]]] = {}


def _names(specs: Sequence[FieldSpec]) -> frozenset[str]:
    """The field names of ``specs`` as a set, made once per kind (or nested mapping)."""
    found = _NAMES.get(id(specs))
    if found is None or found[0] is not specs:
        found = (specs, frozenset(spec.name for spec in specs))
        if len(_NAMES) > 1000:  # a long-lived process that loads many configurations
            _NAMES.clear()
        _NAMES[id(specs)] = found
    return found[1]


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    if record.data is None or record.misplaced:
        return
    t = ctx.t
    for path, specs, mapping in walk.survey(record, ctx).maps:
        names = _names(specs)
        if names.issuperset(mapping):
            continue  # the common case: every key known
        known = [spec.name for spec in specs]
        for name in mapping:
            if name in names:
                continue
            where = field_text((*path, str(name)))
            guess = did_you_mean(str(name), known)
            hint = (t("schema.did_you_mean", guess=guess) + " " if guess else "") + t(
                "unknown_field.known", known=short_list(known, 30))
            yield ctx.problem(record, ID, t("unknown_field.found", field=where,
                                            kind=t(f"kind.{record.kind.name}")),
                              hint, field=(*path, name), key=True)
