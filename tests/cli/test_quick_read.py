"""``stats``, ``gaps``, ``show`` and ``query`` without Typer (``cli/quick_read.py``): the same
bytes on standard output and standard error and the same exit code as through Typer, for every
command line it accepts; its kept text never printed after anything it depends on changed;
nothing at all for any other command line."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.drive import through_typer as _typer
from tests.conftest import REPO
from veiligestad.cli import quick_read
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, RecordCache

# Off by design on Windows, where a file's stat proves nothing (docs/performance.md); the
# tests that simulate Windows on other systems check that it declines there.
pytestmark = pytest.mark.skipif(os.name == "nt", reason="off on Windows by design")

GAPS = [["gaps"], ["gaps", "--format", "json"], ["gaps", "-f", "table"], ["gaps", "--format=json"]]
STATS = [["stats"], ["stats", "-f", "json"], ["stats", "--quarter", "2026-Q2"],
         ["stats", "-q", "2026Q1", "--format", "json"], ["stats", "--audience", "public"],
         ["stats", "--audience=public", "-f", "json", "--quarter=2026-K2"],
         ["stats", "--quarter", "2031-Q9"]]  # a quarter that is no quarter: Typer's error
SHOW = [["show", "Q-2025-001"], ["show", "P-2025-001", "-f", "json"], ["show", "--format=json",
        "F-2025-33JB"], ["show", "F-2025-T2DM"], ["show", "Q-2025-999"], ["show", "F-2026-ZZZZ"]]
QUERY = [["query", "questions"], ["query", "findings", "-w", "review=published", "--sort",
         "reported-", "--format", "ids"],
         ["query", "questions", "-w", "status=ready,submitted", "-w", "!projects", "-f", "json"],
         ["query", "--saved", "waiting-for-students"], ["query", "-f", "md", "--saved",
         "findings-on-theme", "--param", "theme=uitgaansleven,ov"],
         ["query", "projects", "--fields", "id,title,status", "-f", "md"],
         ["query", "questions", "--match", "licht", "-f", "jsonl"],
         ["query", "findings", "--group-by", "review", "-f", "yaml"],
         ["query", "findings", "--group-by", "themes"],
         ["query", "questions", "--limit", "3", "--sort", "received-"],
         ["query", "findings", "--audience", "public", "-f", "json"],
         ["query", "questions", "--linked-to", "P-2025-001", "--recursive", "-f", "ids"],
         ["query", "vragen", "--quarter", "2025-Q4", "--fields=id,quarter"],
         ["query", "questions", "--since", "2025-06-01", "--until", "2026-03-31", "-f", "json"],
         ["query", "nonsense"], ["query"], ["query", "questions", "-w", "statsu=ready"],
         ["query", "--saved", "findings-on-theme"]]
LANGS = [[], ["--lang", "en", "@"], ["@", "--lang=nl"], ["@", "--lang", "en"], ["env:en"],
         ["env:nl", "--lang", "en", "@"]]


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "queries", root / "queries")
    shutil.copy(REPO / "veiligestad.yaml", root)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # no file is racy: the text is kept
    for name in ("VEILIGESTAD_QUICK", "VEILIGESTAD_LANG", "VEILIGESTAD_KB",
                 "VEILIGESTAD_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-11-27")
    monkeypatch.chdir(root)
    return root


def _argv(lang: list[str], rest: list[str]) -> tuple[list[str], dict[str, str]]:
    env: dict[str, str] = {}
    words = [w for w in lang if not w.startswith("env:")]
    if lang and lang[0].startswith("env:"):
        env["VEILIGESTAD_LANG"] = lang[0][4:]
    if "@" not in words:
        words = ["@"]
    at = words.index("@")
    return [*words[:at], *rest, *words[at + 1:]], env


def _quick(argv: list[str], capsys: pytest.CaptureFixture[str],
           run: bool = True) -> tuple[str, str, int] | None:
    code = quick_read.answer(argv, run=run)
    out, err = capsys.readouterr()
    if code is None:
        assert (out, err) == ("", "")  # declining prints nothing
        return None
    return out, err, code


def _refuse_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the cache's index was read")

    monkeypatch.setattr(RecordCache, "__init__", refuse)


def _both(argv: list[str], capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch, env: dict[str, str] | None = None) -> None:
    """Typer's way, the quick way made afresh, and the quick way from its kept text: the same;
    and the kept text is printed without reading a record."""
    with monkeypatch.context() as patched:
        for name, value in (env or {}).items():
            patched.setenv(name, value)
        expected = _typer(argv, capsys)
        first = _quick(argv, capsys)
        with monkeypatch.context() as refusing:
            _refuse_records(refusing)
            again = _quick(argv, capsys, run=False)
    if expected[2] != 0:  # an error: Typer's path reports it, the quick way says nothing
        assert first is None and again is None, argv
        return
    assert first is not None, f"the quick path declined {argv} {env}"
    assert first == again == expected, (argv, env)


def _break(root: Path) -> None:
    """A file the screened view leaves out, named on standard error."""
    (root / "data/findings/F-2026-ZZZZ.yaml").write_text("id: [\n", encoding="utf-8")


@pytest.mark.parametrize("left_out", [False, True], ids=["clean", "left-out"])
@pytest.mark.parametrize("where", ["cwd", "--kb"])
@pytest.mark.parametrize("command", ["stats", "gaps", "show", "query"])
def test_every_accepted_command_line_prints_what_typer_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    left_out: bool, where: str, command: str,
) -> None:
    if left_out:
        _break(kb)
    if where == "--kb":
        monkeypatch.chdir(kb.parent)
    lines = {"stats": STATS, "gaps": GAPS, "show": SHOW, "query": QUERY}[command]
    for rest, lang in itertools.product(lines, LANGS if command in ("stats", "gaps") else
                                        [[], ["@", "--lang", "en"]]):
        argv, env = _argv(lang, rest)
        if where == "--kb":
            argv = ["--kb", kb.name, *argv] if lang[:1] != ["@"] else [*argv, "--kb", kb.name]
        _both(argv, capsys, monkeypatch, env)
        if left_out and command in ("stats", "gaps") and "2031-Q9" not in rest:
            # (a quarter that is no quarter is said before any file is read)
            assert "F-2026-ZZZZ" in _typer(argv, capsys)[1]


@pytest.mark.parametrize("env", [
    {"COLUMNS": "120"}, {"COLUMNS": "40"}, {"COLUMNS": "7"}, {"FORCE_COLOR": "1"},
    {"NO_COLOR": "", "TERM": "xterm-256color", "FORCE_COLOR": "1", "COLORTERM": "truecolor"},
], ids=["wide", "narrow", "very-narrow", "colour", "truecolor"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("argv", [["stats", "--audience", "public"], ["gaps"],
                                  ["show", "Q-2025-001"],
                                  ["query", "questions", "--group-by", "status"]],
                         ids=" ".join)
def test_text_is_the_same_at_every_width_and_colour_rich_chooses(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str], lang: str, argv: list[str],
) -> None:
    _both([*argv, "--lang", lang], capsys, monkeypatch, env)


def test_a_way_of_printing_is_kept_apart_from_every_other(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text kept for one width, language, format or argument is never printed for another."""
    outputs = {}
    for lang, columns, form, quarter in itertools.product(
            ["nl", "en"], ["30", "120"], ["table", "json"], [[], ["-q", "2026-Q2"]]):
        monkeypatch.setenv("COLUMNS", columns)
        argv = ["stats", "--lang", lang, "-f", form, *quarter]
        for _ in range(2):
            found = _quick(argv, capsys)
            assert found is not None
            assert found == _typer(argv, capsys)
        outputs[columns, lang, form, len(quarter)] = found
    # a table for each language, width and quarter; json is the same at any width or language
    assert len({out for out, _, _ in outputs.values()}) == 2 * 2 * 2 + 2


@pytest.mark.parametrize("argv", [
    ["stats", "--federated"], ["gaps", "--federated"], ["stats", "--help"], ["gaps", "-h"],
    ["stats", "-fjson"], ["stats", "--format", "JSON"], ["stats", "-f", "json", "-f", "table"],
    ["stats", "--lang", "EN"], ["stats", "--lang", "fr"], ["gaps", "--quarter", "2026-Q2"],
    ["gaps", "--audience", "public"], ["stats", "--audience", "everyone"], ["stats", "--"],
    ["stats", "--kb"], ["stats", "-x"], ["stats", "gaps"], ["gaps", "gaps"],
    ["query", "stats"], ["show", "gaps"], ["--format", "json", "stats"], ["stats", "--kb",
    "--format"], ["--version", "stats"], ["stats", "--quarter", "-1"], ["stats", "extra"],
    ["--kb", "gaps"], ["query", "findings", "-f", "csv"], ["query", "--federated", "findings"],
    ["show", "Q-2025-001", "--federated"], ["show"], ["show", "A", "B"], ["query", "a", "b"],
    ["query", "findings", "--recursive=yes"], ["query", "findings", "--limit", "+3"],
    ["query", "findings", "--limit", "3", "--limit", "4"], ["show", "Q-2025-001", "-f", "table"],
    ["query", "findings", "--sort", "-reported"], ["query", "findings", "-wreview=draft"],
    ["query", "findings", "--where"], ["show", "--", "Q-2025-001"],
])
def test_any_other_command_line_goes_to_typer(
    kb: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert _quick(["stats"], capsys) is not None
    assert _quick(["stats"], capsys, run=False) is not None
    assert _quick(argv, capsys) is None


@pytest.mark.parametrize("env", [{"VEILIGESTAD_NO_CACHE": "1"}, {"VEILIGESTAD_LANG": ""},
                                 {"VEILIGESTAD_LANG": "EN"}, {"VEILIGESTAD_KB": ""},
                                 {"VEILIGESTAD_KB": " ."},
                                 {"VEILIGESTAD_TODAY": "2030-01-01"},
                                 {"VEILIGESTAD_TODAY": "not a date"}])
def test_an_environment_it_does_not_read_as_typer_does_is_never_answered_from_the_kept_text(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
) -> None:
    for command in (["stats"], ["gaps"]):
        assert _quick(command, capsys) is not None
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert _quick(command, capsys, run=False) is None
        ran = _quick(command, capsys)
        if ran is not None:  # another date, or no cache: said afresh, as Typer says it
            assert ran == _typer(command, capsys)
        for name in env:
            monkeypatch.delenv(name)


def _field_edits(path: Path) -> list[tuple[str, str]]:
    """Each one-line top-level field of the file with its value changed."""
    text = path.read_text(encoding="utf-8")
    out = []
    for match in re.finditer(r"(?m)^([a-z_]+): (\S.*)$", text):
        key, value = match.groups()
        if key == "id":
            continue
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # a date: a year earlier
            new = str(int(value[:4]) - 1) + value[4:]
        else:
            new = value[:-1] + ("1" if value[-1] != "1" else "2")
        out.append((key, text[:match.start(2)] + new + text[match.end(2):]))
    return out


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_every_edit_of_a_field_is_seen(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Every one-line field of a record of each kind changed in turn after the text was kept:
    what is printed equals a run through Typer that reads every file afresh."""
    paths = sorted((kb / "data" / kind).glob("*.yaml"))
    commands = [["stats", "-f", "json"], ["gaps", "-f", "json"],
                ["stats", "-f", "json", "--audience", "public"], ["query", kind, "-f", "json"],
                ["query", kind, "--audience", "public", "-f", "json"],
                ["show", paths[0].stem, "-f", "json"]]
    for path in paths[:1]:
        original = path.read_text(encoding="utf-8")
        for key, edited in _field_edits(path):
            path.write_text(original, encoding="utf-8")
            for argv in commands:
                assert _quick(argv, capsys) is not None
            path.write_text(edited, encoding="utf-8")
            for argv in commands:
                with monkeypatch.context() as fresh:
                    fresh.setenv("VEILIGESTAD_NO_CACHE", "1")
                    expected = _typer(argv, capsys)
                found = _quick(argv, capsys)
                # an error (the record is no longer valid) is Typer's to report
                assert found == (expected if expected[2] == 0 else None), (path.name, key, argv)
        path.write_text(original, encoding="utf-8")


def _add(root: Path) -> None:
    finding = sorted((root / "data/findings").glob("*.yaml"))[0]
    (root / "data/findings/F-2026-ZZZY.yaml").write_text(
        finding.read_text(encoding="utf-8").replace(finding.stem, "F-2026-ZZZY"),
        encoding="utf-8")


def _remove(root: Path) -> None:
    sorted((root / "data/questions").glob("*.yaml"))[-1].unlink()


def _config(root: Path) -> None:
    path = root / "veiligestad.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def _threshold(root: Path) -> None:
    path = root / "veiligestad.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(draft_days: )\d+", r"\g<1>1", text), encoding="utf-8")


def _query(root: Path) -> None:
    (root / "queries/extra.yaml").write_text("kind: questions\n", encoding="utf-8")


def _saved(root: Path) -> None:
    path = root / "queries/waiting-for-students.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("default: 0", "default: 30"),
                    encoding="utf-8")


def _stray(root: Path) -> None:
    (root / "data/notes.yaml").write_text("a: 1\n", encoding="utf-8")


def _subfolder(root: Path) -> None:
    (root / "data/findings/old").mkdir()


@pytest.mark.parametrize("change", [_add, _remove, _break, _config, _threshold, _query, _saved,
                                    _stray, _subfolder], ids=lambda f: f.__name__.strip("_"))
def test_what_the_text_depends_on_is_never_answered_from_it(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    change: object,
) -> None:
    commands = [["stats"], ["gaps", "-f", "json"], ["--lang", "en", "gaps"],
                ["query", "findings", "-f", "json"], ["show", "Q-2025-001"],
                ["query", "--saved", "waiting-for-students"]]
    for argv in commands:
        assert _quick(argv, capsys) is not None
    change(kb)  # type: ignore[operator]
    for argv in commands:
        assert _quick(argv, capsys, run=False) is None, argv
        with monkeypatch.context() as fresh:
            fresh.setenv("VEILIGESTAD_NO_CACHE", "1")
            expected = _typer(argv, capsys)
        found = _quick(argv, capsys)
        assert found == (expected if expected[2] == 0 else None), argv


def test_another_date_language_or_code_is_never_answered_from_the_text(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _quick(["gaps"], capsys) is not None
    monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-12-31")
    assert _quick(["gaps"], capsys, run=False) is None
    assert _quick(["gaps"], capsys) == _typer(["gaps"], capsys)
    assert _quick(["gaps", "--lang", "en"], capsys, run=False) is None
    assert _quick(["gaps"], capsys, run=False) is not None
    monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "another version")
    assert _quick(["gaps"], capsys, run=False) is None


def test_a_racy_file_or_no_cache_keeps_no_text(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    said = kb / CACHE_DIR / quick_read.SAID_FILE.format("stats")
    monkeypatch.setattr(cache_module, "RACY_NS", 10**18)  # every file changed a moment ago
    assert _quick(["stats"], capsys) == _typer(["stats"], capsys)
    assert not said.exists()
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    monkeypatch.setenv("VEILIGESTAD_NO_CACHE", "1")
    assert _quick(["stats"], capsys) == _typer(["stats"], capsys)
    assert not said.exists()
    monkeypatch.delenv("VEILIGESTAD_NO_CACHE")
    assert _quick(["stats"], capsys) is not None
    assert said.is_file()


def test_kept_text_is_never_printed_for_another_checkout_or_when_damaged(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _quick(["gaps"], capsys) is not None
    said = kb / CACHE_DIR / quick_read.SAID_FILE.format("gaps")
    kept = said.read_bytes()
    other = kb.parent / "other"
    shutil.copytree(kb, other)  # the cache committed beside the same files
    monkeypatch.chdir(other)
    assert _quick(["gaps"], capsys, run=False) is None
    monkeypatch.chdir(kb)
    _threshold(kb)
    expected = _typer(["gaps"], capsys)
    said.write_bytes(kept)  # the old text, under the old key
    assert _quick(["gaps"], capsys) == expected
    said.write_bytes(b"garbage")
    assert _quick(["gaps"], capsys) == expected


_PROBE = ("import sys, atexit\n"
          "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & "
          "{'typer', 'click', 'rich', 'yaml', 'yaml_rs', 'jinja2'}), file=sys.stderr))\n"
          "sys.argv = ['veiligestad', *sys.argv[1:]]\n"
          "from veiligestad.cli.entry import main\nmain()\n")


def test_a_real_process_answers_from_kept_text_without_typer_click_rich_or_yaml(
    kb: Path,
) -> None:
    env = {**os.environ, "VEILIGESTAD_TODAY": "2026-11-27", "COLUMNS": "100"}

    def run(*args: str, quick_off: bool = False) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=kb, capture_output=True,
                              env={**env, "VEILIGESTAD_QUICK": "0" if quick_off else "1"},
                              check=False)

    _break(kb)
    time.sleep(2.1)  # in processes of their own files are racy for two seconds (RACY_NS)
    for args in (["stats"], ["gaps", "-f", "json"], ["--lang", "en", "gaps"],
                 ["show", "Q-2025-001"], ["query", "findings", "-w", "review=published"]):
        typer_way = run(*args, quick_off=True)
        made = run(*args)  # said afresh without Typer, and kept
        assert "typer" not in made.stderr.decode() and "click" not in made.stderr.decode()
        quick_way = run(*args)
        assert quick_way.stderr.decode().endswith("[]\n"), args
        assert typer_way.returncode == quick_way.returncode == 0 and typer_way.stdout
        assert quick_way.stdout == typer_way.stdout
        # the file left out is named on standard error either way, before the probe's line
        assert quick_way.stderr.decode().rsplit("\n", 2)[0] == \
            typer_way.stderr.decode().rsplit("\n", 2)[0]


def test_the_kept_texts_stay_few_and_small(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every run of a command reads its whole file: the oldest texts make way for new ones,
    and a text too long to be worth keeping is not kept (and still printed as Typer prints
    it)."""
    said = kb / CACHE_DIR / quick_read.SAID_FILE.format("show")
    ids = sorted(p.stem for p in (kb / "data/questions").glob("*.yaml"))
    assert len(ids) > quick_read._WAYS
    for record_id in ids:
        assert _quick(["show", record_id, "-f", "json"], capsys) is not None
    kept = quick_read._read_said(kb, "show", _key(kb, "show"))
    assert [way[2] for way in kept] == [(i,) for i in ids[-quick_read._WAYS:]]
    monkeypatch.setattr(quick_read, "_KEPT", 3 * len(kept[next(iter(kept))][0]))
    assert _quick(["show", ids[0]], capsys) == _typer(["show", ids[0]], capsys)
    assert len(quick_read._read_said(kb, "show", _key(kb, "show"))) <= 3
    monkeypatch.setattr(quick_read, "_LONGEST", 10)
    before = said.read_bytes()
    assert _quick(["show", ids[1]], capsys) == _typer(["show", ids[1]], capsys)
    assert said.read_bytes() == before
    assert _quick(["show", ids[1]], capsys, run=False) is None


def _key(root: Path, command: str) -> str:
    import datetime as dt

    found = quick_read._said_key(root, command, dt.date(2026, 11, 27), time.time_ns())
    assert found is not None
    return found[0]


def test_the_collector_stays_off_only_where_the_process_ends_with_the_answer(
    kb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    assert gc.isenabled()
    try:
        assert quick_read.answer(["stats"]) == 0
        assert gc.isenabled()  # a caller that goes on (a test, a library) keeps its collector
        assert quick_read.answer(["stats"], process_ends=True) == 0
        assert not gc.isenabled()
        gc.enable()
        assert quick_read.answer(["stats", "--quarter", "nonsense"], process_ends=True) is None
        assert gc.isenabled()  # Typer's path runs with the collector as it was
    finally:
        gc.enable()
    capsys.readouterr()


THROUGH = [["query", "findings", "-f", "json"], ["query", "questions", "-f", "jsonl"],
           ["query", "findings", "--group-by", "review", "-f", "yaml"],
           ["query", "projects", "-f", "yaml"], ["query", "findings", "--fields",
                                                  "id,title,themes", "-f", "jsonl"],
           ["query", "findings", "--audience", "public", "-f", "json"],
           ["query", "questions", "--limit", "3", "-f", "yaml", "--lang", "en"]]


@pytest.mark.parametrize("left_out", [False, True], ids=["clean", "left-out"])
@pytest.mark.parametrize("argv", THROUGH, ids=" ".join)
def test_a_long_output_is_written_as_made_and_is_what_typer_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: list[str], left_out: bool,
) -> None:
    # every output "long": written straight to standard output as it is made, after what was
    # printed to standard error (as through Typer: a note on a record left out comes first,
    # and still reaches a reader that stops early), and never kept as a text
    monkeypatch.setattr(quick_read, "_THROUGH_ROWS", 0)
    if left_out:
        _break(kb)
    expected = _typer(argv, capsys)
    order: list[str] = []
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        monkeypatch.setattr(stream, "write", lambda text, _n=name, _w=stream.write: (
            order.append(_n) if text else None, _w(text))[1])
    assert expected[2] == 0 and expected[0], argv
    written: list[str] = []
    real = quick_read._Through.__init__

    def spy(self: quick_read._Through, write: object) -> None:
        written.append(" ".join(argv))
        real(self, write)  # type: ignore[arg-type]

    monkeypatch.setattr(quick_read._Through, "__init__", spy)
    assert _quick(argv, capsys) == expected
    assert written, "the output was not written through"
    if left_out:
        assert "F-2026-ZZZZ" in expected[1]
        assert order.index("stderr") < order.index("stdout"), order
    assert _quick(argv, capsys, run=False) is None  # nothing kept


def test_a_failure_while_a_long_output_is_written_is_the_commands_crash_report(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # what goes wrong once the writing has begun is not handed to Typer's path (which would
    # print the output a second time) but reported as any failure of the command is
    from veiligestad.cli import reading_output

    monkeypatch.setattr(quick_read, "_THROUGH_ROWS", 0)
    monkeypatch.setenv("VEILIGESTAD_LOG_DIR", str(tmp_path / "logs"))
    calls = []

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(args)
        sys.stdout.write("[\n")
        raise RuntimeError("stopped halfway")

    monkeypatch.setattr(reading_output, "write_query", failing)
    found = _quick(["query", "findings", "-f", "json"], capsys)
    assert found is not None
    out, err, code = found
    assert code == 3 and out == "[\n" and len(calls) == 1
    assert "veiligestad-crash-" in err and "Traceback" not in err
    assert list((tmp_path / "logs").glob("veiligestad-crash-*.log"))


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_a_full_disk_under_the_output_is_the_commands_crash_report(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path, long: bool,
) -> None:
    # ``> /dev/full``: the first write fails; as through Typer, the crash report and exit 3,
    # not a traceback (and not a second try through Typer)
    import errno

    if long:
        monkeypatch.setattr(quick_read, "_THROUGH_ROWS", 0)
    monkeypatch.setenv("VEILIGESTAD_LOG_DIR", str(tmp_path / "logs"))
    argv = ["query", "findings", "-f", "yaml"]
    _quick(argv, capsys)  # made and, when short, kept: the failing run prints the kept text

    def full(text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(sys.stdout, "write", full)
        code = quick_read.answer(argv)
    _, err = capsys.readouterr()
    assert code == 3, err
    assert "veiligestad-crash-" in err and "Traceback" not in err
