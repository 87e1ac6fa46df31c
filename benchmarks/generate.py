"""Generate a valid, synthetic knowledge base of N records for the benchmarks.

    python benchmarks/generate.py 30000 --seed 7 /tmp/kb-30k
    python benchmarks/generate.py 30000 --seed 7 --today 2026-10-01 /tmp/kb-30k

The records are invented (every one says ``fictional: true``) and made in the proportions of a real
programme: about one question to one project to two findings, linked as the validator wants them
(a finding's questions are among its project's questions, a finished project has findings, a
delivered question is answered), with every status of every kind, every classification, embargoes,
recommendations with follow-up, relations among findings, and Dutch text of realistic length.

The records cover the ten years up to the day of the run (``--today``, default the real today):
nothing that has happened is dated after it, and open work is recent. The same N, seed and day
always give the same bytes. ``veiligestad validate`` with ``VEILIGESTAD_TODAY`` set to that day
reports no errors and no warnings on the result (``tests/benchmarks/test_generate.py`` checks that
at several sizes and days).

The vocabularies come from the example knowledge base's ``veiligestad.yaml`` at the repository root,
so every key used is one the config allows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CONFIG_SOURCE = REPO / "veiligestad.yaml"
YEARS = 10  # ten years of a national programme, up to and including today's year
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# Sentences are assembled from parts, so texts differ from record to record while staying Dutch and
# plausible. None of them holds a number pattern that the personal-data rule would mistake.
_WHO = ["jonge vrouwen", "meisjes op het mbo", "studentes", "vrouwen die 's avonds reizen",
        "scholieren in de onderbouw", "vrouwelijke horecamedewerkers", "bewoonsters van de wijk",
        "vrouwen met een migratieachtergrond", "sportende meiden", "oudere vrouwen"]
_WHERE = ["in de binnenstad", "rond het station", "in de nachtbus", "op het fietspad langs het "
          "water", "in het uitgaansgebied", "bij de sporthal", "in de wijk", "op sociale media",
          "bij de tramhalte", "in het park", "op het schoolplein", "in de parkeergarage"]
_WHAT = ["straatintimidatie", "nafluiten en naroepen", "ongewenste aanrakingen",
         "online lastigvallen", "achtervolgd worden", "seksueel getinte opmerkingen",
         "intimiderend gedrag van groepen", "ongewenste berichten"]
_ACTION = ["een training voor omstanders", "betere verlichting", "een meldapp",
           "een campagne in de bus", "extra toezicht op vrijdagavond", "een codewoord aan de bar",
           "gastlessen over grenzen", "een vast aanspreekpunt in de wijk"]
_TEMPLATES = [
    "Veel {who} zeggen {what} mee te maken {where}, vooral in de avonduren.",
    "{who_c} vertellen dat zij {where} hun route aanpassen om {what} te vermijden.",
    "Omstanders grijpen {where} zelden in bij {what}, omdat zij niet weten wat zij kunnen doen.",
    "De bereidheid om {what} te melden is laag: {who} denken dat melden weinig uithaalt.",
    "Na de invoering van {action} voelen {who} zich {where} iets veiliger, al blijft het verschil "
    "klein.",
    "Professionals noemen {action} kansrijk, mits de gemeente en de partners het samen dragen.",
    "In gesprekken met {who} komt naar voren dat {what} {where} als normaal wordt gezien.",
    "Het effect van {action} is nog niet vast te stellen, omdat de periode van de meting kort was.",
    "Respondenten wijzen op het belang van zichtbare aanspreekpunten {where}.",
    "De gemeente vraagt zich af of {action} helpt tegen {what} {where}.",
]
_CAVEATS = [
    "Geen aselecte steekproef: de uitkomsten gelden niet zonder meer voor de hele stad.",
    "De meting besloeg één seizoen; in de zomer kan het beeld anders zijn.",
    "Zelfrapportage kan tot onderschatting leiden, omdat niet iedereen alles wil vertellen.",
    "Er was geen vergelijkingsgroep, dus een effect is niet aan de interventie toe te schrijven.",
    "Het aantal respondenten per wijk is klein; verschillen tussen wijken zijn indicatief.",
]
_TITLE_PARTS = ["Veiligheidsbeleving", "Meldingsbereidheid", "Omstandergedrag",
                "Online intimidatie", "Uitgaansleven", "Openbaar vervoer", "Sportparken",
                "Schoolroutes", "Fietsroutes", "Wijkaanpak"]
_TITLE_TAIL = ["in beeld", "na een training", "bij jongeren", "in de avond", "en verlichting",
               "vanuit de wijk", "volgens professionals", "in de praktijk", "en preventie",
               "bij evenementen"]


@dataclass
class Vocab:
    """The vocabulary keys of the config, for picking valid values."""

    raw: dict[str, Any]
    programmes: dict[str, list[str]] = field(default_factory=dict)

    def keys(self, name: str) -> list[str]:
        return list(self.raw["vocabularies"][name])

    def __post_init__(self) -> None:
        for key, entry in self.raw["vocabularies"]["institutions"].items():
            self.programmes[key] = list(entry.get("programmes") or {})


def _sentence(rng: random.Random) -> str:
    who = rng.choice(_WHO)
    text = rng.choice(_TEMPLATES).format(who=who, who_c=who[0].upper() + who[1:],
                                          where=rng.choice(_WHERE), what=rng.choice(_WHAT),
                                          action=rng.choice(_ACTION))
    return text[0].upper() + text[1:]


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(low, high)))


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_TITLE_PARTS)} {rng.choice(_TITLE_TAIL)} {rng.choice(_WHERE)}"


_PLAIN = re.compile(r"^[A-Za-zÀ-ÿ][^:#'\"\n]*[^:#'\"\n ]$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in ("yes", "no", "on", "off", "true", "false",
                                                   "null"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _emit(data: dict[str, Any], indent: str = "") -> Iterator[str]:
    """Block-style YAML as people write it: folded text, flow lists of keys."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield f"{indent}{key}:"
            yield from _emit(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield f"{indent}{key}:"
            for item in value:
                lines = list(_emit(item, indent + "    "))
                yield f"{indent}  - {lines[0].lstrip()}"
                yield from lines[1:]
        elif isinstance(value, list):
            yield f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]"
        elif isinstance(value, str) and len(value) > 70:
            yield f"{indent}{key}: >-"
            yield from textwrap.wrap(value, 98, initial_indent=indent + "  ",
                                     subsequent_indent=indent + "  ")
        else:
            yield f"{indent}{key}: {_scalar(value)}"


def _history(steps: list[tuple[dt.date, str]], by: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    before = None
    for day, status in steps:
        entry: dict[str, Any] = {"date": day}
        if before is not None:
            entry["from"] = before
        entry["to"] = status
        entry["by"] = by
        entries.append(entry)
        before = status
    return entries


class Generator:
    """Makes records cluster by cluster: a question, its project and the project's findings."""

    def __init__(self, vocab: Vocab, seed: int, today: dt.date) -> None:
        self.vocab = vocab
        self.today = today
        self.rng = random.Random(seed)
        self.records: dict[str, dict[str, Any]] = {}
        self.numbers: dict[tuple[str, int], int] = {}
        self.finding_ids: list[str] = []
        self.alone = 0

    # -- IDs ------------------------------------------------------------------------------------
    def _numbered(self, prefix: str, year: int) -> str:
        number = self.numbers.get((prefix, year), 0) + 1
        self.numbers[(prefix, year)] = number
        return f"{prefix}-{year}-{number:03d}"

    def _finding_id(self, year: int) -> str:
        while True:
            code = "".join(self.rng.choice(CROCKFORD) for _ in range(5))
            candidate = f"F-{year}-{code}"
            if candidate not in self.records:
                return candidate

    # -- pieces ---------------------------------------------------------------------------------
    def _common(self, record_id: str) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {"id": record_id, "title": _title(rng),
                                "classification": rng.choice(["public", "public", "internal",
                                                              "confidential"]),
                                "fictional": True}
        if rng.random() < 0.3:
            data["notes"] = "Synthetisch record voor de benchmark: geen echt onderzoek."
        return data

    def _day(self, year: int, low: int = 0, high: int = 330) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randint(low, high))

    def question(self, year: int, status: str, received: dt.date,
                 steps: list[tuple[dt.date, str]]) -> str:
        rng = self.rng
        record_id = self._numbered("Q", year)
        data = self._common(record_id)
        partner = rng.choice(self.vocab.keys("partners"))
        data.update({
            "asked_by": partner,
            "department": rng.choice(self.vocab.keys("departments")),
            "themes": rng.sample(self.vocab.keys("themes"), rng.randint(1, 3)),
            "original_text": _text(rng, 2, 3),
            "research_question": _text(rng, 1, 2).rstrip(".") + "?",
            "target_group": rng.choice(_WHO)[0].upper() + rng.choice(_WHO)[1:],
            "location": rng.choice(self.vocab.keys("locations")),
            "intended_use": rng.choice(self.vocab.keys("intended_uses")),
            "suitable_for": rng.sample(self.vocab.keys("study_formats"), rng.randint(1, 2)),
            "received": received,
            "needed_by": received + dt.timedelta(days=rng.randint(120, 300)),
            "status": status,
        })
        if status not in ("submitted", "intake"):
            data["decision_reason"] = _text(rng, 1, 1)
        data["status_history"] = _history(steps, "coördinator")
        self.records[record_id] = data
        return record_id

    def project(self, year: int, question_ids: list[str], status: str, start: dt.date,
                end: dt.date, steps: list[tuple[dt.date, str]]) -> str:
        rng = self.rng
        record_id = self._numbered("P", year)
        data = self._common(record_id)
        institution = rng.choice(list(self.vocab.programmes))
        # the academic period that holds the start date (periods.academic_window): semester 1
        # from 15 August to the end of January, semester 2 up to the end of August
        if (start.month, start.day) >= (8, 15):
            semester, first = 1, start.year
        else:
            semester, first = (1 if start.month == 1 else 2), start.year - 1
        students = rng.randint(1, 8)
        data.update({
            "questions": question_ids,
            "type": rng.choice(self.vocab.keys("project_types")),
            "institution": institution,
            "programme": rng.choice(self.vocab.programmes[institution]),
            "period": {"academic_year": f"{first}-{first + 1}", "semester": semester},
            "start": start,
            "end": end,
            "student_count": students,
            "contributors": [f"student-{rng.randint(1, 9999)}" for _ in range(students)],
            "supervisor": "docent " + rng.choice(["criminologie", "toegepaste psychologie",
                                                  "social work", "psychologie"]),
            "client_contact": "contactpersoon bij de opdrachtgever",
            "methods": rng.sample(self.vocab.keys("methods"), rng.randint(1, 3)),
            "respondents": rng.randint(8, 400),
            "ethics": {"dmp": True, "supervisor_check": True,
                       "dpia": rng.choice(["not_needed", "pending", "done"]),
                       "minors": rng.random() < 0.2,
                       "consent": rng.choice(["written", "oral"])},
        })
        if status == "finished":
            data["deliverables"] = [self._deliverable(record_id, start, n) for n in range(
                rng.randint(1, 2))]
            data["presentations"] = [{"date": end, "audience": rng.sample(
                self.vocab.keys("partners"), 2), "title": "Eindpresentatie"}]
        data["status"] = status
        if status == "stopped":
            data["status_reason"] = "De studenten zijn gestopt; de vraag gaat terug naar de pool."
        data["status_history"] = _history(steps, "coördinator")
        self.records[record_id] = data
        return record_id

    def _deliverable(self, project_id: str, start: dt.date, n: int) -> dict[str, Any]:
        rng = self.rng
        item: dict[str, Any] = {
            "type": rng.choice(self.vocab.keys("deliverable_types")),
            "title": _title(rng),
            "url": f"https://example.org/veiligestad/{project_id}/{n + 1}",
            "classification": "public" if rng.random() < 0.7 else "internal",
        }
        if item["classification"] == "public" and rng.random() < 0.15:
            item["embargo_until"] = start + dt.timedelta(days=rng.randint(200, 900))
        return item

    def finding(self, year: int, project_id: str, question_ids: list[str], review: str,
                reported: dt.date) -> str:
        rng = self.rng
        record_id = self._finding_id(year)
        data = self._common(record_id)
        if data["classification"] == "public" and rng.random() < 0.1:
            data["embargo_until"] = reported + dt.timedelta(days=rng.randint(30, 700))
        data.update({
            "project": project_id,
            "questions": question_ids,
            "statement": _text(rng, 2, 4),
            "type": rng.choice(self.vocab.keys("finding_types")),
        })
        if data["type"] == "intervention_effect":
            data["intervention"] = rng.choice(_ACTION)[0].upper() + rng.choice(_ACTION)[1:]
        data["outcome_domains"] = rng.sample(self.vocab.keys("outcome_domains"), rng.randint(1, 2))
        data["evidence"] = {"design": rng.randint(1, 3),
                            "maturity": rng.choice(self.vocab.keys("evidence_maturity")),
                            "summary": _text(rng, 1, 2)}
        data["caveats"] = rng.choice(_CAVEATS)
        recommendations = []
        for _ in range(rng.randint(1, 3)):
            follow_up = rng.choice(["none", "responded", "adopted", "rejected"])
            item: dict[str, Any] = {"text": _sentence(rng), "to": rng.choice(
                self.vocab.keys("partners")), "follow_up": follow_up}
            if follow_up != "none":
                item["follow_up_date"] = reported + dt.timedelta(days=rng.randint(30, 200))
            recommendations.append(item)
        data["recommendations"] = recommendations
        if self.finding_ids and rng.random() < 0.3:
            data["relations"] = [{"type": rng.choice(["supports", "contradicts", "replicates"]),
                                  "finding": rng.choice(self.finding_ids[-200:])}]
        data["reported"] = reported
        data["review"] = review
        steps = [(reported, "draft")]
        if review in ("reviewed", "published"):
            data["reviewed_by"] = "scriptiebegeleider"
            steps.append((reported + dt.timedelta(days=14), "reviewed"))
        if review == "published":
            data["published"] = reported + dt.timedelta(days=28)
            steps.append((data["published"], "published"))
        data["status_history"] = _history(steps, "student-" + str(rng.randint(1, 9999)))
        self.records[record_id] = data
        self.finding_ids.append(record_id)
        return record_id

    # -- clusters -------------------------------------------------------------------------------
    def cluster(self, year: int, shape: str) -> None:
        """One question and what came of it; ``shape`` says how far it got.

        Every date that records something that happened (a status change, a report, a
        publication) lies on or before ``today``: a cluster whose story would end after today is
        moved back in time as a whole, and its IDs take the year it was received in.
        """
        rng = self.rng
        today = self.today
        if shape == "alone":
            self._question_alone(year)
            return
        # A question that found a project: received, intake, ready, matched, then the project.
        if shape in ("running", "planned"):
            received = today - dt.timedelta(days=rng.randint(70, 240))  # work in hand is recent
        else:
            received = self._day(year, 0, 200)
        intake = rng.randint(2, 10)
        ready = intake + rng.randint(2, 14)
        matched = ready + rng.randint(2, 20)
        start = matched + rng.randint(1, 20)
        end = start + rng.randint(90, 150)
        stop = start + rng.randint(10, 40)
        fed_back, closed = end + 14, end + 60
        reported = [rng.randint(10, 40) for _ in range(2)] if shape == "running" else [
            end - rng.randint(0, 20) for _ in range(rng.choice([2, 3, 3]))]
        # The last day of this story that must not lie after today.
        last = {"planned": matched, "stopped": stop, "running": start + max(reported),
                "finished": closed + 28}[shape]
        if received + dt.timedelta(days=last) > today:
            received = today - dt.timedelta(days=last + rng.randint(0, 30))
        year = received.year

        def day(offset: int) -> dt.date:
            return received + dt.timedelta(days=offset)

        q_steps = [(received, "submitted"), (day(intake), "intake"), (day(ready), "ready"),
                   (day(matched), "matched")]
        p_steps = [(day(matched), "planned")]
        end_day = day(end)
        if shape == "planned":
            q_status, p_status = "matched", "planned"
        elif shape == "stopped":
            q_steps += [(day(start), "in_progress"), (day(stop), "ready")]
            p_steps += [(day(start), "running"), (day(stop), "stopped")]
            q_status, p_status = "ready", "stopped"
        elif shape == "running":
            end_day = max(end_day, today + dt.timedelta(days=rng.randint(20, 120)))
            q_steps += [(day(start), "in_progress")]
            p_steps += [(day(start), "running")]
            q_status, p_status = "in_progress", "running"
        else:  # finished, with findings
            q_status = rng.choice(["delivered", "fed_back", "closed"])
            q_steps += [(day(start), "in_progress"), (day(end), "delivered")]
            if q_status in ("fed_back", "closed"):
                q_steps.append((day(fed_back), "fed_back"))
            if q_status == "closed":
                q_steps.append((day(closed), "closed"))
            p_steps += [(day(start), "running"), (day(end), "finished")]
            p_status = "finished"
        question_id = self.question(year, q_status, received, q_steps)
        project_id = self.project(year, [question_id], p_status, day(start), end_day, p_steps)
        if shape == "running":
            for offset in reported:
                self.finding(year, project_id, [question_id], "draft", day(start + offset))
        elif shape == "finished":
            recent = today - end_day < dt.timedelta(days=365)  # the last year's is in review
            for offset in reported:
                review = rng.choice(["draft", "reviewed", "published"]) if recent else "published"
                self.finding(year, project_id, [question_id], review, day(offset))

    def _question_alone(self, year: int) -> None:
        """A question that never got a project: still at intake, or decided otherwise.

        Open ones are recent (a ready question waiting months would be flagged, rightly).
        """
        rng = self.rng
        today = self.today
        self.alone += 1
        status = _ALONE[self.alone % len(_ALONE)]
        if status in ("submitted", "intake", "ready", "parked"):
            received = today - dt.timedelta(days=rng.randint(25, 60))
        else:
            # Decided ones may be old, but at most a few steps of twelve days lie after receipt.
            received = min(self._day(year, 0, 60), today - dt.timedelta(days=rng.randint(40, 90)))
        year = received.year
        day = received
        steps = [(day, "submitted")]

        def step(status_: str) -> None:
            nonlocal day
            day = day + dt.timedelta(days=rng.randint(2, 12))
            steps.append((day, status_))

        if status != "submitted":
            step("intake")
        if status == "ready":
            step("ready")
        elif status == "parked":
            step("parked")
        elif status in ("refused", "referred", "advised"):
            step(status)
        elif status == "closed":
            step(rng.choice(["refused", "referred", "advised"]))
            step("closed")
        self.question(year, status, received, steps)


_ALONE = ["submitted", "refused", "intake", "referred", "ready", "advised", "parked",
          "closed"]
# Ten shapes per round: about 1 question : 0.9 project : 1.8 findings, every status reached.
_ROUND = ["finished"] * 6 + ["running", "planned", "stopped", "alone"]


def generate(count: int, seed: int, today: dt.date) -> dict[str, dict[str, Any]]:
    """``count`` records (exactly), keyed by ID, valid on ``today`` (nothing happens after it)."""
    vocab = Vocab(yaml.safe_load(CONFIG_SOURCE.read_text(encoding="utf-8")))
    gen = Generator(vocab, seed, today)
    years = list(range(today.year - YEARS + 1, today.year + 1))
    index = 0
    while len(gen.records) < count - 5:  # a cluster adds at most five records
        # Spread the clusters over the years, about 3.7 records a cluster.
        year = years[min(len(years) - 1, int(index * 3.7 * len(years) / count))]
        gen.cluster(year, _ROUND[index % len(_ROUND)])
        index += 1
    while len(gen.records) < count:
        gen.cluster(today.year - 1, "alone")
    return gen.records


def write(records: dict[str, dict[str, Any]], target: Path) -> None:
    """The config (the example's vocabularies, a synthetic city) and one file per record."""
    folders = {"Q": "questions", "P": "projects", "F": "findings"}
    for folder in folders.values():
        (target / "data" / folder).mkdir(parents=True, exist_ok=True)
    config = CONFIG_SOURCE.read_text(encoding="utf-8")
    config = re.sub(r"^city: .*$", "city: Synthetische stad (benchmark)", config, count=1,
                    flags=re.MULTILINE)
    (target / "veiligestad.yaml").write_text(config, encoding="utf-8")
    (target / ".gitignore").write_text(".veiligestad-cache/\n", encoding="utf-8")
    for record_id, data in records.items():
        text = "\n".join(_emit(data)) + "\n"
        path = target / "data" / folders[record_id[0]] / f"{record_id}.yaml"
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many records")
    parser.add_argument("target", type=Path, help="the folder to create (must not exist, or be "
                        "empty)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the day the records are valid on, YYYY-MM-DD (default: today); "
                        "validate with VEILIGESTAD_TODAY set to the same day")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    if args.target.exists() and any(args.target.iterdir()):
        parser.error(f"{args.target} exists and is not empty")
    records = generate(args.count, args.seed, args.today)
    write(records, args.target)
    kinds = {p: sum(1 for r in records if r[0] == p) for p in "QPF"}
    print(f"{len(records)} records in {args.target}: {kinds['Q']} questions, {kinds['P']} "
          f"projects, {kinds['F']} findings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
