"""``report quarterly`` and ``report partner``: one document in Markdown, HTML or PDF.

The content is built once (``report/``) from the knowledge base, or, for the public, from the
knowledge base filtered by ``veiligestad.privacy`` first; the format only decides the template.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.periods import Quarter, parse_quarter
from veiligestad.report.document import Document

if TYPE_CHECKING:
    from veiligestad.store.config import Config
    from veiligestad.store.kb import KnowledgeBase
    from veiligestad.store.unchanged import Listing

FORMATS = ("md", "html", "pdf")
AUDIENCES = ("internal", "public")


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for."""

    kind: str  # "quarterly" or "partner"
    quarter: str
    format: str = "md"
    audience: str = "internal"
    partner: str | None = None
    output: Path | None = None
    command: str = ""
    force: bool = False  # write internal output inside the knowledge base's folder
    # ``output`` is a folder to write the report in, as its usual name (``-o build/``; a folder
    # that exists is one without this)
    folder: bool = False


@dataclass
class ReportResult:
    """The files written: the report first, then any chart images beside it."""

    written: list[Path] = field(default_factory=list)


# The file names a report format is known by: ``-o r.html`` without ``--format`` is HTML.
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_for(output: Path | None, asked: str | None, t: Translator,
               folder: bool = False) -> str:
    """The report's format: ``asked`` (``--format``), else the one ``output``'s name ends in,
    else Markdown. A name that ends in another format's suffix than the one asked for is a
    usage error: ``-o r.html --format md`` would write Markdown into a file every program
    opens as HTML. ``folder``: ``output`` is a folder to write in, whatever its name."""
    named = None if output is None or folder or output.is_dir() \
        else SUFFIXES.get(output.suffix.lower())
    if asked is None:
        return named or "md"
    if output is not None and named is not None and named != asked:
        raise UsageError(t("report.format_mismatch", path=str(output), suffix=output.suffix,
                           format=asked),
                         hint=t("report.format_mismatch_hint", format=asked))
    return asked


def _default_place(root: Path, request: ReportRequest, quarter: Quarter, lang: str) -> Path:
    """Where a report goes without ``-o``: the current folder, except inside the knowledge
    base, where an internal report would be refused (easily committed and published): there
    its ``build/`` folder, which the ``.gitignore`` that ``init`` writes lists."""
    import os
    import stat

    name = default_output(request, quarter, lang)
    if request.audience == "internal" and not request.force:
        here, base = Path.cwd().resolve(), root.resolve()
        if here == base or base in here.parents:
            try:  # a plain folder, never a link a pull request committed (it could lead
                # anywhere): else the current folder, as before, which the guard refuses
                plain = stat.S_ISDIR(os.lstat(base / "build").st_mode)
            except FileNotFoundError:
                plain = True
            except OSError:
                plain = False
            if plain:
                return base / "build" / name
    return name


def default_output(request: ReportRequest, quarter: Quarter, lang: str) -> Path:
    """``kwartaalrapportage-2026-Q3.md`` (or the English name) in the current folder."""
    if request.kind == "partner":
        stem = f"{'partneroverzicht' if lang == 'nl' else 'partner-digest'}-{request.partner}"
    else:
        stem = "kwartaalrapportage" if lang == "nl" else "quarterly-report"
    return Path(f"{stem}-{quarter}.{request.format}")


def build_document(root: Path, t: Translator, request: ReportRequest, today: dt.date,
                   asset_prefix: str) -> Document:
    """The report's content for ``request``.

    When no record file, argument, config, language, date or code changed since the same report
    was last made, its content is the kept one (``store/answers.py``, as for ``stats``): a
    report depends on nothing else, except where a project's start had to be read from git
    (then it is never kept). The footer (the knowledge base's commit) is made afresh every time.
    """
    import dataclasses

    from veiligestad.report.document import from_plain, to_plain
    from veiligestad.report.provenance import provenance
    from veiligestad.report.words import Words
    from veiligestad.store.answers import keep_answer, read_answer
    from veiligestad.store.config import load_config
    from veiligestad.store.kb import print_left_out
    from veiligestad.store.unchanged import Listing

    quarter = parse_quarter(request.quarter, t)
    config = load_config(root, t)
    listing = Listing.of(root)
    args = (request.kind, quarter.label, request.audience, request.partner, asset_prefix)
    document: Document | None = None
    found = read_answer(root, config, t, today, "report", args, listing)
    if found is not None:
        try:
            kept = from_plain(found.value)
        except (ValueError, RecursionError):
            kept = None
        if isinstance(kept, Document):
            if found.left_out:
                print_left_out(found.left_out, t)
            document = kept
    if document is None:
        document, keep, kb = _content(root, t, config, request, today, asset_prefix, listing)
        if keep:
            keep_answer(root, config, t, today, "report", args, kb, listing, to_plain(document))
    footer = footer_lines(Words(t, config), provenance(root, today, request.command))
    return dataclasses.replace(document, footer=footer)


def _content(root: Path, t: Translator, config: Config, request: ReportRequest,
             today: dt.date, asset_prefix: str,
             listing: Listing) -> tuple[Document, bool, KnowledgeBase]:
    """The report's content read from the records (without its footer); whether it may be kept
    (no date came from git); and the knowledge base it was read from."""
    from veiligestad.privacy import public_kb
    from veiligestad.report.figures import gather, with_git_dates
    from veiligestad.report.partner import build_partner
    from veiligestad.report.quarterly import ReportSettings, build_quarterly
    from veiligestad.report.words import Words
    from veiligestad.store.kb import open_kb

    quarter = parse_quarter(request.quarter, t)
    # The kept figures first, before any record is read: what they are made from after an edit
    # (the parts of every record) is then let go before the records are (about 100 MB less at
    # the peak at 30,000 records). Used only if the report reads no date from git (below).
    figures = _kept_figures(root, config, today, quarter, listing) \
        if request.kind != "partner" and request.audience == "internal" else None
    kb = open_kb(root, t, config, entries=listing.entries, stats=listing.stats, lazy=True)
    if request.partner is not None:
        partners = kb.config.vocabulary("partners")
        if request.partner not in partners:
            close = difflib.get_close_matches(request.partner, list(partners), n=3)
            raise UsageError(t("report.unknown_partner", key=request.partner),
                             hint=t("report.unknown_partner_hint",
                                    known=", ".join(close or sorted(partners))))
    dated = with_git_dates(kb)
    view = dated if request.audience == "internal" else public_kb(dated, today,
                                                                   history_dates=True)
    facts = gather(view, today)
    words = Words(t, kb.config)
    settings = ReportSettings(quarter, request.audience, today, asset_prefix)
    if request.kind == "partner":
        assert request.partner is not None
        document = build_partner(words, facts, settings, request.partner, [])
    else:
        # The figures of every record as they are: kept under what they read of each record.
        if view is not kb:
            figures = None
        if figures is not None:
            facts.known(figures)
        document = build_quarterly(words, facts, settings, [])
        if view is kb and figures is None:
            _keep_figures(root, config, today, quarter, listing, kb, facts)
    return document, dated is kb, kb


def _quarters(quarter: Quarter) -> list[str]:
    """The quarters of the year up to ``quarter``: those a quarterly report gives figures of."""
    return [Quarter(quarter.year, n).label for n in range(1, quarter.number + 1)]


def _kept_figures(root: Path, config: Config, today: dt.date, quarter: Quarter,
                  listing: Listing) -> dict[str, dict[str, Any]] | None:
    """The figures of the report's quarters kept under the fields they read
    (``store/fieldkeys.py``, as for ``stats``), or made from the kept tallies after an edit of
    one; None when they must be made from the records."""
    from veiligestad.stats import QuartersAnswer
    from veiligestad.store import fieldkeys

    labels = _quarters(quarter)
    found = fieldkeys.read_answer(root, config, Translator(config.language), today,
                                  "report-figures", (tuple(labels),), listing,
                                  reads=fieldkeys.READS, compute=QuartersAnswer(labels))
    if found is None or type(found[0]) is not list or len(found[0]) != len(labels) \
            or not all(type(one) is dict and set(one) == {"figures", "lists"}
                       for one in found[0]):
        return None
    return dict(zip(labels, found[0], strict=True))


def _keep_figures(root: Path, config: Config, today: dt.date, quarter: Quarter,
                  listing: Listing, kb: KnowledgeBase, facts: Any) -> None:
    from veiligestad.store import fieldkeys

    labels = _quarters(quarter)
    made = facts.figures_of(labels)
    if made is not None:
        fieldkeys.keep_answer(root, config, Translator(config.language), today,
                              "report-figures", (tuple(labels),), kb, listing, made[0],
                              reads=fieldkeys.READS, tallied=made[1])


def footer_lines(words: object, prov: object) -> list[str]:
    """The reproducibility footer: tool and date, the knowledge base's commit, the command."""
    from veiligestad.report.provenance import Provenance
    from veiligestad.report.words import Words

    assert isinstance(words, Words) and isinstance(prov, Provenance)
    if prov.commit is None:
        commit = words("report.footer.no_git")
    elif prov.dirty:
        commit = words("report.footer.dirty", commit=prov.commit[:12])
    else:
        commit = words("report.footer.commit", commit=prov.commit[:12])
    return [words("report.footer.made", version=prov.version, date=words.date(prov.made_on)),
            commit, words("report.footer.command", command=prov.command)]


def render(document: Document, root: Path, fmt: str, t: Translator | None = None) -> str:
    """The document through its template: Markdown, or HTML (also the source of the PDF)."""
    from veiligestad.render.environment import make_environment, render_template

    env = make_environment(root)
    name = "report/report.md.j2" if fmt == "md" else "report/report.html.j2"
    return render_template(env, name, t or Translator(), doc=document)


def make_report(root: Path, t: Translator, request: ReportRequest, today: dt.date) -> ReportResult:
    """Build, render and write the report; chart images go beside a Markdown report."""
    from veiligestad.memory import paused_gc

    # A report makes a few million objects and none in a cycle: the collector would walk them
    # all, again and again, for nothing (about a tenth of the report at 30,000 records). It
    # stays paused to the end: resumed between building and rendering, its first young
    # collection would walk every object the content is made of, once more for nothing. Only
    # the PDF's layout (WeasyPrint's own objects) runs with the collector as it was.
    collecting = gc.isenabled()
    with paused_gc():
        return _make_report(root, t, request, today, collecting)


def _make_report(root: Path, t: Translator, request: ReportRequest, today: dt.date,
                 collecting: bool) -> ReportResult:
    if request.format == "pdf":
        from veiligestad.render.pdf import require_weasyprint

        require_weasyprint(t)
    from veiligestad.store.outputs import guard_output

    quarter = parse_quarter(request.quarter, t)
    output = request.output or _default_place(root, request, quarter, t.lang)
    if request.folder or output.is_dir():  # ``-o build/``: its usual name in that folder
        output = output / default_output(request, quarter, t.lang)
    audience = request.audience
    guard_output(root, output, t, audience=audience, force=request.force)
    document = build_document(root, t, request, today, output.stem)
    images = [output.parent / block.file for block in document.charts] \
        if request.format == "md" else []
    for image in images:
        guard_output(root, image, t, audience=audience, force=request.force)
    output.parent.mkdir(parents=True, exist_ok=True)
    result = ReportResult([output])
    if request.format == "md":
        text = render(document, root, "md", t)
        write_bytes_atomic(output, text.encode("utf-8"), audience)
        for block, image in zip(document.charts, images, strict=True):
            write_bytes_atomic(image, block.chart.svg.encode("utf-8"), audience)
            result.written.append(image)
        return result
    html = render(document, root, "html", t)
    if request.format == "html":
        from veiligestad.render.policy import REPORT_POLICY, with_policy

        # A city's template and CSS come by pull request: what they add runs no script and
        # fetches nothing (``</style><script>`` in its CSS, ``url(http://…)``).
        html = with_policy(html, REPORT_POLICY)
        write_bytes_atomic(output, html.encode("utf-8"), audience)
    else:
        from veiligestad.render.environment import (
            TEMPLATE_DIR,
            builtin_template_dir,
            make_environment,
            render_template,
        )
        from veiligestad.render.pdf import html_to_pdf

        print_css = render_template(make_environment(root), "report/print.css", t)
        own = root / TEMPLATE_DIR
        folders = [builtin_template_dir(), *([own] if own.is_dir() and not own.is_symlink()
                                             else [])]
        css_base = own / "report" if (own / "report" / "print.css").is_file() \
            else builtin_template_dir() / "report"
        del document
        if collecting:
            gc.enable()
        try:
            pdf = html_to_pdf(html, output.parent.resolve(), print_css, t=t, folders=folders,
                              css_base=css_base)
        finally:
            gc.disable()
        write_bytes_atomic(output, pdf, audience)
    return result


def write_bytes_atomic(path: Path, data: bytes, audience: str = "internal") -> None:
    """Write ``path`` in one step: a reader never sees half a report. Public output is
    readable by all (0644), internal output by its owner only (0600)."""
    import os
    import tempfile

    from veiligestad.store.outputs import set_mode

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        set_mode(Path(temp), audience)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
