"""The digest for one partner: its questions and where they stand, the findings that answer them,
the recommendations addressed to it and what is known of their follow-up."""

from __future__ import annotations

from veiligestad.report.dates import status_at
from veiligestad.report.document import Block, Document, Paragraph, Section, Subheading, Table
from veiligestad.report.figures import Facts
from veiligestad.report.quarterly import ReportSettings, fictional_note, finding_block, labels
from veiligestad.report.words import Words


def build_partner(w: Words, facts: Facts, s: ReportSettings, partner: str,
                  footer: list[str]) -> Document:
    """The digest's content for ``partner`` up to the end of the quarter."""
    q = s.quarter
    asked = {qid: d for qid, d in facts.questions.items()
             if d.get("asked_by") == partner and (d.get("received") or q.end) <= q.end}
    sections: list[Section] = []
    rows = tuple((qid, str(d.get("title") or ""), w.date(d.get("received")),
                  w.status("question", status_at(d, s.as_of)),
                  ", ".join(facts.links.projects_of_question.get(qid, [])) or "–")
                 for qid, d in asked.items())
    blocks: list[Block] = []
    if rows:
        blocks.append(Table((w("report.col.id"), w("report.col.title"), w("report.col.received"),
                             w("report.col.status"), w("report.col.projects")), rows))
    else:
        blocks.append(Paragraph(w("report.partner.no_questions")))
    sections.append(Section("questions", w("report.partner.questions"), blocks))

    answering = {fid: d for fid, d in facts.findings.items()
                 if set(d.get("questions") or []) & set(asked)
                 and (d.get("reported") or q.end) <= q.end}
    blocks = [finding_block(w, facts, fid, d) for fid, d in answering.items()]
    sections.append(Section("findings", w("report.partner.findings"),
                            blocks or [Paragraph(w("report.partner.no_findings"))]))

    recs = []
    for fid, d in facts.findings.items():
        if (d.get("reported") or q.end) > q.end:
            continue
        for rec in d.get("recommendations") or []:
            if isinstance(rec, dict) and rec.get("to") == partner:
                recs.append((fid, str(rec.get("text") or ""), w.follow_up(rec.get("follow_up")),
                             w.date(rec.get("follow_up_date"))))
    blocks = []
    if recs:
        blocks.append(Table((w("report.col.finding"), w("report.col.recommendation"),
                             w("report.col.follow_up"), w("report.col.date")), tuple(recs)))
    else:
        blocks.append(Paragraph(w("report.partner.no_recommendations")))
    talks = []
    for pid, d in facts.projects.items():
        for talk in d.get("presentations") or []:
            if isinstance(talk, dict) and partner in (talk.get("audience") or []) \
                    and (talk.get("date") or q.end) <= q.end:
                talks.append((w.date(talk.get("date")), pid, str(talk.get("title") or "")))
    blocks.append(Subheading(w("report.partner.presentations", count=len(talks))))
    if talks:
        blocks.append(Table((w("report.col.date"), w("report.col.project"),
                             w("report.col.title")), tuple(talks)))
    sections.append(Section("recommendations", w("report.partner.recommendations"), blocks))
    name = w.partner(partner)
    return Document(
        lang=w.t.lang,
        title=w("report.partner.title", partner=name),
        subtitle=w("report.partner.subtitle", city=w.config.city, period=w.quarter(q)),
        audience_note=w(f"report.audience.{s.audience}"),
        fictional_note=fictional_note(w, [*asked.values(), *answering.values()]),
        city=w.config.city,
        period=w.quarter(q),
        sections=sections,
        footer=footer,
        labels=labels(w),
    )
