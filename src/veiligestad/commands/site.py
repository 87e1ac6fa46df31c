"""``veiligestad site build``: the public website of results, as static files (docs/site.md).

Only what the public may see goes in: the knowledge base is filtered by the one public predicate
(``site.model.public_view``) before anything is rendered. The build is incremental: a file is
only written when its bytes change, and files that the previous build wrote and this one does not
produce are removed (``site.writer``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator

STATIC: Final = ("site.css", "print.css", "search.js")
# Folders of a knowledge base that a site must never be written into (until one guard for
# every output path exists in ``store/outputs.py``).


@dataclass(frozen=True)
class SiteRequest:
    """What the user asked for."""

    output: Path
    lang: str = "nl"
    base_url: str = ""
    search: bool = True
    federated: bool = False  # the programme-wide site: every synced city's public records too


@dataclass
class SiteResult:
    """What the build did: the site's folder, counts and the files written and removed."""

    output: Path
    pages: int = 0
    findings: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    # pages rendered through their templates (the others were known to be current)
    rendered: list[str] = field(default_factory=list)
    searched: bool = False
    # the programme-wide view (a ``FederatedKB``) of a build with ``federated``
    federation: Any = field(default=None, repr=False)


def check_output(root: Path, output: Path, t: Translator) -> Path:
    """The output folder, resolved: the one output guard of the tool first (never the records,
    the config, .git/ or the knowledge base's own sources), then what a site needs: not a
    folder that holds the knowledge base (pruning could reach it), and not a folder of
    somebody else's files."""
    from veiligestad.store.outputs import PUBLIC, guard_output

    target = guard_output(root, output, t, audience=PUBLIC, folder=True)
    kb = root.resolve()
    if target == kb or target in kb.parents:
        raise UsageError(t("site.bad_output", path=str(output)), hint=t("site.bad_output_hint"))
    if target.exists() and not target.is_dir():
        raise UsageError(t("site.not_folder", path=str(output)))
    if target.is_dir() and any(target.iterdir()) and not (target / ".veiligestad-site.json"
                                                          ).exists():
        raise UsageError(t("site.not_empty", path=str(output)), hint=t("site.not_empty_hint"))
    return target


def normal_base_url(base_url: str, t: Translator) -> str:
    """``--base-url`` as the site's address ending in ``/``; only http(s) addresses."""
    if not base_url:
        return ""
    if not base_url.startswith(("https://", "http://")) or any(c in base_url for c in '"<> \n'):
        raise UsageError(t("site.bad_base_url", url=base_url), hint=t("site.bad_base_url_hint"))
    return base_url.rstrip("/") + "/"


def build_site(root: Path, request: SiteRequest, today: dt.date) -> SiteResult:
    """Build (or bring up to date) the site of the knowledge base at ``root``."""
    from veiligestad.query import context
    from veiligestad.render.environment import make_environment, render_template
    from veiligestad.report.words import Words
    from veiligestad.site.model import SECTIONS, SiteBuilder, public_view
    from veiligestad.site.opendata import dcat_catalogue, dumps, open_data_files
    from veiligestad.site.pages import FAVICON_SVG, favicon_ico, feed, pages, robots, sitemap
    from veiligestad.site.writer import SiteWriter
    from veiligestad.stats import stats_in
    from veiligestad.store.kb import open_kb

    t = Translator(request.lang)
    base_url = normal_base_url(request.base_url, t)
    out = check_output(root, request.output, t)
    if request.search:
        from veiligestad.site.search import require_pagefind

        require_pagefind(t)
    # Nothing changed since a build that wrote nothing: said without reading a record
    # (``site.kept``: the inputs and the output folder known by their stat).
    from veiligestad.site import kept

    found = None if request.federated else kept.inputs(root, out, t.lang, base_url,
                                                       request.search, today)
    if found is not None:
        counts = kept.answer(root, out, found)
        if counts is not None:
            return SiteResult(out, pages=counts.pages, findings=counts.findings,
                              unchanged=counts.unchanged)
    # Opened lazily: a record's data is only read when the public view kept for it from the
    # last build cannot be used (``site.public``: it changed, or what it links to did).
    opened = open_kb(root, t, lazy=True)
    tokens: dict[str, str] | None = None  # what each public record's fields were made from
    if opened.cache is None:  # the cache turned off: nothing kept between builds
        kb = public_view(opened, today)
    else:
        from veiligestad.site.public import kept_public_view_tokens

        kb, tokens = kept_public_view_tokens(root, opened, today)
    cities: dict[str, str] = {}
    federation = None
    if request.federated:
        kb = federation = programme_view(kb, today, t)
        cities = {federation.home_key: kb.config.city,
                  **{city.key: city.name for city in federation.cities}}

    def outputs() -> tuple[dict[str, Any], dict[str, bytes], dict[str, int]]:
        ctx = context(kb, today, t, public=True)  # filtered once, above
        if tokens is not None and not request.federated:
            # kept under what the figures read of each public record (``site.keptfigures``)
            from veiligestad.site.keptfigures import kept_figures

            made = kept_figures(root, kb, today, t.lang,
                                lambda: stats_in(ctx, None, public_only=True))
        else:
            made = stats_in(ctx, None, public_only=True)
        if tokens is not None and not request.federated:
            # each record's rows kept between builds (``site.rows``), the files joined
            from veiligestad.site.rows import kept_open_data_files

            joined = kept_open_data_files(ctx, root, tokens)
            if joined is not None:
                return (made, *joined)
        return (made, *open_data_files(ctx, request.federated))

    # The key figures and open data are made from every public record: in a second process
    # where there is one, while this one builds, fingerprints and renders the pages that do
    # not show them (``parallel.Background``).
    writer = SiteWriter(out)
    data = SECTIONS[t.lang]["data"]  # the open data's folder
    data_print: str | None = None  # what the open data's files are remembered under
    if request.federated:
        from veiligestad.parallel import Background

        pending = Background(outputs).result
    else:  # kept in the cache folder until a public record changes (``site.derived``), the
        # files as this writer wrote them into the site's folder
        from veiligestad.site.derived import kept_outputs

        pending, data_print = kept_outputs(
            root, kb, today, t.lang, outputs,
            lambda printed, names: all(writer.unchanged_since(f"{data}/{name}", printed)
                                       for name in names))
    words = Words(t, kb.config)
    inputs = None
    if tokens is not None and not request.federated:
        # what the model is made from: the records, each known by its token, and the rest
        from veiligestad.site.model import inputs_base

        inputs = (inputs_base(kb.config.raw, t.lang, cities), tokens, today)
    site = SiteBuilder(kb, words, cities, inputs).build(today)
    assert site.sections["data"] == data
    texts = site_texts(kb.config.section("site"), t, kb.config.city, request.federated)

    env = make_environment(root)
    from veiligestad.commands.gaps import next_semester
    from veiligestad.site.pages import finding_filters

    extra: dict[str, Any] = {
        "t": t, "w": words, "lang": t.lang, "city": kb.config.city, "texts": texts,
        "sections": site.sections, "next_semester": next_semester(today)[0],
        **dict.fromkeys(OUTPUTS),  # filled in below, once they are made
        "filters": functools.partial(finding_filters, known={
            name: frozenset(kb.config.vocabulary(name))
            for name in ("themes", "partners", "evidence_maturity")}),
        "base_url": base_url, "search": request.search,
    }
    if request.federated:  # only then: the pages of a city's own site stay as they were
        extra["federated"] = True
    # Record text repeats across pages (a statement on its finding's page and its theme's):
    # each text is rendered to HTML once per run.
    env.filters["markdown"] = functools.lru_cache(maxsize=None)(env.filters["markdown"])
    base = shared_fingerprint(root, kb.config.raw)
    from veiligestad.site import templatereads

    # Jinja's analysis of the templates, kept under their contents (``site.templatereads``)
    keep_reads = opened.cache is not None
    shared = TemplateFingerprints(env, base, extra,
                                  templatereads.load(root, base) if keep_reads else None)
    page_list = list(pages(site, extra))
    shards: dict[int, list[str]] = {}
    if request.search:
        from veiligestad.site.search import search_shards, shard_folder

        indexed = [site.sections[name] for name in ("finding", "project", "agenda")]
        shards = search_shards(
            [p.rel for p in page_list if p.rel.split("/", 1)[0] in indexed
             and p.rel.endswith(".html")], first=f"{site.sections['agenda']}/index.html")
        for page in page_list:
            if page.template == "site/search.html.j2":  # it merges the other parts
                page.context["merge_bundles"] = [shard_folder(n) for n in shards if n]
    todo: list[tuple[Any, str, bytes]] = []  # page, fingerprint, content
    memo: dict[int, tuple[Any, str]] = {}  # values several pages share, written out once

    def make_pages(some: list[Any]) -> None:
        """Render the pages of ``some`` that are not known to be current."""
        now = []
        for page in some:
            printed = page_fingerprint(shared, page, extra, memo)
            if not writer.still_current(page.rel, printed):
                now.append((page, printed))
        rendered = render_pages(env, [page for page, _ in now], t)
        todo.extend((page, printed, content)
                    for (page, printed), content in zip(now, rendered, strict=True))

    waits = {name: shared.reads(name, OUTPUTS) for name in {page.template for page in page_list}}
    later = [page for page in page_list if waits[page.template]]
    make_pages([page for page in page_list if not waits[page.template]])
    figures, data_files, counts = pending()
    made = {"figures": figures, "counts": counts, "data_files": sorted(data_files)}
    extra.update(made)
    for page in later:
        page.context.update(made)
    make_pages(later)
    assets = {f"assets/{name}": render_template(env, f"site/{name}", t, t=t, lang=t.lang)
              for name in STATIC}
    # Every template has rendered: one that fails stops the build before a file is written,
    # and so does a folder of the site that leads outside it (a planted link).
    from veiligestad.site.writer import OutsideSite

    indexer = None
    try:
        # the folders of what this build writes, and of the search index (whose parts are
        # written again whenever their pages change)
        writer.check_folders([*(page.rel for page, _, _ in todo), *assets,
                              f"{data}/catalogus.jsonld",
                              *(rel for rel in writer.previous if rel.startswith("pagefind/"))])
        out.mkdir(parents=True, exist_ok=True)
        if request.search:  # each part of the index made as soon as its pages are written
            from veiligestad.site.search import Indexer, stage_folder

            indexer = Indexer(out, writer, t, shards, stage_folder(root, out))
            order = {rel: n for n, rel in enumerate(indexer.pending(
                [page.rel for page, _, _ in todo]))}
            todo.sort(key=lambda item: order[item[0].rel])
        for page, printed, content in todo:
            writer.write(page.rel, content)
            writer.remember(page.rel, printed, content)
            if indexer is not None:
                indexer.wrote(page.rel)
        for rel, text in assets.items():
            writer.write(rel, text.encode("utf-8"))
        writer.write("favicon.ico", favicon_ico())
        writer.write("favicon.svg", FAVICON_SVG.encode("utf-8"))
        writer.write("feed.xml", feed(site, words, base_url, texts["title"], today))
        writer.write("sitemap.xml", sitemap(page_list, base_url, today))
        writer.write("robots.txt", robots(base_url))
        for name, content in data_files.items():
            if content is None:  # kept as it is in the site's folder (``site.derived``)
                writer.keep_written(f"{data}/{name}")
                continue
            if data_print is None:
                writer.write(f"{data}/{name}", content)
            else:
                writer.write_remembered(f"{data}/{name}", content, data_print)
        catalogue = dcat_catalogue(
            city=kb.config.city, title=t("site.data.dataset_title", city=kb.config.city),
            description=t("site.data.dataset_description", city=kb.config.city),
            base_url=base_url, data_path=f"{data}/", files=sorted(data_files),
            issued=min((f.date for f in site.findings if f.date), default=None),
            modified=max((f.date for f in site.findings if f.date), default=today), lang=t.lang)
        writer.write(f"{data}/catalogus.jsonld", dumps(catalogue))

        result = SiteResult(out, pages=len(page_list), findings=len(site.findings),
                            rendered=[page.rel for page, _, _ in todo], federation=federation)
        if indexer is not None:
            result.searched = indexer.finish()
        stats = writer.finish()
        if keep_reads and shared.analysed:
            templatereads.store(root, base, shared.analyses())
    except OutsideSite as error:
        writer.abandon()
        raise UsageError(t("site.outside", path=str(out / error.rel)),
                         hint=t("site.outside_hint")) from None
    except BaseException:  # Pagefind failed, the disk is full, Ctrl-C: what was written is ours
        writer.abandon()
        raise
    finally:
        if indexer is not None:
            indexer.stop()  # runs left by a failure
    result.written, result.unchanged, result.removed = (stats.written, stats.unchanged,
                                                        stats.removed)
    if found is not None:
        if stats.written or stats.removed or result.searched or opened.left_out:
            kept.forget(root, out)
        else:
            from veiligestad.site.writer import MANIFEST

            kept.keep(root, out, found, sorted(writer.produced | {MANIFEST}),
                      kept.Counts(result.pages, result.findings, result.unchanged))
    return result


def programme_view(kb: Any, today: dt.date, t: Translator) -> Any:
    """The programme-wide view of ``kb`` (already through the public predicate): ours plus
    every synced city's public records (``federation.federated_kb``, which passes each city
    through the same predicate). A usage error without a ``federation:`` list."""
    from veiligestad.commands.federation import chosen_cities
    from veiligestad.federation import federated_kb

    chosen_cities(kb.config, (), t)
    return federated_kb(kb, today, t)


# Below this many pages to render, a second process costs more to start than it saves.
RENDER_MIN_PAGES = 400


def render_pages(env: Any, page_list: list[Any], t: Translator) -> list[bytes]:
    """Each page rendered through its template, with the site's Content-Security-Policy, as
    bytes; spread over processes (``parallel.py``) when there are many (a full build). A page
    whose template fails is rendered again in this process, so its error is raised as it would
    be without workers."""
    from veiligestad.parallel import map_indices
    from veiligestad.render.environment import template_errors

    for name in sorted({page.template for page in page_list}):
        with template_errors(env, name, t):  # loaded and checked once, before workers start
            env.get_template(name)
    done = map_indices(_render_chunk, (env, page_list), range(len(page_list)),
                       min_items=RENDER_MIN_PAGES)
    return [content if content is not None else _render_one(env, page)
            for page, content in zip(page_list, done, strict=True)]


def _render_one(env: Any, page: Any) -> bytes:
    """One page through its template (a template's mistake is a ``TemplateProblem``)."""
    from veiligestad.render.environment import render_template
    from veiligestad.site.pages import with_csp

    html = render_template(env, page.template, page.context["t"], **page.context,
                           page=page.info, root=page.root)
    return with_csp(html).encode("utf-8")


def _render_chunk(shared: tuple[Any, list[Any]], chunk: Any) -> list[bytes | None]:
    """The pages at ``chunk``'s indices rendered; None for a page whose template failed (the
    caller renders it again, in its own process, to raise the error)."""
    env, page_list = shared
    out: list[bytes | None] = []
    for i in chunk:
        try:
            out.append(_render_one(env, page_list[i]))
        except Exception:
            out.append(None)
    return out


def shared_fingerprint(root: Path, config: Any) -> str:
    """What every page depends on besides its own data: the tool, the templates (built-in and
    the knowledge base's) and the config. Every template file counts, not only those under
    ``site/``: a city's site template may include or import one of its report templates."""
    import hashlib
    import os
    import stat

    from veiligestad import __version__
    from veiligestad.render.environment import TEMPLATE_DIR, builtin_template_dir

    digest = hashlib.sha256(f"{__version__}\0{config!r}\0".encode())
    for folder in (builtin_template_dir(), root / TEMPLATE_DIR):
        if folder.is_symlink():  # the loader takes none of it: counted by its name only
            digest.update(f"link:{folder.as_posix()}\0".encode("utf-8", "surrogateescape"))
            continue
        if not folder.is_dir():
            continue
        # never through a link (the loader refuses them too): a link counts by its name
        for here, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = Path(here, name)
                digest.update(path.as_posix().encode("utf-8", "surrogateescape") + b"\0")
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


# Values every page gets that are objects made from the config and the language (both in the
# shared fingerprint already), not data.
_OBJECTS: Final = frozenset({"t", "w", "filters"})
# Values every page gets that are made from every public record (``site.derived``).
OUTPUTS: Final = ("figures", "counts", "data_files")


class TemplateFingerprints:
    """What all pages of one template share: the tool, templates and config, and of the values
    every page is given (the key figures, the open data's counts, the next semester …) only
    those the template can read. So a new key figure renders the home page again, not every
    page that could have shown it."""

    def __init__(self, env: Any, base: str, extra: dict[str, Any],
                 known: dict[str, frozenset[str] | None] | None = None) -> None:
        """``known``: what templates of exactly these contents read, as a build before
        worked out (``site.templatereads``)."""
        self.env, self.base, self.extra = env, base, extra
        self._made: dict[str, str] = {}
        self._read: dict[str, frozenset[str] | None] = dict(known or {})
        self._parsed: dict[str, tuple[set[str], list[str | None]]] = {}
        self.analysed = False  # whether a template was analysed here (not known before)

    def read(self, template: str) -> frozenset[str] | None:
        """The names ``template`` reads (``template_variables``), worked out once."""
        if template not in self._read:
            from veiligestad.render.environment import template_errors, template_variables

            with template_errors(self.env, template, self.extra["t"]):
                self._read[template] = template_variables(self.env, template, self._parsed)
            self.analysed = True
        return self._read[template]

    def analyses(self) -> dict[str, frozenset[str] | None]:
        """What each template known so far reads."""
        return dict(self._read)

    def reads(self, template: str, names: Iterable[str]) -> bool:
        """Whether ``template`` may read any of ``names``."""
        read = self.read(template)
        return read is None or any(name in read for name in names)

    def __getitem__(self, template: str) -> str:
        made = self._made.get(template)
        if made is None:
            import hashlib

            read = self.read(template)
            digest = hashlib.sha256(f"{self.base}\0{template}\0".encode())
            for key in sorted(self.extra):
                if key not in _OBJECTS and (read is None or key in read):
                    digest.update(f"{key}={self.extra[key]!r}\0".encode())
            made = self._made[template] = digest.hexdigest()
        return made


def page_fingerprint(shared: TemplateFingerprints, page: Any, extra: dict[str, Any],
                     memo: dict[int, tuple[Any, str]] | None = None) -> str:
    """A digest of everything a page is made from: its own data (records, as the site's model
    holds them, dates and links included) and what the pages of its template share.

    With ``memo`` (one per build), a value that several pages are given (a theme's dict, on its
    own page and in the list of themes; a project's, a partner's; a recommendation, on its
    theme's and its partner's page) is written out once, by its digest (``_shown``)."""
    import hashlib

    if memo is None:
        own = {k: v for k, v in page.context.items() if k not in extra}
        return hashlib.sha256(f"{shared[page.template]}\0{page.rel}\0{own!r}".encode()
                              ).hexdigest()
    digest = hashlib.sha256(f"{shared[page.template]}\0{page.rel}\0".encode())
    for key, value in page.context.items():
        if key not in extra:
            shown = _shown(value, memo)
            digest.update(f"{key}={shown}\0".encode())
    return digest.hexdigest()


def _shown(value: Any, memo: dict[int, tuple[Any, str]], depth: int = 1) -> str:
    """``repr(value)``, but a dict, list or tuple written out by the digest of what it holds,
    once per object: its items likewise, ``depth`` levels down (a theme's dict holds the cards
    and recommendations that its list page, the partners' pages and the findings share). The
    memo holds each object, so its ``id`` is not reused while the memo lives."""
    kind = type(value)
    if kind not in (dict, list, tuple):
        return repr(value)
    known = memo.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    import hashlib

    if depth <= 0:
        text = repr(value)
    elif kind is dict:
        text = "{" + ",".join([f"{key!r}:{_shown(item, memo, depth - 1)}"
                               for key, item in value.items()]) + "}"
    else:
        text = ("[" if kind is list else "(") + ",".join(
            [_shown(item, memo, depth - 1) for item in value]) + "]"
    made = f"<{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}>"
    memo[id(value)] = (value, made)
    return made


def site_texts(section: Any, t: Translator, city: str,
               federated: bool = False) -> dict[str, str]:
    """The site's title and introduction: ``site:`` in veiligestad.yaml, else the defaults. The
    programme-wide site (``federated``) speaks of the programme, not of one city: its own
    defaults, never the city's own title."""
    if federated:
        return {"title": t("site.programme.title"), "intro": t("site.programme.intro", city=city)}
    texts = {"title": t("site.title", city=city), "intro": t("site.intro", city=city)}
    if isinstance(section, dict):
        for key in texts:
            value = section.get(key)
            if isinstance(value, dict):
                value = value.get(t.lang)
            if isinstance(value, str) and value.strip():
                texts[key] = value.strip()
    return texts
