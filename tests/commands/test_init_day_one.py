"""``veiligestad init`` gives a new city a knowledge base that works on day one: a README and a
CONTRIBUTING.md for students, a templates/ folder, CI that installs the tool from a pinned source
that exists, and everything in a first commit."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import git
import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import REPO
from veiligestad.cli.main import app
from veiligestad.commands import init as init_module
from veiligestad.commands.init import (
    TOOL_REPOSITORY,
    default_tool_source,
    parse_tool_source,
)

runner = CliRunner()
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _init(target: Path, *args: str) -> str:
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--city", "Utrecht", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _workflow_install(root: Path) -> str:
    workflow = yaml.safe_load((root / ".github/workflows/validate.yml").read_text("utf-8"))
    (line,) = [step["run"] for step in workflow["jobs"]["validate"]["steps"]
               if str(step.get("run", "")).startswith("pip install")]
    match = re.fullmatch(r'pip install "([^"]+)"', line.strip())
    assert match, line
    return match.group(1)


def test_init_writes_a_readme_contributing_and_templates_and_commits_them(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    out = _init(target)
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Kennisbank Veilige Steden Utrecht")
    contributing = (target / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "veiligestad new finding --project" in contributing
    assert "pip install -q ." not in contributing  # the tool's own repository's step, not here
    assert (target / "templates/README.md").is_file()
    assert "__" not in readme + contributing  # every token filled in
    repo = git.Repo(target)
    assert repo.head.commit.message.strip() == "Knowledge base of Utrecht: start (veiligestad init)"
    assert not repo.is_dirty(untracked_files=True)  # everything init wrote is in that commit
    assert "README.md" in repo.git.ls_files().splitlines()
    assert f"({repo.head.commit.hexsha[:12]})" in out
    check = runner.invoke(app, ["--kb", str(target), "validate"])
    assert check.exit_code == 0, check.output


def test_no_commit_leaves_the_files_uncommitted(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    out = _init(target, "--no-commit")
    repo = git.Repo(target)
    assert not repo.head.is_valid()
    assert "README.md" in repo.untracked_files and "first commit" not in out


def test_the_ci_installs_a_pinned_source_and_the_readme_says_the_same(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    out = _init(target)
    requirement = _workflow_install(target)
    source = default_tool_source()
    assert requirement == source.requirement
    if source.bundled:  # the tool's own wheel, in the knowledge base's first commit
        assert (target / requirement).is_file()
        assert requirement[2:] in git.Repo(target).git.ls_files().splitlines()
    else:
        parsed = parse_tool_source(requirement)
        assert parsed is not None and parsed.requirement == requirement
    assert f"Its CI installs: {requirement}" in out
    for name in ("README.md", "CONTRIBUTING.md"):
        assert f'pip install "{requirement}"' in (target / name).read_text(encoding="utf-8")


def test_a_chosen_tool_source_goes_everywhere(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    _init(target, "--tool-source", f"git+https://git.example.org/tools/veiligestad.git@{COMMIT}")
    wanted = f"veiligestad @ git+https://git.example.org/tools/veiligestad.git@{COMMIT}"
    assert _workflow_install(target) == wanted
    assert wanted in (target / "README.md").read_text(encoding="utf-8")
    assert not (target / "tools").exists()  # nothing bundled when the source is elsewhere


@pytest.mark.parametrize("source", [
    "veiligestad>=0.1",                                   # a name on a public index
    "veiligestad",
    "git+https://example.org/veiligestad.git",            # a git URL without a revision
    "git+http://example.org/veiligestad.git@v1",          # not over https
    "https://example.org/veiligestad-0.1.0-py3-none-any.whl",  # a wheel without its hash
    "git+https://example.org/x.git@v1; rm -rf /",
])
def test_an_unpinned_tool_source_is_refused_and_nothing_written(tmp_path: Path,
                                                                source: str) -> None:
    target = tmp_path / "utrecht"
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--city", "Utrecht",
                                 "--tool-source", source])
    assert result.exit_code == 2, result.output
    assert "is not a pinned source" in result.stderr
    assert not target.exists()


def test_pinned_sources_are_accepted() -> None:
    wheel = "https://example.org/veiligestad-0.1.0-py3-none-any.whl#sha256=" + "ab" * 32
    for source in (f"git+https://example.org/v.git@{COMMIT}", "git+https://example.org/v@v0.1.0",
                   wheel, f"veiligestad @ {wheel}"):
        parsed = parse_tool_source(source)
        assert parsed is not None and parsed.requirement.startswith("veiligestad @ ")


class _Installed:
    def __init__(self, direct_url: dict[str, object] | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.direct_url is None else json.dumps(self.direct_url)


def test_the_default_is_the_commit_pip_installed_the_tool_from(
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://git.example.org/tools/veiligestad.git"
    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(
        {"url": url, "vcs_info": {"vcs": "git", "commit_id": COMMIT,
                                  "requested_revision": "main"}}))
    source = default_tool_source()
    assert source.requirement == f"veiligestad @ git+{url}@{COMMIT}"
    assert (source.repository, source.rev) == (url, COMMIT)


@pytest.mark.parametrize("direct_url", [
    None,                                                  # installed from an index or a wheel
    {"url": "file:///home/me/veiligestad", "dir_info": {"editable": True}},  # a local checkout
    {"url": "https://x.example/v.git", "vcs_info": {"vcs": "git", "commit_id": "main"}},
])
def test_otherwise_the_default_is_the_tool_s_own_wheel_in_the_knowledge_base(
        monkeypatch: pytest.MonkeyPatch, direct_url: dict[str, object] | None) -> None:
    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(direct_url))
    from veiligestad import __version__

    source = default_tool_source()
    assert source.bundled
    assert source.requirement == f"./tools/veiligestad-{__version__}-py3-none-any.whl"


def test_gitlab_example_and_pre_commit_hook_name_the_same_source() -> None:
    default = f"git+{TOOL_REPOSITORY}@v{init_module.__version__}"
    gitlab = (REPO / "docs/gitlab-ci.md").read_text(encoding="utf-8")
    bundled = init_module.bundled_tool_source().requirement
    assert f'pip install -q "{bundled}"' in gitlab  # what init writes by default
    assert f"veiligestad @ {default}" in gitlab  # and the git form
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"repo: {TOOL_REPOSITORY}" in hooks
    assert f"rev: v{init_module.__version__}" in hooks


def test_the_templates_readme_names_every_built_in_template() -> None:
    builtin = REPO / "src/veiligestad/templates"
    text = (REPO / "src/veiligestad/init_files/templates/README.md").read_text(encoding="utf-8")
    for path in builtin.rglob("*"):
        if path.is_file():
            assert f"`{path.relative_to(builtin).as_posix()}`" in text, path


def test_init_says_where_the_bundled_tool_is(tmp_path: Path) -> None:
    bundled = default_tool_source().bundled
    result = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "a"), "--city", "A"])
    assert result.exit_code == 0, result.output
    assert ("That file is the tool itself (tools/veiligestad-" in result.output) is bundled
    result = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "b"), "--city", "B",
                                 "--tool-source",
                                 f"git+https://git.example.org/tools/veiligestad.git@{COMMIT}"])
    assert result.exit_code == 0, result.output
    assert "the tool itself" not in result.output
