"""The report's lists (``Facts.lists``: the IDs its figures counted) are as long as their figures
and are the engine's ``select`` with the figures' conditions, also where the records hold values
of every type a YAML file can give (a date as a string, a number, a list, a mapping, true and
1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.query import select
from veiligestad.report.figures import gather, project_groups, reported_findings
from veiligestad.store.config import load_config
from veiligestad.store.kb import KnowledgeBase, open_kb
from veiligestad.store.records import RecordFile

TODAY = dt.date(2026, 12, 4)
DAYS = st.dates(dt.date(2025, 12, 1), dt.date(2026, 12, 31))
LEAF = st.one_of(st.none(), DAYS, DAYS.map(dt.date.isoformat), st.booleans(),
                 st.integers(-2, 2), st.sampled_from(["", "planned", "running", "finished",
                                                      "stopped", "Running", "2026-07-01"]))
VALUE = st.one_of(LEAF, st.lists(LEAF, max_size=3), st.dictionaries(
    st.sampled_from(["date", "x"]), LEAF, max_size=2))
def _by_select(facts: Any, kind: str, conditions: list[str]) -> list[str]:
    return [str(row["id"]) for row in select(facts.ctx, kind, conditions, fields="id").rows]


def test_lists_of_the_example_are_those_of_select() -> None:
    t = Translator("en")
    facts = gather(open_kb(REPO, t, load_config(REPO, t)), TODAY)
    for number in range(1, 5):
        from veiligestad.periods import Quarter

        q = Quarter(2026, number)
        start, end = q.start.isoformat(), q.end.isoformat()
        groups = project_groups(facts, q)
        assert groups["started"] == _by_select(
            facts, "projects", [f"start>={start}", f"start<={end}", "status!=planned"])
        assert groups["finished"] == _by_select(
            facts, "projects", [f"end>={start}", f"end<={end}", "status=finished"])
        assert reported_findings(facts, q) == _by_select(
            facts, "findings", [f"reported>={start}", f"reported<={end}"])
    _lists_are_the_figures(facts)


record = st.fixed_dictionaries({}, optional={
    "status": VALUE, "start": VALUE, "end": VALUE, "reported": VALUE})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects=st.lists(record, max_size=12), findings=st.lists(record, max_size=12),
       ids=st.lists(st.integers(1, 6), min_size=24, max_size=24))
def test_lists_are_those_of_select_for_any_values(projects: list[dict[str, Any]],
                                                  findings: list[dict[str, Any]],
                                                  ids: list[int]) -> None:
    t = Translator("en")
    config = load_config(REPO, t)
    files = []
    for n, data in enumerate(projects):
        rid = f"P-2026-{ids[n]:03d}"  # repeated IDs too: the order among them is the files'
        files.append(RecordFile(f"data/projects/p{n}.yaml", KINDS["project"], {"id": rid, **data}))
    for n, data in enumerate(findings):
        rid = f"F-2026-{ids[12 + n]:03d}"
        files.append(RecordFile(f"data/findings/f{n}.yaml", KINDS["finding"], {"id": rid, **data}))
    _lists_are_the_figures(gather(KnowledgeBase(REPO, config, files), TODAY))


def _lists_are_the_figures(facts: Any) -> None:
    """Each list of a quarter is what its figure counted: as long as the figure, and, for the
    lists that are one query, that query's rows (``select``) in its order."""
    from veiligestad.periods import Quarter

    for number in range(1, 5):
        q = Quarter(2026, number)
        start, end = q.start.isoformat(), q.end.isoformat()
        figures = facts.stats(q)
        groups = project_groups(facts, q)
        found = reported_findings(facts, q)
        assert [len(groups[name]) for name in ("started", "running", "finished")] == \
            [figures["projects"][name] for name in ("started", "running", "finished")]
        assert len(found) == figures["findings"]["reported"]
        # Running: begun by the quarter's end, and not ended before its start (an end that is
        # no date, which validate reports, counts as none).
        running = [str(row["id"]) for row in select(
            facts.ctx, "projects", ["status!=planned", f"start<={end}"], fields="id,end").rows
            if not isinstance(row["end"], str) or row["end"] >= start]
        assert groups["running"] == running
        assert groups["started"] == _by_select(
            facts, "projects", [f"start>={start}", f"start<={end}", "status!=planned"])
        assert groups["finished"] == _by_select(
            facts, "projects", [f"end>={start}", f"end<={end}", "status=finished"])
        assert found == _by_select(facts, "findings", [f"reported>={start}", f"reported<={end}"])


def test_the_reports_index_and_figures_are_those_of_a_full_context() -> None:
    """The report builds its link index over the projects alone: the one backlink it reads is the
    full index's, and every figure of its context is the one of a context over every link."""
    from veiligestad.index import build_index
    from veiligestad.privacy import public_kb
    from veiligestad.query import context
    from veiligestad.stats import stats_of

    t = Translator("en")
    kb = open_kb(REPO, t, load_config(REPO, t))
    quarters = [f"{year}-Q{n}" for year in (2025, 2026) for n in range(1, 5)]
    for view in (kb, public_kb(kb, TODAY, history_dates=True)):
        facts = gather(view, TODAY)
        assert facts.links.projects_of_question == build_index(view).projects_of_question
        assert facts.links.projects_of_question  # the example's projects take up questions
        assert stats_of(facts.ctx, quarters) == stats_of(context(view, TODAY), quarters)


LINKS = st.one_of(VALUE, st.lists(st.sampled_from(["Q-2026-001", "Q-2026-002", "P-2026-001", 3,
                                                   None, "F-2026-001"]), max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects=st.lists(st.fixed_dictionaries({}, optional={"questions": LINKS}), max_size=6),
       findings=st.lists(st.fixed_dictionaries({}, optional={
           "questions": LINKS, "project": LINKS}), max_size=6))
def test_the_reports_backlinks_for_any_links(projects: list[dict[str, Any]],
                                             findings: list[dict[str, Any]]) -> None:
    from veiligestad.index import build_index

    t = Translator("en")
    config = load_config(REPO, t)
    files = [RecordFile(f"data/questions/q{n}.yaml", KINDS["question"],
                        {"id": f"Q-2026-00{n}"}) for n in (1, 2)]
    files += [RecordFile(f"data/projects/p{n}.yaml", KINDS["project"],
                         {"id": f"P-2026-00{n % 3 + 1}", **data})
              for n, data in enumerate(projects)]
    files += [RecordFile(f"data/findings/f{n}.yaml", KINDS["finding"],
                         {"id": f"F-2026-00{n + 1}", **data}) for n, data in enumerate(findings)]
    kb = KnowledgeBase(REPO, config, files)
    assert gather(kb, TODAY).links.projects_of_question == build_index(kb).projects_of_question
