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


def _ids(value: object) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def build_index(kb: KnowledgeBase) -> LinkIndex:
    """Walk every record once and collect the backlinks."""
    projects: dict[str, list[str]] = defaultdict(list)
    findings: dict[str, list[str]] = defaultdict(list)
    by_project: dict[str, list[str]] = defaultdict(list)
    related: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record in kb.records():
        data = record.data
        record_id = record.record_id
        if data is None or record_id is None:
            continue
        if record.kind.name == "project":
            for question in _ids(data.get("questions")):
                projects[question].append(record_id)
        elif record.kind.name == "finding":
            for question in _ids(data.get("questions")):
                findings[question].append(record_id)
            project = data.get("project")
            if isinstance(project, str):
                by_project[project].append(record_id)
            for relation in data.get("relations") or []:
                if isinstance(relation, dict) and isinstance(relation.get("finding"), str):
                    related[relation["finding"]].append((str(relation.get("type")), record_id))
    return LinkIndex(dict(projects), dict(findings), dict(by_project), dict(related))
