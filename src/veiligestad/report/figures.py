"""The numbers of a report: the figures of ``veiligestad stats``, plus the lists behind them.

Every count a report prints comes from ``veiligestad.stats`` (the engine behind ``veiligestad
stats``), run on the same knowledge base: the quarter's figures as they are, the year to date as
the sum of the year's quarters (each of those figures counts a record in one quarter only, so the
sum is exact). Figures that are not additive (projects running, students, partners reached,
medians) are given for the quarter only. The lists (which projects, which findings) are the IDs
the figures counted, from the same tally (``stats.lists``), so a list and its count never
disagree.

What the engine does not know is worked out here from the records' own dates: where questions
stood on a day (from their status history), which wait for a student, ethics and embargoes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Final

from veiligestad.i18n import Translator
from veiligestad.index import LinkIndex, build_index
from veiligestad.model.statuses import QUESTION_OPEN
from veiligestad.periods import Quarter
from veiligestad.query import Context
from veiligestad.report.dates import date_field, entered, first_commit_dates, status_at
from veiligestad.stats import finish, lists, tallies_of
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

WAITING: Final = ("submitted", "intake", "ready", "parked")
# Key figures: (label key, path into the stats mapping, additive over quarters)
KEY_FIGURES: Final = (
    ("questions_received", ("questions", "received"), True),
    ("questions_decided", ("questions", "decided", "total"), True),
    ("questions_accepted", ("questions", "decided", "by_decision", "ready"), True),
    ("questions_referred", ("questions", "decided", "by_decision", "referred"), True),
    ("questions_refused", ("questions", "decided", "by_decision", "refused"), True),
    ("questions_advised", ("questions", "decided", "by_decision", "advised"), True),
    ("questions_matched", ("questions", "matched"), True),
    ("questions_delivered", ("questions", "delivered"), True),
    ("projects_started", ("projects", "started"), True),
    ("projects_running", ("projects", "running"), False),
    ("projects_finished", ("projects", "finished"), True),
    ("students", ("students", "total"), False),
    ("findings_reported", ("findings", "reported"), True),
    ("recommendations_made", ("recommendations", "total"), True),
    ("partners_reached", ("partners_reached", "count"), False),
)


def figure(stats: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` in a stats mapping."""
    value: Any = stats
    for key in path:
        value = value[key]
    return value


@dataclass
class Facts:
    """A knowledge base read once for a report: records by ID, links, the engine's context."""

    kb: KnowledgeBase
    ctx: Context
    links: LinkIndex
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)
    _stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The tallies the figures were made of (``stats.tally``), by quarter, when made here.
    tallies: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The IDs behind each quarter's figures (``stats.lists``): the lists of the report.
    _lists: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # A record's status on a day, by the record's identity (its data lives as long as this).
    _status: dict[tuple[int, dt.date], str | None] = field(default_factory=dict)

    def status_at(self, data: dict[str, Any], day: dt.date) -> str | None:
        """``dates.status_at(data, day)``, worked out once per record and day."""
        key = (id(data), day)
        if key not in self._status:
            self._status[key] = status_at(data, day)
        return self._status[key]

    def stats(self, quarter: Quarter) -> dict[str, Any]:
        """The figures of ``veiligestad stats --quarter`` for ``quarter``, computed once.

        The first question about a quarter fills in every quarter of its year up to it, in one
        pass over the records (the year to date needs them all).
        """
        if quarter.label not in self._stats:
            labels = [Quarter(quarter.year, n).label for n in range(1, quarter.number + 1)]
            labels = [label for label in labels if label not in self._stats]
            tallies = tallies_of(self.ctx, labels, ids=True)
            self.tallies.update(zip(labels, tallies, strict=True))
            self._stats.update(zip(labels, map(finish, tallies), strict=True))
            self._lists.update(zip(labels, map(lists, tallies), strict=True))
        return self._stats[quarter.label]

    def lists(self, quarter: Quarter) -> dict[str, list[str]]:
        """The IDs behind the figures of ``quarter`` (``stats.lists``): its projects started,
        running and finished and its findings reported, each list the records its count
        counted, so that a list and its figure never disagree."""
        self.stats(quarter)
        return self._lists[quarter.label]

    def figures_of(self, labels: list[str]) -> tuple[list[dict[str, Any]],
                                                    list[dict[str, Any]]] | None:
        """The figures and lists of these quarters (as ``stats.QuartersAnswer`` gives them)
        and their tallies, when they were made here."""
        if not all(label in self._stats and label in self.tallies for label in labels):
            return None
        return ([{"figures": self._stats[label], "lists": self._lists[label]}
                 for label in labels], [self.tallies[label] for label in labels])

    def known(self, figures: dict[str, dict[str, Any]]) -> None:
        """Take the figures and lists of these quarters as made elsewhere (kept from an earlier
        run, as ``stats.QuartersAnswer`` gives them)."""
        for label, made in figures.items():
            self._stats[label] = made["figures"]
            self._lists[label] = made["lists"]

    def year_to_date(self, quarter: Quarter, path: tuple[str, ...]) -> int:
        """An additive figure summed over the quarters of the year up to ``quarter``."""
        return sum(int(figure(self.stats(Quarter(quarter.year, n)), path))
                   for n in range(1, quarter.number + 1))

    def themes_of_finding(self, data: dict[str, Any]) -> list[str]:
        """The themes of the questions a finding answers, in order, without repeats."""
        out: list[str] = []
        for qid in data.get("questions") or []:
            for theme in self.questions.get(qid, {}).get("themes") or []:
                if isinstance(theme, str) and theme not in out:
                    out.append(theme)
        return out


def _by_id(records: list[RecordFile]) -> dict[str, dict[str, Any]]:
    """The records by ID (the first of each), in ID order: those with a string ``id``, as
    ``RecordFile.record_id`` reads it (here once per record)."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        data = record.data
        if not data:
            continue
        record_id = data.get("id")
        if isinstance(record_id, str) and record_id not in out:
            out[record_id] = data
    return dict(sorted(out.items()))


def with_git_dates(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base with a missing project ``start`` filled in, from the record or git.

    A project that is under way but has no ``start`` would fall out of every period. The day its
    status history says it began running is the record's own evidence; without that, the day its
    file was first committed to git. Records that have their dates are left as they are (the
    example knowledge base has them all), so the figures stay those of ``veiligestad stats``.
    """
    missing = [r for r in kb.records("project") if r.data is not None
               and r.data.get("status") != "planned" and date_field(r.data, "start") is None]
    if not missing:
        return kb
    committed: dict[str, dt.date] | None = None
    files = []
    for record in kb.files:
        if record in missing:
            assert record.data is not None
            start = entered(record.data, "running")
            if start is None:
                committed = first_commit_dates(kb.root) if committed is None else committed
                start = committed.get(record.rel)
            if start is not None:
                data = {**record.data, "start": start}
                record = RecordFile(record.rel, record.kind, data, record.notes, record.digest)
        files.append(record)
    return KnowledgeBase(kb.root, kb.config, files, left_out=kb.left_out)


def gather(kb: KnowledgeBase, today: dt.date) -> Facts:
    """Read the records once for a report.

    The one backlink a report reads is which projects took up a question
    (``projects_of_question``), and only the projects' links make it: the index is built over
    the projects alone, not over every finding's links as well. The engine's context holds that
    index, so its views must not derive a field made of links (``projects``, ``findings``,
    ``related_from``): the figures and the lists behind them read only ``stats.NEEDS``, none
    of which is one (``stats._Source`` refuses any other field;
    ``tests/report/test_figure_lists.py`` holds every figure to a context over every link).
    """
    projects = kb.records("project")
    index = build_index(KnowledgeBase(kb.root, kb.config, projects))
    links = LinkIndex(projects_of_question=index.projects_of_question)
    ctx = Context(kb, today, Translator(kb.config.language), links)
    return Facts(kb, ctx, links, _by_id(kb.records("question")), _by_id(projects),
                 _by_id(kb.records("finding")))


def project_groups(facts: Facts, q: Quarter) -> dict[str, list[str]]:
    """The projects behind the figures started, running (active in) and finished in ``q``:
    the very records each figure counted (``Facts.lists``), which are those of the engine's
    queries with its conditions (``tests/report/test_figure_lists.py``)."""
    found = facts.lists(q)
    return {name: found[name] for name in ("started", "running", "finished")}


def reported_findings(facts: Facts, q: Quarter) -> list[str]:
    """The findings behind the figure ``findings.reported`` of ``q``."""
    return facts.lists(q)["reported"]


def waiting_questions(facts: Facts, day: dt.date) -> list[tuple[str, dict[str, Any], str, int]]:
    """Questions still waiting on ``day`` (not yet with a student): ID, record, status, days."""
    out = []
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day:
            continue
        status = facts.status_at(data, day)
        if status in WAITING:
            out.append((qid, data, status, (day - received).days))
    return sorted(out, key=lambda row: (-row[3], row[0]))


def next_semester_start(day: dt.date) -> dt.date:
    """The first day of the next semester: 1 February or 1 September after ``day``."""
    year = day.year
    for candidate in (dt.date(year, 2, 1), dt.date(year, 9, 1), dt.date(year + 1, 2, 1)):
        if candidate > day:
            return candidate
    raise AssertionError("unreachable")


def need_student(facts: Facts, day: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """Questions ready for a student on ``day`` that no project started by then has taken up."""
    out = []
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day or facts.status_at(data, day) != "ready":
            continue
        projects = facts.links.projects_of_question.get(qid, [])
        started = [date_field(facts.projects.get(p, {}), "start") for p in projects]
        if not any(s is not None and s <= day for s in started):
            out.append((qid, data))
    return out


def open_by_theme(facts: Facts, day: dt.date) -> dict[str, list[str]]:
    """Open questions on ``day`` (submitted up to in progress, or parked), per theme."""
    out: dict[str, list[str]] = defaultdict(list)
    for qid, data in facts.questions.items():
        received = date_field(data, "received")
        if received is None or received > day:
            continue
        if facts.status_at(data, day) in (*QUESTION_OPEN, "parked"):
            for theme in data.get("themes") or ["?"]:
                out[str(theme)].append(qid)
    return dict(sorted(out.items(), key=lambda item: (-len(item[1]), item[0])))
