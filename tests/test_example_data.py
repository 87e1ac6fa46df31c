"""The example knowledge base of Leiden covers what the tool must show, and is fictional.

Read straight from the files with PyYAML, independently of the tool's own loader.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO
from veiligestad.model.statuses import QUESTION_STATUSES


def _records(kind: str) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((REPO / "data" / kind).glob("*.yaml"))]


def test_questions_cover_every_status() -> None:
    questions = _records("questions")
    assert len(questions) >= 12
    assert set(QUESTION_STATUSES) <= {q["status"] for q in questions}


def test_projects_cover_both_institutions_types_and_several_periods() -> None:
    projects = _records("projects")
    assert len(projects) >= 6
    assert {"hogeschool_leiden", "universiteit_leiden"} <= {p["institution"] for p in projects}
    assert {"action_research", "thesis"} <= {p["type"] for p in projects}
    periods = {(p["period"]["academic_year"], p["period"].get("semester")) for p in projects}
    assert len(periods) >= 3


def test_findings_span_the_four_quarters_of_2026_with_recommendations() -> None:
    findings = _records("findings")
    assert len(findings) >= 15
    quarters = Counter((f["reported"].month - 1) // 3 + 1 for f in findings
                       if f["reported"].year == 2026)
    assert set(quarters) == {1, 2, 3, 4}
    partners = {r["to"] for f in findings for r in f.get("recommendations", [])}
    assert len(partners) >= 3


def test_all_three_classifications_appear() -> None:
    every = _records("questions") + _records("projects") + _records("findings")
    assert {r.get("classification", "internal") for r in every} == {
        "public", "internal", "confidential"}


def test_config_is_leiden() -> None:
    config = yaml.safe_load((REPO / "veiligestad.yaml").read_text(encoding="utf-8"))
    assert config["city"] == "Leiden"
    assert "Fictief" in (Path(REPO / "README.md").read_text(encoding="utf-8")) or "fictional" in (
        REPO / "README.md").read_text(encoding="utf-8")
