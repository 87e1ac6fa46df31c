"""``validate`` without Typer when nothing changed (``cli/quick.py``): the same bytes and exit
code as through Typer, for every command line it accepts, and nothing at all for any other."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.drive import through_typer as _typer
from veiligestad.cli import quick
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, PRINTED_FILE
from veiligestad.store.unchanged import QUIET_HIDDEN, Listing, quick_listing

# Off by design on Windows, where a file's stat proves nothing (docs/performance.md); the
# tests that simulate Windows on other systems check that it declines there.
pytestmark = pytest.mark.skipif(os.name == "nt", reason="off on Windows by design")

QUESTION = "data/questions/Q-2026-001.yaml"
FORMATS = [[], ["--format", "json"], ["-f", "github"], ["--format=text"]]
LANGS = [[], ["--lang", "en", "@"], ["@", "--lang=nl"], ["@", "--lang", "en"], ["env:en"]]


@pytest.fixture
def kb(base_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # no file is racy: the quick file is kept
    monkeypatch.delenv("VEILIGESTAD_QUICK", raising=False)
    monkeypatch.delenv("VEILIGESTAD_LANG", raising=False)
    monkeypatch.delenv("VEILIGESTAD_KB", raising=False)
    monkeypatch.chdir(base_kb)
    return base_kb


def _with_problems(root: Path) -> None:
    question = root / QUESTION
    question.write_text(question.read_text("utf-8").replace("themes:", "themse:"), "utf-8")


def _argv(lang: list[str], rest: list[str]) -> tuple[list[str], dict[str, str]]:
    env: dict[str, str] = {}
    words = [w for w in lang if not w.startswith("env:")]
    if lang and lang[0].startswith("env:"):
        env["VEILIGESTAD_LANG"] = lang[0][4:]
    if "@" not in words:
        words = ["@"]
    at = words.index("@")
    return [*words[:at], "validate", *rest, *words[at + 1:]], env


def _quick(argv: list[str], capsys: pytest.CaptureFixture[str],
           run: bool = False) -> tuple[str, str, int] | None:
    """What the quick path prints from the kept result (with ``run``: or by running validate
    without Typer)."""
    code = quick.answer(argv, run=run)
    out, err = capsys.readouterr()
    if code is None:
        assert (out, err) == ("", "")  # declining prints nothing
        return None
    return out, err, code


def _both(argv: list[str], capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> int:
    with monkeypatch.context() as patched:
        for name, value in env.items():
            patched.setenv(name, value)
        expected = _typer(argv, capsys)  # which keeps the quick result
        first = _quick(argv, capsys)  # printed afresh, and kept
        again = _quick(argv, capsys)  # printed from what was kept
    assert first is not None, f"the quick path declined {argv} {env}"
    assert first == again == expected, (argv, env)
    return first[2]


@pytest.mark.parametrize("problems", [False, True], ids=["clean", "problems"])
@pytest.mark.parametrize("where", ["cwd", "--kb"])
@pytest.mark.parametrize("strict", [False, True], ids=["", "strict"])
def test_every_accepted_command_line_prints_what_typer_prints(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    problems: bool, where: str, strict: bool,
) -> None:
    if problems:
        _with_problems(kb)
    if where == "--kb":
        monkeypatch.chdir(kb.parent)
    seen_codes = set()
    for form, lang in itertools.product(FORMATS, LANGS):
        rest = [*form, *(["--strict"] if strict else [])]
        argv, env = _argv(lang, rest)
        if where == "--kb":
            argv = ["--kb", kb.name, *argv] if lang[:1] != ["@"] else [*argv, "--kb", kb.name]
        seen_codes.add(_both(argv, capsys, monkeypatch, env))
    assert seen_codes == ({1} if problems else {0})


@pytest.mark.parametrize("env", [
    {"COLUMNS": "120"}, {"COLUMNS": "40"}, {"COLUMNS": "7"}, {"FORCE_COLOR": "1"},
    {"NO_COLOR": "", "TERM": "xterm-256color", "FORCE_COLOR": "1", "COLORTERM": "truecolor"},
], ids=["wide", "narrow", "very-narrow", "colour", "truecolor"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("problems", [False, True], ids=["clean", "problems"])
def test_text_is_the_same_at_every_width_and_colour_rich_chooses(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str], lang: str, problems: bool,
) -> None:
    if problems:
        _with_problems(kb)
    _both(["validate", "--lang", lang], capsys, monkeypatch, env)


def test_a_way_of_printing_is_kept_apart_from_every_other(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text kept for one width, language or format is never printed for another."""
    _with_problems(kb)
    outputs = {}
    for lang, columns, form in itertools.product(["nl", "en"], ["30", "120"], ["text", "json"]):
        monkeypatch.setenv("COLUMNS", columns)
        if (columns, form) == ("30", "text"):
            _typer(["validate", "--lang", lang], capsys)  # one quick result per language
        for _ in range(2):
            found = _quick(["validate", "--lang", lang, "-f", form], capsys)
            assert found is not None
            assert found == _typer(["validate", "--lang", lang, "-f", form], capsys)
        outputs[columns, lang, form] = found
    assert len({out for out, _, _ in outputs.values()}) == 6  # json is the same at any width


@pytest.mark.parametrize("argv", [
    ["validate", "data"], ["validate", "--no-cache"], ["validate", "--changed-since", "main"],
    ["validate", "--strict", "--strict"], ["validate", "-f", "json", "--format", "text"],
    ["validate", "-fjson"], ["validate", "--format", "JSON"], ["validate", "--lang", "EN"],
    ["validate", "--lang", "fr"], ["validate", "--help"], ["validate", "--"], ["--strict",
    "validate"], ["--format", "json", "validate"], ["validate", "--kb"], ["validate", "-x"],
    ["validate", "validate"], ["query", "validate"], ["validate", "--kb", "--strict"],
    ["--version", "validate"],
])
def test_any_other_command_line_goes_to_typer(
    kb: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _typer(["validate"], capsys)
    assert _quick(["validate"], capsys) is not None
    assert _quick(argv, capsys, run=True) is None


def test_a_broken_config_goes_to_typer(kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (kb / "veiligestad.yaml").write_text("language: fr\n", "utf-8")
    assert _quick(["validate"], capsys, run=True) is None
    _out, err, code = _typer(["validate"], capsys)
    assert code == 2 and "language" in err


def _stray(root: Path) -> None:
    (root / "data" / "notes.yaml").write_text("x: 1\n")


def _link(root: Path) -> None:
    (root / "data/questions/Q-2026-050.yaml").symlink_to(root / QUESTION)


def _subfolder(root: Path) -> None:
    (root / "data/questions/old").mkdir()


def _yml(root: Path) -> None:
    shutil.copy(root / QUESTION, root / "data/questions/Q-2026-051.yml")


def _temporary(root: Path) -> None:
    (root / "data/questions/.Q-2026-001.yaml.abc123.tmp").write_text("")


def _hidden(root: Path) -> None:
    (root / "data/questions/.notes").write_text("")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "data/questions/Q-2026-052.yaml")


def _touch_config(root: Path) -> None:
    with (root / "veiligestad.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# changed\n")


def _new_query(root: Path) -> None:
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "open.yaml").write_text("kind: questions\n")


def _edit(root: Path) -> None:
    _with_problems(root)


def _new_record(root: Path) -> None:
    shutil.copy(root / QUESTION, root / "data/questions/Q-2026-099.yaml")


@pytest.mark.parametrize("change", [_stray, _link, _subfolder, _yml, _temporary, _hidden,
                                    _touch_config, _new_query, _edit, _new_record]
                         + ([_fifo] if hasattr(os, "mkfifo") else []))
@pytest.mark.parametrize("form", [[], ["-f", "json", "--strict"], ["-f", "github"]])
def test_any_change_or_unusual_file_is_validated_afresh(
    kb: Path, capsys: pytest.CaptureFixture[str], change: object, form: list[str]
) -> None:
    """Never from the kept result; validate runs (here, without Typer) and prints what the
    command prints without a cache."""
    _typer(["validate"], capsys)
    assert _quick(["validate", *form], capsys) is not None
    change(kb)  # type: ignore[operator]
    assert _quick(["validate", *form], capsys) is None
    expected = _typer(["validate", *form, "--no-cache"], capsys)
    assert _quick(["validate", *form], capsys, run=True) == expected


@pytest.mark.parametrize("env", [{"VEILIGESTAD_NO_CACHE": "1"}, {"VEILIGESTAD_LANG": ""},
                                 {"VEILIGESTAD_LANG": "EN"}, {"VEILIGESTAD_KB": ""},
                                 {"VEILIGESTAD_TODAY": "2030-01-01"},
                                 {"VEILIGESTAD_TODAY": "not a date"}])
def test_an_environment_it_does_not_read_as_typer_does_is_never_answered_from_the_kept_result(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
) -> None:
    _typer(["validate"], capsys)
    assert _quick(["validate"], capsys) is not None
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _quick(["validate"], capsys) is None
    ran = _quick(["validate"], capsys, run=True)
    if ran is not None:  # a pinned date, no cache: validate runs without Typer
        assert ran == _typer(["validate", "--no-cache"], capsys)


def test_the_kb_in_the_environment_is_read_as_typer_reads_it(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(kb.parent)
    _both(["validate"], capsys, monkeypatch, {"VEILIGESTAD_KB": str(kb)})


def test_a_cache_copied_from_elsewhere_is_never_trusted(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout with a cache committed in it (files of the same content, the cache of another
    checkout, printed text and all) is not answered from that cache: no stat matches."""
    _with_problems(kb)
    _typer(["validate"], capsys)
    assert _quick(["validate"], capsys) is not None
    assert (kb / CACHE_DIR / PRINTED_FILE).is_file()
    other = kb.parent / "other"
    shutil.copytree(kb, other)
    monkeypatch.chdir(other)
    assert _quick(["validate"], capsys) is None


def test_printed_text_kept_for_another_result_is_never_printed(
    kb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _typer(["validate"], capsys)
    assert _quick(["validate"], capsys) is not None
    kept = (kb / CACHE_DIR / PRINTED_FILE).read_bytes()
    _with_problems(kb)
    expected = _typer(["validate"], capsys)
    (kb / CACHE_DIR / PRINTED_FILE).write_bytes(kept)  # the clean text, under the old key
    assert _quick(["validate"], capsys) == expected
    (kb / CACHE_DIR / PRINTED_FILE).write_bytes(b"garbage")
    assert _quick(["validate"], capsys) == expected


@pytest.mark.parametrize("layout", ["plain", "readme", "gitkeep", "empty-kind", "no-kind"])
def test_the_quick_listing_is_the_scan_s_for_every_layout_it_answers(
    kb: Path, layout: str
) -> None:
    if layout == "readme":
        (kb / "data/findings/README.md").write_text("notes\n")
    elif layout == "gitkeep":
        for name in QUIET_HIDDEN:
            (kb / "data/projects" / name).write_text("")
    elif layout == "empty-kind":
        shutil.rmtree(kb / "data/projects")
        (kb / "data/projects").mkdir()
    elif layout == "no-kind":
        shutil.rmtree(kb / "data/projects")
    folders = ("data/questions", "data/projects", "data/findings")
    from veiligestad.model.kinds import KINDS

    assert folders == tuple(f"data/{kind.plural}" for kind in KINDS.values())
    found = quick_listing(kb, folders)
    assert found is not None
    scanned = Listing.scanned(kb)
    assert found == scanned.keys(kb)
    listed = Listing.of(kb)  # by quick_listing
    assert listed.entries == scanned.entries
    assert [os.stat_result.__repr__(s) for s in listed.stats] == [
        os.stat_result.__repr__(s) for s in scanned.stats]


@pytest.mark.parametrize("change", [_stray, _link, _subfolder, _yml, _temporary, _hidden])
def test_the_listing_of_an_unusual_layout_is_the_scan_s(kb: Path, change: object) -> None:
    change(kb)  # type: ignore[operator]
    assert Listing.of(kb).entries == Listing.scanned(kb).entries


def test_the_hidden_files_it_passes_over_are_not_the_tool_s_temporary_files() -> None:
    from veiligestad.store.atomic import is_temporary

    assert not any(is_temporary(name) for name in QUIET_HIDDEN)


_PROBE = ("import sys, atexit\n"
          "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & "
          "{'typer', 'click', 'rich', 'yaml', 'yaml_rs', 'jinja2'}), file=sys.stderr))\n"
          "sys.argv = ['veiligestad', *sys.argv[1:]]\n"
          "from veiligestad.cli.entry import main\nmain()\n")


def test_a_real_process_answers_without_typer_click_rich_or_yaml(kb: Path) -> None:
    env = {**os.environ, "VEILIGESTAD_TODAY": "2026-11-27"}

    def run(*args: str, quick_off: bool = False) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=kb, capture_output=True,
                              env={**env, "VEILIGESTAD_QUICK": "0" if quick_off else "1"},
                              check=False)

    _with_problems(kb)
    time.sleep(2.1)  # in processes of their own files are racy for two seconds (RACY_NS)
    for args in (["validate"], ["validate", "-f", "json", "--strict"],
                 ["--lang", "en", "validate"]):
        typer_way = run(*args, quick_off=True)
        run(*args)  # prints afresh and keeps the text
        quick_way = run(*args)
        assert quick_way.stderr.decode().strip() == "[]", args
        assert (quick_way.stdout, quick_way.returncode) == (typer_way.stdout, typer_way.returncode)
        assert typer_way.returncode == 1 and typer_way.stdout


def test_a_real_process_validates_an_edited_knowledge_base_without_typer(kb: Path) -> None:
    env = {**os.environ, "VEILIGESTAD_TODAY": "2026-11-27"}

    def run(*args: str, quick_off: bool = False) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=kb, capture_output=True,
                              env={**env, "VEILIGESTAD_QUICK": "0" if quick_off else "1"},
                              check=False)

    run("validate")
    _with_problems(kb)
    quick_way = run("validate", "--strict")
    assert "typer" not in quick_way.stderr.decode() and "click" not in quick_way.stderr.decode()
    typer_way = run("validate", "--strict", "--no-cache", quick_off=True)
    assert (quick_way.stdout, quick_way.returncode) == (typer_way.stdout, typer_way.returncode)
    assert typer_way.returncode == 1 and b"themse" in typer_way.stdout


@pytest.mark.parametrize("by_folder", [True, False])
def test_the_quick_listing_is_the_same_from_the_open_folder_or_by_path(
    kb: Path, monkeypatch: pytest.MonkeyPatch, by_folder: bool
) -> None:
    """Each file looked up from the open record folder (``fstatat``) or by its whole path:
    the same listing and the same stats; a file gone between the listing of its folder and
    its ``lstat`` gives no quick listing (never a folder left out)."""
    from veiligestad.store import unchanged

    folders = ("data/questions", "data/projects", "data/findings")
    (kb / "data/findings/README.md").write_text("notes\n")
    (kb / "data/projects/.gitkeep").write_text("")
    scanned = Listing.scanned(kb)
    monkeypatch.setattr(unchanged, "_BY_FOLDER", by_folder)
    infos: list[os.stat_result] = []
    assert quick_listing(kb, folders, infos) == scanned.keys(kb)
    assert [os.stat_result.__repr__(s) for s in infos] == [
        os.stat_result.__repr__(s) for s in scanned.stats]
    real = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path: [*real(path), "Q-2026-999.yaml"])
    assert quick_listing(kb, folders) is None


def test_the_listing_s_parts_are_its_paths_and_stats_as_the_base_keeps_them(kb: Path) -> None:
    import datetime as dt
    from array import array
    from itertools import chain

    files = quick_listing(kb, ("data/questions", "data/projects", "data/findings"))
    assert files is not None and len(files) > 3
    files = [*files, ("queries/x.yaml", (-1, -1, -1, -1, -1))]
    rels, stats = cache_module.listing_parts(files)
    assert rels == "\x00".join(rel for rel, _ in files)
    assert stats == array("q", chain.from_iterable(key for _, key in files)).tobytes()
    today = dt.date(2026, 12, 4)
    assert cache_module.quick_key("c", today, files) == cache_module.quick_key(
        "c", today, files, (rels, stats))
    assert cache_module.quick_key("c", today, files) != cache_module.quick_key(
        "c", today, files[:-1])
