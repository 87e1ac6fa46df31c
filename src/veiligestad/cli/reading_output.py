"""What ``gaps`` and ``stats`` print, and their answer (kept or computed), without Typer.

Shared by the commands (``cli/gaps.py``) and by ``cli/quick_read.py``, which answers a plain
``stats`` or ``gaps`` before Typer, Click and Rich are imported: both print through these very
functions, so the bytes are the same either way (``tests/cli/test_quick_read.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veiligestad.commands.gaps import GapsResult
    from veiligestad.commands.show import Link, ShowResult
    from veiligestad.i18n import Translator
    from veiligestad.query import Context, QueryResult
    from veiligestad.store.config import Config
    from veiligestad.store.unchanged import Listing


def answer_of(config: Config, t: Translator, day: dt.date, command: str, args: tuple[Any, ...],
              compute: Callable[[Context], Any], listing: Listing | None = None) -> Any:
    """``compute`` over the knowledge base, or its kept answer when no file, argument, config,
    language, date or code changed since (``store/answers.py``); with the files left out
    reported on standard error either way. ``listing``: the one this run made already."""
    from veiligestad.query import context
    from veiligestad.store import fieldkeys
    from veiligestad.store.answers import keep_answer, read_answer
    from veiligestad.store.kb import open_kb, print_left_out
    from veiligestad.store.unchanged import Listing

    listing = listing or Listing.of(config.root)
    # Kept under the fields the answer reads (``stats``): also after an edit of others.
    # After an edit of a field it reads, made again from what it reads of each record.
    kept = fieldkeys.read_answer(config.root, config, t, day, command, args, listing,
                                 compute=compute)
    if kept is not None:
        if kept[1]:
            print_left_out(kept[1], t)
        return kept[0]
    found = read_answer(config.root, config, t, day, command, args, listing)
    if found is not None:
        if found.left_out:
            print_left_out(found.left_out, t)
        return found.value
    kb = open_kb(config.root, t, config, lazy=True, entries=listing.entries,
                 stats=listing.stats)
    qctx = context(kb, day, t)
    tallied = patched = None
    if command == "gaps":  # after an edit, only the rows of the records it reaches made again
        from veiligestad.commands import gaps_edit

        patched = gaps_edit.patched(qctx, listing)
    if patched is not None:
        value = patched.value
    elif isinstance(compute, fieldkeys.Additive):  # its tally kept, for the run after an edit
        tallied = compute.tally(qctx)
        value = compute.finish(tallied)
    else:
        value = compute(qctx)
    keep_answer(config.root, config, t, day, command, args, kb, listing, value)
    if command == "gaps":
        gaps_edit.keep(qctx, listing, value, None if patched is None else patched.rows)
    # The engine's views of every record are let go before what the answer read of each
    # record is kept: held together they put the first ``stats`` at 30,000 records over 300 MB.
    del qctx, patched
    fieldkeys.keep_answer(config.root, config, t, day, command, args, kb, listing, value,
                          tallied=tallied)
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
    """Print ``gaps``' groups and summary: to a file or pipe without Rich where Rich would print
    the very same bytes (``gaps_text``), else through Rich (headings in bold)."""
    from veiligestad.cli.validate_output import _plain_stream

    plain = gaps_text(result, t, partner) if _plain_stream() else None
    if plain is not None:
        sys.stdout.write(plain)
        return
    from rich.text import Text

    from veiligestad.cli.common import console

    # One Text printed once: Rich lays out each print on its own, which at thousands of lines
    # cost more than finding the gaps; the lines are the same.
    text = Text()
    for line, heading in _gap_lines(result, t, partner):
        text.append(line, style="bold" if heading else "")
    console().print(text)


def _gap_lines(result: GapsResult, t: Translator,
               partner: Callable[[Any], str]) -> Iterator[tuple[str, bool]]:
    """The text ``gaps`` prints, in pieces, each with whether it is a heading."""
    start, end = result.next_semester
    for name, rows in result.groups.items():
        yield f"{t(f'gaps.{name}')} ({len(rows)})", True
        yield "\n", False
        if not rows:
            yield "  " + t("gaps.none") + "\n", False
        for row in rows:
            shown = {**row, **{k: partner(row[k]) for k in ("asked_by", "to") if row.get(k)}}
            yield "  " + gap_line(name, shown, t) + "\n", False
        yield "\n", False
    yield t("gaps.summary", count=result.total, start=start.isoformat(),
            end=end.isoformat()), False


def gaps_text(result: GapsResult, t: Translator,
              partner: Callable[[Any], str] = str) -> str | None:
    """What ``print_gaps`` prints through Rich to a file (no colours; no wrapping, as the
    console soft-wraps, so a character's width does not matter), made without Rich: the text
    and a line break; None when a line holds a character that is not printable (a control
    code, a tab, a line or paragraph separator: record text is untrusted, and Rich strips
    some control codes), where Rich decides."""
    text = "".join(piece for piece, _ in _gap_lines(result, t, partner))
    if not all(line.isprintable() for line in text.split("\n")):
        return None
    return text + "\n"


def gap_line(name: str, raw: dict[str, Any], t: Translator) -> str:
    # a value a record does not hold (no partner, no title, no date) is shown as "-", and a
    # missing date as such, never as "None" (``tests/cli/test_gaps_plain.py``)
    row = {key: "-" if value is None else value for key, value in raw.items()}
    if name == "waiting_for_intake":
        received = t("gaps.received", date=raw["received"], days=raw["days"]) \
            if raw["received"] and raw["days"] is not None else t("gaps.received_undated")
        return (f"{row['id']} {row['title']} — {row['asked_by']}, "
                f"{t('status.question.' + str(row['status']))}, {received}")
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
        if raw["before_next_semester"]:
            marks.append(t("gaps.before_next_semester", needed_by=row["needed_by"]))
        if raw["overdue"]:
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
    # a question delivered without a date in its status history: no "None days ago"
    delivered = t("gaps.delivered", date=raw["delivered_on"], days=raw["days"]) \
        if raw["delivered_on"] and raw["days"] is not None else t("gaps.delivered_undated")
    return f"{row['id']} {row['title']} — {row['asked_by']}, {delivered}"


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


def select_command(qctx: Context, kind: str | None, where: list[str] | None, *,
                   match: str | None = None, quarter: str | None = None,
                   since: str | None = None, until: str | None = None,
                   linked_to: str | None = None, recursive: bool = False,
                   sort: str | None = None, fields: str | None = None,
                   limit: int | None = None, group_by: str | None = None,
                   format: str = "table", audience: str = "internal",
                   saved: str | None = None, param: list[str] | None = None,
                   federated: bool = False) -> QueryResult:
    """The result of ``veiligestad query`` with these options (a saved query filled in);
    a mistake in them is a VeiligestadError."""
    from veiligestad.commands.query import load_saved, parse_params, saved_names
    from veiligestad.errors import UsageError
    from veiligestad.query import select

    t = qctx.t
    conditions = list(where or [])
    chosen: dict[str, Any] = {}
    if saved:
        stored = load_saved(qctx.kb.root, saved, parse_params(param or [], t), t)
        if kind and kind != stored.kind:
            raise UsageError(t("query.saved_kind", name=saved, kind=stored.kind))
        kind = stored.kind
        conditions = [*stored.conditions, *conditions]
        chosen.update(stored.options)
    elif param:
        raise UsageError(t("query.param_without_saved"))
    if not kind:
        names = saved_names(qctx.kb.root)
        raise UsageError(t("query.no_kind"), hint=t("query.no_kind_hint") + (
            " " + t("query.saved_known", names=", ".join(names)) if names else ""))
    given = {"match": match, "quarter": quarter, "since": since, "until": until,
             "linked_to": linked_to, "sort": sort, "fields": fields, "limit": limit,
             "group_by": group_by}
    chosen.update({k: v for k, v in given.items() if v is not None})
    if recursive:
        chosen["recursive"] = True
    chosen["audience"] = audience
    if format == "ids":
        chosen["fields"] = "id"
    else:
        chosen["fields"] = shown_fields(kind, format, chosen.get("fields"), t)
        if federated and chosen["fields"]:
            names = [n.strip() for n in str(chosen["fields"]).split(",")]
            chosen["fields"] = ",".join(names if "city" in names else ["city", *names])
    return select(qctx, kind, conditions, **chosen)


def shown_fields(kind: str, format: str, fields: Any, t: Translator) -> Any:
    """The fields a query selects: those given; for a table or Markdown without them, the
    default columns, as they show no other field (so the rows of every other field are not
    made: at 30,000 records a table of every finding held about 400 MB that way)."""
    from veiligestad.query import DEFAULT_FIELDS, kind_of

    if fields or format not in ("table", "md"):
        return fields
    return ",".join(DEFAULT_FIELDS[kind_of(kind, t).name])


def write_query(result: QueryResult, format: str, t: Translator, config: Any = None,
                city: bool = False) -> None:
    """Print ``result`` in ``format``; with ``city`` the default columns start with the city."""
    from veiligestad.commands import query as out
    from veiligestad.query import DEFAULT_FIELDS, kind_of

    rows = out.flat_rows(result)
    kind = kind_of(result.kind, t)
    shown = result.fields or [*(["city"] if city else []), *DEFAULT_FIELDS[kind.name]]
    # Written as they are made: the whole output of a query of every field of 30,000 records
    # would be tens of megabytes of text held at once (and, for YAML, every record's nodes).
    if format == "json":
        _write_joined(out.json_chunks(rows))
        sys.stdout.write("\n")
    elif format == "jsonl":
        _write_joined(out.jsonl_chunks(rows))
    elif format == "yaml":
        _write_joined(out.yaml_chunks(rows))
    elif format == "ids":
        _write_joined(out.ids_chunks(rows))
    elif format == "csv":
        names = out.columns(rows, result.fields)
        if result.groups is not None and result.fields:
            names = ["group", *names]
        sys.stdout.flush()
        sys.stdout.buffer.write(b"\xef\xbb\xbf")
        _write_joined(out.csv_chunks(rows, names),
                      lambda text: sys.stdout.buffer.write(text.encode("utf-8")))
        sys.stdout.buffer.flush()
    elif format == "md":
        names = ["group", *shown] if result.groups is not None else shown
        _write_joined(out.markdown_chunks(rows, names))
    else:
        _query_table(result, shown, t, config)


def _write_joined(chunks: Iterable[str], write: Callable[[str], Any] | None = None,
                  size: int = 1 << 16) -> None:
    """Write ``chunks`` joined into pieces of about ``size`` characters: a write per chunk (a
    JSON token, a CSV line) costs the text stream more than the chunk itself. Stops when the
    reader has gone (``| head``: ``cli/streams.py``), rather than make text nobody reads."""
    from veiligestad.cli.streams import reader_gone

    write = write or sys.stdout.write
    pending: list[str] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            if reader_gone():
                return
            write("".join(pending))
            pending.clear()
            length = 0
    if pending:
        write("".join(pending))


def _query_table(result: QueryResult, shown: list[str], t: Translator, config: Any = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from veiligestad.cli.common import console

    con = console()
    from veiligestad.query import kind_of

    kind = kind_of(result.kind, t)
    groups = result.groups if result.groups is not None else [("", result.rows)]
    for key, rows in groups:
        table = Table(*shown, title=Text(f"{key} ({len(rows)})") if key else None,
                      title_justify="left", show_lines=False)
        cells = [(name, _query_cell(kind, name, config, t)) for name in shown]  # per column
        for row in rows:
            table.add_row(*(Text(cell(row.get(name))) for name, cell in cells))
        con.print(table)
    if result.total is not None and result.total > len(result.rows):
        print(t("query.count_limited", count=len(result.rows), total=result.total))
    else:
        print(t("query.count", count=len(result.rows)))


def _query_cell(kind: Any, name: str, config: Any, t: Translator) -> Callable[[Any], str]:
    """How a table shows a value of the field ``name`` to people: a controlled value by its
    label (json and csv keep keys). Made once per column, not per cell."""
    from veiligestad.commands.query import cell
    from veiligestad.model.fields import FieldType
    from veiligestad.model.kinds import STATUS_VOCABULARY
    from veiligestad.query import field_specs

    spec = next((s for s in field_specs(kind) if s.name == name), None)
    leaf = spec.item if spec is not None and spec.type is FieldType.LIST and spec.item else spec
    if leaf is None or not (leaf.vocabulary or leaf.choices) or leaf.type is not FieldType.KEY:
        return cell

    def label(key: Any) -> str:
        if not isinstance(key, str):
            return cell(key)
        if leaf.vocabulary == STATUS_VOCABULARY or name == kind.status_field:
            text = t(f"status.{kind.name}.{key}")
            return text if text != f"status.{kind.name}.{key}" else key
        if leaf.vocabulary:
            entry = config.vocabulary(leaf.vocabulary).get(key) if config else None
            return t.label(entry.labels, key) if entry else key
        text = t(f"choice.{name}.{key}")
        return text if text != f"choice.{name}.{key}" else key

    def shown(value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(label(v) for v in value)
        return label(value) if value is not None else ""

    return shown


_SHOW_SKIP = ("id", "title", "kind", "path", "status_history", "recommendations", "projects",
         "findings", "related_from", "relations", "questions", "project",
         "link_stamps")  # fingerprints for the tool; suspect links are shown by name below


def _show_value(config: Config, kind: str, key: str, value: Any, t: Translator) -> str:
    from veiligestad.commands.query import cell

    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(_show_label(config, kind, key, v, t) for v in value)
    if isinstance(value, str):
        return _show_label(config, kind, key, value, t)
    if isinstance(value, dict):  # evidence, ethics, period: "design: 3, maturity: …"
        return "; ".join(f"{k}: {_show_value(config, kind, str(k), v, t)}" for k, v in value.items()
                         if v not in (None, "", []))
    if isinstance(value, list):  # deliverables, presentations: one mapping after the other
        return " | ".join(_show_value(config, kind, key, v, t) for v in value)
    return cell(value)


def _show_label(config: Config, kind: str, key: str, value: str, t: Translator) -> str:
    """``key (Label)`` for a value of a vocabulary, else the value as it is."""
    from veiligestad.model.fields import FieldType
    from veiligestad.model.kinds import KINDS
    from veiligestad.query import field_specs

    if key == "to":
        vocabulary: str | None = "partners"
    else:
        spec = next((s for s in field_specs(KINDS[kind]) if s.name == key), None)
        leaf = spec.item if spec and spec.type is FieldType.LIST and spec.item else spec
        vocabulary = leaf.vocabulary if leaf else None
    entry = config.vocabulary(vocabulary).get(value) if vocabulary else None
    return f"{value} ({t.label(entry.labels, value)})" if entry else value


def show_of(config: Config, t: Translator, day: dt.date, record_id: str,
            listing: Listing | None, context_of: Callable[[], Context]) -> ShowResult:
    """What ``show`` finds for ``record_id``: kept under every file's ID and links and the
    files of the records it shows (``commands.show.read_whole``), so that after an edit of any
    other field of any record it is not made again (``store/fieldkeys.py``); else made over
    ``context_of()`` and kept. ``listing``: the one this run made (None: nothing is kept)."""
    from veiligestad.commands.show import from_plain, read_whole, show_record, to_plain
    from veiligestad.store import fieldkeys
    from veiligestad.store.kb import print_left_out

    args = (record_id,)
    if listing is not None:
        kept = fieldkeys.read_answer(config.root, config, t, day, "show", args, listing,
                                     fieldkeys.LINKS)
        if kept is not None:
            if kept[1]:
                print_left_out(kept[1], t)
            return from_plain(kept[0])
    qctx = context_of()
    result = show_record(qctx, record_id)
    if listing is not None:
        fieldkeys.keep_answer(config.root, config, t, day, "show", args, qctx.kb, listing,
                              to_plain(result), fieldkeys.LINKS,
                              pinned=read_whole(qctx, result))
    return result


def render_show(result: ShowResult, format: str, config: Config, t: Translator) -> None:
    """Print what ``show`` found in ``format`` (text or json)."""
    if format == "json":
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    print_show(result, config, t)


def print_show(result: ShowResult, config: Config, t: Translator) -> None:
    from rich.table import Table
    from rich.text import Text

    from veiligestad.cli.common import console

    out = console()
    record = result.record
    status_field = {"finding": "review"}.get(result.kind, "status")
    status = str(record.get(status_field) or "")
    out.print(Text(f"{record['id']} · {t(f'kind.{result.kind}')} · "
                   f"{t(f'status.{result.kind}.{status}') if status else '-'}", style="bold"))
    out.print(Text(str(record.get("title") or ""), style="bold"))
    out.print(Text(str(record.get("path") or ""), style="dim"))
    out.print()
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="cyan", no_wrap=True)
    fields.add_column()
    for key, value in record.items():
        if key in _SHOW_SKIP or value in (None, [], ""):
            continue
        fields.add_row(Text(str(key)), Text(_show_value(config, result.kind, key, value, t)))
    out.print(fields)
    for title, links in ((t("show.links"), result.links), (t("show.backlinks"),
                                                           result.backlinks)):
        out.print()
        out.print(Text(title, style="bold"))
        if not links:
            out.print(Text("  " + t("show.none")))
        for link in links:
            out.print(Text("  " + _show_link_line(link, result, t)))
    if result.suspect:
        out.print()
        out.print(Text(t("show.suspect"), style="bold"))
        for item in result.suspect:
            out.print(Text("  " + t("show.suspect_line", holder=item["holder"],
                                    target=item["target"])))
    if result.recommendations:
        out.print()
        out.print(Text(t("show.recommendations"), style="bold"))
        for rec in result.recommendations:
            follow = str(rec.get("follow_up") or "none")
            to = _show_label(config, result.kind, "to", str(rec.get("to")), t)
            where = f" [{rec['finding']}]" if result.kind != "finding" else ""
            out.print(Text(f"  → {to}: {rec.get('text', '')}{where} "
                           f"({t(f'choice.follow_up.{follow}')})"))


def _show_link_line(link: Link, result: ShowResult, t: Translator) -> str:
    from veiligestad.commands.graph import edge_label

    outgoing = link in result.links
    source_kind = result.kind if outgoing else (link.kind or "finding")
    # a backlink reads from this record's side: "answered by F-…", not "answers F-…"
    relation = (edge_label(link.relation, source_kind, t) if outgoing
                else t(f"show.back.{link.relation}") if link.relation in (
                    "supports", "contradicts", "replicates")
                else t(f"show.back.{source_kind}.{link.relation}"))
    status = f" ({t(f'status.{link.kind}.{link.status}')})" if link.kind and link.status else ""
    title = link.title or t("show.missing")
    pair = (result.record["id"], link.id) if outgoing else (link.id, result.record["id"])
    mark = f" [{t('show.suspect_mark')}]" if {"holder": pair[0], "target": pair[1]} in \
        result.suspect else ""
    return f"{relation}: {link.id} {title}{status}{mark}"
