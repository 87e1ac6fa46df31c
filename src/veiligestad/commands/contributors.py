"""``veiligestad contributors``: who added findings, counted per institution, from git.

Who added a finding is not written in the record (a public record must not name students); it is
the author of the commit that added the finding's file. Contributors are counted by distinct
author e-mail address, grouped by the institution of the finding's project, and named only when
asked (``names=True``). ``stats`` can call :func:`contributors` for its contributor counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veiligestad.commands.history import parse_version, require_repo
from veiligestad.i18n import Translator
from veiligestad.store.kb import open_kb

UNKNOWN = "?"  # the institution of a finding whose project cannot be found


@dataclass
class InstitutionCount:
    """Findings added and distinct people who added them, for one institution."""

    institution: str
    label: str
    findings: int = 0
    contributors: int = 0
    names: list[str] | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping; ``names`` only when they were asked for."""
        out: dict[str, Any] = {"institution": self.institution, "label": self.label,
                               "findings": self.findings, "contributors": self.contributors}
        if self.names is not None:
            out["names"] = self.names
        return out


@dataclass
class ContributorCounts:
    """Per institution, and in total."""

    institutions: list[InstitutionCount] = field(default_factory=list)
    findings: int = 0
    contributors: int = 0


def contributors(root: Path, t: Translator, names: bool = False,
                 since: dt.date | None = None, until: dt.date | None = None) -> ContributorCounts:
    """Count, per institution, the findings added in git and the distinct people who added them.

    ``since``/``until`` (inclusive) limit the count to findings added in that period (by the
    date of the commit that added them). Names are only collected when ``names`` is true.
    """
    repo = require_repo(root, t)
    kb = open_kb(root, t)
    people: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, dict[str, str]] = defaultdict(dict)
    counted: dict[str, set[str]] = defaultdict(set)
    everyone: set[str] = set()
    for commit, rel in repo.commits_adding("data/findings"):
        day = commit.authored.date()
        if (since and day < since) or (until and day > until) or not rel.endswith(".yaml"):
            continue
        finding_id = rel.rsplit("/", 1)[-1][: -len(".yaml")]
        record = kb.get(finding_id)
        data = record.data if record is not None and record.data else parse_version(
            repo.show(commit.sha, rel))
        institution = _institution(kb, data)
        key = commit.email.strip().lower() or commit.author
        people[institution].add(key)
        everyone.add(key)
        counted[institution].add(finding_id)
        shown[institution].setdefault(key, commit.author)
    vocabulary = kb.config.vocabulary("institutions")
    result = ContributorCounts(findings=sum(len(v) for v in counted.values()),
                               contributors=len(everyone))
    for institution in sorted(counted):
        entry = vocabulary.get(institution)
        label = t.label(entry.labels if entry else None, institution)
        result.institutions.append(InstitutionCount(
            institution, label, len(counted[institution]), len(people[institution]),
            sorted(set(shown[institution].values())) if names else None))
    return result


def _institution(kb: Any, finding: dict[str, Any]) -> str:
    project_id = finding.get("project")
    project = kb.get(project_id) if isinstance(project_id, str) else None
    if project is None or project.data is None:
        return UNKNOWN
    value = project.data.get("institution")
    return value if isinstance(value, str) else UNKNOWN
