"""The figures a coordinator reports, for one quarter or for everything up to today.

Every figure is a query of the shared engine (``veiligestad.query``), so the number in a report
and the same query at the command line agree. What each figure counts:

- questions ``received``: ``received`` in the period; ``decided``: the intake decision
  (``refused | referred | advised | ready``, the first one in the status history) taken in the
  period; ``matched``: last matched to a project in the period; ``delivered``: first delivered in
  the period; the medians are over those same questions (days from ``received`` to
  ``matched_on``, and from ``matched_on`` to ``delivered_on``);
- projects ``started``: ``start`` in the period and no longer ``planned``; ``running``: not
  ``planned`` and active on some day of the period (``start`` on or before its end, ``end`` absent
  or on or after its start); ``finished``: ``finished`` with ``end`` in the period. Without a
  quarter the period is everything up to today, and ``running`` is the projects running now;
- students by institution: the ``student_count`` of the running projects (without a quarter: of
  every project that is not ``planned``);
- partners reached: the audience of presentations in the period and the addressees of the
  recommendations of findings reported in the period;
- findings reported in the period, by theme (of their questions; a finding counts once in each of
  its themes), by evidence design (Maryland 1-5) and by maturity word;
- recommendations of those findings by follow-up (absent counts as ``none``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any, Final

from veiligestad.i18n import Translator
from veiligestad.model.kinds import Kind
from veiligestad.model.statuses import QUESTION_DECISIONS
from veiligestad.periods import Quarter, parse_quarter
from veiligestad.query import Context, context
from veiligestad.query.conditions import Condition, filter_views, parse_conditions, value_keys
from veiligestad.query.engine import field_paths, kind_of, parse_fields, project_paths
from veiligestad.query.view import Row
from veiligestad.store.kb import KnowledgeBase

FOLLOW_UPS = ("none", "responded", "adopted", "rejected")
NONE_KEY = "none"
# The top-level fields the figures read of each kind: the views are built with these alone
# (``Context.rows``); a figure that reads another field is a bug, refused in ``_Source.rows``.
NEEDS: dict[str, frozenset[str]] = {
    "question": frozenset({"id", "received", "decision", "decided_on", "matched_on",
                           "delivered_on"}),
    "project": frozenset({"id", "status", "start", "end", "institution", "student_count",
                          "presentations"}),
    "finding": frozenset({"id", "reported", "themes", "evidence", "recommendations"}),
}


def compute_stats(kb: KnowledgeBase, quarter: str | None, today: dt.date, *,
                  public_only: bool = False, t: Translator | None = None) -> dict[str, Any]:
    """Every figure of ``veiligestad stats`` as a JSON-ready mapping.

    ``quarter`` is ``2026-Q3`` (or ``2026Q3``, ``2026-K3``) or None for everything up to
    ``today``; ``public_only`` counts only what the public may see today (public records past
    their embargo, public fields).
    """
    ctx = context(kb, today, t)
    return stats_in(ctx, quarter, public_only=public_only)


def stats_in(ctx: Context, quarter: str | None, *, public_only: bool = False) -> dict[str, Any]:
    """``compute_stats`` in an existing query context (reports share one)."""
    return stats_of(ctx, [quarter], public_only=public_only)[0]


def stats_of(ctx: Context, quarters: Sequence[str | None], *,
             public_only: bool = False) -> list[dict[str, Any]]:
    """``stats_in`` for several quarters at once (a report's quarters of the year), in one pass.

    Each figure's query runs once over the records for the span of all the quarters; each
    quarter then keeps the records of that span that meet its own conditions, tested by the same
    condition objects of the engine, so every count is exactly that quarter's query.
    """
    return [finish(t) for t in tallies_of(ctx, quarters, public_only=public_only)]


def tallies_of(ctx: Context, quarters: Sequence[str | None], *,
               public_only: bool = False, ids: bool = False) -> list[dict[str, Any]]:
    """The ``tally`` of each of ``quarters``, in one pass (as ``stats_of``); with ``ids``, the
    IDs behind the counts of each quarter's projects and findings too (``lists``)."""
    periods = [parse_quarter(q, ctx.t) if q else None for q in quarters]
    source = _Source(ctx, "public" if public_only else "internal", periods)
    return [tally(source, q, ids=ids and q is not None) for q in periods]


# The type every value a tally counts by has, when it comes from a record the usual way: a
# tally with another (a theme that is a number, a decision that is a date) is never combined.
_KEY_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "decided": (str, type(None)), "matched_days": (int,), "delivered_days": (int,),
    "students": (str,), "student_projects": (str,), "partners": (str,), "by_theme": (str,),
    "by_design": (str,), "by_maturity": (str,), "follow_ups": (str,),
    "started_ids": (str,), "running_ids": (str,), "finished_ids": (str,), "reported_ids": (str,),
}


class StatsAnswer:
    """``stats_in(ctx, quarter)`` as an answer that ``store/fieldkeys.py`` can make again after
    an edit without counting every record: from the kept tally, less the tally of the records
    the edit changed as they were, plus their tally as they are (``combine``)."""

    # A finding's tally reads its questions (their themes): a finding is tallied with them.
    depends: Final = {"finding": "questions"}

    def __init__(self, quarter: str | None, public_only: bool = False) -> None:
        self.quarter = quarter
        self.public_only = public_only

    def __call__(self, ctx: Context) -> dict[str, Any]:
        return self.finish(self.tally(ctx))

    def tally(self, ctx: Context) -> dict[str, Any]:
        return tallies_of(ctx, [self.quarter], public_only=self.public_only)[0]

    def finish(self, tallied: dict[str, Any]) -> dict[str, Any]:
        return finish(tallied)

    def combine(self, total: dict[str, Any], minus: dict[str, Any],
                plus: dict[str, Any]) -> dict[str, Any] | None:
        """``total`` less ``minus`` plus ``plus``; None where that could differ from a tally
        made afresh: a count below zero, a value of an unusual type counted in ``minus`` or
        ``plus`` (``True`` and ``1`` would be one key), a follow-up outside ``FOLLOW_UPS``
        (those keep the order in which the records first named them)."""
        if not (total["period"] == minus["period"] == plus["period"]):
            return None
        out: dict[str, Any] = {"period": total["period"]}
        for name, value in total.items():
            if name == "period":
                continue
            less, more = minus[name], plus[name]
            if type(value) is int:
                out[name] = value - less + more
                if out[name] < 0:
                    return None
                continue
            types = _KEY_TYPES[name]
            merged = dict(value)
            for key, n in less.items():
                merged[key] = merged.get(key, 0) - n
            for key, n in more.items():
                merged[key] = merged.get(key, 0) + n
            for key in [*less, *more]:
                if type(key) not in types or (name == "follow_ups" and key not in FOLLOW_UPS):
                    return None
            for key in {*less, *more}:
                if name != "students" and merged[key] < 0:
                    return None
                if merged[key] == 0 and name not in ("students", "follow_ups"):
                    del merged[key]
            out[name] = merged
        projects = out["student_projects"]
        for key in list(out["students"]):
            if key not in projects:
                if out["students"][key] != 0:
                    return None
                del out["students"][key]
        return out


class _Source:
    """The records behind the figures: each query over the span run once, narrowed per period."""

    def __init__(self, ctx: Context, audience: str, periods: list[Quarter | None]) -> None:
        self.ctx = ctx
        self.audience = audience
        starts = [q.start if q else None for q in periods]
        self.span_start = None if None in starts else min(s for s in starts if s is not None)
        self.span_end = max(q.end if q else ctx.today for q in periods)
        self._pools: dict[tuple[Any, ...], list[Row]] = {}
        # Views live as long as the context (ctx.rows keeps them), so their ids stay theirs.
        self._reduced: dict[tuple[Any, ...], dict[int, dict[str, Any]]] = {}
        # Per pool (by identity, kept alive here) and field path: each view's values there.
        self._keys: dict[tuple[int, tuple[str, ...]], tuple[Sequence[Row], list[Any]]] = {}

    def _where(self, kind: Kind, conditions: Sequence[str],
               views: Sequence[Row] | None = None) -> list[Row]:
        parsed = parse_conditions(list(conditions), kind, self.ctx.kb.config, self.ctx.t)
        if not {f for c in parsed for f in c.fields()} <= NEEDS[kind.name]:
            raise RuntimeError(f"stats: a condition reads a field not in NEEDS: {conditions}")
        pool = self.ctx.rows(kind, self.audience, NEEDS[kind.name]) if views is None else views
        return self._filter(pool, parsed)

    def _filter(self, pool: Sequence[Row], parsed: Sequence[Condition]) -> list[Row]:
        """The views of ``pool`` that meet every condition of ``parsed``, in order
        (``query.conditions.filter_views``), with each view's values at a path kept for the
        pool: the figures filter the same pool for each period."""
        return filter_views(pool, parsed, self._keys_of)

    def _keys_of(self, pool: Sequence[Row], path: tuple[str, ...]) -> list[Any] | None:
        """``value_keys``, once per pool and path."""
        cached = self._keys.get((id(pool), path))
        if cached is not None:
            return cached[1]
        keys = value_keys(pool, path)
        if keys is not None:
            self._keys[(id(pool), path)] = (pool, keys)
        return keys

    def rows(self, plural: str, conditions: Sequence[str], fields: str, *,
             period: tuple[str, dt.date | None, dt.date] | None = None) -> list[dict[str, Any]]:
        """The records of ``plural`` that meet ``conditions`` and, with ``period`` (a date field,
        a first and a last day, the first None for "up to"), fall in it; reduced to ``fields``."""
        kind = kind_of(plural, self.ctx.t)
        return self._reduce(kind, self._found(kind, conditions, period), fields)

    def count(self, plural: str, conditions: Sequence[str], *,
              period: tuple[str, dt.date | None, dt.date] | None = None) -> int:
        """How many records ``rows`` gives for the same arguments (none of them reduced)."""
        return len(self._found(kind_of(plural, self.ctx.t), conditions, period))

    def _found(self, kind: Kind, conditions: Sequence[str],
               period: tuple[str, dt.date | None, dt.date] | None) -> list[Row]:
        if period is None:
            key: tuple[Any, ...] = (kind.name, tuple(conditions))
            if key not in self._pools:
                self._pools[key] = self._where(kind, conditions)
            return self._pools[key]
        name, first, last = period
        lower = first is not None and self.span_start is not None
        key = (kind.name, tuple(conditions), name, lower)
        if key not in self._pools:
            span = [f"{name}>={self.span_start}"] if lower else []
            self._pools[key] = self._where(kind, [*span, f"{name}<={self.span_end}",
                                                  *conditions])
        own = [f"{name}>={first}"] if first is not None else []
        # Within the span's records, which already meet ``conditions``: the period's own.
        return self._where(kind, [*own, f"{name}<={last}"], self._pools[key])

    def _reduce(self, kind: Kind, found: list[Row], fields: str) -> list[dict[str, Any]]:
        names = parse_fields(fields, kind, self.ctx.t)
        if names is None or not {n.split(".")[0] for n in names} <= NEEDS[kind.name]:
            raise RuntimeError(f"stats: a figure reads a field not in NEEDS: {fields}")
        # A record's fields are the same in every period: reduced once, however many periods.
        reduced = self._reduced.setdefault((kind.name, tuple(names)), {})
        paths = field_paths(names)
        out = []
        for view in found:
            row = reduced.get(id(view))
            if row is None:
                row = reduced[id(view)] = project_paths(view, paths)
            out.append(row)  # the figures only read them
        return out


def _figures(source: _Source, q: Quarter | None) -> dict[str, Any]:
    """Every figure for one period, from ``source``."""
    return finish(tally(source, q))


def tally(source: _Source, q: Quarter | None, *, ids: bool = False) -> dict[str, Any]:
    """What the figures of one period are made of, as plain data that adds up over records:
    counts, and for each value a figure counts by (a decision, an institution, a partner, a
    theme, a number of days) how many times it was met. ``finish`` makes the figures of it;
    the tally of a knowledge base is the sum of the tallies of its records (a finding's with
    its questions, whose themes it takes), which lets ``StatsAnswer.combine`` make the figures
    after an edit from the kept tally and the tallies of the records the edit changed. With
    ``ids`` (a quarter's): how many times each ID was counted among the projects started,
    running and finished and the findings reported, the lists a report gives (``lists``)."""
    ctx = source.ctx
    start, end = (q.start, q.end) if q else (None, ctx.today)

    def within(name: str) -> tuple[str, dt.date | None, dt.date]:
        return (name, start, end)

    def rows(kind: str, conditions: list[str], fields: str,
             period: tuple[str, dt.date | None, dt.date] | None = None) -> list[dict[str, Any]]:
        return source.rows(kind, conditions, fields, period=period)

    def count(kind: str, conditions: list[str],
              period: tuple[str, dt.date | None, dt.date] | None = None) -> int:
        return source.count(kind, conditions, period=period)

    received = count("questions", [], within("received"))
    decided = rows("questions", [], "id,decision", within("decided_on"))
    matched = rows("questions", [], "id,received,matched_on", within("matched_on"))
    delivered = rows("questions", [], "id,matched_on,delivered_on", within("delivered_on"))

    started_rows = rows("projects", ["status!=planned"], "id", within("start"))
    started = len(started_rows)
    if start:
        active = rows("projects", ["status!=planned"], "id,end,institution,student_count",
                      ("start", None, end))
        # An end that is not a text (a number, a list: validate reports it) is read as none.
        active = [r for r in active
                  if not isinstance(r["end"], str) or r["end"] >= start.isoformat()]
        running = len(active)
        finished_rows = rows("projects", ["status=finished"], "id", within("end"))
        finished = len(finished_rows)
    else:
        running = count("projects", ["status=running"])
        finished = count("projects", ["status=finished"])
        active = rows("projects", ["status!=planned"], "id,institution,student_count")
    students: dict[str, int] = {}
    student_projects: Counter[str] = Counter()
    for project_row in active:
        number = project_row["student_count"]
        if isinstance(number, int) and not isinstance(number, bool):
            institution = str(project_row["institution"])
            students[institution] = students.get(institution, 0) + number
            student_projects[institution] += 1

    findings = rows("findings", [], "id,themes,evidence.design,evidence.maturity,recommendations",
                    within("reported"))
    presentations = rows("projects", [], "presentations")
    partners: Counter[str] = Counter()
    for project_row in presentations:
        for talk in _listed(project_row["presentations"]):
            day = talk.get("date") if isinstance(talk, dict) else None
            if isinstance(day, str) and (start is None or day >= start.isoformat()) \
                    and day <= end.isoformat():
                partners.update(p for p in _listed(talk.get("audience")) if isinstance(p, str))
    follow_ups: Counter[str] = Counter({key: 0 for key in FOLLOW_UPS})
    for finding in findings:
        for recommendation in _listed(finding["recommendations"]):
            if not isinstance(recommendation, dict):
                continue
            if isinstance(recommendation.get("to"), str):
                partners[recommendation["to"]] += 1
            follow_ups[str(recommendation.get("follow_up") or NONE_KEY)] += 1

    return {
        "period": {
            "quarter": q.label if q else None,
            "start": start.isoformat() if start else None,
            "end": end.isoformat(),
        },
        "received": received,
        "decided": dict(Counter(_decision(r["decision"]) for r in decided)),
        "matched": len(matched),
        "matched_days": dict(Counter(_days(matched, "received", "matched_on"))),
        "delivered": len(delivered),
        "delivered_days": dict(Counter(_days(delivered, "matched_on", "delivered_on"))),
        "started": started,
        "running": running,
        "finished": finished,
        "students": students,
        "student_projects": dict(student_projects),
        "partners": dict(partners),
        "reported": len(findings),
        "by_theme": dict(Counter(t for f in findings for t in _listed(f["themes"])
                                 if isinstance(t, str))),
        "by_design": dict(Counter(str(f["evidence.design"] or NONE_KEY) for f in findings)),
        "by_maturity": dict(Counter(str(f["evidence.maturity"] or NONE_KEY) for f in findings)),
        "follow_ups": dict(follow_ups),
        **({"started_ids": _ids(started_rows), "running_ids": _ids(active),
            "finished_ids": _ids(finished_rows), "reported_ids": _ids(findings)}
           if ids and start else {}),
    }


def finish(tallied: dict[str, Any]) -> dict[str, Any]:
    """The figures of a period from its ``tally``."""
    decisions = tallied["decided"]
    students = tallied["students"]
    partners = sorted(p for p, n in tallied["partners"].items() if n > 0)
    follow_ups = tallied["follow_ups"]
    return {
        "period": dict(tallied["period"]),
        "questions": {
            "received": tallied["received"],
            "decided": {
                "total": sum(decisions.values()),
                "by_decision": {d: decisions.get(d, 0) for d in QUESTION_DECISIONS},
            },
            "matched": tallied["matched"],
            "delivered": tallied["delivered"],
            "median_days_received_to_matched": _median(tallied["matched_days"]),
            "median_days_matched_to_delivered": _median(tallied["delivered_days"]),
        },
        "projects": {"started": tallied["started"], "running": tallied["running"],
                     "finished": tallied["finished"]},
        "students": {"total": sum(students.values()), "by_institution": dict(sorted(
            (name, number) for name, number in students.items()
            if tallied["student_projects"].get(name, 0) > 0))},
        "partners_reached": {"count": len(partners), "partners": partners},
        "findings": {
            "reported": tallied["reported"],
            "by_theme": _positive(tallied["by_theme"]),
            "by_design": _positive(tallied["by_design"]),
            "by_maturity": _positive(tallied["by_maturity"]),
        },
        "recommendations": {"total": sum(follow_ups.values()),
                            "by_follow_up": dict(follow_ups)},
    }


def _ids(found: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(str(row["id"]) for row in found))


# The lists ``lists`` gives, with the tally's field each is counted in.
LISTS: Final = (("started", "started_ids"), ("running", "running_ids"),
                ("finished", "finished_ids"), ("reported", "reported_ids"))


def lists(tallied: dict[str, Any]) -> dict[str, list[str]]:
    """The IDs behind a quarter's projects started, running and finished and its findings
    reported, from a tally made with ``ids``: each as many times as it was counted, in the
    order of the engine's sort by ID (``query.engine.sort_rows``), IDs that fold to the same
    text in the order of the text itself."""
    from veiligestad.query.engine import _sort_value

    out = {}
    for name, field in LISTS:
        counted = tallied[field]
        out[name] = [rid for rid in sorted(counted, key=lambda r: (_sort_value(r), r))
                     for _ in range(counted[rid]) if counted[rid] > 0]
    return out


def _positive(counts: dict[Any, int]) -> dict[Any, int]:
    return dict(sorted((value, n) for value, n in counts.items() if n > 0))


def _days(rows: list[dict[str, Any]], first: str, second: str) -> list[int]:
    """The days from ``first`` to ``second`` of each row that has both as dates (a record may
    hold a text there that is none, such as ``2026-02-30``: validate reports it)."""
    days = []
    for row in rows:
        a, b = row.get(first), row.get(second)
        if isinstance(a, str) and isinstance(b, str):
            try:
                days.append((dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days)
            except ValueError:
                continue
    return days


def _listed(value: Any) -> list[Any]:
    """A list field's items; nothing for a value that is not a list (validate reports it)."""
    return value if isinstance(value, list) else []


def _decision(value: Any) -> str | None:
    """A decision as the figures count it: every one in the total, by its text; a value that
    is not a text (validate reports it) by the text of it, so that it can be counted at all."""
    return value if value is None or isinstance(value, str) else str(value)


def _median(days: dict[int, int]) -> float | int | None:
    """The median of the days counted in ``days`` (each value, how many times)."""
    values = [day for day, n in sorted(days.items()) for _ in range(n)]
    if not values:
        return None
    value = statistics.median(values)
    return int(value) if float(value).is_integer() else float(value)


class QuartersAnswer:
    """The figures of several quarters at once (a report's quarters of the year), as an answer
    ``store/fieldkeys.py`` can make again after an edit from the kept tallies, as
    ``StatsAnswer`` does for one."""

    depends: Final = StatsAnswer.depends

    def __init__(self, quarters: Sequence[str]) -> None:
        self.quarters = list(quarters)
        self._one = StatsAnswer(None)

    def __call__(self, ctx: Context) -> list[dict[str, Any]]:
        return self.finish(self.tally(ctx))

    def tally(self, ctx: Context) -> list[dict[str, Any]]:
        return tallies_of(ctx, self.quarters, ids=True)

    def finish(self, tallied: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each quarter's figures and the lists behind them: ``{"figures", "lists"}``."""
        return [{"figures": finish(one), "lists": lists(one)} for one in tallied]

    def combine(self, total: list[dict[str, Any]], minus: list[dict[str, Any]],
                plus: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        if not (len(total) == len(minus) == len(plus) == len(self.quarters)):
            return None
        out = []
        for each in zip(total, minus, plus, strict=True):
            combined = self._one.combine(*each)
            if combined is None:
                return None
            out.append(combined)
        return out
