"""Shared fixtures: knowledge bases in temporary folders, a pinned date, a deterministic CLI."""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
REPO = TESTS.parent
TODAY = dt.date(2026, 11, 27)

# Under CI a test that needs a system tool fails when the tool is missing (CI must install it:
# .ci/run does); on a developer's machine it skips, naming the Debian package that provides it.
# VEILIGESTAD_TOOLS_OPTIONAL=1 makes them skip under CI too (the Windows/macOS/Linux matrix in
# .github/workflows/tests.yml, which proves the Python code portable, not Debian's tools).
def tools_required(env: dict[str, str] | os._Environ[str]) -> bool:
    under_ci = env.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return under_ci and not env.get("VEILIGESTAD_TOOLS_OPTIONAL")


TOOLS_REQUIRED = tools_required(os.environ)
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]
MERMAID_JS = REPO / "tests/js/node_modules/mermaid/dist/mermaid.min.js"


def _loads(*names: str) -> bool:
    """Whether the dynamic loader finds one of these library names (as WeasyPrint opens them)."""
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def _weasyprint_loads() -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@dataclass(frozen=True)
class SystemTool:
    """Something outside Python that a test drives for real, and where Debian gets it."""

    package: str
    present: Callable[[], bool]


SYSTEM_TOOLS: dict[str, SystemTool] = {
    "chromium": SystemTool("chromium", lambda: os.access(CHROMIUM, os.X_OK)),
    "java": SystemTool("default-jre-headless", lambda: shutil.which("java") is not None),
    "dot": SystemTool("graphviz", lambda: shutil.which("dot") is not None),
    "pdftotext": SystemTool("poppler-utils", lambda: shutil.which("pdftotext") is not None),
    "pdftoppm": SystemTool("poppler-utils", lambda: shutil.which("pdftoppm") is not None),
    "pango": SystemTool("libpango-1.0-0 libpangoft2-1.0-0", _weasyprint_loads),
    "libharfbuzz-subset": SystemTool("libharfbuzz-subset0", lambda: _loads(
        "libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")),
    "mermaid": SystemTool("npm (then: cd tests/js && npm ci)", MERMAID_JS.is_file),
}


@functools.cache
def tool_present(name: str) -> bool:
    return SYSTEM_TOOLS[name].present()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(*tools): the test drives these system tools (see SYSTEM_TOOLS); it "
        "skips without them, and fails without them under CI")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    names = [name for mark in item.iter_markers("needs") for name in mark.args]
    unknown = [name for name in names if name not in SYSTEM_TOOLS]
    if unknown:
        pytest.fail(f"unknown system tool in @needs: {', '.join(unknown)}", pytrace=False)
    missing = [name for name in dict.fromkeys(names) if not tool_present(name)]
    if not missing:
        return
    what = "; ".join(f"{name} is missing (Debian package: {SYSTEM_TOOLS[name].package})"
                     for name in missing)
    if TOOLS_REQUIRED:
        pytest.fail(f"{what}. CI must install it (see .ci/run).", pytrace=False)
    pytest.skip(f"{what}. .ci/run installs it.")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless (never Playwright's own download): the one Playwright of the
    whole test session. Every test that drives a browser takes this fixture and opens its own
    ``browser.new_context()`` (closing it when done); none starts ``sync_playwright()`` itself.

    Playwright's sync API marks an asyncio event loop as running in the main thread from its
    start until its stop. This fixture keeps it started until the session ends, so any other
    ``sync_playwright()`` after the first test that used it fails with "It looks like you are
    using Playwright Sync API inside the asyncio loop": order-dependent failures.
    ``test_no_test_starts_playwright_by_itself`` in tests/site/test_browser.py keeps it so."""
    if not tool_present("chromium"):  # a test without the mark: the same policy as the mark's
        if TOOLS_REQUIRED:
            pytest.fail("chromium is missing (Debian package: chromium). CI must install it.")
        pytest.skip("chromium is missing (Debian package: chromium). .ci/run installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # A site build stopped by a template's error (tests/security) leaves the second
            # process that made its figures waiting for ever to hand them over (the test's
            # process lives on). Forked after Playwright started, it holds Playwright's pipes,
            # and leaving ``sync_playwright()`` would wait for ever on the driver: stop them.
            import multiprocessing

            for child in multiprocessing.active_children():
                child.terminate()
                child.join(timeout=10)


# Reproducible git: commits made by tests always have the same author and dates.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Student",
    "GIT_AUTHOR_EMAIL": "student@example.invalid",
    "GIT_AUTHOR_DATE": "1795777200 +0100",
    "GIT_COMMITTER_NAME": "Test Coordinator",
    "GIT_COMMITTER_EMAIL": "coordinator@example.invalid",
    "GIT_COMMITTER_DATE": "1795777200 +0100",
}


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("VEILIGESTAD_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("VEILIGESTAD_KB", raising=False)


@pytest.fixture
def base_kb(tmp_path: Path) -> Iterator[Path]:
    """A copy of the small valid knowledge base in ``tests/cases/base``."""
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    yield root


def copy_into(source: Path, root: Path) -> None:
    """Copy the files below ``source/data`` into the knowledge base at ``root``."""
    data = source / "data"
    if not data.is_dir():
        return
    for path in data.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def case_kb(tmp_path: Path, case: str | None) -> Path:
    """A fresh copy of the base test knowledge base at ``tmp_path/kb``, with the files of the
    invalid case ``case`` (a folder of ``tests/cases/invalid``) copied in when one is named."""
    root = tmp_path / "kb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(CASES / "base", root)
    if case is not None:
        copy_into(CASES / "invalid" / case, root)
    return root


def pin_cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)
