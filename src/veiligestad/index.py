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


def build_index(kb: KnowledgeBase) -> LinkIndex:
    """Walk every record's links once and collect the backlinks.

    The links come from ``RecordFile.outgoing`` (``store/links.py``), which trusts no shape: the
    index is built over every record, also those ``validate`` reports. A record the cache proved
    unchanged gives them without reading its data.
    """
    projects: dict[str, list[str]] = defaultdict(list)
    findings: dict[str, list[str]] = defaultdict(list)
    by_project: dict[str, list[str]] = defaultdict(list)
    related: dict[str, list[tuple[str, str]]] = defaultdict(list)
    edges: list[tuple[str, str, str]] = []
    for record in kb.records():
        record_id = record.record_id
        if record_id is None:
            continue
        is_project = record.kind.name == "project"
        for target, relation, where in record.outgoing():
            edges.append((record_id, target, relation))
            if is_project:
                projects[target].append(record_id)
            elif where == "project":
                by_project[target].append(record_id)
            elif where == "questions":
                findings[target].append(record_id)
            else:
                related[target].append((relation, record_id))
    return LinkIndex(dict(projects), dict(findings), dict(by_project), dict(related), edges)
