"""The package's metadata: one version, a license that builds, dependencies listed once."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

import veiligestad
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "veiligestad.__version__"}
    assert importlib.metadata.version("veiligestad") == veiligestad.__version__


def test_the_spdx_license_builds_and_its_text_ships() -> None:
    (backend,) = PYPROJECT["build-system"]["requires"]
    assert Requirement(backend).specifier.contains("77") and not Requirement(
        backend).specifier.contains("76.1")  # SPDX `license` strings need setuptools 77
    assert PYPROJECT["project"]["license"] == "EUPL-1.2"
    text = (REPO / PYPROJECT["project"]["license-files"][0]).read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and len(text) > 12000  # the whole licence, not a pointer


def test_no_dependency_is_listed_twice() -> None:
    lists = {"": PYPROJECT["project"]["dependencies"],
             **PYPROJECT["project"]["optional-dependencies"]}
    for name, requirements in lists.items():
        names = [Requirement(r).name.lower() for r in requirements]
        assert len(names) == len(set(names)), (name, names)


def _bounded(name: str) -> Requirement:
    (req,) = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]
              if Requirement(r).name == name]
    return req


def test_libraries_whose_minor_releases_break_us_are_bounded() -> None:
    # Typer: generated docs match its layout byte for byte; ruamel.yaml: its API.
    for name in ("typer", "ruamel.yaml"):
        req = _bounded(name)
        assert any(spec.operator == "<" for spec in req.specifier), name
        assert req.specifier.contains(importlib.metadata.version(name)), name



def test_no_unpinned_name_in_the_ci_files_that_a_city_copies() -> None:
    # Whoever registers `veiligestad` on a public index would run code in every city's CI.
    init_files = Path(veiligestad.__file__).parent / "init_files"
    paths = [REPO / ".pre-commit-hooks.yaml", REPO / "docs/gitlab-ci.md", REPO / "docs/history.md",
             *init_files.rglob("*.y*ml"), *init_files.rglob("*.md")]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        # `pip install veiligestad`, `"veiligestad>=0.1"`: a name, not `veiligestad @ <source>`
        assert not re.search(r"""pip install (-q )?["']?veiligestad(?!\s*@)""", text), path
