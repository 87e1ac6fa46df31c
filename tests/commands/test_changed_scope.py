"""``validate --changed-since REF``: report on a pull request's changes and what they break."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
NEW_FINDING = """\
id: F-2026-AB12
title: Verlichting helpt, maar niet overal
classification: internal
fictional: true
project: P-2026-001
questions: [Q-2026-001]
statement: "Fictief voorbeeld: betere verlichting verhoogt het gevoel van veiligheid."
type: explanatory
reported: 2026-06-25
review: draft
"""
BROKEN_QUESTION = """\
id: Q-2026-003
title: Kapot
fictional: true
asked_by: politie
themes: [preventie]
received: 2026-03-01
status: submitted
themse: [ov]
"""
# ::error file=…,line=…,col=…,title=…::message — properties without raw ':' or ','.
ANNOTATION = re.compile(
    r"^::(error|warning) file=[^,:\n]+(,line=\d+)?(,col=\d+)?,title=[^,:\n]+::[^\n\r]+$")


def _validate(root: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "validate", "-f", "json",
                                 *args])
    return result.exit_code, json.loads(result.stdout)


def test_a_branch_adding_a_valid_finding_passes(base_kb: Path) -> None:
    # main already holds a broken record: the pull request is not blamed for it.
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN_QUESTION, encoding="utf-8")
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "add-finding")
    (base_kb / "data/findings/F-2026-AB12.yaml").write_text(NEW_FINDING, encoding="utf-8")
    commit_all(repo, "Add a finding")
    code, payload = _validate(base_kb, "--changed-since", "main")
    assert code == 0, payload
    assert payload["problems"] == []
    whole, _ = _validate(base_kb)
    assert whole == 1


def test_a_broken_new_finding_is_reported_before_and_after_committing(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "pr")
    broken = NEW_FINDING.replace("questions: [Q-2026-001]", "questions: [Q-2026-009]")
    (base_kb / "data/findings/F-2026-AB12.yaml").write_text(broken, encoding="utf-8")
    for _ in ("untracked", "committed"):
        code, payload = _validate(base_kb, "--changed-since", "main")
        assert code == 1
        problems = payload["problems"]
        assert isinstance(problems, list)
        assert {p["path"] for p in problems} == {"data/findings/F-2026-AB12.yaml"}
        assert any("Q-2026-009" in p["message"] for p in problems)
        commit_all(repo, "Add a finding with a typo")


def test_deleting_a_question_that_is_still_linked_fails_and_names_the_links(
    base_kb: Path,
) -> None:
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "remove-question")
    (base_kb / "data/questions/Q-2026-002.yaml").unlink()
    commit_all(repo, "Remove a question")
    code, payload = _validate(base_kb, "--changed-since", "main")
    assert code == 1
    problems = payload["problems"]
    assert isinstance(problems, list)
    dangling = {(p["path"], p["rule"]) for p in problems if "Q-2026-002" in p["message"]}
    assert dangling == {("data/projects/P-2026-001.yaml", "link-target"),
                        ("data/findings/F-2026-9ZXA.yaml", "link-target")}
    # Only the link problems of records the branch did not touch are reported.
    assert {p["rule"] for p in problems} == {"link-target"}


def test_github_format_gives_valid_annotation_lines(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "pr")
    (base_kb / "data/questions/Q-2026-002.yaml").unlink()
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN_QUESTION, encoding="utf-8")
    commit_all(repo, "Break things")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate",
                                 "--changed-since", "main", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [x for x in lines if x.startswith("::")]
    assert len(annotations) == 3
    for line in annotations:
        assert ANNOTATION.match(line), line
    assert any(x.startswith("::error file=data/findings/F-2026-9ZXA.yaml,line=6,col=")
               for x in annotations)
    assert any(x.startswith("::error file=data/questions/Q-2026-003.yaml,line=8,col=1,"
                            "title=unknown-field::") for x in annotations)
    # The one line that is not an annotation is the summary for the log.
    assert [x for x in lines if not x.startswith("::")] == [
        "3 errors and 0 warnings in 3 files; 3 files checked."]


def _tree_state(root: Path) -> dict[str, tuple[str, int]]:
    # Everything, .git included; only validate's own cache folder (ignored by git) may change.
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                       p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*"))
            if p.is_file() and ".veiligestad-cache" not in p.relative_to(root).parts}


def test_changed_since_reads_git_but_changes_nothing(base_kb: Path) -> None:
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "pr")
    (base_kb / "data/questions/Q-2026-002.yaml").unlink()
    (base_kb / "data/findings/F-2026-AB12.yaml").write_text(NEW_FINDING, encoding="utf-8")
    before = _tree_state(base_kb)
    for fmt in ("text", "json", "github"):
        runner.invoke(app, ["--kb", str(base_kb), "validate", "--changed-since", "main",
                            "-f", fmt])
    assert _tree_state(base_kb) == before


def test_a_change_to_the_config_puts_every_record_in_scope(base_kb: Path) -> None:
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN_QUESTION, encoding="utf-8")
    repo = init_repo(base_kb)
    repo.git.checkout("-q", "-b", "pr")
    config = base_kb / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, payload = _validate(base_kb, "--changed-since", "main")
    assert code == 1
    problems = payload["problems"]
    assert isinstance(problems, list)
    assert {p["path"] for p in problems} == {"data/questions/Q-2026-003.yaml"}


@pytest.mark.parametrize("setup", ["no-git", "bad-ref"])
def test_unusable_ref_is_a_usage_error(base_kb: Path, setup: str) -> None:
    if setup == "bad-ref":
        init_repo(base_kb)
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate",
                                 "--changed-since", "no-such-branch"])
    assert result.exit_code == 2
    assert "--changed-since" in result.stderr
    assert "Traceback" not in result.output


def test_head_in_a_repository_without_commits_checks_everything(base_kb: Path) -> None:
    import git

    git.Repo.init(base_kb, initial_branch="main")
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN_QUESTION, encoding="utf-8")
    code, payload = _validate(base_kb, "--changed-since", "HEAD")
    assert code == 1
    problems = payload["problems"]
    assert isinstance(problems, list) and problems


def test_a_knowledge_base_in_a_subfolder_of_the_repository(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    top = base_kb.parent
    (top / "README.md").write_text("elsewhere in the repository\n", encoding="utf-8")
    repo = init_repo(top)
    repo.git.checkout("-q", "-b", "pr")
    (base_kb / "data/questions/Q-2026-002.yaml").unlink()
    (top / "README.md").write_text("changed, but not a record\n", encoding="utf-8")
    commit_all(repo, "Remove a question")
    monkeypatch.chdir(top)
    result = runner.invoke(app, ["--kb", "kb", "--lang", "en", "validate", "--changed-since",
                                 "main", "--format", "github"])
    assert result.exit_code == 1
    files = {line.split(",")[0] for line in result.stdout.splitlines() if line.startswith("::")}
    assert files == {"::error file=kb/data/projects/P-2026-001.yaml",
                     "::error file=kb/data/findings/F-2026-9ZXA.yaml"}
