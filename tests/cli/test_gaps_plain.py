"""``gaps``' text printed without Rich where output is not a terminal
(``cli/reading_output.gaps_text``): byte for byte what Rich prints, for the gaps of every test
knowledge base in both languages and at several widths, and for random record text; where it
cannot be sure (a character that is not printable: a control code, a tab, a separator, in
untrusted text) it leaves the printing to Rich, which strips control codes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES, REPO, TODAY, case_kb
from veiligestad.cli import reading_output, validate_output
from veiligestad.commands.gaps import GapsResult, find_gaps
from veiligestad.i18n import Translator
from veiligestad.query import context
from veiligestad.store.kb import open_kb

CASE_NAMES = sorted(p.name for p in (CASES / "invalid").iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
                 "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def _through_rich(result: GapsResult, t: Translator, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> str:
    capsys.readouterr()
    with monkeypatch.context() as patched:
        patched.setattr(validate_output, "_plain_stream", lambda: False)
        reading_output.print_gaps(result, t)
    return capsys.readouterr().out


def _compare(result: GapsResult, t: Translator, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the text was made without Rich at every width; each time Rich's, byte for byte,
    and what ``print_gaps`` prints to a file."""
    plain = None
    for width in ("20", "80", "200", None):
        if width is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", width)
        plain = reading_output.gaps_text(result, t)
        rich = _through_rich(result, t, capsys, monkeypatch)
        capsys.readouterr()
        reading_output.print_gaps(result, t)  # captured: not a terminal, so the plain way
        assert capsys.readouterr().out == rich, width
        if plain is not None:
            assert plain == rich, width
    return plain is not None


def _gaps(root: Path, lang: str) -> GapsResult:
    t = Translator(lang)
    return find_gaps(context(open_kb(root, t, cache=False, on_left_out=None), TODAY, t))


@pytest.mark.parametrize("case", [None, *CASE_NAMES])
def test_every_test_knowledge_base_prints_the_same_without_rich(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    case: str | None,
) -> None:
    root = case_kb(tmp_path, case)
    for lang in ("nl", "en"):
        made = _compare(_gaps(root, lang), Translator(lang), capsys, monkeypatch)
        if case is None:
            assert made  # the valid base is printed without Rich: the comparison is real


def test_the_example_prints_the_same_without_rich_and_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    for lang in ("nl", "en"):
        result = _gaps(root, lang)
        assert result.total > 5
        assert _compare(result, Translator(lang), capsys, monkeypatch)  # made without Rich


def _with_text(result: GapsResult, texts: list[str]) -> GapsResult:
    """``result`` with every text value of every row replaced, in turn, by one of ``texts``."""
    groups: dict[str, list[dict[str, Any]]] = {}
    at = 0
    for name, rows in result.groups.items():
        groups[name] = []
        for row in rows:
            new = dict(row)
            for key, value in row.items():
                if isinstance(value, str) and key not in ("status", "follow_up", "review"):
                    new[key] = texts[at % len(texts)]
                    at += 1
            groups[name].append(new)
    return dataclasses.replace(result, groups=groups)


_EXAMPLE: dict[str, GapsResult] = {}


def _example(lang: str) -> GapsResult:
    if lang not in _EXAMPLE:
        _EXAMPLE[lang] = _gaps(REPO, lang)
    return _EXAMPLE[lang]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=6),
       lang=st.sampled_from(["nl", "en"]))
def test_random_record_text_prints_the_same_or_goes_through_rich(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, texts: list[str],
    lang: str,
) -> None:
    result = _with_text(_example(lang), texts)
    made = _compare(result, Translator(lang), capsys, monkeypatch)
    if any(not line.isprintable() for text in texts for line in text.split("\n")):
        assert not made  # a control code, a tab, a separator: Rich decides
    if all(text.isprintable() for text in texts):
        assert made  # wide, combining and right-to-left characters too: nothing is wrapped


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_gap_line_says_none_where_a_date_is_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str) -> None:
    # a question delivered or received without a date ("opgeleverd -, None dagen geleden"
    # before): every test knowledge base, in the text and JSON of gaps
    from tests.cli.drive import through_typer

    monkeypatch.setenv("VEILIGESTAD_TODAY", TODAY.isoformat())
    seen = 0
    for name in CASE_NAMES:
        root = case_kb(tmp_path / name, name)
        out, _, code = through_typer(["--kb", str(root), "--lang", lang, "gaps"], capsys)
        assert code == 0, name
        assert "None" not in out, (name, [line for line in out.splitlines() if "None" in line])
        seen += out.count("\n")
    assert seen > 100
