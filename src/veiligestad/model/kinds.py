"""The three record kinds (question, project, finding) and every field they may hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.statuses import PROJECT_STATUSES, QUESTION_STATUSES, REVIEW_STATUSES

T = FieldType
CLASSIFICATIONS: Final = ("public", "internal", "confidential")
DEFAULT_CLASSIFICATION: Final = "internal"
# Not a vocabulary of veiligestad.yaml: the statuses of the record's own kind.
STATUS_VOCABULARY: Final = "@status"


def _f(name: str, type_: FieldType, en: str, nl: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, type_, en, nl, **kw)  # type: ignore[arg-type]


def _list(name: str, item: FieldSpec, en: str, nl: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, T.LIST, en, nl, item=item, **kw)  # type: ignore[arg-type]


def _link_stamps() -> FieldSpec:
    # Written by `veiligestad review` (and by link, new and intake), never by hand: students keep
    # writing plain ID lists, and the fingerprints live beside them.
    return _f("link_stamps", T.MAPPING,
              "Written by the tool: for each linked ID, a fingerprint of the fields of that "
              "record that matter, as they were when the link was last reviewed "
              "(veiligestad review).",
              "Door het gereedschap geschreven: per gekoppeld ID een vingerafdruk van de velden "
              "van dat record die ertoe doen, zoals ze waren toen de koppeling het laatst is "
              "bekeken (veiligestad review).", public=False)


def _links_reviewed() -> FieldSpec:
    return _f("links_reviewed", T.MAPPING,
              "Written by veiligestad review: who last confirmed that the record still holds "
              "after a record it links to changed, and when.",
              "Door veiligestad review geschreven: wie het laatst bevestigde dat het record nog "
              "klopt nadat een gekoppeld record veranderde, en wanneer.", public=False,
              fields=(
                  _f("date", T.DATE, "When.", "Wanneer.", required=True),
                  _f("by", T.TEXT, "Who (a name or handle).", "Wie (naam of handle).",
                     public=False),
              ))


def _status_history() -> FieldSpec:
    entry = _f(
        "entry", T.MAPPING, "One change of status.", "Eén statuswijziging.",
        fields=(
            _f("date", T.DATE, "When the status changed.", "Wanneer de status veranderde.",
               required=True),
            _f("from", T.KEY, "The status before (empty for the first entry).",
               "De status ervoor (leeg bij de eerste regel).", vocabulary=STATUS_VOCABULARY),
            _f("to", T.KEY, "The status after.", "De status erna.", required=True,
               vocabulary=STATUS_VOCABULARY),
            _f("by", T.TEXT, "Who changed it (a name or handle).",
               "Wie het veranderde (naam of handle).", public=False),
            _f("reason", T.TEXT, "Why, in a sentence.", "Waarom, in een zin.", public=False,
               free_text=True),
        ),
    )
    return _list("status_history", entry, "Every change of status, oldest first.",
                 "Alle statuswijzigingen, oudste eerst.", public=False)


COMMON: Final = (
    _f("id", T.ID, "The record's ID; the file is named after it.",
       "Het ID van het record; het bestand heet ernaar.", required=True),
    _f("title", T.TEXT, "A short title.", "Een korte titel.", required=True, free_text=True),
    _f("classification", T.KEY,
       "Who may see it: public, internal or confidential (internal when absent).",
       "Wie het mag zien: openbaar, intern of vertrouwelijk (intern als het ontbreekt).",
       choices=CLASSIFICATIONS),
    _f("embargo_until", T.DATE, "Not public before this date.", "Niet openbaar vóór deze datum."),
    _f("fictional", T.BOOL, "True for invented example records, never real research.",
       "Waar voor verzonnen voorbeeldrecords, nooit echt onderzoek."),
    _f("notes", T.TEXT, "Internal notes.", "Interne notities.", public=False, free_text=True),
)

QUESTION_FIELDS: Final = (
    *COMMON,
    _f("asked_by", T.KEY, "The partner who asked the question.",
       "De partner die de vraag stelde.", required=True, vocabulary="partners"),
    _f("department", T.KEY, "The municipal department that owns the question.",
       "De gemeentelijke afdeling die eigenaar is van de vraag.", vocabulary="departments"),
    _list("themes", _f("theme", T.KEY, "A theme.", "Een thema.", vocabulary="themes"),
          "The programme's themes the question is about.",
          "De thema's van het programma waar de vraag over gaat.", required=True, min_items=1),
    _f("original_text", T.TEXT, "The question as the partner asked it.",
       "De vraag zoals de partner hem stelde.", public=False, free_text=True),
    _f("research_question", T.TEXT, "The question as articulated at intake.",
       "De onderzoeksvraag zoals geformuleerd bij de intake.", free_text=True),
    _f("target_group", T.TEXT, "Who the question is about.", "Over wie de vraag gaat.",
       free_text=True),
    _f("location", T.KEY, "The neighbourhood (wijk) or the whole city.",
       "De wijk, of de hele stad.", vocabulary="locations"),
    _f("intended_use", T.KEY, "What the partner will do with the answer.",
       "Wat de partner met het antwoord gaat doen.", vocabulary="intended_uses"),
    _list("suitable_for", _f("format", T.KEY, "A study format.", "Een onderwijsvorm.",
                             vocabulary="study_formats"),
          "Kinds of student work that suit the question.",
          "Soorten studentenwerk die bij de vraag passen."),
    _f("received", T.DATE, "When the question came in.", "Wanneer de vraag binnenkwam.",
       required=True),
    _f("needed_by", T.DATE, "When the partner needs an answer.",
       "Wanneer de partner een antwoord nodig heeft."),
    _f("status", T.KEY, "Where the question stands.", "Waar de vraag staat.", required=True,
       choices=QUESTION_STATUSES),
    _f("decision_reason", T.TEXT, "Why it was accepted, referred, refused or advised.",
       "Waarom de vraag is aangenomen, doorverwezen, afgewezen of met advies beantwoord.",
       public=False, free_text=True),
    _status_history(),
    _f("submission", T.TEXT, "The form submission it was imported from.",
       "De formulierinzending waaruit de vraag is geïmporteerd.", public=False),
)

_ETHICS = _f(
    "ethics", T.MAPPING, "The ethics checklist, confirmed by the supervisor.",
    "De ethische checklist, bevestigd door de begeleider.", public=False,
    fields=(
        _f("dmp", T.BOOL, "A data-management plan is in place.", "Er is een datamanagementplan."),
        _f("supervisor_check", T.BOOL, "The supervisor checked the ethics.",
           "De begeleider heeft de ethiek gecontroleerd."),
        _f("dpia", T.KEY, "Data-protection impact assessment.",
           "Gegevensbeschermingseffectbeoordeling (DPIA).",
           choices=("not_needed", "pending", "done")),
        _f("minors", T.BOOL, "Minors take part.", "Er doen minderjarigen mee."),
        _f("consent", T.KEY, "How respondents gave informed consent.",
           "Hoe respondenten geïnformeerde toestemming gaven.",
           choices=("written", "oral", "not_applicable")),
    ),
)

_DELIVERABLE = _f(
    "deliverable", T.MAPPING, "A product of the project.", "Een product van het project.",
    fields=(
        _f("type", T.KEY, "What it is.", "Wat het is.", required=True,
           vocabulary="deliverable_types"),
        _f("title", T.TEXT, "Its title.", "De titel.", required=True, free_text=True),
        _f("url", T.URL, "Where it can be read.", "Waar het te lezen is."),
        _f("classification", T.KEY, "Who may see it.", "Wie het mag zien.",
           choices=CLASSIFICATIONS),
        _f("embargo_until", T.DATE, "Not public before this date.",
           "Niet openbaar vóór deze datum."),
    ),
)

_PRESENTATION = _f(
    "presentation", T.MAPPING, "A presentation of results to partners.",
    "Een presentatie van resultaten aan partners.",
    fields=(
        _f("date", T.DATE, "When.", "Wanneer.", required=True),
        _list("audience", _f("partner", T.KEY, "A partner.", "Een partner.",
                             vocabulary="partners"),
              "The partners who attended.", "De partners die er waren.", min_items=1,
              required=True),
        _f("title", T.TEXT, "What was presented.", "Wat er werd gepresenteerd.", free_text=True),
    ),
)

PROJECT_FIELDS: Final = (
    *COMMON,
    _list("questions", _f("question", T.ID, "A question ID.", "Een vraag-ID.",
                          link_kind="question"),
          "The questions the project works on.", "De vragen waar het project aan werkt.",
          required=True, min_items=1),
    _f("type", T.KEY, "The kind of student work.", "Het soort studentenwerk.", required=True,
       vocabulary="project_types"),
    _f("institution", T.KEY, "The school or university.", "De hogeschool of universiteit.",
       required=True, vocabulary="institutions"),
    _f("programme", T.KEY, "The study programme (of that institution).",
       "De opleiding (van die instelling).", vocabulary="programmes"),
    _f("period", T.MAPPING, "The academic period.", "De onderwijsperiode.", required=True,
       fields=(
           _f("academic_year", T.TEXT, "Academic year, 2025-2026.", "Studiejaar, 2025-2026.",
              required=True, pattern=r"^([0-9]{4})-([0-9]{4})$"),
           _f("semester", T.INT, "Semester 1 (autumn) or 2 (spring).",
              "Semester 1 (najaar) of 2 (voorjaar).", minimum=1, maximum=2),
       )),
    _f("start", T.DATE, "First day of the project.", "Eerste dag van het project."),
    _f("end", T.DATE, "Last day of the project.", "Laatste dag van het project."),
    _f("student_count", T.INT, "How many students take part.", "Hoeveel studenten meedoen.",
       minimum=1),
    _list("contributors", _f("contributor", T.TEXT, "A name (with consent) or handle.",
                             "Een naam (met toestemming) of handle."),
          "The students, by name only with their consent, otherwise by handle.",
          "De studenten, alleen met toestemming bij naam, anders met een handle.",
          public=False),
    _f("supervisor", T.TEXT, "The supervising lecturer.", "De begeleidende docent.",
       public=False),
    _f("client_contact", T.TEXT, "The contact at the partner; never public.",
       "De contactpersoon bij de partner; nooit openbaar.", public=False),
    _list("methods", _f("method", T.KEY, "A method.", "Een methode.", vocabulary="methods"),
          "Research methods used.", "Gebruikte onderzoeksmethoden."),
    _f("respondents", T.INT, "How many people took part (a count, never people).",
       "Hoeveel mensen meededen (een aantal, nooit personen).", minimum=0),
    _ETHICS,
    _list("deliverables", _DELIVERABLE, "What the project produced.",
          "Wat het project opleverde."),
    _list("presentations", _PRESENTATION, "Presentations to partners.",
          "Presentaties aan partners."),
    _f("status", T.KEY, "Where the project stands.", "Waar het project staat.", required=True,
       choices=PROJECT_STATUSES),
    _f("status_reason", T.TEXT, "Why it stopped, or why it finished without findings.",
       "Waarom het stopte, of waarom het zonder bevindingen afrondde.", free_text=True,
       public=False),
    _status_history(),
    _link_stamps(),
    _links_reviewed(),
)

_EVIDENCE = _f(
    "evidence", T.MAPPING, "How strong the evidence is.", "Hoe sterk het bewijs is.",
    fields=(
        _f("design", T.INT,
           "Maryland scale: 1 correlation, 2 before/after, 3 with a comparison group, "
           "4 with controls, 5 randomised.",
           "Maryland-schaal: 1 samenhang, 2 voor/na, 3 met vergelijkingsgroep, "
           "4 met controles, 5 gerandomiseerd.", minimum=1, maximum=5),
        _f("maturity", T.KEY,
           "Where it stands on the Dutch recognition scale (never 'recognised').",
           "Waar het staat op de erkenningsladder (nooit 'erkend').",
           vocabulary="evidence_maturity"),
        _f("summary", T.TEXT, "The evidence in a few sentences.", "Het bewijs in enkele zinnen.",
           free_text=True),
    ),
)

_RECOMMENDATION = _f(
    "recommendation", T.MAPPING, "A recommendation to a partner.",
    "Een aanbeveling aan een partner.",
    fields=(
        _f("text", T.TEXT, "The recommendation.", "De aanbeveling.", required=True, free_text=True),
        _f("to", T.KEY, "The partner it is addressed to.", "De partner aan wie ze gericht is.",
           required=True, vocabulary="partners"),
        _f("follow_up", T.KEY, "What the partner did with it.", "Wat de partner ermee deed.",
           choices=("none", "responded", "adopted", "rejected")),
        _f("follow_up_date", T.DATE, "When the follow-up was known.",
           "Wanneer de opvolging bekend werd."),
        _f("follow_up_note", T.TEXT, "The partner's answer, in short.",
           "Het antwoord van de partner, kort.", free_text=True, public=False),
    ),
)

_RELATION = _f(
    "relation", T.MAPPING, "A relation to another finding.",
    "Een relatie met een andere bevinding.",
    fields=(
        _f("type", T.KEY, "How they relate.", "Hoe ze zich verhouden.", required=True,
           choices=("supports", "contradicts", "replicates")),
        _f("finding", T.ID, "The other finding.", "De andere bevinding.", required=True,
           link_kind="finding"),
    ),
)

FINDING_FIELDS: Final = (
    *COMMON,
    _f("project", T.ID, "The project that found it.", "Het project dat het vond.", required=True,
       link_kind="project"),
    _list("questions", _f("question", T.ID, "A question ID.", "Een vraag-ID.",
                          link_kind="question"),
          "The questions it answers (among the project's questions).",
          "De vragen die het beantwoordt (vragen van het project).", required=True, min_items=1),
    _f("statement", T.TEXT, "The finding in one or two sentences.",
       "De bevinding in een of twee zinnen.", required=True, free_text=True),
    _f("type", T.KEY, "The kind of finding.", "Het soort bevinding.", required=True,
       vocabulary="finding_types"),
    _f("intervention", T.TEXT, "The intervention tested, if any.",
       "De geteste interventie, als die er is.", free_text=True),
    _list("outcome_domains", _f("domain", T.KEY, "An outcome domain.", "Een uitkomstdomein.",
                                vocabulary="outcome_domains"),
          "What the finding is about.", "Waar de bevinding over gaat."),
    _EVIDENCE,
    _f("caveats", T.TEXT, "Limits of the finding.", "Beperkingen van de bevinding.",
       free_text=True),
    _list("recommendations", _RECOMMENDATION, "Recommendations to partners.",
          "Aanbevelingen aan partners."),
    _list("relations", _RELATION, "Relations to other findings.",
          "Relaties met andere bevindingen."),
    _f("reported", T.DATE, "When the project reported it.", "Wanneer het project het rapporteerde.",
       required=True),
    _f("review", T.KEY, "Review state.", "Reviewstatus.", required=True, choices=REVIEW_STATUSES),
    _f("reviewed_by", T.TEXT, "The supervisor who reviewed it.",
       "De begeleider die het reviewde.", public=False),
    _f("published", T.DATE, "When it was published.", "Wanneer het werd gepubliceerd."),
    _status_history(),
    _link_stamps(),
    _links_reviewed(),
)


@dataclass(frozen=True)
class Kind:
    """A record kind: its name, folder, ID prefix and fields."""

    name: str
    plural: str
    prefix: str
    status_field: str
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec | None:
        """The top-level field called ``name``, or None."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


QUESTION: Final = Kind("question", "questions", "Q", "status", QUESTION_FIELDS)
PROJECT: Final = Kind("project", "projects", "P", "status", PROJECT_FIELDS)
FINDING: Final = Kind("finding", "findings", "F", "review", FINDING_FIELDS)
KINDS: Final = {k.name: k for k in (QUESTION, PROJECT, FINDING)}
KINDS_BY_PLURAL: Final = {k.plural: k for k in KINDS.values()}
KINDS_BY_PREFIX: Final = {k.prefix: k for k in KINDS.values()}
