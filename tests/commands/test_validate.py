"""``veiligestad validate`` over whole knowledge bases: paths, strictness, read-only, example."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from veiligestad.cli.main import app

runner = CliRunner()
BROKEN = "id: Q-2026-003\ntitle: Kapot\nfictional: true\nasked_by: politie\nthemes: [preventie]\n" \
    "received: 2026-03-01\nstatus: submitted\nthemse: [ov]\n"


def _tree_state(root: Path) -> dict[str, tuple[str, int]]:
    state = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            info = path.stat()
            state[str(path.relative_to(root))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns)
    return state


def test_the_example_knowledge_base_is_valid() -> None:
    result = runner.invoke(app, ["--kb", str(REPO), "validate", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    payload = json.loads(result.stdout)
    assert payload["counts"]["error"] == 0


def test_example_records_are_all_marked_fictional() -> None:
    import yaml

    files = sorted((REPO / "data").rglob("*.yaml"))
    assert len(files) >= 12 + 6 + 15
    for path in files:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert record.get("fictional") is True, path
        assert "fictie" in (record.get("notes", "") + record.get("title", "")).lower(), path


def test_paths_limit_the_report_but_links_use_everything(base_kb: Path) -> None:
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN, encoding="utf-8")
    # The finding is valid, and its links resolve against files outside the selection.
    only_finding = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json",
                                       str(base_kb / "data/findings/F-2026-7KQ3.yaml")])
    assert only_finding.exit_code == 0, only_finding.stdout
    only_questions = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json",
                                         str(base_kb / "data/questions")])
    assert only_questions.exit_code == 1
    paths = {p["path"] for p in json.loads(only_questions.stdout)["problems"]}
    assert paths == {"data/questions/Q-2026-003.yaml"}


def test_relative_paths_are_taken_from_the_current_folder(base_kb: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(base_kb / "data")
    result = runner.invoke(app, ["validate", "questions/Q-2026-003.yaml"])
    assert result.exit_code == 1
    assert "data/questions/Q-2026-003.yaml:8:1: error" in result.stdout


def test_a_path_outside_the_knowledge_base_is_a_usage_error(base_kb: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate", str(outside)])
    assert result.exit_code == 2
    assert "outside the knowledge base" in result.stderr
    missing = runner.invoke(app, ["--kb", str(base_kb), "validate", str(base_kb / "nope.yaml")])
    assert missing.exit_code == 2


@pytest.mark.parametrize("given", ["README.md", "veiligestad.yaml", "templates",
                                   "templates/site/x.html.j2", "notes.txt", "schemas"])
def test_a_path_that_holds_no_record_is_a_usage_error(base_kb: Path, given: str) -> None:
    """``validate README.md`` said "no problems in 0 files" with exit 0: a student who points
    it at the wrong file must not get a green light. Every path in the knowledge base but
    data/ and queries/ (and the root) is refused, saying what validate checks."""
    target = base_kb / given
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.mkdir() if "." not in given else target.write_text("x\n", encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate", str(target)])
    assert result.exit_code == 2, result.output
    assert "is not a record: validate checks the records in data/" in result.stderr


@pytest.mark.parametrize("given", [".", "data", "data/questions", "queries"])
def test_the_paths_that_hold_records_are_taken(base_kb: Path, given: str) -> None:
    (base_kb / "queries").mkdir(exist_ok=True)
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", str(base_kb / given)])
    assert result.exit_code == 0, result.output


def test_warnings_fail_only_under_strict(base_kb: Path) -> None:
    project = base_kb / "data/projects/P-2026-001.yaml"
    project.write_text(project.read_text().replace("status: finished", "status: running"))
    plain = runner.invoke(app, ["--kb", str(base_kb), "validate"])
    assert plain.exit_code == 0, plain.stdout
    assert ": warning " in plain.stdout and "[overdue-project]" in plain.stdout
    strict = runner.invoke(app, ["--kb", str(base_kb), "validate", "--strict"])
    assert strict.exit_code == 1


def test_validate_writes_nothing_but_its_cache_and_runs_no_git(base_kb: Path) -> None:
    repo = git.Repo.init(base_kb)
    repo.index.add([str(p) for p in base_kb.rglob("*.yaml")])
    repo.index.commit("start")
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN, encoding="utf-8")
    before = _tree_state(base_kb)
    git_before = _tree_state(base_kb / ".git")
    for fmt in ("text", "json", "github"):
        runner.invoke(app, ["--kb", str(base_kb), "validate", "--no-cache", "-f", fmt])
    assert _tree_state(base_kb) == before
    for fmt in ("text", "json", "github"):
        runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", fmt])
    after = _tree_state(base_kb)
    written = {p for p in after if not p.startswith(".veiligestad-cache/")}
    assert {p: after[p] for p in written} == before
    added = set(after) - set(before)
    assert {".veiligestad-cache/.gitignore", ".veiligestad-cache/records.pickle"} <= added
    # The quick result, its base and printed text appear once the files have settled (two
    # seconds after they were written: on a busy machine within these runs).
    assert all(re.fullmatch(r"\.veiligestad-cache/(shard-\d\d\.pickle|\.gitignore|"
                            r"records\.pickle|facts-\d\d\.pickle|result\.pickle|"
                            r"base\.pickle|journal\.pickle|printed\.pickle|checkout\.token)", p)
               for p in added), added
    assert _tree_state(base_kb / ".git") == git_before
    # The cache folder ignores itself, even in a repository without our .gitignore.
    assert not [p for p in repo.untracked_files if p.startswith(".veiligestad-cache")]


def test_text_output_in_dutch_and_english(base_kb: Path) -> None:
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN, encoding="utf-8")
    nl = runner.invoke(app, ["--kb", str(base_kb), "validate"])
    assert "onbekend veld 'themse'" in nl.stdout and "Bedoel je 'themes'?" in nl.stdout
    en = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert "unknown field 'themse'" in en.stdout and "Did you mean 'themes'?" in en.stdout
    assert "1 error and 0 warnings in 1 file; 6 files checked." in en.stdout


def test_github_annotations_use_the_path_from_the_repository_root(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(base_kb.parent)
    result = runner.invoke(app, ["--kb", "kb", "validate", "-f", "github"])
    line = next(x for x in result.stdout.splitlines() if x.startswith("::error"))
    assert line.startswith("::error file=kb/data/questions/Q-2026-003.yaml,line=8,col=1,"
                           "title=unknown-field::")


def test_every_problem_is_collected_in_one_run(base_kb: Path) -> None:
    for number in range(3, 8):
        (base_kb / f"data/questions/Q-2026-00{number}.yaml").write_text(
            BROKEN.replace("Q-2026-003", f"Q-2026-00{number}"), encoding="utf-8")
    (base_kb / "data/findings/F-2026-AAAA.yaml").write_bytes(b"\xff\xfe")
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json"])
    payload = json.loads(result.stdout)
    assert payload["counts"]["error"] == 6
    assert payload["counts"]["files_with_problems"] == 6


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read any file; Windows has no chmod 0")
def test_unreadable_file_is_a_problem(base_kb: Path) -> None:  # pragma: no cover - not as root
    path = base_kb / "data/questions/Q-2026-003.yaml"
    path.write_text(BROKEN)
    path.chmod(0)
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json"])
    rules = {p["rule"] for p in json.loads(result.stdout)["problems"]}
    assert "file-access" in rules


def test_a_single_file_reports_on_itself_only(base_kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate",
                                 str(base_kb / "data/findings/F-2026-7KQ3.yaml")])
    assert result.exit_code == 0
    assert "No problems in 1 file (1 record)." in result.stdout


def test_a_record_in_a_subfolder_is_never_passed_silently(base_kb: Path) -> None:
    folder = base_kb / "data/findings/groep3"
    folder.mkdir()
    (folder / "F-2026-9ABC.yaml").write_text("id: F-2026-9ABC\nreview: publishd\n")
    result = runner.invoke(app, ["--kb", str(base_kb), "validate", "-f", "json", str(folder)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["path"], p["rule"]) for p in problems] == [
        ("data/findings/groep3/F-2026-9ABC.yaml", "file-access")]
