"""Tests that drive a system tool skip without it, naming the Debian package, and fail under CI.

The README's test command must pass on a fresh machine that has none of Debian's extra packages;
CI (``.ci/run``) installs them and must never silently skip what they test.
"""

from __future__ import annotations

import warnings

import pytest

from tests import conftest
from tests.conftest import SYSTEM_TOOLS, SystemTool


class _Item:
    """The part of a pytest item that the ``needs`` hook reads."""

    def __init__(self, *names: str) -> None:
        self.mark = pytest.mark.needs(*names).mark

    def iter_markers(self, name: str) -> list[pytest.Mark]:
        return [self.mark] if name == "needs" else []


@pytest.fixture
def absent_tool(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(SYSTEM_TOOLS, "nothing", SystemTool("no-such-package", lambda: False))
    return "nothing"


def test_a_missing_tool_skips_naming_its_debian_package(
        monkeypatch: pytest.MonkeyPatch, absent_tool: str) -> None:
    monkeypatch.setattr(conftest, "TOOLS_REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match=r"nothing is missing \(Debian package: "
                       r"no-such-package\)"):
        conftest.pytest_runtest_setup(_Item(absent_tool))  # type: ignore[arg-type]


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch, absent_tool: str) -> None:
    monkeypatch.setattr(conftest, "TOOLS_REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match=r"no-such-package.*CI must install it"):
        conftest.pytest_runtest_setup(_Item(absent_tool))  # type: ignore[arg-type]


def test_a_present_tool_lets_the_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SYSTEM_TOOLS, "always", SystemTool("x", lambda: True))
    monkeypatch.setattr(conftest, "TOOLS_REQUIRED", True)
    conftest.pytest_runtest_setup(_Item("always"))  # type: ignore[arg-type]


def test_a_misspelt_tool_is_an_error_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "TOOLS_REQUIRED", False)
    with pytest.raises(pytest.fail.Exception, match="unknown system tool"):
        conftest.pytest_runtest_setup(_Item("chromum"))  # type: ignore[arg-type]


@pytest.mark.parametrize("ci, optional, required", [
    ("true", "", True), ("1", "", True), ("", "", False), ("false", "", False),
    ("true", "1", False)])
def test_ci_is_read_from_the_environment(ci: str, optional: str, required: bool) -> None:
    assert conftest.tools_required({"CI": ci, "VEILIGESTAD_TOOLS_OPTIONAL": optional}) is required
    assert conftest.tools_required({}) is False


def test_only_weasyprints_harfbuzz_warning_is_filtered() -> None:
    message = ("HarfBuzz-Subset will be required by future versions of WeasyPrint. "
               "Please install this library with your package manager.")
    # From WeasyPrint's module: ignored by pyproject.toml's filterwarnings.
    warnings.warn_explicit(message, DeprecationWarning, "ffi.py", 1,
                           module="weasyprint.text.ffi")
    # The same words from anywhere else, or another warning from WeasyPrint: still errors.
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit(message, DeprecationWarning, "x.py", 1, module="veiligestad.x")
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit("something else", DeprecationWarning, "ffi.py", 1,
                               module="weasyprint.text.ffi")


@pytest.mark.needs("pango", "libharfbuzz-subset")
def test_weasyprint_subsets_fonts_with_harfbuzz_where_ci_runs() -> None:
    # Future WeasyPrint requires HarfBuzz-Subset: CI runs the PDF tests the way it will.
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None
