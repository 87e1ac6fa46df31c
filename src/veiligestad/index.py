"""Links between records and the backlinks derived from them, built once per run.

Records only point one way (a finding names its project and questions, a project its questions);
everything that points back (which projects took up a question, which findings answer it) is
derived here, so it can never disagree with the files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from veiligestad.store.kb import KnowledgeBase


@dataclass
class LinkIndex:
    """Forward links read from the records and their inverses."""

    projects_of_question: dict[str, list[str]] = field(default_factory=dict)
    findings_of_question: dict[str, list[str]] = field(default_factory=dict)
    findings_of_project: dict[str, list[str]] = field(default_factory=dict)
    related_to_finding: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Every link once, as it is written: (from ID, to ID, relation); the relation is the field
    # that holds it (``questions``, ``project``) or a finding relation's type (``supports``).
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    _adjacent: dict[str, list[str]] | None = field(default=None, init=False, repr=False,
                                                   compare=False)

    def neighbours(self, record_id: str) -> list[str]:
        """The IDs linked to ``record_id`` in either direction, each once, in link order."""
        if self._adjacent is None:
            adjacent: dict[str, list[str]] = defaultdict(list)
            for source, target, _ in self.edges:
                adjacent[source].append(target)
                adjacent[target].append(source)
            self._adjacent = {k: list(dict.fromkeys(v)) for k, v in adjacent.items()}
        return list(self._adjacent.get(record_id, []))


def _ids(value: object) -> list[str]:
    return [v for v in _list(value) if isinstance(v, str)]


def _list(value: object) -> list[object]:
    """A list field's items; any other shape (``relations: 1``, a date, a mapping) has none.

    The index is built over every record, also those ``validate`` reports, so it trusts no shape.
    """
    return value if isinstance(value, list) else []


def build_index(kb: KnowledgeBase) -> LinkIndex:
    """Walk every record once and collect the backlinks."""
    projects: dict[str, list[str]] = defaultdict(list)
    findings: dict[str, list[str]] = defaultdict(list)
    by_project: dict[str, list[str]] = defaultdict(list)
    related: dict[str, list[tuple[str, str]]] = defaultdict(list)
    edges: list[tuple[str, str, str]] = []
    for record in kb.records():
        data = record.data
        record_id = record.record_id
        if data is None or record_id is None:
            continue
        if record.kind.name == "project":
            for question in _ids(data.get("questions")):
                projects[question].append(record_id)
                edges.append((record_id, question, "questions"))
        elif record.kind.name == "finding":
            project = data.get("project")
            if isinstance(project, str):
                by_project[project].append(record_id)
                edges.append((record_id, project, "project"))
            for question in _ids(data.get("questions")):
                findings[question].append(record_id)
                edges.append((record_id, question, "questions"))
            for relation in _list(data.get("relations")):
                if isinstance(relation, dict) and isinstance(relation.get("finding"), str):
                    kind = str(relation.get("type"))
                    related[relation["finding"]].append((kind, record_id))
                    edges.append((record_id, relation["finding"], kind))
    return LinkIndex(dict(projects), dict(findings), dict(by_project), dict(related), edges)
