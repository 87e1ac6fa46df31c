"""What a query sees of a record: its fields, plus backlinks and derived fields.

A view is the record's own mapping (a missing ``classification`` filled in as ``internal``) with
extra fields computed from the link index and today's date. Derived fields are declared as
``FieldSpec``s like the stored ones, so conditions on them are checked the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

from veiligestad.index import LinkIndex
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import DEFAULT_CLASSIFICATION, KINDS, Kind
from veiligestad.model.statuses import QUESTION_DECISIONS, QUESTION_OPEN
from veiligestad.periods import quarter_of
from veiligestad.privacy import is_public
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile

T = FieldType
Row = dict[str, Any]


def _spec(name: str, type_: FieldType, en: str, nl: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name, type_, en, nl, **kw)


def _ids(name: str, kind: str, en: str, nl: str) -> FieldSpec:
    return _spec(name, T.LIST, en, nl,
                 item=_spec(kind, T.ID, f"A {kind} ID.", f"Een {kind}-ID.", link_kind=kind))


_THEMES: Final = _spec(
    "themes", T.LIST, "The themes of its questions (derived).",
    "De thema's van de vragen (afgeleid).",
    item=_spec("theme", T.KEY, "A theme.", "Een thema.", vocabulary="themes"))

_COMMON_DERIVED: Final = (
    _spec("kind", T.KEY, "The record's kind (derived).", "Het soort record (afgeleid).",
          choices=tuple(KINDS)),
    _spec("path", T.TEXT, "The record's file (derived).", "Het bestand van het record (afgeleid)."),
    _spec("is_public", T.BOOL, "The public may see it today: public, past its embargo and, for "
          "a finding, published (derived).", "Het publiek mag het vandaag zien: openbaar, "
          "voorbij het embargo en, bij een bevinding, gepubliceerd (afgeleid)."),
    _spec("quarter", T.TEXT, "Quarter of its main date, 2026-Q3 (derived).",
          "Kwartaal van de hoofddatum, 2026-Q3 (afgeleid)."),
    _spec("city", T.TEXT, "The city it comes from, in the programme-wide view (--federated).",
          "De stad waar het vandaan komt, in het landelijke overzicht (--federated)."),
)

DERIVED: Final[dict[str, tuple[FieldSpec, ...]]] = {
    "question": (
        *_COMMON_DERIVED,
        _ids("projects", "project", "Projects that took it up (derived).",
             "Projecten die de vraag oppakten (afgeleid)."),
        _ids("findings", "finding", "Findings that answer it (derived).",
             "Bevindingen die de vraag beantwoorden (afgeleid)."),
        _spec("days_open", T.INT, "Days from received until it was no longer open, or until today "
              "(derived).", "Dagen van binnenkomst tot de vraag niet meer open was, of tot "
              "vandaag (afgeleid).", minimum=0),
        _spec("decision", T.KEY, "The intake decision (derived from the status history).",
              "Het besluit na de intake (afgeleid uit de statusgeschiedenis).",
              choices=QUESTION_DECISIONS),
        _spec("decided_on", T.DATE, "When it was decided (derived).",
              "Wanneer erover besloten is (afgeleid)."),
        _spec("matched_on", T.DATE, "When it was last matched to a project (derived).",
              "Wanneer de vraag (het laatst) aan een project is gekoppeld (afgeleid)."),
        _spec("delivered_on", T.DATE, "When it was delivered (derived).",
              "Wanneer de vraag is opgeleverd (afgeleid)."),
        _spec("fed_back_on", T.DATE, "When the answer was fed back (derived).",
              "Wanneer het antwoord is teruggekoppeld (afgeleid)."),
    ),
    "project": (
        *_COMMON_DERIVED,
        _ids("findings", "finding", "Findings of the project (derived).",
             "Bevindingen van het project (afgeleid)."),
        _THEMES,
    ),
    "finding": (
        *_COMMON_DERIVED,
        _THEMES,
        _ids("related_from", "finding", "Findings whose relations point to this one (derived).",
             "Bevindingen die met een relatie naar deze verwijzen (afgeleid)."),
    ),
}

# The date that places a record in time: --quarter, --since, --until and `quarter` use it.
MAIN_DATE: Final = {"question": "received", "project": "start", "finding": "reported"}


def field_specs(kind: Kind) -> tuple[FieldSpec, ...]:
    """Stored and derived top-level fields of ``kind``; a derived name hides no stored one."""
    stored = kind.field_names
    return (*kind.fields, *(s for s in DERIVED[kind.name] if s.name not in stored))


def _history_dates(data: dict[str, Any]) -> list[tuple[dt.date, str]]:
    out = []
    for entry in data.get("status_history") or []:
        if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date):
            out.append((entry["date"], str(entry.get("to"))))
    return out


def _question_fields(data: dict[str, Any], today: dt.date) -> Row:
    history = _history_dates(data)
    decided = next(((d, s) for d, s in history if s in QUESTION_DECISIONS), None)
    matched = [d for d, s in history if s == "matched"]
    delivered = next((d for d, s in history if s == "delivered"), None)
    fed_back = next((d for d, s in history if s == "fed_back"), None)
    received = data.get("received")
    days_open = None
    if isinstance(received, dt.date):
        still_open = (*QUESTION_OPEN, "parked")
        if data.get("status") in still_open:
            days_open = (today - received).days
        else:
            left = next((d for d, s in history if s not in still_open), None)
            days_open = (left - received).days if left else None
    return {
        "decision": decided[1] if decided else None,
        "decided_on": decided[0] if decided else None,
        "matched_on": matched[-1] if matched else None,
        "delivered_on": delivered,
        "fed_back_on": fed_back,
        "days_open": days_open,
    }


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


class ViewBuilder:
    """Builds views of the records of one knowledge base, sharing one link index."""

    def __init__(self, kb: KnowledgeBase, index: LinkIndex, today: dt.date) -> None:
        self.kb = kb
        self.index = index
        self.today = today

    def themes_of(self, question_ids: Any) -> list[str]:
        """The themes of these questions, each once, in order."""
        themes: list[Any] = []
        for qid in question_ids if isinstance(question_ids, list) else []:
            record = self.kb.get(qid) if isinstance(qid, str) else None
            if record is not None and record.data and record.kind.name == "question":
                found = record.data.get("themes")
                themes.extend(found if isinstance(found, list) else [])
        return _unique(themes)

    def view(self, record: RecordFile) -> Row:
        """The record's fields and its derived fields; stored fields win over derived ones."""
        data = record.data or {}
        kind = record.kind.name
        rid = record.record_id or ""
        main = data.get(MAIN_DATE[kind])
        derived: Row = {
            "kind": kind,
            "path": record.rel,
            "is_public": is_public(record.kind, data, self.today),
            "quarter": quarter_of(main).label if isinstance(main, dt.date) else None,
        }
        if kind == "question":
            derived["projects"] = list(self.index.projects_of_question.get(rid, []))
            derived["findings"] = list(self.index.findings_of_question.get(rid, []))
            derived.update(_question_fields(data, self.today))
        elif kind == "project":
            derived["findings"] = list(self.index.findings_of_project.get(rid, []))
            derived["themes"] = self.themes_of(data.get("questions"))
        else:
            derived["themes"] = self.themes_of(data.get("questions"))
            derived["related_from"] = [f for _, f in self.index.related_to_finding.get(rid, [])]
        view: Row = dict(data)
        if view.get("classification") is None:
            view["classification"] = DEFAULT_CLASSIFICATION
        for key, value in derived.items():
            view.setdefault(key, value)
        return view


    def partial(self, record: RecordFile, names: frozenset[str]) -> Row:
        """The view of ``record`` cut to the top-level fields ``names``: the same values as
        ``view`` gives for them, with only the derived fields among them computed."""
        data = record.data or {}
        kind = record.kind.name
        out: Row = {}
        question: Row | None = None
        for name in names:
            if name in data and (name != "classification" or data[name] is not None):
                out[name] = data[name]
            elif name == "classification":
                out[name] = DEFAULT_CLASSIFICATION
            elif name in _PER_KIND[kind]:
                if name in _QUESTION_FIELDS:
                    if question is None:
                        question = _question_fields(data, self.today)
                    out[name] = question[name]
                else:
                    out[name] = self._derived(record, data, name)
        return out

    def _derived(self, record: RecordFile, data: dict[str, Any], name: str) -> Any:
        """One derived field of ``record``, as ``view`` computes it."""
        kind = record.kind.name
        rid = record.record_id or ""
        if name == "kind":
            return kind
        if name == "path":
            return record.rel
        if name == "is_public":
            return is_public(record.kind, data, self.today)
        if name == "quarter":
            main = data.get(MAIN_DATE[kind])
            return quarter_of(main).label if isinstance(main, dt.date) else None
        if name == "themes":
            return self.themes_of(data.get("questions"))
        if name == "related_from":
            return [f for _, f in self.index.related_to_finding.get(rid, [])]
        if name == "projects":
            return list(self.index.projects_of_question.get(rid, []))
        # findings: of a question, or of a project
        found = (self.index.findings_of_question if kind == "question"
                 else self.index.findings_of_project)
        return list(found.get(rid, []))


# The derived fields ``ViewBuilder.view`` sets for each kind (``city`` is set by the
# programme-wide view only), and those of them that come from a question's status history.
_QUESTION_FIELDS: Final = frozenset({"decision", "decided_on", "matched_on", "delivered_on",
                                     "fed_back_on", "days_open"})
_PER_KIND: Final[dict[str, frozenset[str]]] = {
    "question": frozenset({"kind", "path", "is_public", "quarter", "projects", "findings",
                           *_QUESTION_FIELDS}),
    "project": frozenset({"kind", "path", "is_public", "quarter", "findings", "themes"}),
    "finding": frozenset({"kind", "path", "is_public", "quarter", "themes", "related_from"}),
}


def values_at(value: Any, path: tuple[str, ...]) -> list[Any]:
    """Every leaf value at ``path``, going through lists on the way; lists at the end flattened."""
    if len(path) == 1 and type(value) is dict:  # the common case, without the walk below
        item = value.get(path[0])
        if item is None:
            return []
        if isinstance(item, list):
            return [x for x in item if x is not None]
        return [item]
    current = [value]
    for name in path:
        step: list[Any] = []
        for item in current:
            for element in item if isinstance(item, list) else [item]:
                if isinstance(element, dict) and name in element:
                    step.append(element[name])
        current = step
    out: list[Any] = []
    for item in current:
        if isinstance(item, list):
            out.extend(x for x in item if x is not None)
        elif item is not None:
            out.append(item)
    return out


def value_at(view: Row, path: tuple[str, ...]) -> Any:
    """The value at ``path`` as shown: one value, or a list where the path crosses a list."""
    current: Any = view
    for index, name in enumerate(path):
        if isinstance(current, dict):
            current = current.get(name)
        elif isinstance(current, list):
            return values_at(current, path[index:])
        else:
            return None
    return current


_PLAIN: Final = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO strings and every container plain, ready for JSON and YAML."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    # The common types first, and a plain value inside a container without a call (the
    # figures and every JSON output make thousands of these).
    if kind is dt.date:
        return value.isoformat()
    if kind is dict:
        return {str(k): v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
