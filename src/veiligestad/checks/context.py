"""What every check gets: the knowledge base, the translator, today's date and lookups."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from veiligestad.checks import walk
from veiligestad.checks.problem import ERROR, FieldPath, Problem
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec
from veiligestad.model.kinds import STATUS_VOCABULARY, Kind
from veiligestad.model.statuses import FLOWS

if TYPE_CHECKING:  # not imported to check one file: the knowledge base pulls in the loader
    from veiligestad.index import LinkIndex
    from veiligestad.store.config import Config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.records import RecordFile


@dataclass
class CheckContext:
    """Shared, read-only inputs of a validation run."""

    kb: KnowledgeBase
    t: Translator
    today: dt.date
    _walks: dict[str, tuple[Any, list[Any], list[Any]]] = field(default_factory=dict, repr=False)
    _allowed_sets: dict[tuple[int, str], tuple[FieldSpec, frozenset[str]]] = field(
        default_factory=dict, repr=False)

    def values(self, record: RecordFile) -> list[tuple[FieldPath, FieldSpec, Any]]:
        """Every present value of ``record`` with its spec, walked once per run and shared."""
        cached = self._walks.get(record.rel)
        if cached is None or cached[0] is not record.data:
            assert record.data is not None
            cached = (record.data, *walk.collect(record.kind.fields, record.data))
            self._walks[record.rel] = cached
        return cached[1]

    def mappings(
        self, record: RecordFile
    ) -> list[tuple[FieldPath, Sequence[FieldSpec], dict[str, Any]]]:
        """Every mapping of ``record`` with its fields' specs, walked once per run."""
        self.values(record)
        return self._walks[record.rel][2]

    def forget(self, record: RecordFile) -> None:
        """Drop the shared walk of ``record`` once its file rules are done (memory: at 30,000
        records the walks of every record together outweigh the records)."""
        self._walks.pop(record.rel, None)

    @cached_property
    def index(self) -> LinkIndex:
        """Backlinks, built on first use and shared by every rule."""
        from veiligestad.index import build_index

        return build_index(self.kb)

    def allowed(self, spec: FieldSpec, kind: Kind) -> tuple[str, ...]:
        """The allowed keys of a controlled field."""
        if spec.vocabulary == STATUS_VOCABULARY:
            return tuple(FLOWS[kind.name])
        if spec.vocabulary:
            return tuple(self.kb.config.vocabulary(spec.vocabulary))
        return spec.choices

    def allowed_set(self, spec: FieldSpec, kind: Kind) -> frozenset[str]:
        """``allowed`` as a set, made once a run per field and kind (the schema rule asks for
        every controlled value: at 30,000 records half a million times)."""
        key = (id(spec), kind.name)
        found = self._allowed_sets.get(key)
        if found is None or found[0] is not spec:
            found = (spec, frozenset(self.allowed(spec, kind)))
            self._allowed_sets[key] = found
        return found[1]

    def label_keys(self, spec: FieldSpec, kind: Kind) -> dict[str, str]:
        """Lower-cased labels (both languages) of a controlled field's values, to their keys."""
        return label_keys(spec, kind, self.kb.config, self.allowed(spec, kind))

    def problem(
        self,
        record: RecordFile,
        rule: str,
        message: str,
        hint: str | None = None,
        *,
        severity: str = ERROR,
        field: FieldPath | None = None,
        key: bool = False,
        line: int | None = None,
        column: int | None = None,
    ) -> Problem:
        return Problem(record.rel, rule, severity, message, hint, line, column, field, key)


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a mistyped value, when one is close enough."""
    options = list(candidates)
    lowered = {c.lower(): c for c in options}
    if value.lower() in lowered:
        return lowered[value.lower()]
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return close[0] if close else None


def short_list(values: Iterable[Any], limit: int = 12) -> str:
    """A comma list, cut off after ``limit`` items."""
    items = [str(v) for v in values]
    if len(items) > limit:
        return ", ".join(items[:limit]) + ", …"
    return ", ".join(items)


def label_keys(spec: FieldSpec, kind: Kind, config: Config,
               allowed: Iterable[str]) -> dict[str, str]:
    """Lower-cased labels (both languages) of a controlled field's values, to their keys: what
    a person reads in a table or a report, so that it can be written back where a key belongs."""
    from veiligestad.i18n import LANGUAGES, Translator

    out: dict[str, str] = {}
    if spec.vocabulary and spec.vocabulary != STATUS_VOCABULARY:
        for key, entry in config.vocabulary(spec.vocabulary).items():
            for label in entry.labels.values():
                out[label.lower()] = key
        return out
    for lang in LANGUAGES:
        tr = Translator(lang)
        is_status = spec.vocabulary == STATUS_VOCABULARY or spec.name == kind.status_field
        prefix = f"status.{kind.name}" if is_status else f"choice.{spec.name}"
        for key in allowed:
            label = tr(f"{prefix}.{key}")
            if label != f"{prefix}.{key}":
                out[label.lower()] = key
    return out
