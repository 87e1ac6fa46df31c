"""``veiligestad report``: the quarterly report and partner digest, golden files, errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import git
import pytest

from tests.commands.report_helpers import assert_golden, copy_example, report
from tests.conftest import CASES


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "leiden")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_quarterly_markdown_of_the_example_matches_the_golden_file(example: Path,
                                                                   lang: str) -> None:
    result = report(example, "quarterly", "--quarter", "2026-Q3", "--lang", lang,
                    "-o", "rapport.md")
    assert result.exit_code == 0, result.output
    assert_golden(f"kwartaalrapportage-2026-Q3.{lang}.md",
                  (example / "rapport.md").read_text(encoding="utf-8"))
    # The charts are image files beside the Markdown, each referenced by it.
    text = (example / "rapport.md").read_text(encoding="utf-8")
    for image in ("rapport-funnel.svg", "rapport-findings.svg", "rapport-follow-up.svg"):
        assert f"]({image})" in text
        assert (example / image).read_text(encoding="utf-8").startswith("<svg")


def test_partner_digest_of_the_example_matches_the_golden_file(example: Path) -> None:
    result = report(example, "partner", "politie", "--quarter", "2026-Q3", "-o", "politie.md")
    assert result.exit_code == 0, result.output
    assert_golden("partneroverzicht-politie-2026-Q3.nl.md",
                  (example / "politie.md").read_text(encoding="utf-8"))


def test_the_quarter_may_be_written_in_three_ways(example: Path) -> None:
    outputs = []
    for spelling in ("2026-Q3", "2026Q3", "2026-K3"):
        result = report(example, "quarterly", "--quarter", spelling, "-o", "r.md")
        assert result.exit_code == 0, result.output
        text = (example / "r.md").read_text(encoding="utf-8")
        outputs.append(re.sub(r"--quarter \S+", "", text))
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_default_file_name_follows_language_and_quarter(example: Path) -> None:
    assert report(example, "quarterly", "--quarter", "2026-Q3").exit_code == 0
    assert (example / "kwartaalrapportage-2026-Q3.md").is_file()
    assert report(example, "quarterly", "--quarter", "2026-Q3", "--lang", "en",
                  "--format", "html").exit_code == 0
    assert (example / "quarterly-report-2026-Q3.html").is_file()


def test_the_footer_names_the_commit_and_whether_the_tree_had_changes(example: Path) -> None:
    repo = git.Repo.init(example)
    repo.git.add(A=True)
    repo.git.commit(m="Example")
    sha = repo.head.commit.hexsha[:12]
    assert report(example, "quarterly", "--quarter", "2026-Q3", "-o", "../r.md").exit_code == 0
    footer = (example.parent / "r.md").read_text(encoding="utf-8").split("\n---\n")[-1]
    assert f"commit {sha}\n" in footer or f"commit {sha}  \n" in footer
    assert "veiligestad 0.1.0 op 27 november 2026" in footer
    assert "Opdracht: veiligestad report quarterly --quarter 2026-Q3 --format md" in footer
    (example / "data" / "questions" / "Q-2026-001.yaml").write_text("id: Q-2026-001\n")
    assert report(example, "quarterly", "--quarter", "2026-Q3", "-o", "../r.md").exit_code == 0
    footer = (example.parent / "r.md").read_text(encoding="utf-8").split("\n---\n")[-1]
    assert f"commit {sha}, met niet-vastgelegde wijzigingen" in footer


def test_a_quarter_without_records_gives_a_short_correct_report(base_kb: Path) -> None:
    result = report(base_kb, "quarterly", "--quarter", "2020-Q1", "--lang", "en", "-o", "r.md")
    assert result.exit_code == 0, result.output
    text = (base_kb / "r.md").read_text(encoding="utf-8")
    assert "Nothing came in, started, finished or was found in 2020-Q1." in text
    assert "| Questions received | 0 | 0 |" in text
    assert "No new findings were reported this quarter." in text
    assert "![" not in text  # no empty charts
    assert not list(base_kb.glob("r-*.svg"))
    assert len(text.splitlines()) < 90


def test_a_knowledge_base_without_any_records_gets_a_report(tmp_path: Path) -> None:
    root = tmp_path / "leeg"
    root.mkdir()
    (root / "veiligestad.yaml").write_text((CASES / "base" / "veiligestad.yaml").read_text())
    for fmt in ("md", "html"):
        result = report(root, "quarterly", "--quarter", "2026-Q3", "--format", fmt)
        assert result.exit_code == 0, result.output
    text = (root / "kwartaalrapportage-2026-Q3.md").read_text(encoding="utf-8")
    assert "Er staan geen vragen open." in text
    assert "verzonnen" not in text  # no fictional records, so no warning about them


@pytest.mark.parametrize("args, message", [
    (["quarterly", "--quarter", "2026-Q5"], "'2026-Q5' is geen kwartaal"),
    (["partner", "politi", "--quarter", "2026-Q3"], "'politi' is geen partner"),
    (["quarterly", "--quarter", "2026-Q3", "--format", "docx"], "docx"),
])
def test_mistakes_are_usage_errors(example: Path, args: list[str], message: str) -> None:
    result = report(example, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_partner_suggests_the_nearest(example: Path) -> None:
    result = report(example, "partner", "politi", "--quarter", "2026-Q3")
    assert "bekende partners: politie" in result.output


def test_pdf_without_weasyprint_says_how_to_get_it(example: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    result = report(example, "quarterly", "--quarter", "2026-Q3", "--format", "pdf")
    assert result.exit_code == 2
    assert "pip install 'veiligestad[pdf]'" in result.output
    assert not (example / "kwartaalrapportage-2026-Q3.pdf").exists()


def test_a_knowledge_base_template_overrides_the_built_in_one(example: Path) -> None:
    (example / "templates" / "report").mkdir(parents=True)
    (example / "templates" / "report" / "report.md.j2").write_text(
        "# {{ doc.title }}\n{% for s in doc.sections %}- {{ s.title }}\n{% endfor %}")
    assert report(example, "quarterly", "--quarter", "2026-Q3", "-o", "r.md").exit_code == 0
    text = (example / "r.md").read_text(encoding="utf-8")
    assert text.startswith("# Veilige Steden Leiden\n- Kerncijfers\n")


def test_record_text_cannot_inject_html(example: Path) -> None:
    path = example / "data" / "findings" / "F-2026-19J9.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "statement: >-\n", "statement: >-\n  <script>alert(1)</script> [x](javascript:alert(2))\n")
    path.write_text(text, encoding="utf-8")
    for fmt in ("md", "html"):
        assert report(example, "quarterly", "--quarter", "2026-Q3", "--format", fmt,
                      "-o", f"r.{fmt}").exit_code == 0
        out = (example / f"r.{fmt}").read_text(encoding="utf-8")
        assert "<script>alert" not in out
        assert "&lt;script&gt;alert(1)" in out
        assert 'href="javascript' not in out


def _drop_lines(path: Path, *prefixes: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith(prefixes):
            skipping = line.rstrip().endswith(":")  # a block key: drop its indented lines too
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def test_a_project_without_start_takes_the_date_from_its_history(example: Path) -> None:
    _drop_lines(example / "data" / "projects" / "P-2026-004.yaml", "start:")
    assert report(example, "quarterly", "--quarter", "2026-Q3", "-o", "r.md").exit_code == 0
    started = (example / "r.md").read_text(encoding="utf-8").split("### Gestart")[1]
    assert "| P-2026-004 |" in started.split("###")[0]


def test_a_project_without_any_date_takes_the_date_of_its_first_commit(example: Path) -> None:
    project = example / "data" / "projects" / "P-2026-004.yaml"
    _drop_lines(project, "start:", "status_history:")
    assert report(example, "quarterly", "--quarter", "2026-Q4", "-o", "r.md").exit_code == 0
    assert "| P-2026-004 |" not in (example / "r.md").read_text(encoding="utf-8").split(
        "## 4.")[0]  # not in git: no date at all, so in no period
    repo = git.Repo.init(example)
    repo.git.add(A=True)
    repo.git.commit(m="Example")  # the pinned commit date is 27 November 2026
    assert report(example, "quarterly", "--quarter", "2026-Q4", "-o", "../r.md").exit_code == 0
    text = (example.parent / "r.md").read_text(encoding="utf-8")
    started = text.split("### Gestart in dit kwartaal")[1].split("###")[0]
    assert "| P-2026-004 |" in started
