"""What the site shows, as plain data: built from the public knowledge base and nothing else.

Everything starts with ``public_view``, which filters the knowledge base through the tool's one
public predicate before any page sees a record: a record that is not public, under embargo or not
published is simply not there, and of the rest only public fields remain. Links are only made to
records in that filtered view, so a page never names (or links to) a record the public may not
see. Record values are untrusted: every value is checked for its type here, so a template never
meets a wrong one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any, Final

# The one place the site reads records: only through the tool's single public predicate.
from veiligestad.model.ids import ID_PATTERNS
from veiligestad.privacy import public_kb
from veiligestad.report.words import Words
from veiligestad.store.kb import KnowledgeBase

_SLUG: Final = re.compile(r"[^a-z0-9_-]+")

# Folder names in the site per language: stable, readable URLs that never depend on a record's
# title (a corrected title must not break a link someone shared).
SECTIONS: Final = {
    "nl": {"finding": "bevindingen", "theme": "themas", "partner": "partners",
           "project": "projecten", "agenda": "onderzoeksagenda", "data": "open-data",
           "search": "zoeken"},
    "en": {"finding": "findings", "theme": "themes", "partner": "partners",
           "project": "projects", "agenda": "research-agenda", "data": "open-data",
           "search": "search"},
}


def public_view(kb: KnowledgeBase, today: dt.date) -> KnowledgeBase:
    """The knowledge base as the public may see it today (dates of status changes kept for
    the key figures, never shown)."""
    return public_kb(kb, today, history_dates=True)


# Names Windows refuses for a file or folder, whatever follows the first dot (``con.txt``).
_WINDOWS_RESERVED: Final = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")
# A city's key as ``federation:`` allows it (store/config.py): no ``.``, no leading ``_``.
_CITY: Final = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def slug(key: str) -> str:
    """A vocabulary key as a URL segment: the key itself when it is already a tame one
    (``openbare_ruimte``); else (upper case, spaces, other characters, a name Windows reserves
    such as ``aux``) its tame form and a short digest of the key, so two keys never share a
    folder, not even where upper and lower case are one file name."""
    segment = _SLUG.sub("-", key.lower()).strip("-") or "x"
    if segment == key and not _WINDOWS_RESERVED.match(segment):
        return segment
    return f"{segment}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def split_id(record_id: str) -> tuple[str | None, str]:
    """``utrecht:F-2026-7KQ3`` → (``utrecht``, ``F-2026-7KQ3``); a plain ID has no city."""
    city, sep, plain = record_id.partition(":")
    return (city, plain) if sep else (None, record_id)


def site_id(prefix: str, record_id: str) -> bool:
    """Whether ``record_id`` is an ID of the tool's pattern for ``prefix``, plain or qualified
    by a city's key (the programme-wide site): either way it becomes a folder name."""
    city, plain = split_id(record_id)
    return (city is None or bool(_CITY.fullmatch(city))) \
        and bool(ID_PATTERNS[prefix].fullmatch(plain))


def record_segment(record_id: str) -> str:
    """A record's folder name on the site: its ID, or for another city's record on the
    programme-wide site ``utrecht.F-2026-7KQ3``. Safe on every file system: no ``:``; the
    ``.`` never occurs in a plain ID nor a city key, so no other city's record and no record of
    our own gets the same name (not even where upper and lower case are one, as on Windows:
    keys are lower case, IDs upper case); a key Windows reserves (``con``) gets a leading
    ``_``, which no key has."""
    city, plain = split_id(record_id)
    if city is None:
        return plain
    return f"{'_' if _WINDOWS_RESERVED.match(city) else ''}{city}.{plain}"


def text(value: Any) -> str | None:
    """A text value, or None when it is absent or not text."""
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def strings(value: Any) -> list[str]:
    """A list of strings, dropping anything else."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def mappings(value: Any) -> list[dict[str, Any]]:
    """A list of mappings, dropping anything else."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def day(value: Any) -> dt.date | None:
    """A date value, or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


@dataclass(repr=False)
class Link:
    """A link to a page of the site: its path from the site's root and its label."""

    path: str
    label: str
    id: str = ""

    def __repr__(self) -> str:  # part of page fingerprints: written out, it is three times faster
        return f"Link({self.path!r}, {self.label!r}, {self.id!r})"


class Shown(dict[str, Any]):
    """A mapping pages show (a question, a recommendation) whose ``repr``, its part of a page's
    fingerprint (``commands/site.py``), is a digest: of what it was made from when the builder
    knows that (``SiteBuilder(inputs=…)``), else of its items, computed once (it is not changed
    after it is made). Templates see a plain mapping."""

    __slots__ = ("_digest", "_inputs")

    def __init__(self, items: dict[str, Any], inputs: str | None = None) -> None:
        super().__init__(items)
        self._inputs = inputs
        self._digest: str | None = None

    def __repr__(self) -> str:
        digest = self._digest
        if digest is None:
            text = f"inputs\0{self._inputs}" if self._inputs is not None \
                else dict.__repr__(self)
            digest = self._digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        return f"Shown({digest})"

    def __str__(self) -> str:
        """What a template that prints the whole mapping (``{{ q }}``) shows: its items, as
        before it had a digest for a ``repr``."""
        return dict.__repr__(self)


@dataclass(frozen=True, repr=False)
class Card:
    """What a list of findings shows of one (the home page, the list of findings, theme,
    partner and project pages, and the finding a recommendation comes from): its title, page,
    date, themes and, on the programme-wide site, city.

    List pages get cards, not whole findings, so their fingerprint (``commands/site.py``) is made
    of what they show: a statement or a caveat edited changes the finding's own page and leaves
    every list as it is; a title or a date changes the lists too. Its ``repr`` is a digest of these
    fields (computed once).
    """

    id: str
    title: str
    path: str
    date: dt.date | None
    themes: tuple[Link, ...]
    city: str | None = None

    def __repr__(self) -> str:
        digest = self.__dict__.get("_digest")
        if digest is None:
            shown = (self.id, self.title, self.path, self.date, self.themes, self.city)
            digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:24]
            object.__setattr__(self, "_digest", digest)
        return f"Card({self.id}:{digest})"

    @property
    def year(self) -> str | None:
        return str(self.date.year) if self.date else None


@dataclass(repr=False)
class Finding:
    """One published finding with everything its page shows.

    Its ``repr`` is a digest of every field shown (computed once): pages that list thousands of
    findings get their fingerprint (``commands/site.py``) from these, not from the full text.
    When the builder knows what the finding was made from (``SiteBuilder(inputs=…)``: the
    tokens of the public records it read, each of which stands for exactly that record's public
    fields, and of the tool, language and config), the digest is of those and of its relations
    (which other findings add to) instead: the same inputs make the same fields, and a digest
    of a few tokens costs a fraction of one of every field.
    """

    id: str
    title: str
    statement: str
    path: str
    type: str | None
    type_key: str | None
    intervention: str | None
    outcomes: list[str]
    design: int | None
    maturity: str | None
    maturity_key: str | None
    summary: str | None
    caveats: str | None
    project: Link | None
    institution: str | None
    questions: list[dict[str, Any]]
    themes: list[Link]
    partners: list[Link]
    recommendations: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    reported: dt.date | None
    published: dt.date | None
    fictional: bool
    city: str | None = None  # the city's name, on the programme-wide site only

    def __repr__(self) -> str:
        if not hasattr(self, "_digest"):
            inputs = self.__dict__.get("_inputs")
            if inputs is not None:  # what it was made from (``SiteBuilder``), once built
                text = f"inputs\0{inputs}\0{self.relations!r}"
            else:
                text = repr([(f.name, getattr(self, f.name)) for f in fields(self)])
            self._digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        return f"Finding({self.id}:{self._digest})"

    @property
    def date(self) -> dt.date | None:
        """The date the public knows it by: published, else reported."""
        return self.published or self.reported

    @property
    def card(self) -> Card:
        """What a list shows of this finding (made once)."""
        made = self.__dict__.get("_card")
        if made is None:
            made = self._card = Card(self.id, self.title, self.path, self.date,
                                     tuple(self.themes), self.city)
        return made

    @property
    def year(self) -> str | None:
        when = self.date
        return str(when.year) if when else None


@dataclass
class Site:
    """Every page's data, built once per run."""

    lang: str
    city: str
    findings: list[Finding]
    by_id: dict[str, Finding]
    projects: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    partners: list[dict[str, Any]]
    agenda: list[dict[str, Any]]
    sections: dict[str, str]


def inputs_base(config: Any, lang: str, cities: dict[str, str]) -> str:
    """A digest of what the site's model is made from besides the public records: the tool's
    code (its words and labels too), the language, the config (``config.raw``: vocabularies,
    their labels) and the cities of the programme-wide site."""
    from veiligestad.store.cache import tool_fingerprint

    text = f"{tool_fingerprint()}\0{lang}\0{config!r}\0{cities!r}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def changes_by_day(specs: Any) -> bool:
    """Whether the public fields of a record of these fields can differ from day to day while
    the record stays public: when a mapping among them (an item of a list, such as a
    deliverable) has a classification of its own, and so an embargo of its own
    (``privacy.public_fields``). Then its token (``site.public``, the same on every day) stands
    for its fields on one day only."""
    from veiligestad.model.fields import FieldType

    for spec in specs:
        if spec.type is FieldType.MAPPING and spec.child("classification") is not None:
            return True
        if spec.item is not None and changes_by_day([spec.item]):
            return True
        if spec.fields and changes_by_day(spec.fields):
            return True
    return False


class SiteBuilder:
    """Turns the public knowledge base into a ``Site``."""

    def __init__(self, kb: KnowledgeBase, words: Words,
                 cities: dict[str, str] | None = None,
                 inputs: tuple[str, dict[str, str], dt.date] | None = None) -> None:
        """``inputs``, when given: a digest of everything besides the records that the model
        is made from (``inputs_base``), the day and, for each
        public record's file, a token that stands for exactly its public fields
        (``site.public``). Then each finding is known by what it was made from (``Finding``)."""
        self.kb = kb
        # city key -> name, on the programme-wide site (records carry ``city``); else empty
        self.cities = cities or {}
        self.words = words
        self.lang = words.t.lang
        self.sections = SECTIONS[self.lang]
        # Only keys of the config's vocabularies get a page and a link: a misspelt key in a
        # record (which validate reports) must not make a link to a page that does not exist.
        self.known_themes = frozenset(kb.config.vocabulary("themes"))
        self.known_partners = frozenset(kb.config.vocabulary("partners"))
        self._links: dict[tuple[str, str], Link] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._questions: dict[str, dict[str, Any] | None] = {}
        self.records: dict[str, dict[str, dict[str, Any]]] = {
            "question": {}, "project": {}, "finding": {}}
        # the token of the record each ID stands for, and of what else the model is made from
        self._base: str | None = None if inputs is None else inputs[0]
        self._tokens: dict[str, str] = {}
        by_day: dict[str, bool] = {}  # per kind: whether its public fields follow the day
        for record in kb.records():
            data = record.data
            rid = data.get("id") if isinstance(data, dict) else None
            # the tool's own ID patterns: an ID is also a folder name of the site
            if isinstance(rid, str) and site_id(record.kind.prefix, rid):
                assert isinstance(data, dict)
                known = self.records[record.kind.name]
                if rid in known:
                    continue
                known[rid] = data
                if inputs is not None:
                    token = inputs[1].get(record.rel)
                    if token is None:  # not known by its token: every finding by its fields
                        self._base = None
                        continue
                    kind = record.kind.name
                    if kind not in by_day:
                        by_day[kind] = changes_by_day(record.kind.fields)
                    day = inputs[2].isoformat() if by_day[kind] else ""
                    self._tokens[rid] = f"{kind}:{record.rel}:{token}:{day}"

    # -- paths --------------------------------------------------------------------------------
    def path(self, section: str, key: str | None = None) -> str:
        """The page's path from the site root, always a folder with ``index.html``."""
        base = self.sections[section]
        return f"{base}/" if key is None else f"{base}/{record_segment(key)}/"

    # Links, labels and questions are made once per build and shared by every page that shows
    # them (thousands of findings name the same themes, partners and questions).
    def theme_link(self, key: str) -> Link:
        made = self._links.get(("theme", key))
        if made is None:
            made = self._links[("theme", key)] = Link(self.path("theme", slug(key)),
                                                      self.words.theme(key), key)
        return made

    def partner_link(self, key: str) -> Link:
        made = self._links.get(("partner", key))
        if made is None:
            made = self._links[("partner", key)] = Link(self.path("partner", slug(key)),
                                                        self.words.partner(key), key)
        return made

    def vocab(self, vocabulary: str, key: str) -> str:
        made = self._labels.get((vocabulary, key))
        if made is None:
            made = self._labels[(vocabulary, key)] = self.words.vocab(vocabulary, key)
        return made

    def finding_link(self, rid: str) -> Link | None:
        data = self.records["finding"].get(rid)
        if data is None:
            return None
        return Link(self.path("finding", rid), text(data.get("title")) or rid, rid)

    def project_link(self, rid: str) -> Link | None:
        made = self._links.get(("project", rid))
        if made is None:  # made once: every finding of a project names it
            data = self.records["project"].get(rid)
            if data is None:
                return None
            made = self._links[("project", rid)] = Link(
                self.path("project", rid), text(data.get("title")) or rid, rid)
        return made

    def city(self, data: dict[str, Any]) -> str | None:
        """The name of the city a record comes from, on the programme-wide site; else None."""
        key = data.get("city")
        return self.cities.get(key) if isinstance(key, str) else None

    # -- building -----------------------------------------------------------------------------
    def build(self, today: dt.date) -> Site:
        """The whole site's data."""
        findings = [self.finding(rid, data) for rid, data in self.records["finding"].items()]
        findings.sort(key=lambda f: (f.date or dt.date.min, f.id), reverse=True)
        by_id = {f.id: f for f in findings}
        self._relate_back(findings)
        by_project: dict[str, list[Card]] = defaultdict(list)
        for finding in findings:
            if finding.project is not None:
                by_project[finding.project.id].append(finding.card)
        projects = [self.project(rid, data, by_project.get(rid, []))
                    for rid, data in sorted(self.records["project"].items())]
        return Site(self.lang, self.kb.config.city, findings, by_id, projects,
                    self.themes(findings), self.partners(findings), self.agenda(today),
                    dict(self.sections))

    def question(self, rid: str) -> dict[str, Any] | None:
        if rid in self._questions:
            return self._questions[rid]
        data = self.records["question"].get(rid)
        made = None if data is None else self._question(rid, data)
        self._questions[rid] = made
        return made

    def _question(self, rid: str, data: dict[str, Any]) -> dict[str, Any]:
        asked_by = data.get("asked_by")
        # made from its own record and the base alone
        inputs = None if self._base is None or rid not in self._tokens \
            else repr(("question", self._base, self._tokens[rid]))
        return Shown({"id": rid, "title": text(data.get("title")) or rid,
                      "city": self.city(data),
                      "research_question": text(data.get("research_question")),
                      "asked_by": self.partner_link(asked_by)
                      if asked_by in self.known_partners else None,
                      "themes": [self.theme_link(k) for k in strings(data.get("themes"))
                                 if k in self.known_themes]}, inputs)

    def finding(self, rid: str, data: dict[str, Any]) -> Finding:
        w = self.words
        project_id = data.get("project") if isinstance(data.get("project"), str) else None
        question_ids = strings(data.get("questions"))
        inputs = None
        if self._base is not None:
            # Everything read below: its own record, its questions' and its project's (each
            # by its token, or absent), and the base (code, language, config, cities). Its
            # relations, which name other findings and which they add to, are in its repr.
            tokens = self._tokens
            inputs = repr((self._base, tokens.get(rid), [(r, tokens.get(r)) for r in question_ids],
                           (project_id, tokens.get(project_id) if project_id else None)))
        questions = [q for q in (self.question(r) for r in question_ids) if q]
        themes: dict[str, Link] = {}
        partners: dict[str, Link] = {}
        for q in questions:
            themes.update((link.id, link) for link in q["themes"])
            if q["asked_by"] is not None:
                partners[q["asked_by"].id] = q["asked_by"]
        evidence = data.get("evidence") if isinstance(data.get("evidence"), dict) else {}
        assert isinstance(evidence, dict)
        design = evidence.get("design")
        design = design if isinstance(design, int) and not isinstance(design, bool) \
            and 1 <= design <= 5 else None
        maturity = evidence.get("maturity") if isinstance(evidence.get("maturity"), str) else None
        recommendations: list[dict[str, Any]] = []
        for item in mappings(data.get("recommendations")):
            to = item.get("to") if item.get("to") in self.known_partners else None
            if to:
                partners[to] = self.partner_link(to)
            follow = item.get("follow_up") if isinstance(item.get("follow_up"), str) else None
            recommendations.append(Shown({
                "text": text(item.get("text")) or "",
                "to": self.partner_link(to) if to else None,
                "follow_up": w.follow_up(follow) if follow and follow != "none" else None,
                "follow_up_date": day(item.get("follow_up_date"))}))  # by its items: a
            # statement edited leaves the lists that show its recommendations as they are
        relations = []
        for item in mappings(data.get("relations")):
            other = item.get("finding")
            link = self.finding_link(other) if isinstance(other, str) else None
            kind = item.get("type") if isinstance(item.get("type"), str) else None
            if link is not None and kind in ("supports", "contradicts", "replicates"):
                relations.append({"type": w(f"site.relation.{kind}"), "finding": link})
        project = self.project_link(project_id) if project_id else None
        institution = None
        if project is not None:
            pdata = self.records["project"][project.id]
            if isinstance(pdata.get("institution"), str):
                institution = self.vocab("institutions", pdata["institution"])
        type_key = data.get("type") if isinstance(data.get("type"), str) else None
        made = Finding(
            id=rid, title=text(data.get("title")) or rid,
            statement=text(data.get("statement")) or "",
            path=self.path("finding", rid),
            type=self.vocab("finding_types", type_key) if type_key else None, type_key=type_key,
            intervention=text(data.get("intervention")),
            outcomes=[self.vocab("outcome_domains", k)
                      for k in strings(data.get("outcome_domains"))],
            design=design,
            maturity=self.vocab("evidence_maturity", maturity) if maturity else None,
            maturity_key=maturity, summary=text(evidence.get("summary")),
            caveats=text(data.get("caveats")), project=project, institution=institution,
            questions=questions, themes=sorted(themes.values(), key=lambda x: x.label),
            partners=sorted(partners.values(), key=lambda x: x.label),
            recommendations=recommendations, relations=relations,
            reported=day(data.get("reported")), published=day(data.get("published")),
            fictional=data.get("fictional") is True, city=self.city(data))
        if inputs is not None:
            made.__dict__["_inputs"] = inputs
        return made

    def _relate_back(self, findings: list[Finding]) -> None:
        # A relation is shown on both findings: "replicated by" on the other one.
        by_id = {f.id: f for f in findings}
        for finding in findings:
            for relation in list(finding.relations):
                other = by_id.get(relation["finding"].id)
                if other is not None and not any(r["finding"].id == finding.id
                                                 for r in other.relations):
                    other.relations.append({
                        "type": self.words("site.relation.back"),
                        "finding": Link(finding.path, finding.title, finding.id)})

    def project(self, rid: str, data: dict[str, Any], findings: list[Card]) -> dict[str, Any]:
        w = self.words
        period = data.get("period") if isinstance(data.get("period"), dict) else {}
        assert isinstance(period, dict)
        year = text(period.get("academic_year"))
        semester = period.get("semester") if isinstance(period.get("semester"), int) else None
        deliverables = []
        for item in mappings(data.get("deliverables")):
            url = item.get("url") if isinstance(item.get("url"), str) else None
            deliverables.append({
                "type": self.vocab("deliverable_types", item["type"])
                if isinstance(item.get("type"), str) else None,
                "title": text(item.get("title")) or "",
                "url": url if url and url.startswith(("https://", "http://")) else None})
        institution = data.get("institution") if isinstance(data.get("institution"), str) \
            else None
        programme = data.get("programme") if isinstance(data.get("programme"), str) else None
        return {
            "id": rid, "title": text(data.get("title")) or rid, "path": self.path("project", rid),
            "city": self.city(data),
            "type": self.vocab("project_types", data["type"])
            if isinstance(data.get("type"), str) else None,
            "institution": self.vocab("institutions", institution) if institution else None,
            "programme": self._programme(institution, programme),
            "period": {"year": year, "semester": semester},
            "start": day(data.get("start")), "end": day(data.get("end")),
            "methods": [self.vocab("methods", k) for k in strings(data.get("methods"))],
            "student_count": data.get("student_count")
            if isinstance(data.get("student_count"), int) else None,
            "respondents": data.get("respondents")
            if isinstance(data.get("respondents"), int) else None,
            "questions": [q for q in (self.question(r) for r in strings(data.get("questions")))
                          if q],
            "findings": findings,
            "deliverables": deliverables,
            "status": w.status("project", data.get("status"))
            if isinstance(data.get("status"), str) else None,
            "fictional": data.get("fictional") is True,
        }

    def _programme(self, institution: str | None, programme: str | None) -> str | None:
        return self.words.vocab("programmes", programme) if institution and programme else None

    def themes(self, findings: list[Finding]) -> list[dict[str, Any]]:
        out = []
        every = [q for q in (self.question(r) for r in sorted(self.records["question"])) if q]
        # one pass over the findings and questions, not one per theme
        asked: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for q in every:
            for key in dict.fromkeys(t.id for t in q["themes"]):
                asked[key].append(q)
        learned: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            for key in dict.fromkeys(t.id for t in f.themes):
                learned[key].append(f)
        for key in self.kb.config.vocabulary("themes"):
            link = self.theme_link(key)
            questions = asked.get(key, [])
            found = learned.get(key, [])
            recs = [(f.card, r) for f in found for r in f.recommendations]
            out.append({"key": key, "link": link, "path": link.path, "label": link.label,
                        "questions": questions, "findings": [f.card for f in found],
                        "recommendations": recs})
        return out

    def partners(self, findings: list[Finding]) -> list[dict[str, Any]]:
        out = []
        asked: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rid in sorted(self.records["question"]):
            q = self.question(rid)
            if q and q["asked_by"] is not None:
                asked[q["asked_by"].id].append(q)
        recommended: dict[str, list[tuple[Card, dict[str, Any]]]] = defaultdict(list)
        learned_by: dict[str, list[Card]] = defaultdict(list)
        for f in findings:  # one pass, not one per partner
            for r in f.recommendations:
                if r["to"] is not None:
                    recommended[r["to"].id].append((f.card, r))
            for key in dict.fromkeys(p.id for p in f.partners):
                learned_by[key].append(f.card)
        for key in self.kb.config.vocabulary("partners"):
            link = self.partner_link(key)
            recs = recommended.get(key, [])
            learned = learned_by.get(key, [])
            out.append({"key": key, "link": link, "path": link.path, "label": link.label,
                        "questions": asked.get(key, []), "findings": learned,
                        "recommendations": recs})
        return out

    def agenda(self, today: dt.date) -> list[dict[str, Any]]:
        """Questions that wait for a student: ready and not yet taken up by a project."""
        taken = {q for p in self.records["project"].values() for q in strings(p.get("questions"))}
        out = []
        for rid, data in sorted(self.records["question"].items()):
            if data.get("status") != "ready" or rid in taken:
                continue
            question = self.question(rid)
            assert question is not None
            formats = [self.words.vocab("study_formats", k)
                       for k in strings(data.get("suitable_for"))]
            location = data.get("location") if isinstance(data.get("location"), str) else None
            out.append({**question, "target_group": text(data.get("target_group")),
                        "location": self.words.vocab("locations", location)
                        if location else None,
                        "suitable_for": formats, "needed_by": day(data.get("needed_by"))})
        return out
