"""What ``gaps`` and ``stats`` print, and their answer (kept or computed), without Typer.

Shared by the commands (``cli/gaps.py``) and by ``cli/quick_read.py``, which answers a plain
``stats`` or ``gaps`` before Typer, Click and Rich are imported: both print through these very
functions, so the bytes are the same either way (``tests/cli/test_quick_read.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veiligestad.commands.gaps import GapsResult
    from veiligestad.i18n import Translator
    from veiligestad.query import Context
    from veiligestad.store.config import Config


def answer_of(config: Config, t: Translator, day: dt.date, command: str, args: tuple[Any, ...],
              compute: Callable[[Context], Any]) -> Any:
    """``compute`` over the knowledge base, or its kept answer when no file, argument, config,
    language, date or code changed since (``store/answers.py``); with the files left out
    reported on standard error either way."""
    from veiligestad.query import context
    from veiligestad.store.answers import keep_answer, read_answer
    from veiligestad.store.kb import open_kb, print_left_out
    from veiligestad.store.unchanged import Listing

    listing = Listing.of(config.root)
    found = read_answer(config.root, config, t, day, command, args, listing)
    if found is not None:
        if found.left_out:
            print_left_out(found.left_out, t)
        return found.value
    kb = open_kb(config.root, t, config, lazy=True, entries=listing.entries,
                 stats=listing.stats)
    value = compute(context(kb, day, t))
    keep_answer(config.root, config, t, day, command, args, kb, listing, value)
    return value


def gaps_of(qctx: Context) -> tuple[Any, ...]:
    """What ``gaps`` keeps of its result (plain data)."""
    from veiligestad.commands.gaps import find_gaps

    found = find_gaps(qctx)
    return (found.today, found.next_semester, found.thresholds, found.groups)


def render_gaps(kept: tuple[Any, ...], format: str, t: Translator, config: Config) -> None:
    """Print ``gaps``' answer (as ``gaps_of`` keeps it) in ``format`` (table or json)."""
    from veiligestad.commands.gaps import GapsResult

    result = GapsResult(*kept)
    if format == "json":
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    partners = config.vocabulary("partners")

    def partner(key: Any) -> str:  # the label people know; a key of another city stays a key
        entry = partners.get(str(key))
        return t.label(entry.labels, str(key)) if entry else str(key)

    print_gaps(result, t, partner)


def render_stats(figures: dict[str, Any], format: str, t: Translator, config: Config) -> None:
    """Print ``stats``' figures in ``format`` (table or json)."""
    if format == "json":
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print_stats(figures, t, config)


def print_gaps(result: GapsResult, t: Translator,
                partner: Callable[[Any], str] = str) -> None:
    from rich.text import Text

    from veiligestad.cli.common import console

    # One Text printed once: Rich lays out each print on its own, which at thousands of lines
    # cost more than finding the gaps; the lines are the same.
    text = Text()
    start, end = result.next_semester
    for name, rows in result.groups.items():
        text.append(f"{t(f'gaps.{name}')} ({len(rows)})", style="bold")
        text.append("\n")
        if not rows:
            text.append("  " + t("gaps.none") + "\n")
        for row in rows:
            shown = {**row, **{k: partner(row[k]) for k in ("asked_by", "to") if row.get(k)}}
            text.append("  " + gap_line(name, shown, t) + "\n")
        text.append("\n")
    text.append(t("gaps.summary", count=result.total, start=start.isoformat(),
                  end=end.isoformat()))
    console().print(text)


def gap_line(name: str, row: dict[str, Any], t: Translator) -> str:
    if name == "waiting_for_intake":
        return (f"{row['id']} {row['title']} — {row['asked_by']}, "
                f"{t('status.question.' + str(row['status']))}, "
                f"{t('gaps.received', date=row['received'] or '-', days=row['days'])}")
    if name == "taken_up_without_project":
        return (f"{row['id']} {row['title']} — {t('status.question.' + str(row['status']))}, "
                f"{t('gaps.no_project')}")
    if name == "running_past_end":
        return (f"{row['id']} {row['title']} — "
                f"{t('gaps.past_end', date=row['end'], days=row['days'])}")
    if name == "running_before_start":
        return (f"{row['id']} {row['title']} — "
                f"{t('gaps.before_start', date=row['start'], days=row['days'])}")
    if name == "suspect_links":
        return (f"{row['holder']} {row['holder_title']} → {row['target']} "
                f"{row['target_title']} — {t('gaps.suspect', holder=row['holder'])}")
    if name == "drafts_unpublished":
        return (f"{row['id']} {row['title']} ({row['project']}) — "
                f"{t('gaps.draft', date=row['reported'], days=row['days'])}")
    if name == "ready_without_project":
        marks = []
        if row["before_next_semester"]:
            marks.append(t("gaps.before_next_semester", needed_by=row["needed_by"]))
        if row["overdue"]:
            marks.append(t("gaps.overdue"))
        extra = f" [{'; '.join(marks)}]" if marks else ""
        return (f"{row['id']} {row['title']} — {row['asked_by']}, "
                f"{t('gaps.waiting', days=row['days_waiting'])}{extra}")
    if name == "finished_without_findings":
        return f"{row['id']} {row['title']} — {t('gaps.ended', date=row['end'] or '-')}"
    if name == "findings_without_recommendations":
        return f"{row['id']} {row['title']} ({t('status.finding.' + str(row['review']))})"
    if name == "recommendations_without_follow_up":
        return (f"{row['finding']} #{row['number']} → {row['to']}: {row['text']} — "
                f"{t('gaps.silent', days=row['days'])}")
    return (f"{row['id']} {row['title']} — {row['asked_by']}, "
            f"{t('gaps.delivered', date=row['delivered_on'] or '-', days=row['days'])}")


def print_stats(figures: dict[str, Any], t: Translator, config: Config) -> None:
    from rich.table import Table
    from rich.text import Text

    from veiligestad.cli.common import console

    period = figures["period"]
    title = t("stats.title_quarter", quarter=period["quarter"], start=period["start"],
              end=period["end"]) if period["quarter"] else t("stats.title_all", end=period["end"])
    table = Table(t("stats.figure"), t("stats.value"), title=title, title_justify="left")
    q = figures["questions"]

    def days(value: Any) -> str:
        return "-" if value is None else t("stats.days", days=value)

    def label(vocabulary: str, key: str) -> str:
        entry = config.vocabulary(vocabulary).get(key)
        return t.label(entry.labels, key) if entry else key

    rows: list[tuple[str, str, bool]] = [
        (t("stats.questions_received"), str(q["received"]), False),
        (t("stats.questions_decided"), str(q["decided"]["total"]), False),
        *((f"  {t('status.question.' + d)}", str(n), False)
          for d, n in q["decided"]["by_decision"].items()),
        (t("stats.questions_matched"), str(q["matched"]), False),
        (t("stats.questions_delivered"), str(q["delivered"]), False),
        (t("stats.median_matched"), days(q["median_days_received_to_matched"]), False),
        (t("stats.median_delivered"), days(q["median_days_matched_to_delivered"]), True),
        (t("stats.projects_started"), str(figures["projects"]["started"]), False),
        (t("stats.projects_running"), str(figures["projects"]["running"]), False),
        (t("stats.projects_finished"), str(figures["projects"]["finished"]), True),
        (t("stats.students"), str(figures["students"]["total"]), False),
        *((f"  {label('institutions', k)}", str(n), False)
          for k, n in figures["students"]["by_institution"].items()),
        (t("stats.partners"), str(figures["partners_reached"]["count"]), False),
        *((f"  {label('partners', p)}", "", False)
          for p in figures["partners_reached"]["partners"]),
    ]
    rows[-1] = (*rows[-1][:2], True)
    f = figures["findings"]
    rows += [(t("stats.findings"), str(f["reported"]), False)]
    rows += [(f"  {label('themes', k)}", str(n), False) for k, n in f["by_theme"].items()]
    rows += [(t("stats.by_design"), "", False)]
    rows += [(f"  {k if k != 'none' else '-'}", str(n), False) for k, n in f["by_design"].items()]
    rows += [(t("stats.by_maturity"), "", False)]
    rows += [(f"  {label('evidence_maturity', k) if k != 'none' else '-'}", str(n), False)
             for k, n in f["by_maturity"].items()]
    rows[-1] = (*rows[-1][:2], True)
    r = figures["recommendations"]
    rows += [(t("stats.recommendations"), str(r["total"]), False)]
    rows += [(f"  {t('choice.follow_up.' + k)}", str(n), False)
             for k, n in r["by_follow_up"].items()]
    for name, value, end_section in rows:
        table.add_row(Text(name), Text(value), end_section=end_section)
    console().print(table)
