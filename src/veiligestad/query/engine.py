"""The one query engine: filter, sort, select and group the records of one kind.

The command line (``veiligestad query``), the statistics, the reports and the templates all call
``select``/``run_query``, so a figure in a report and the same query typed at the command line
always agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.index import LinkIndex, build_index
from veiligestad.model.fields import FieldType
from veiligestad.model.kinds import KINDS, KINDS_BY_PLURAL, Kind
from veiligestad.periods import parse_date, parse_quarter
from veiligestad.privacy import public_kb
from veiligestad.query.conditions import (
    Condition,
    filter_views,
    fold,
    parse_conditions,
    resolve_field,
)
from veiligestad.query.public import AUDIENCES, public_view
from veiligestad.query.view import (
    _PLAIN,
    DERIVED,
    MAIN_DATE,
    Row,
    ViewBuilder,
    field_specs,
    jsonable,
    value_at,
    values_at,
)
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

# What a table shows when no --fields are given.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "question": ("id", "title", "status", "asked_by", "received"),
    "project": ("id", "title", "status", "institution", "start", "end"),
    "finding": ("id", "title", "review", "project", "reported"),
}
NO_GROUP = "-"


@dataclass
class SortKey:
    """One key of ``--sort``: a field path and a direction."""

    path: tuple[str, ...]
    descending: bool = False


@dataclass
class QueryResult:
    """Rows of a query (JSON-ready), and the groups when ``group_by`` was given."""

    kind: str
    rows: list[Row]
    fields: list[str] | None = None
    groups: list[tuple[str, list[Row]]] | None = field(default=None)
    total: int | None = None  # how many matched before ``limit`` cut them


@dataclass
class Context:
    """What a run reads once and shares between queries: the records, links and today."""

    kb: KnowledgeBase
    today: dt.date
    t: Translator
    index: LinkIndex
    views: dict[tuple[str, str], list[Row]] = field(default_factory=dict)
    # per view (by identity): its JSON-ready form and its folded text, built on first use
    _json: dict[int, Row] = field(default_factory=dict, repr=False)
    _text: dict[int, str] = field(default_factory=dict, repr=False)
    _public: Context | None = field(default=None, repr=False)
    # views cut to some top-level fields (``ViewBuilder.partial``), by kind: (fields, views)
    _partial: dict[str, list[tuple[frozenset[str], list[Row]]]] = field(
        default_factory=dict, repr=False)

    def as_json(self, view: Row) -> Row:
        """``jsonable(view)``, computed once per view (a fresh top-level copy each time)."""
        key = id(view)
        if key not in self._json:
            self._json[key] = jsonable(view)
        return dict(self._json[key])

    def text_of(self, view: Row, paths: Sequence[tuple[str, ...]]) -> str:
        """The folded text of the view's text fields, computed once per view."""
        key = id(view)
        if key not in self._text:
            self._text[key] = fold(" \n".join(str(v) for p in paths for v in values_at(view, p)))
        return self._text[key]

    def rows(self, kind: Kind, audience: str = "internal",
             names: Collection[str] | None = None) -> list[Row]:
        """Views of every record of ``kind`` (typed values) for ``audience``, built once.

        With ``names`` (top-level fields), the views may hold only those fields (and more):
        views already built with every one of them are used as they are; else, for the
        internal audience, views of just those fields are built (and kept for later calls).
        """
        if names is not None and audience == "internal" and (kind.name, audience) \
                not in self.views:
            wanted = frozenset(names)
            kept = self._partial.setdefault(kind.name, [])
            for fields, views in kept:
                if wanted <= fields:
                    return views
            builder = ViewBuilder(self.kb, self.index, self.today)
            built = [builder.partial(r, wanted) for r in self.kb.records(kind.name)
                     if r.record_id is not None]
            kept.append((wanted, built))
            return built
        key = (kind.name, audience)
        if key not in self.views:
            if audience == "public":
                public = self.public_context()
                allowed = public.kb.by_id
                derived = [s.name for s in DERIVED[kind.name]]
                specs, stored = field_specs(kind), frozenset(kind.field_names)
                # the stored fields went through the field rules in ``public_kb`` already
                self.views[key] = [public_view(v, specs, allowed, self.today, derived,
                                               checked=stored) for v in public.rows(kind)]
                if public is not self:  # its views were only the way to these
                    public.forget(kind)
            else:
                builder = ViewBuilder(self.kb, self.index, self.today)
                self.views[key] = [builder.view(r) for r in self.kb.records(kind.name)
                                   if r.record_id is not None]
        return self.views[key]

    def forget(self, kind: Kind, audience: str = "internal") -> None:
        """Let go of the views of ``kind`` for ``audience`` and what was made of them (their
        JSON-ready forms and folded texts, kept by each view's identity, which a later view
        may take): for a caller that has done with one kind before it reads the next, as
        ``export`` writes a kind at a time. A later ``rows`` builds them again."""
        views = list(self.views.pop((kind.name, audience), []))
        if audience == "internal":
            for _, partial in self._partial.pop(kind.name, []):
                views.extend(partial)
        for view in views:
            self._json.pop(id(view), None)
            self._text.pop(id(view), None)
        if audience == "public" and self._public is not None:
            self._public.forget(kind)

    def take_json(self, kind: Kind, audience: str = "internal") -> list[Row]:
        """What ``select(ctx, kind, audience=audience).rows`` gives (every record's JSON-ready
        row, in the same order), made while the context lets go of the views (``forget``):
        each view is dropped once its row is made, so that a kind's views and rows are not
        both held whole, as ``export`` reads a kind at a time."""
        views: list[Row | None] = list(self.rows(kind, audience))
        self.forget(kind, audience)
        rows = []
        for index, view in enumerate(views):
            assert view is not None
            rows.append(jsonable(view))
            views[index] = None
        return rows

    def view_of(self, record: RecordFile) -> Row:
        """The internal view of one record, as ``rows`` builds it, without building the rest."""
        return ViewBuilder(self.kb, self.index, self.today).view(record)

    def public_context(self) -> Context:
        """A context over only what the public may see (``privacy.public_kb``), built once:
        backlinks and derived fields of public views come from public records alone."""
        if self._public is None:
            kb = public_kb(self.kb, self.today, history_dates=True)
            self._public = Context(kb, self.today, self.t, build_index(kb))
        return self._public

    def public_ids(self) -> set[str]:
        """The IDs of the records the public may see today."""
        return set(self.public_context().kb.by_id)


def context(kb: KnowledgeBase, today: dt.date | None = None,
            t: Translator | None = None, *, public: bool = False) -> Context:
    """A shared context for several queries over one knowledge base; with ``public``, ``kb``
    has been through ``privacy.public_kb(kb, today, history_dates=True)`` already, so public
    queries use it as it is instead of filtering it again (its records' stored fields are
    what ``privacy.public_record`` made of them: ``query.public.public_view``'s ``checked``)."""
    ctx = Context(kb, today or dt.date.today(), t or Translator(kb.config.language),
                  build_index(kb))
    if public:
        ctx._public = ctx
    return ctx


def kind_of(name: str, t: Translator) -> Kind:
    """``questions``/``question`` (and the Dutch ``vragen``…) to a Kind; else a UsageError."""
    aliases = {"vragen": "questions", "vraag": "questions", "projecten": "projects",
               "bevindingen": "findings", "bevinding": "findings"}
    key = aliases.get(name.lower(), name.lower())
    kind = KINDS_BY_PLURAL.get(key) or KINDS.get(key)
    if kind is None:
        known = list(KINDS_BY_PLURAL)
        from veiligestad.checks.context import did_you_mean

        guess = did_you_mean(name, known)
        raise UsageError(t("query.unknown_kind", kind=name),
                         hint=t("query.did_you_mean", guess=guess) if guess
                         else t("query.kinds", kinds=", ".join(known)))
    return kind


def parse_sort(text: str | Sequence[str] | None, kind: Kind, t: Translator) -> list[SortKey]:
    """``received-,id`` (or a list of such keys) to sort keys; ``+`` or nothing is ascending."""
    if not text:
        return []
    parts = text.split(",") if isinstance(text, str) else [p for s in text for p in s.split(",")]
    keys = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        descending = part.endswith("-")
        name = part[:-1] if part[-1] in "+-" else part
        path, _ = resolve_field(name.strip(), kind, t, context=part)
        keys.append(SortKey(path, descending))
    return keys


def parse_fields(text: str | Sequence[str] | None, kind: Kind,
                 t: Translator) -> list[str] | None:
    """``id,title,evidence.design`` to a checked list of field names, or None."""
    if not text:
        return None
    parts = text.split(",") if isinstance(text, str) else [p for s in text for p in s.split(",")]
    names = [p.strip() for p in parts if p.strip()]
    for name in names:
        resolve_field(name, kind, t)
    return names


def _sort_value(value: Any) -> tuple[int, Any]:
    if isinstance(value, list):
        return _sort_value(value[0]) if value else (9, "")
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float):
        return (0, value)
    if isinstance(value, dt.date):
        return (1, value.isoformat())
    if isinstance(value, str):
        return (2, fold(value))
    return (3, str(value))


def sort_rows(rows: list[Row], keys: Sequence[SortKey]) -> list[Row]:
    """Sort by several keys; records without a value come last in either direction."""
    result = list(rows)
    for key in reversed(keys):
        present = [r for r in result if value_at(r, key.path) not in (None, [], "")]
        missing = [r for r in result if value_at(r, key.path) in (None, [], "")]
        present.sort(key=lambda r: _sort_value(value_at(r, key.path)), reverse=key.descending)
        result = present + missing
    return result


def _text_fields(kind: Kind) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []

    def walk(specs: Sequence[Any], prefix: tuple[str, ...]) -> None:
        for spec in specs:
            inner = spec.item if spec.type is FieldType.LIST and spec.item else spec
            if inner.type is FieldType.MAPPING:
                walk(inner.fields, (*prefix, spec.name))
            elif inner.type is FieldType.TEXT and inner.free_text:
                paths.append((*prefix, spec.name))

    walk(kind.fields, ())
    return [("id",), *paths]


def matches_text(haystack: str, words: Sequence[str]) -> bool:
    """Whether every (folded) word occurs in the folded text of a record."""
    return all(word in haystack for word in words)


def linked_ids(index: LinkIndex, start: str, recursive: bool,
               through: Collection[str] | None = None) -> set[str]:
    """IDs linked to ``start`` (both directions); with ``recursive``, everything reachable
    (only through the IDs in ``through``, when given)."""
    seen = {start}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for other in index.neighbours(current):
            if through is not None and other not in through:
                continue
            if other not in seen:
                seen.add(other)
                if recursive:
                    frontier.append(other)
    seen.discard(start)
    return seen


def group_rows(rows: Sequence[Row], path: tuple[str, ...]) -> list[tuple[str, list[Row]]]:
    """Rows per value of ``path`` (a list field puts a row in each of its groups), sorted by
    value; rows without a value are in the group ``-``, last."""
    groups: dict[str, list[Row]] = {}
    typed: dict[str, Any] = {}  # a key's value, so that 2 sorts before 10
    for row in rows:
        values = values_at(row, path)
        keys = []
        for value in values:
            key = str(jsonable(value))
            typed.setdefault(key, value)
            keys.append(key)
        for key in dict.fromkeys(keys) or [NO_GROUP]:
            groups.setdefault(key, []).append(row)
    ordered = sorted((k for k in groups if k != NO_GROUP), key=lambda k: _sort_value(typed[k]))
    if NO_GROUP in groups:
        ordered.append(NO_GROUP)
    return [(k, groups[k]) for k in ordered]


def project(row: Row, fields: Sequence[str] | None, ctx: Context | None = None) -> Row:
    """The row with only ``fields`` (dotted names as keys), JSON-ready."""
    if fields is None:
        return ctx.as_json(row) if ctx else jsonable(row)
    return project_paths(row, field_paths(fields))


def project_paths(row: Row, paths: tuple[tuple[str, tuple[str, ...]], ...]) -> Row:
    """``project`` with the fields' paths made once (``field_paths``), for many rows."""
    out: Row = {}
    for name, path in paths:
        # ``value_at``'s first step inline: a view is a dict; a plain value is its own JSON.
        value = row.get(name) if len(path) == 1 else value_at(row, path)
        out[name] = value if type(value) in _PLAIN else jsonable(value)
    return out


def field_paths(fields: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each dotted field name with its path."""
    return _paths(tuple(fields))


@functools.lru_cache(maxsize=256)
def _paths(fields: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each dotted field name with its path, split once however many rows are projected."""
    return tuple((name, tuple(name.split("."))) for name in fields)


def select(
    ctx: Context,
    kind: str | Kind,
    conditions: Sequence[str | Condition] = (),
    *,
    sort: str | Sequence[str] | None = None,
    fields: str | Sequence[str] | None = None,
    limit: int | None = None,
    match: str | None = None,
    quarter: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    linked_to: str | None = None,
    recursive: bool = False,
    group_by: str | None = None,
    audience: str = "internal",
) -> QueryResult:
    """Run one query in ``ctx``; every argument a user typed is checked (UsageError on a mistake).

    Records are filtered by the conditions (AND-ed), ``match`` (every word in a text field),
    ``quarter``/``since``/``until`` (on the kind's main date: a question's ``received``, a
    project's ``start``, a finding's ``reported``) and ``linked_to``; sorted (default: by ID);
    cut to ``limit``; grouped by ``group_by``; and reduced to ``fields``. With
    ``audience="public"`` the query sees only what the public may see (``query.public``).
    """
    t = ctx.t
    if audience not in AUDIENCES:
        raise UsageError(t("query.bad_audience", audience=audience),
                         hint=t("query.audiences", audiences=", ".join(AUDIENCES)))
    kind = kind if isinstance(kind, Kind) else kind_of(kind, t)
    parsed = [c if isinstance(c, Condition) else None for c in conditions]
    texts = [c for c in conditions if isinstance(c, str)]
    checked = iter(parse_conditions(texts, kind, ctx.kb.config, t))
    conds = [c if c is not None else next(checked) for c in parsed]
    keys = parse_sort(sort, kind, t) or [SortKey(("id",))]
    names = parse_fields(fields, kind, t)
    group_path = resolve_field(group_by, kind, t)[0] if group_by else None
    if limit is not None and limit < 0:
        raise UsageError(t("query.bad_limit", limit=limit))
    start, end = _period(quarter, since, until, t)
    link_set = None
    if linked_to:
        visible = ctx.public_ids() if audience == "public" else ctx.kb.by_id
        if linked_to not in visible:
            from veiligestad.checks.context import did_you_mean

            guess = did_you_mean(linked_to, visible)
            raise UsageError(t("query.unknown_id", id=linked_to),
                             hint=t("query.did_you_mean", guess=guess) if guess else None)
        link_set = linked_ids(ctx.index, linked_to, recursive,
                              ctx.public_ids() if audience == "public" else None)
    words = [fold(w) for w in (match or "").split()]
    text_paths = _text_fields(kind)
    main = MAIN_DATE[kind.name]
    # The top-level fields this query reads: with --fields, views of those alone will do.
    needed = _needed(kind, conds, keys, names, group_path, bool(start or end), bool(words))
    pool = ctx.rows(kind, audience, needed)
    if link_set is not None or start or end or words:
        kept = []
        for view in pool:
            if link_set is not None and view.get("id") not in link_set:
                continue
            if start or end:
                day = view.get(main)
                if not isinstance(day, dt.date) or (start and day < start) or \
                        (end and day > end):
                    continue
            if words and not matches_text(ctx.text_of(view, text_paths), words):
                continue
            kept.append(view)
        pool = kept
    # Each condition decided once per distinct value at its path, not once per record.
    rows = sort_rows(filter_views(pool, conds), keys)
    total = len(rows)
    if limit is not None:
        rows = rows[:limit]
    paths = field_paths(names) if names is not None else None

    def shown(row: Row) -> Row:  # the fields' paths made once for every row
        return project(row, None, ctx) if paths is None else project_paths(row, paths)

    groups = None
    if group_path is not None:
        groups = [(k, [shown(r) for r in g]) for k, g in group_rows(rows, group_path)]
    return QueryResult(kind.plural, [shown(r) for r in rows], names, groups, total)


def _needed(kind: Kind, conds: Sequence[Condition], keys: Sequence[SortKey],
            names: Sequence[str] | None, group_path: tuple[str, ...] | None, dated: bool,
            words: bool) -> set[str] | None:
    """The top-level fields a query reads of each record of ``kind`` (its fields, conditions,
    sort keys, group, main date when ``dated``, text fields when it matches ``words``); None
    without ``names``: it shows every field."""
    if names is None:
        return None
    needed = {"id", *(n.split(".")[0] for n in names), *(f for c in conds for f in c.fields()),
              *(k.path[0] for k in keys)}
    if group_path is not None:
        needed.add(group_path[0])
    if dated:
        needed.add(MAIN_DATE[kind.name])
    if words:
        needed.update(p[0] for p in _text_fields(kind))
    return needed


def stored_reads(kind: Kind, conditions: Sequence[str], config: Any, t: Translator, *,
                 fields: str | None, sort: str | None, group_by: str | None, dated: bool,
                 match: str | None) -> tuple[str, ...] | None:
    """The top-level fields of each record of ``kind`` that ``select`` with these arguments
    (internal, without ``linked_to``) reads, when they are all fields a record holds: its
    answer then depends on those fields of the records of ``kind`` and on which files the
    screened view leaves out, and on nothing else (``store/fieldkeys.py``). None when it reads
    a derived field (backlinks, themes, dates from the history) or every field; a mistake in
    the arguments is a UsageError, as in ``select``."""
    conds = parse_conditions(list(conditions), kind, config, t)
    keys = parse_sort(sort, kind, t) or [SortKey(("id",))]
    names = parse_fields(fields, kind, t)
    group_path = resolve_field(group_by, kind, t)[0] if group_by else None
    needed = _needed(kind, conds, keys, names, group_path, dated,
                     bool([fold(w) for w in (match or "").split()]))
    if needed is None or not needed <= set(kind.field_names):
        return None
    return tuple(sorted(needed))


def _period(quarter: str | None, since: str | dt.date | None, until: str | dt.date | None,
            t: Translator) -> tuple[dt.date | None, dt.date | None]:
    start = end = None
    if quarter:
        q = parse_quarter(quarter, t)
        start, end = q.start, q.end
    if since:
        day = since if isinstance(since, dt.date) else parse_date(since, t)
        start = max(start, day) if start else day
    if until:
        day = until if isinstance(until, dt.date) else parse_date(until, t)
        end = min(end, day) if end else day
    return start, end


def run_query(
    kb: KnowledgeBase,
    kind: str,
    conditions: Sequence[str] = (),
    *,
    sort: str | Sequence[str] | None = None,
    fields: str | Sequence[str] | None = None,
    limit: int | None = None,
    match: str | None = None,
    quarter: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    linked_to: str | None = None,
    recursive: bool = False,
    today: dt.date | None = None,
    t: Translator | None = None,
    audience: str = "internal",
) -> list[Row]:
    """The rows (plain, JSON-ready mappings) of one query over ``kb``; see ``select``."""
    ctx = context(kb, today, t)
    return select(ctx, kind, conditions, sort=sort, fields=fields, limit=limit, match=match,
                  quarter=quarter, since=since, until=until, linked_to=linked_to,
                  recursive=recursive, audience=audience).rows


def known_kinds() -> str:
    """The kinds a query can name, for help texts."""
    from veiligestad.checks.context import short_list

    return short_list(KINDS_BY_PLURAL)
