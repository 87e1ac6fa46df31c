"""The shipped CI files run the commands the tests run; init writes them into a knowledge base.

``.github/workflows/validate.yml`` (and its copy in ``init_files``), the GitLab example in
``docs/gitlab-ci.md`` and ``.pre-commit-hooks.yaml`` are read here, their ``veiligestad``
commands taken out and run against a real git repository, as CI would run them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from tests.commands.test_changed_scope import BROKEN_QUESTION, NEW_FINDING
from tests.conftest import REPO, TODAY
from tests.gitkb import commit_all, init_repo
from veiligestad.cli.main import app

runner = CliRunner()
WORKFLOW = REPO / ".github/workflows/validate.yml"
INIT_FILES = REPO / "src/veiligestad/init_files"
QUARTER = f"{TODAY.year}-Q{(TODAY.month + 2) // 3}"


def _registered() -> set[str]:
    root = typer.main.get_command(app)
    return set(root.list_commands(typer.Context(root)))  # type: ignore[attr-defined]


def _workflow_commands(path: Path) -> list[list[str]]:
    """The veiligestad commands of every step, with GitHub's expressions filled in."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    commands = []
    for step in workflow["jobs"]["validate"]["steps"]:
        for line in str(step.get("run", "")).splitlines():
            line = line.strip().replace("${{ github.base_ref }}", "main")
            if line.startswith("veiligestad "):
                commands.append(shlex.split(line.replace("$QUARTER", QUARTER))[1:])
    return commands


def _gitlab_commands() -> list[list[str]]:
    text = (REPO / "docs/gitlab-ci.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    config = yaml.safe_load(block.group(1))
    commands = []
    for job in config.values():
        if isinstance(job, dict):
            for line in job.get("script", []):
                line = line.replace("$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
                if line.startswith("veiligestad "):
                    commands.append(shlex.split(line.replace("$QUARTER", QUARTER))[1:])
    return commands


@pytest.fixture
def pull_request(base_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge base on a pull-request branch that adds a valid finding, as CI checks it out
    (the base branch fetched as ``origin/main``)."""
    repo = init_repo(base_kb)
    repo.git.update_ref("refs/remotes/origin/main", "main")
    repo.git.checkout("-q", "-b", "pr")
    (base_kb / "data/findings/F-2026-AB12.yaml").write_text(NEW_FINDING, encoding="utf-8")
    commit_all(repo, "Add a finding")
    monkeypatch.chdir(base_kb)
    return base_kb


def test_the_workflow_runs_validate_on_changes_and_builds_the_report() -> None:
    commands = _workflow_commands(WORKFLOW)
    assert ["validate", "--changed-since", "origin/main", "--format", "github"] in commands
    assert ["validate", "--format", "github"] in commands
    assert ["report", "quarterly", "--quarter", QUARTER, "--format", "md", "--audience",
            "public", "-o", "build/report.md"] in commands
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    checkout = workflow["jobs"]["validate"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # --changed-since needs the base's history


def test_init_writes_the_same_workflow_and_the_template() -> None:
    shipped = INIT_FILES / "dot-github/workflows/validate.yml"
    assert _workflow_commands(shipped) == _workflow_commands(WORKFLOW)
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert (INIT_FILES / "dot-github/pull_request_template.md").read_text(
        encoding="utf-8") == template
    assert "veiligestad validate --changed-since main" in template
    assert "Controlelijst / Checklist" in template and "persoonsgegevens" in template


def test_init_puts_them_in_a_new_knowledge_base(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    assert runner.invoke(app, ["init", str(target), "--city", "Utrecht"]).exit_code == 0
    from veiligestad.commands.init import default_tool_source

    shipped = (INIT_FILES / "dot-github/workflows/validate.yml").read_text(encoding="utf-8")
    assert (target / ".github/workflows/validate.yml").read_text(encoding="utf-8") == (
        shipped.replace("__TOOL_REQUIREMENT__", default_tool_source().requirement))
    assert (target / ".github/pull_request_template.md").is_file()


def test_the_workflow_s_commands_pass_on_a_good_pull_request(pull_request: Path) -> None:
    missing = []
    for args in _workflow_commands(WORKFLOW):
        if args[0] not in _registered():
            missing.append(args[0])
            continue
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "report":
            assert (pull_request / "build/report.md").is_file()
    # The report command is built on another branch; until it is merged, only it may be missing.
    assert set(missing) <= {"report"}


def test_the_workflow_s_validate_fails_a_bad_pull_request(pull_request: Path) -> None:
    import git

    repo = git.Repo(pull_request)
    (pull_request / "data/questions/Q-2026-002.yaml").unlink()
    commit_all(repo, "Remove a linked question")
    results = [runner.invoke(app, args) for args in _workflow_commands(WORKFLOW)
               if args[0] == "validate"]
    assert [r.exit_code for r in results] == [1, 1]
    assert "::error file=data/findings/F-2026-9ZXA.yaml" in results[0].stdout


def test_the_gitlab_example_runs_the_same_validate_commands(pull_request: Path) -> None:
    gitlab = _gitlab_commands()
    github = _workflow_commands(WORKFLOW)

    def without_format(args: list[str]) -> list[str]:
        return [a for i, a in enumerate(args) if a != "--format" and (
            i == 0 or args[i - 1] != "--format")]

    assert [without_format(a) for a in gitlab] == [without_format(a) for a in github]
    for args in gitlab:
        if args[0] == "validate":
            assert runner.invoke(app, args).exit_code == 0


def test_the_pre_commit_hook_checks_what_is_about_to_be_committed(
    base_kb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "veiligestad-validate")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "data/findings/F-2026-AB12.yaml")
    assert re.match(hook["files"], "veiligestad.yaml")
    assert not re.match(hook["files"], "README.md")
    args = shlex.split(hook["entry"])[1:]
    # Records that were already wrong do not block a commit that does not touch them.
    (base_kb / "data/questions/Q-2026-003.yaml").write_text(BROKEN_QUESTION, encoding="utf-8")
    repo = init_repo(base_kb)
    monkeypatch.chdir(base_kb)
    (base_kb / "data/findings/F-2026-AB12.yaml").write_text(NEW_FINDING, encoding="utf-8")
    repo.git.add("-A")
    assert runner.invoke(app, args).exit_code == 0
    (base_kb / "data/questions/Q-2026-001.yaml").unlink()
    repo.git.add("-A")
    assert runner.invoke(app, args).exit_code == 1


@pytest.mark.skipif(not os.environ.get("VEILIGESTAD_TEST_PRECOMMIT")
                    or shutil.which("pre-commit") is None,
                    reason="needs pre-commit and PyPI: set VEILIGESTAD_TEST_PRECOMMIT=1 "
                    "(docs/history.md describes the same check by hand)")
def test_pre_commit_try_repo_on_a_knowledge_base(tmp_path: Path) -> None:  # pragma: no cover
    target = tmp_path / "kb"
    assert runner.invoke(app, ["init", str(target), "--city", "Proefstad"]).exit_code == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "start"], cwd=target, check=True, env=env)
    ok = subprocess.run(["pre-commit", "try-repo", str(REPO), "veiligestad-validate",
                         "--all-files"], cwd=target, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (target / "data/questions/Q-2026-001.yaml").write_text(
        BROKEN_QUESTION.replace("Q-2026-003", "Q-2026-001"), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=env)
    bad = subprocess.run(["pre-commit", "try-repo", str(REPO), "veiligestad-validate"],
                         cwd=target, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "[unknown-field]" in bad.stdout
