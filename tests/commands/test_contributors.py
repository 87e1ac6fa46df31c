"""``veiligestad contributors``: who added findings comes from git, names only when asked."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
FINDING = (Path(__file__).parents[1] / "cases/base/data/findings/F-2026-9ZXA.yaml").read_text(
    encoding="utf-8")


def _add_finding(root: Path, finding_id: str, project: str = "P-2026-001") -> None:
    text = FINDING.replace("F-2026-9ZXA", finding_id).replace("P-2026-001", project)
    (root / f"data/findings/{finding_id}.yaml").write_text(text, encoding="utf-8")


def test_contributors_are_counted_per_institution_without_names(base_kb: Path) -> None:
    repo = init_repo(base_kb)  # the two base findings, by the pinned test author
    project = (base_kb / "data/projects/P-2026-001.yaml").read_text(encoding="utf-8")
    (base_kb / "data/projects/P-2026-002.yaml").write_text(
        project.replace("P-2026-001", "P-2026-002").replace("institution: hogeschool",
                                                            "institution: universiteit")
        .replace("programme: toegepaste_psychologie", "programme: criminologie"),
        encoding="utf-8")
    _add_finding(base_kb, "F-2026-AB12")
    commit_all(repo, "Findings of team A", "2026-06-20", ("Anna Student", "anna@example.invalid"))
    _add_finding(base_kb, "F-2026-CD34", "P-2026-002")
    _add_finding(base_kb, "F-2026-EF56", "P-2026-002")
    commit_all(repo, "Findings of a thesis", "2026-07-02", ("Bo Student", "bo@example.invalid"))
    _add_finding(base_kb, "F-2026-GH78")
    commit_all(repo, "One more", "2026-07-03", ("Anna S.", "ANNA@example.invalid"))

    result = runner.invoke(app, ["--kb", str(base_kb), "contributors", "-f", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == {
        "institutions": [
            {"institution": "hogeschool", "label": "Hogeschool", "findings": 4,
             "contributors": 2},
            {"institution": "universiteit", "label": "Universiteit", "findings": 2,
             "contributors": 1},
        ],
        "findings": 6, "contributors": 3,
    }
    table = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "contributors"])
    assert "In total 6 finding(s) added by 3 contributor(s)." in table.stdout
    assert "Student" not in table.stdout and "example.invalid" not in table.stdout

    named = runner.invoke(app, ["--kb", str(base_kb), "contributors", "--names", "-f", "json"])
    names = {i["institution"]: i["names"] for i in json.loads(named.stdout)["institutions"]}
    assert names == {"hogeschool": ["Anna Student", "Test Student"],
                     "universiteit": ["Bo Student"]}

    july = runner.invoke(app, ["--kb", str(base_kb), "contributors", "-f", "json",
                               "--since", "2026-07-01", "--until", "2026-07-02"])
    assert json.loads(july.stdout)["findings"] == 2
