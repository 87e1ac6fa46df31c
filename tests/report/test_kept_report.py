"""A report made again is made from its kept content when nothing it depends on changed, and
never otherwise: every change is compared with a report that reads every file afresh."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from tests.cachefiles import read_blob, write_blob
from tests.conftest import REPO
from tests.gitkb import commit_all
from veiligestad.cli.main import app
from veiligestad.report.document import Document, from_plain, to_plain
from veiligestad.store import answers
from veiligestad.store import cache as cache_module
from veiligestad.store.cache import CACHE_DIR, RecordCache

runner = CliRunner()
KEPT = answers.ANSWER_FILE.format("report")

REPORTS = [
    ["quarterly", "--quarter", "2026-Q3"],
    ["quarterly", "--quarter", "2026-Q2", "--audience", "public"],
    ["quarterly", "--quarter", "2025-Q4"],
    ["quarterly", "--quarter", "2026-Q4", "--audience", "public", "--format", "html"],
    ["partner", "politie", "--quarter", "2026-Q3"],
]


def _run(kb: Path, out: Path, args: list[str], lang: str, env: dict[str, str],
         name: str = "r") -> tuple[int, str, bytes, dict[str, bytes]]:
    """Exit code, standard error, the report's bytes and its chart images' bytes."""
    for old in out.glob("*"):
        old.unlink()
    fmt = args[args.index("--format") + 1] if "--format" in args else "md"
    result = runner.invoke(app, ["--kb", str(kb), "--lang", lang, "report", *args,
                                 "-o", str(out / f"{name}.{fmt}")], env=env)
    report = out / f"{name}.{fmt}"
    images = {p.name: p.read_bytes() for p in sorted(out.glob("*.svg"))}
    return (result.exit_code, result.stderr, report.read_bytes() if report.exists() else b"",
            images)


def run(kb: Path, *args: str, lang: str = "en") -> tuple[int, str, bytes, dict[str, bytes]]:
    return _run(kb, kb.parent / "out", list(args), lang, {})


def fresh(kb: Path, *args: str, lang: str = "en") -> tuple[int, str, bytes, dict[str, bytes]]:
    return _run(kb, kb.parent / "out", list(args), lang, {"VEILIGESTAD_NO_CACHE": "1"})


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "veiligestad.yaml", root)
    (tmp_path / "out").mkdir()
    # Files written a moment ago are racy; here the stat alone decides, as it does for files
    # that were not changed in the last two seconds.
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)
    return root


def _no_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the cache's index was read")

    monkeypatch.setattr(RecordCache, "__init__", refuse)


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_an_unchanged_knowledge_base_is_reported_without_reading_a_record(
    example: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    first = run(example, *args)
    assert first[0] == 0 and first[2]
    assert (example / CACHE_DIR / KEPT).is_file()
    with monkeypatch.context() as patched:
        _no_records(patched)
        assert run(example, *args) == first
    assert fresh(example, *args) == first


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_kept_content_equals_content_read_from_every_record(example: Path, lang: str) -> None:
    """Over several quarters, both audiences and every format but PDF: the report made from
    the kept content is byte for byte the one made from the records."""
    for quarter in ("2025-Q2", "2025-Q4", "2026-Q1", "2026-Q3", "2026-Q4"):
        for audience in ("internal", "public"):
            made = None
            for fmt in ("md", "html"):  # the html report is made from the md's kept content
                args = ["quarterly", "--quarter", quarter, "--audience", audience,
                        "--format", fmt]
                kept = run(example, *args, lang=lang)
                assert kept == fresh(example, *args, lang=lang), args
                made = made or kept
            assert made is not None and made[0] == 0


def test_a_document_survives_its_plain_form(example: Path) -> None:
    import datetime as dt

    from veiligestad.commands.report import ReportRequest, build_document
    from veiligestad.i18n import Translator

    for audience in ("internal", "public"):
        request = ReportRequest("quarterly", "2026-Q3", "md", audience)
        document = build_document(example, Translator("nl"), request, dt.date(2026, 12, 3), "r")
        again = from_plain(to_plain(document))
        assert isinstance(again, Document) and again == document
        assert [b.chart.svg for b in again.charts] == [b.chart.svg for b in document.charts]
        assert all(b.chart.svg for b in document.charts)
    with pytest.raises(ValueError):
        from_plain({0: "Popen", "args": "x"})
    with pytest.raises(ValueError):
        from_plain({0: "Paragraph", "no such field": 1})


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
def test_every_edit_of_a_field_is_seen(example: Path, kind: str) -> None:
    """Every one-line field of a record of each kind changed in turn after a kept report: the
    report equals one made from every file afresh."""
    path = sorted((example / "data" / kind).glob("*.yaml"))[-1]
    original = path.read_text(encoding="utf-8")
    args = ["quarterly", "--quarter", "2026-Q3"]
    edits = _field_edits(path)
    assert len(edits) >= 5
    for key, edited in edits:
        path.write_text(original, encoding="utf-8")
        run(example, *args)
        path.write_text(edited, encoding="utf-8")
        assert run(example, *args) == fresh(example, *args), (path.name, key)


@pytest.mark.parametrize("change", ["add", "remove", "break", "today", "language", "config",
                                    "code", "quarter", "audience", "partner", "output"])
def test_what_a_report_depends_on_is_never_answered_from_it(
    example: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    lang = "en"
    args = ["quarterly", "--quarter", "2026-Q3"]
    before = run(example, *args)
    finding = sorted((example / "data/findings").glob("*.yaml"))[-1]
    if change == "add":
        text = finding.read_text(encoding="utf-8")
        (example / "data/findings/F-2026-ZZZZ.yaml").write_text(
            text.replace(finding.stem, "F-2026-ZZZZ"), encoding="utf-8")
    elif change == "remove":
        finding.unlink()
    elif change == "break":  # a file left out from now on, named on standard error
        finding.write_text("id: [\n", encoding="utf-8")
    elif change == "today":
        monkeypatch.setenv("VEILIGESTAD_TODAY", "2026-09-15")
    elif change == "language":
        lang = "nl"
    elif change == "config":
        config = example / "veiligestad.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "city: Leiden", "city: Leyden"), encoding="utf-8")
        assert "city: Leyden" in config.read_text(encoding="utf-8")
    elif change == "code":
        monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "another version")
    elif change == "quarter":
        args = ["quarterly", "--quarter", "2026-Q2"]
    elif change == "audience":
        args = [*args, "--audience", "public"]
    elif change == "partner":
        args = ["partner", "politie", "--quarter", "2026-Q3"]
    after = run(example, *args, lang=lang)
    if change == "output":  # another name: other image files, named in the report
        out = example.parent / "out"
        after = _run(example, out, args, lang, {}, "s")
        alone = _run(example, out, args, lang, {"VEILIGESTAD_NO_CACHE": "1"}, "s")
        assert after == alone and set(after[3]) != set(before[3])
        return
    assert after == fresh(example, *args, lang=lang), change
    assert after[0] == 0
    if change not in ("code",):
        assert after[2] != before[2], change  # the change shows in the report
    if change == "break":
        assert "data/findings/" + finding.name in after[1]


def test_a_report_that_dates_a_project_from_git_is_never_kept(example: Path) -> None:
    project = example / "data" / "projects" / "P-2026-004.yaml"
    kept = [line for line in project.read_text(encoding="utf-8").splitlines(keepends=True)]
    text, skipping = [], False
    for line in kept:  # drop start: and status_history: with its items
        if line.startswith(("start:", "status_history:")):
            skipping = line.rstrip().endswith(":")
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        text.append(line)
    project.write_text("".join(text), encoding="utf-8")
    repo = git.Repo.init(example, initial_branch="main")
    commit_all(repo, "Example", "2026-11-27")
    args = ["quarterly", "--quarter", "2026-Q4"]
    first = run(example, *args)
    assert first[0] == 0 and b"P-2026-004" in first[2]
    assert not (example / CACHE_DIR / KEPT).exists()
    assert run(example, *args) == first == fresh(example, *args)


def test_the_footer_names_the_commit_of_this_run(example: Path) -> None:
    repo = git.Repo.init(example, initial_branch="main")
    (example / ".gitignore").write_text(".veiligestad-cache/\n", encoding="utf-8")
    first_sha = commit_all(repo, "Example", "2026-11-27")
    args = ["quarterly", "--quarter", "2026-Q3"]
    first = run(example, *args)
    assert first_sha[:12].encode() in first[2]
    assert (example / CACHE_DIR / KEPT).is_file()
    (example / "notes.txt").write_text("not a record\n", encoding="utf-8")
    second_sha = commit_all(repo, "A note", "2026-11-28")
    second = run(example, *args)
    assert second_sha[:12].encode() in second[2] and first_sha[:12].encode() not in second[2]
    assert second == fresh(example, *args)


def test_racy_files_keep_no_report(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 2_000_000_000)
    run(example, "quarterly", "--quarter", "2026-Q3")
    assert not (example / CACHE_DIR / KEPT).exists()


@pytest.mark.parametrize("where", ["windows", "no cache"])
def test_no_report_is_kept_where_the_stat_proves_nothing(
    example: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "windows":
        monkeypatch.setattr(cache_module, "STAT_TRUSTED", False)
        run(example, "quarterly", "--quarter", "2026-Q3")
    else:
        fresh(example, "quarterly", "--quarter", "2026-Q3")
    assert not (example / CACHE_DIR / KEPT).exists()


@pytest.mark.parametrize("damage", ["cut", "garbage", "planted", "not a document"])
def test_a_damaged_or_planted_report_is_ignored(example: Path, damage: str) -> None:
    import pickle
    import zlib

    args = ["quarterly", "--quarter", "2026-Q3"]
    first = run(example, *args)
    path = example / CACHE_DIR / KEPT
    blob = read_blob(path)
    if damage == "cut":
        write_blob(path, blob[:-10])
    elif damage == "garbage":
        write_blob(path, b"\x00" * 100)
    else:
        payload = cache_module._payload(blob, answers.ANSWER_MAGIC)
        assert payload is not None
        head = pickle.loads(bytes(payload))
        if damage == "planted":  # the tool's fingerprint, a key made for other files
            new = pickle.dumps((*head[:3], "0" * 32, head[4], []))
        else:  # the right key, a value that is no document
            new = pickle.dumps((*head[:4], {0: "Popen", "args": ["sh"]}, []))
        write_blob(path, answers.ANSWER_MAGIC + cache_module._HEADER.pack(
            cache_module.FORMAT, len(new), zlib.crc32(new)) + new)
    assert run(example, *args) == first
    assert os.path.exists(path)
