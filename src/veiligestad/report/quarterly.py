"""The quarterly report: what came in, what students did, what they found, what was done with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from veiligestad.render.charts import Chart, draw
from veiligestad.report.dates import status_at
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
    FOLLOW_UPS,
    KEY_FIGURES,
    Facts,
    findings_per_theme,
    follow_up_counts,
    key_figures,
    median_days,
    need_student,
    next_semester_start,
    open_by_theme,
    waiting_questions,
)
from veiligestad.report.quarters import Quarter
from veiligestad.report.words import Words


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
                  chart.rows, chart.horizontal, draw(chart))
    return ChartBlock(drawn, f"{settings.asset_prefix}-{chart.id}.svg")


def evidence_words(w: Words, data: dict[str, Any]) -> str:
    """The evidence of a finding in words a reader understands."""
    evidence = data.get("evidence") if isinstance(data.get("evidence"), dict) else {}
    assert isinstance(evidence, dict)
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
    recs = []
    for rec in data.get("recommendations") or []:
        if isinstance(rec, dict):
            state = w.follow_up(rec.get("follow_up"))
            if rec.get("follow_up_date"):
                state = f"{state} ({w.date(rec.get('follow_up_date'))})"
            recs.append(Recommendation(w.partner(rec.get("to")), str(rec.get("text") or ""), state))
    project = str(data.get("project") or "")
    title = facts.projects.get(project, {}).get("title")
    evidence = data.get("evidence") if isinstance(data.get("evidence"), dict) else {}
    assert isinstance(evidence, dict)
    return FindingBlock(
        id=fid, title=str(data.get("title") or fid), statement=str(data.get("statement") or ""),
        evidence=evidence_words(w, data), evidence_summary=str(evidence.get("summary") or ""),
        caveats=str(data.get("caveats") or ""),
        project=f"{project} {title}" if title else project, recommendations=tuple(recs),
    )


def _key_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    now = key_figures(facts, q.start, q.end)
    ytd = key_figures(facts, q.year_start, q.end)
    rows = tuple((w(f"report.figure.{name}"), str(now[name]), str(ytd[name]))
                 for name in KEY_FIGURES)
    blocks: list[Block] = []
    if not any(now.values()):
        blocks.append(Paragraph(w("report.empty_quarter", period=q.label(w.t.lang))))
    blocks.append(Table((w("report.figure"), q.label(w.t.lang), w("report.year_to_date",
                                                                  year=q.year)),
                        rows, numeric=(1, 2)))
    return Section("key", w("report.section.key"), blocks)


def _flow_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    now = key_figures(facts, q.start, q.end)
    ytd = key_figures(facts, q.year_start, q.end)
    steps = ("questions_received", "questions_decided", "questions_accepted",
             "questions_matched", "questions_delivered")
    blocks: list[Block] = []
    funnel = Chart("funnel", w("report.chart.funnel"), w("report.chart.funnel_caption"),
                   w("report.step"), (q.label(w.t.lang), w("report.year_to_date", year=q.year)),
                   tuple((w(f"report.figure.{n}"), (now[n], ytd[n])) for n in steps))
    if not funnel.is_empty:
        blocks.append(chart_block(funnel, s))
    medians = median_days(facts, q.start, q.end)
    for name, value in medians.items():
        blocks.append(Paragraph(w(f"report.median.{name}", days=w.number(value))
                                if value is not None else w(f"report.median.{name}_none")))
    blocks.append(Subheading(w("report.waiting", date=w.date(s.as_of))))
    waiting = waiting_questions(facts, s.as_of)
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
            w.vocab("institutions", d.get("institution")),
            w.status("project", status_at(d, day)))


def _projects_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    headers = (w("report.col.id"), w("report.col.title"), w("report.col.type"),
               w("report.col.institution"), w("report.col.status"))
    groups = {
        "started": [p for p, day in facts.project_start.items() if q.contains(day)],
        "running": [p for p, day in facts.project_start.items()
                    if day is not None and day < q.start
                    and (facts.project_finish.get(p) or dt.date.max) > q.end],
        "finished": [p for p, day in facts.project_finish.items()
                     if q.contains(day) and facts.projects[p].get("status") == "finished"],
    }
    blocks: list[Block] = []
    for name, ids in groups.items():
        if ids:
            blocks.append(Subheading(w(f"report.projects.{name}", count=len(ids))))
            blocks.append(Table(headers, tuple(_project_row(w, facts, p, s.as_of)
                                               for p in sorted(ids))))
        else:
            blocks.append(Paragraph(w(f"report.projects.{name}", count=0)))
    students: dict[tuple[str, str], list[int]] = {}
    for pid, data in facts.projects.items():
        began = facts.project_start.get(pid)
        ended = facts.project_finish.get(pid)
        if began is None or began > q.end or (ended is not None and ended < q.start):
            continue
        key = (w.vocab("institutions", data.get("institution")),
               w.vocab("programmes", data.get("programme")) if data.get("programme") else "–")
        row = students.setdefault(key, [0, 0])
        row[0] += 1
        count = data.get("student_count")
        row[1] += count if isinstance(count, int) else 0
    blocks.append(Subheading(w("report.students")))
    if students:
        blocks.append(Table(
            (w("report.col.institution"), w("report.col.programme"), w("report.col.projects"),
             w("report.col.students")),
            tuple((inst, prog, str(n), str(c)) for (inst, prog), (n, c) in sorted(
                students.items())), numeric=(2, 3)))
    else:
        blocks.append(Paragraph(w("report.no_students")))
    return Section("projects", w("report.section.projects"), blocks)


def _findings_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    new = {fid: d for fid, d in facts.findings.items() if q.contains(d.get("reported"))}
    blocks: list[Block] = []
    quarters = [Quarter(q.year, n) for n in range(1, q.number + 1)]
    per_theme = findings_per_theme(facts, [(x.start, x.end) for x in quarters])
    chart = Chart("findings", w("report.chart.findings", year=q.year),
                  w("report.chart.findings_caption"), w("report.col.theme"),
                  tuple(x.label(w.t.lang) for x in quarters),
                  tuple((w.theme(theme), tuple(counts)) for theme, counts in per_theme.items()))
    if not new:
        blocks.append(Paragraph(w("report.no_findings")))
    by_theme: dict[str, list[str]] = {}
    for fid, data in new.items():
        themes = facts.themes_of_finding(data) or ["?"]
        by_theme.setdefault(themes[0], []).append(fid)
    for theme in sorted(by_theme, key=lambda k: (-len(by_theme[k]), w.theme(k))):
        blocks.append(Subheading(w.theme(theme)))
        blocks.extend(finding_block(w, facts, fid, new[fid]) for fid in by_theme[theme])
    if not chart.is_empty:
        blocks.append(chart_block(chart, s))
    return Section("findings", w("report.section.findings"), blocks)


def _feedback_section(w: Words, facts: Facts, s: ReportSettings) -> Section:
    q = s.quarter
    talks = []
    for pid, data in facts.projects.items():
        for talk in data.get("presentations") or []:
            if isinstance(talk, dict) and q.contains(talk.get("date")):
                talks.append((talk["date"], pid, talk))
    blocks: list[Block] = []
    reached: set[str] = set()
    if talks:
        blocks.append(Subheading(w("report.presentations", count=len(talks))))
        rows = []
        for day, pid, talk in sorted(talks, key=lambda x: (x[0], x[1])):
            audience = [str(a) for a in talk.get("audience") or []]
            reached.update(audience)
            rows.append((w.date(day), pid, str(talk.get("title") or ""),
                         ", ".join(w.partner(a) for a in audience)))
        blocks.append(Table((w("report.col.date"), w("report.col.project"),
                             w("report.col.title"), w("report.col.audience")), tuple(rows)))
        blocks.append(Paragraph(w("report.partners_reached", count=len(reached),
                                  partners=", ".join(sorted(w.partner(p) for p in reached)))))
    else:
        blocks.append(Paragraph(w("report.no_presentations")))
    counts = follow_up_counts(facts, q.end)
    blocks.append(Subheading(w("report.follow_up")))
    chart = Chart("follow-up", w("report.chart.follow_up"), w("report.chart.follow_up_caption",
                                                              date=w.date(q.end)),
                  w("report.col.follow_up"), (w("report.col.recommendations"),),
                  tuple((w.follow_up(state), (counts[state],)) for state in FOLLOW_UPS))
    if chart.is_empty:
        blocks.append(Paragraph(w("report.no_recommendations")))
    else:
        blocks.append(chart_block(chart, s))
    changed = []
    for fid, data in facts.findings.items():
        for rec in data.get("recommendations") or []:
            if isinstance(rec, dict) and q.contains(rec.get("follow_up_date")):
                changed.append((w.date(rec["follow_up_date"]), fid, w.partner(rec.get("to")),
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
        ethics = data.get("ethics") if isinstance(data.get("ethics"), dict) else {}
        assert isinstance(ethics, dict)
        lacks = [w(f"report.ethics.{k}") for k in ("dmp", "supervisor_check")
                 if ethics.get(k) is not True]
        if lacks:
            missing.append((pid, str(data.get("title") or ""), w.status("project", data.get(
                "status")), ", ".join(lacks)))
    blocks: list[Block] = []
    heading = w("report.ethics.missing", count=len(missing))
    blocks.append(Subheading(heading) if missing else Paragraph(heading))
    if missing:
        blocks.append(Table((w("report.col.id"), w("report.col.title"), w("report.col.status"),
                             w("report.col.missing")), tuple(missing)))
    nxt = q.next()
    ending = []
    for kind_facts in (facts.questions, facts.projects, facts.findings):
        for rid, data in kind_facts.items():
            if nxt.contains(data.get("embargo_until")):
                ending.append((w.date(data["embargo_until"]), rid, str(data.get("title") or "")))
            for item in data.get("deliverables") or []:
                if isinstance(item, dict) and nxt.contains(item.get("embargo_until")):
                    ending.append((w.date(item["embargo_until"]), rid,
                                   str(item.get("title") or "")))
    heading = w("report.embargo_ending", period=nxt.label(w.t.lang), count=len(ending))
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
        subtitle=w("report.quarterly.subtitle", period=s.quarter.label(w.t.lang)),
        audience_note=w(f"report.audience.{s.audience}"),
        fictional_note=_fictional_note(w, facts),
        city=w.config.city,
        period=s.quarter.label(w.t.lang),
        sections=sections,
        footer=footer,
        labels=_labels(w),
    )


def _fictional_note(w: Words, facts: Facts) -> str:
    records = [*facts.questions.values(), *facts.projects.values(), *facts.findings.values()]
    if records and any(d.get("fictional") is True for d in records):
        return w("report.fictional")
    return ""


def _labels(w: Words) -> dict[str, str]:
    keys = ("contents", "evidence", "caveats", "recommendations", "to", "follow_up", "project",
            "chart_numbers", "made_with", "page")
    return {k: w(f"report.label.{k}") for k in keys}
