"""``validate``'s text printed without Rich where output is not a terminal
(``cli/validate_output.plain_text``): byte for byte what Rich prints, for the results of every
test knowledge base in both languages at many widths, and for random messages and overviews;
and where it cannot be sure (a tab, a control code, a wide character, an overview wider than
the console), it leaves the printing to Rich."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES, TODAY, case_kb
from veiligestad.checks.problem import ERROR, WARNING, Problem
from veiligestad.cli import validate_output
from veiligestad.cli.output import print_problems
from veiligestad.commands.validate import ValidationResult, validate
from veiligestad.i18n import Translator

CASE_NAMES = sorted(p.name for p in (CASES / "invalid").iterdir() if p.is_dir())
WIDTHS = ("20", "40", "61", "80", "120", "", None)


def _through_rich(result: ValidationResult, t: Translator,
                  capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    print_problems(result, t)
    return capsys.readouterr().out


def _compare(result: ValidationResult, t: Translator, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> int:
    """How many widths the text was made without Rich; each the same as Rich's."""
    made = 0
    for width in WIDTHS:
        if width is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", width)
        plain = validate_output.plain_text(result, t)
        if plain is not None:
            assert plain == _through_rich(result, t, capsys), width
            made += 1
    return made


@pytest.mark.parametrize("case", [None, *CASE_NAMES])
def test_every_test_knowledge_base_prints_the_same_without_rich(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    case: str | None,
) -> None:
    root = case_kb(tmp_path, case)
    made = 0
    for lang in ("nl", "en"):
        t = Translator(lang)
        whole = validate(root, t, TODAY, cache=False)
        made += _compare(whole, t, capsys, monkeypatch)
        some = validate(root, t, TODAY, (root / "data" / "findings",), cwd=root, cache=False)
        made += _compare(some, t, capsys, monkeypatch)
    assert made >= 4  # the common case is printed without Rich at the usual widths


def test_the_quick_path_prints_without_importing_rich_where_output_is_a_file(
    base_kb: Path, tmp_path: Path
) -> None:
    """A real process after an edit, output to a file: the same text as Typer's path, and Rich
    never imported."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "VEILIGESTAD_QUICK": "1"}
    code = ("import sys; from veiligestad.cli.entry import main; sys.argv = ['veiligestad', "
            "'validate']\ntry:\n    main()\nfinally:\n    print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('rich', 'typer')), file=sys.stderr)")
    subprocess.run([sys.executable, "-c", code], cwd=base_kb, env=env, capture_output=True,
                   check=False)
    path = base_kb / "data/questions/Q-2026-001.yaml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Nieuw: "), "utf-8")
    quick = subprocess.run([sys.executable, "-c", code], cwd=base_kb, env=env,
                           capture_output=True, text=True, check=False)
    typer = subprocess.run([sys.executable, "-m", "veiligestad", "validate"], cwd=base_kb,
                           env={**env, "VEILIGESTAD_QUICK": "0", "VEILIGESTAD_NO_CACHE": "1"},
                           capture_output=True, text=True, check=False)
    assert quick.stdout == typer.stdout
    assert quick.stderr.strip().splitlines()[-1] == "[]"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(messages=st.lists(st.tuples(_TEXT, st.one_of(st.none(), _TEXT),
                                   st.sampled_from([ERROR, WARNING])), max_size=4),
       counts=st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
       width=st.sampled_from(WIDTHS), lang=st.sampled_from(["nl", "en"]),
       targets=st.booleans())
def test_random_messages_and_overviews_print_the_same_or_go_to_rich(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str | None, str]], counts: list[int], width: str | None,
    lang: str, targets: bool,
) -> None:
    from veiligestad.model.statuses import FLOWS

    problems = [Problem(f"data/x/{n}.yaml", "schema", severity, message, hint, n + 1, 3)
                for n, (message, hint, severity) in enumerate(messages)]
    overview = {kind: dict(zip(FLOWS[kind], counts, strict=False)) for kind in FLOWS}
    result = ValidationResult(Path("."), problems, 7, 5, ["data"] if targets else None,
                              {ERROR: sum(p.severity == ERROR for p in problems),
                               WARNING: sum(p.severity == WARNING for p in problems),
                               "files_with_problems": len(problems)}, overview)
    with monkeypatch.context() as patched:
        _compare(result, Translator(lang), capsys, patched)


@pytest.mark.parametrize("width", ["45", "60", "100"])
def test_an_overview_wider_than_the_console_is_wrapped_as_rich_wraps_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    from veiligestad.model.statuses import FLOWS

    overview = {kind: {s: 1000 + n for n, s in enumerate(FLOWS[kind])} for kind in FLOWS}
    result = ValidationResult(Path("."), [], 30000, 30000, None,
                              {ERROR: 0, WARNING: 0, "files_with_problems": 0}, overview)
    monkeypatch.setenv("COLUMNS", width)
    for lang in ("nl", "en"):
        t = Translator(lang)
        plain = validate_output.plain_text(result, t)
        assert plain is not None
        assert plain == _through_rich(result, t, capsys)
        overview = plain.splitlines()[:-1]  # the summary line is never wrapped
        assert len(overview) > len(FLOWS)  # a line was wrapped
        assert max(len(line) for line in overview) <= int(width)
