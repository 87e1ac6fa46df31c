"""The quarterly report: what came in, what students did, what they found, what was done with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from veiligestad.periods import Quarter
from veiligestad.render.charts import Chart, draw
from veiligestad.report.dates import date_field, status_at
from veiligestad.report.document import (
    Block,
    ChartBlock,
    Document,
    FindingBlock,
    Paragraph,
    Recommendation,
    Section,
    Subheading,
    Table,
)
from veiligestad.report.figures import (
    KEY_FIGURES,
    Facts,
    figure,
    need_student,
    next_semester_start,
    open_by_theme,
    project_groups,
    reported_findings,
    waiting_questions,
)
from veiligestad.report.words import Words
from veiligestad.stats import FOLLOW_UPS


class ReportSettings:
    """What a report is made for: period, audience, day of making, image file prefix."""

    def __init__(self, quarter: Quarter, audience: str, today: dt.date, asset_prefix: str) -> None:
        self.quarter = quarter
        self.audience = audience
        self.today = today
        self.asset_prefix = asset_prefix

    @property
    def as_of(self) -> dt.date:
        """The day statuses are read on: the quarter's last day, or today for the current one."""
        return min(self.today, self.quarter.end)

    @property
    def internal(self) -> bool:
        return self.audience == "internal"


def chart_block(chart: Chart, settings: ReportSettings) -> ChartBlock:
    """A chart drawn as SVG, with the image file name it gets beside a Markdown report."""
    drawn = Chart(chart.id, chart.title, chart.caption, chart.label_header, chart.series,
                  chart.rows, draw(chart))
    return ChartBlock(drawn, f"{settings.asset_prefix}-{chart.id}.svg")


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def evidence_words(w: Words, data: dict[str, Any]) -> str:
    """The evidence of a finding in words a reader understands."""
    evidence = _mapping(data.get("evidence"))
    parts = []
    design = evidence.get("design")
    if isinstance(design, int) and 1 <= design <= 5:
        parts.append(w("report.evidence.design", level=design,
                       meaning=w(f"report.evidence.design.{design}")))
    maturity = evidence.get("maturity")
    if maturity:
        parts.append(w("report.evidence.maturity", label=w.vocab("evidence_maturity", maturity)))
    return " ".join(parts) or w("report.evidence.unknown")


def finding_block(w: Words, facts: Facts, fid: str, data: dict[str, Any]) -> FindingBlock:
    """A finding with its evidence in words and its recommendations, each to a named partner."""
    recs = []
    for rec in data.get("recommendations") or []:
        if isinstance(rec, dict):
            state = w.follow_up(rec.get("follow_up"))
            if rec.get("follow_up_date"):
                state = f"{state} ({w.date(rec.get('follow_up_date'))})"
            recs.append(Recommendation(w.partner(rec.get("to")), str(rec.get("text") or ""), state))
    project = str(data.get("project") or "")
    title = facts.projects.get(project, {}).get("title")
    return FindingBlock(
        id=fid, title=str(data.get("title") or fid), statement=str(data.get("statement") or ""),
        evidence=evidence_words(w, data),
        evidence_summary=str(_mapping(data.get("evidence")).get("summary") or ""),
        caveats=str(data.get("caveats") or ""),
        project=f"{project} {title}" if title else project, recommendations=tuple(recs),
    )


def _key_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    now = facts.stats(q)
    rows = tuple(
        (w(f"report.figure.{name}"), str(figure(now, path)),
         str(facts.year_to_date(q, path)) if additive else "–")
        for name, path, additive in KEY_FIGURES)
    blocks: list[Block] = []
    if not any(figure(now, path) for _, path, additive in KEY_FIGURES if additive):
        blocks.append(Paragraph(w("report.empty_quarter", period=w.quarter(q))))
    blocks.append(Table((w("report.figure"), w.quarter(q), w("report.year_to_date", year=q.year)),
                        rows, numeric=(1, 2)))
    blocks.append(Paragraph(w("report.key_note")))
    if not s.internal:
        blocks.append(Paragraph(w("report.key_note_public")))
    return Section("key", w("report.section.key"), blocks)


def _flow_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    now = facts.stats(q)
    steps = [(name, path) for name, path, _ in KEY_FIGURES if name in (
        "questions_received", "questions_decided", "questions_accepted", "questions_matched",
        "questions_delivered")]
    blocks: list[Block] = []
    funnel = Chart("funnel", w("report.chart.funnel"), w("report.chart.funnel_caption"),
                   w("report.step"), (w.quarter(q), w("report.year_to_date", year=q.year)),
                   tuple((w(f"report.figure.{n}"), (figure(now, p), facts.year_to_date(q, p)))
                         for n, p in steps))
    if not funnel.is_empty:
        blocks.append(chart_block(funnel, s))
    for name in ("received_to_matched", "matched_to_delivered"):
        value = now["questions"][f"median_days_{name}"]
        blocks.append(Paragraph(w(f"report.median.{name}", days=w.number(value))
                                if value is not None else w(f"report.median.{name}_none")))
    waiting = waiting_questions(facts, s.as_of)
    blocks.append(Subheading(w("report.waiting", date=w.date(s.as_of))))
    if waiting:
        blocks.append(Table(
            (w("report.col.id"), w("report.col.title"), w("report.col.status"),
             w("report.col.received"), w("report.col.days")),
            tuple((qid, str(d.get("title") or ""), w.status("question", st),
                   w.date(d.get("received")), str(days)) for qid, d, st, days in waiting),
            numeric=(4,)))
    else:
        blocks.append(Paragraph(w("report.none_waiting")))
    semester = next_semester_start(s.as_of)
    blocks.append(Subheading(w("report.need_student", date=w.date(semester))))
    needing = need_student(facts, s.as_of)
    if needing:
        blocks.append(Table(
            (w("report.col.id"), w("report.col.title"), w("report.col.themes"),
             w("report.col.needed_by")),
            tuple((qid, str(d.get("title") or ""),
                   ", ".join(w.theme(t) for t in d.get("themes") or []),
                   w.date(d.get("needed_by"))) for qid, d in needing)))
    else:
        blocks.append(Paragraph(w("report.none_need_student")))
    return Section("flow", w("report.section.flow"), blocks)


def _project_row(w: Words, facts: Facts, pid: str, day: dt.date) -> tuple[str, ...]:
    """A project as a table row, with its status on ``day``."""
    d = facts.projects[pid]
    return (pid, str(d.get("title") or ""), w.vocab("project_types", d.get("type")),
            w.vocab("institutions", d.get("institution")), w.status("project", status_at(d, day)))


def _projects_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    headers = (w("report.col.id"), w("report.col.title"), w("report.col.type"),
               w("report.col.institution"), w("report.col.status"))
    groups = project_groups(facts, q)
    blocks: list[Block] = []
    for name, ids in groups.items():
        if ids:
            blocks.append(Subheading(w(f"report.projects.{name}", count=len(ids))))
            blocks.append(Table(headers, tuple(_project_row(w, facts, p, s.as_of) for p in ids)))
        else:
            blocks.append(Paragraph(w(f"report.projects.{name}", count=0)))
    students: dict[tuple[str, str], list[int]] = {}
    for pid in groups["running"]:
        data = facts.projects[pid]
        key = (w.vocab("institutions", data.get("institution")),
               w.vocab("programmes", data.get("programme")) if data.get("programme") else "–")
        row = students.setdefault(key, [0, 0])
        row[0] += 1
        count = data.get("student_count")
        row[1] += count if isinstance(count, int) and not isinstance(count, bool) else 0
    if students:
        blocks.append(Subheading(w("report.students")))
        blocks.append(Table(
            (w("report.col.institution"), w("report.col.programme"), w("report.col.projects"),
             w("report.col.students")),
            tuple((inst, prog, str(n), str(c))
                  for (inst, prog), (n, c) in sorted(students.items())), numeric=(2, 3)))
    else:
        blocks.append(Paragraph(w("report.no_students")))
    return Section("projects", w("report.section.projects"), blocks)


def _findings_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    new = reported_findings(facts, q)
    blocks: list[Block] = []
    if not new:
        blocks.append(Paragraph(w("report.no_findings")))
    by_theme: dict[str, list[str]] = {}
    for fid in new:
        themes = facts.themes_of_finding(facts.findings[fid]) or ["?"]
        by_theme.setdefault(themes[0], []).append(fid)
    for theme in sorted(by_theme, key=lambda k: (-len(by_theme[k]), w.theme(k))):
        blocks.append(Subheading(w.theme(theme)))
        blocks.extend(finding_block(w, facts, fid, facts.findings[fid]) for fid in by_theme[theme])
    quarters = [Quarter(q.year, n) for n in range(1, q.number + 1)]
    per_quarter = [facts.stats(x)["findings"]["by_theme"] for x in quarters]
    themes = sorted({t for counts in per_quarter for t in counts},
                    key=lambda t: (-sum(c.get(t, 0) for c in per_quarter), w.theme(t)))
    chart = Chart("findings", w("report.chart.findings", year=q.year),
                  w("report.chart.findings_caption"), w("report.col.theme"),
                  tuple(w.quarter(x) for x in quarters),
                  tuple((w.theme(t), tuple(c.get(t, 0) for c in per_quarter)) for t in themes))
    if not chart.is_empty:
        blocks.append(chart_block(chart, s))
    return Section("findings", w("report.section.findings"), blocks)


def _feedback_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    talks = []
    for pid, data in facts.projects.items():
        for talk in data.get("presentations") or []:
            if isinstance(talk, dict) and q.contains(date_field(talk, "date") or dt.date.min):
                talks.append((talk["date"], pid, talk))
    blocks: list[Block] = []
    if talks:
        blocks.append(Subheading(w("report.presentations", count=len(talks))))
        rows = []
        for day, pid, talk in sorted(talks, key=lambda x: (x[0], x[1])):
            audience = [str(a) for a in talk.get("audience") or []]
            rows.append((w.date(day), pid, str(talk.get("title") or ""),
                         ", ".join(w.partner(a) for a in audience)))
        blocks.append(Table((w("report.col.date"), w("report.col.project"),
                             w("report.col.title"), w("report.col.audience")), tuple(rows)))
    else:
        blocks.append(Paragraph(w("report.no_presentations")))
    reached = facts.stats(q)["partners_reached"]
    if reached["count"]:
        blocks.append(Paragraph(w("report.partners_reached", count=reached["count"],
                                  partners=", ".join(sorted(w.partner(p)
                                                         for p in reached["partners"])))))
    blocks.append(Subheading(w("report.follow_up")))
    path = ("recommendations", "by_follow_up")
    chart = Chart("follow-up", w("report.chart.follow_up"), w("report.chart.follow_up_caption"),
                  w("report.col.follow_up"), (w.quarter(q), w("report.year_to_date", year=q.year)),
                  tuple((w.follow_up(state), (figure(facts.stats(q), (*path, state)),
                                              facts.year_to_date(q, (*path, state))))
                        for state in FOLLOW_UPS))
    if chart.is_empty:
        blocks.append(Paragraph(w("report.no_recommendations")))
    else:
        blocks.append(chart_block(chart, s))
    changed = []
    for fid, data in facts.findings.items():
        for rec in data.get("recommendations") or []:
            day = date_field(rec, "follow_up_date") if isinstance(rec, dict) else None
            if day is not None and q.contains(day):
                changed.append((w.date(day), fid, w.partner(rec.get("to")),
                                w.follow_up(rec.get("follow_up"))))
    if changed:
        blocks.append(Paragraph(w("report.follow_up_changed", count=len(changed))))
        blocks.append(Table((w("report.col.date"), w("report.col.finding"),
                             w("report.col.partner"), w("report.col.follow_up")),
                            tuple(sorted(changed, key=lambda r: (r[1], r[2])))))
    return Section("feedback", w("report.section.feedback"), blocks)


def _ethics_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    missing = []
    for pid, data in facts.projects.items():
        if data.get("status") == "stopped":
            continue
        ethics = _mapping(data.get("ethics"))
        lacks = [w(f"report.ethics.{k}") for k in ("dmp", "supervisor_check")
                 if ethics.get(k) is not True]
        if lacks:
            missing.append((pid, str(data.get("title") or ""),
                            w.status("project", data.get("status")), ", ".join(lacks)))
    blocks: list[Block] = []
    heading = w("report.ethics.missing", count=len(missing))
    blocks.append(Subheading(heading) if missing else Paragraph(heading))
    if missing:
        blocks.append(Table((w("report.col.id"), w("report.col.title"), w("report.col.status"),
                             w("report.col.missing")), tuple(missing)))
    nxt = q.next()
    ending = []
    for records in (facts.questions, facts.projects, facts.findings):
        for rid, data in records.items():
            day = date_field(data, "embargo_until")
            if day is not None and nxt.contains(day):
                ending.append((w.date(day), rid, str(data.get("title") or "")))
            for item in data.get("deliverables") or []:
                day = date_field(item, "embargo_until") if isinstance(item, dict) else None
                if day is not None and nxt.contains(day):
                    ending.append((w.date(day), rid, str(item.get("title") or "")))
    heading = w("report.embargo_ending", period=w.quarter(nxt), count=len(ending))
    blocks.append(Subheading(heading) if ending else Paragraph(heading))
    if ending:
        blocks.append(Table((w("report.col.date"), w("report.col.id"), w("report.col.title")),
                            tuple(sorted(ending, key=lambda r: (r[1], r[2])))))
    return Section("ethics", w("report.section.ethics"), blocks)


def _outlook_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    by_theme = open_by_theme(facts, s.as_of)
    if not by_theme:
        return Section("outlook", w("report.section.outlook"),
                       [Paragraph(w("report.no_open_questions"))])
    rows = tuple((w.theme(theme), str(len(ids)), ", ".join(ids)) for theme, ids in by_theme.items())
    return Section("outlook", w("report.section.outlook"), [
        Paragraph(w("report.outlook_intro", date=w.date(s.as_of))),
        Table((w("report.col.theme"), w("report.col.open"), w("report.col.questions")), rows,
              numeric=(1,)),
    ])


def build_quarterly(w: Words, facts: Facts, s: ReportSettings, footer: list[str]) -> Document:
    """The quarterly report's content, ready for a template."""
    sections = [
        _key_section(w, facts, s),
        _flow_section(w, facts, s),
        _projects_section(w, facts, s),
        _findings_section(w, facts, s),
        _feedback_section(w, facts, s),
    ]
    if s.internal:
        sections.append(_ethics_section(w, facts, s))
    sections.append(_outlook_section(w, facts, s))
    return Document(
        lang=w.t.lang,
        title=w("report.quarterly.title", city=w.config.city),
        subtitle=w("report.quarterly.subtitle", period=w.quarter(s.quarter)),
        audience_note=w(f"report.audience.{s.audience}"),
        fictional_note=fictional_note(w, [*facts.questions.values(), *facts.projects.values(),
                                          *facts.findings.values()]),
        city=w.config.city,
        period=w.quarter(s.quarter),
        sections=sections,
        footer=footer,
        labels=labels(w),
    )


def fictional_note(w: Words, records: list[dict[str, Any]]) -> str:
    """A warning on the title page when any record in the report is an invented example."""
    return w("report.fictional") if any(d.get("fictional") is True for d in records) else ""


def labels(w: Words) -> dict[str, str]:
    """The fixed words the templates need."""
    keys = ("contents", "evidence", "caveats", "recommendations", "to", "follow_up", "project",
            "chart_numbers")
    return {k: w(f"report.label.{k}") for k in keys}
