"""The GitHub Pages workflow that ``init`` writes: off until the city turns it on, and its
build command works as written."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from tests.site.conftest import site_cli
from veiligestad.commands.init import planned_files

SITE_WORKFLOW = ".github/workflows/site.yml"


def test_init_writes_the_site_workflow_switched_off() -> None:
    text = planned_files("Teststad")[SITE_WORKFLOW]
    workflow = yaml.safe_load(text)
    build = workflow["jobs"]["build"]
    assert build["if"] == "vars.VEILIGESTAD_PUBLISH_SITE == 'true'"
    assert workflow["jobs"]["deploy"]["needs"] == "build"  # and so never runs without it
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["contents"] == "read"
    # the search extra of the same pinned source as validate.yml (a git URL or the bundled wheel)
    (install,) = [step["run"] for step in build["steps"]
                  if str(step.get("run", "")).startswith("pip install")]
    assert "veiligestad[site] @ " in install or install.rstrip().endswith('.whl[site]"')


def test_the_workflows_build_command_builds_the_site(base_kb: Path, tmp_path: Path) -> None:
    workflow = yaml.safe_load(planned_files("Teststad")[SITE_WORKFLOW])
    runs = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    line = next(r for r in runs if r.startswith("veiligestad site build"))
    line = line.replace('"${{ vars.VEILIGESTAD_SITE_URL }}"', "https://example.org/stad/")
    args = shlex.split(line)[2:]
    out = args[args.index("-o") + 1]
    result = site_cli(base_kb, *args)
    assert result.exit_code == 0, result.output
    site = base_kb / out
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert "https://example.org/stad/" in (site / "sitemap.xml").read_text(encoding="utf-8")
