"""Rich markup in anything a pull request can write is shown as text, by every command.

A record's free text, a label in ``veiligestad.yaml`` and the city's name come by pull request:
``[reverse]…[/reverse]`` there must not turn a terminal's colours around, and
``[link=https://…]…[/link]`` must not become a hyperlink in the coordinator's terminal (Rich
writes it as an OSC 8 escape). Every command that prints is run over a knowledge base whose
every free text and every label carries markup; wherever the marked text is printed, the markup
is printed with it, as written. (Rich reads markup whether or not output goes to a terminal, so
a test without a terminal sees it consumed: the brackets would be missing.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.gitkb import commit_all, init_repo
from tests.robustness.harness import (
    BASE_FINDING,
    BASE_QUESTION,
    PARTNER,
    QUARTER,
    base_copy,
    commands,
    run,
)

# Each marker is wrapped in markup that Rich would consume; the marker may only ever be printed
# with it (a cell may be cut at its width: then only the start is there, still with its tag).
WRAPPED = {"MKA": "[reverse]MKA[/reverse]", "MKB": "[link=https://evil.example]MKB[/link]",
           "MKC": "[bold red]MKC[/]"}
_MARKER = re.compile(r"MK[ABC]")
# Fields of a record that are free text, and so may hold anything.
_TEXT = re.compile(r"^[^\s]+ [^\s]+")  # at least two words: never an ID, key or date


def _mark(value: object, turn: list[int]) -> object:
    """Free text of a record, with a marked word in front (the markers in turn)."""
    if isinstance(value, str) and _TEXT.match(value):
        turn[0] += 1
        return f"{list(WRAPPED.values())[turn[0] % 3]} {value}"
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _mark(value[key], turn)
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _mark(item, turn)
    return value


def _marked_kb(tmp_path: Path) -> Path:
    root = base_copy(tmp_path)
    yaml = YAML()
    yaml.preserve_quotes = True
    turn = [0]
    for path in sorted((root / "data").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        _mark(data, turn)
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    config_path = root / "veiligestad.yaml"
    config = yaml.load(config_path.read_text(encoding="utf-8"))
    labels = iter(list(WRAPPED.values()) * 200)
    for entries in config["vocabularies"].values():
        for entry in entries.values():
            for lang in ("nl", "en"):
                if isinstance(entry, dict) and isinstance(entry.get(lang), str):
                    entry[lang] = f"{next(labels)} {entry[lang]}"
    config["city"] = f"{WRAPPED['MKA']} Teststad"
    with config_path.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    repo = init_repo(root, "2026-04-01")
    finding = root / "data" / "findings" / f"{BASE_FINDING}.yaml"
    data = yaml.load(finding.read_text(encoding="utf-8"))
    data["title"] = f"{WRAPPED['MKC']} Nieuw: {data['title']}"
    with finding.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    # and a commit's author and message (tests/robustness/test_commit_authors.py has the rest)
    commit_all(repo, f"{WRAPPED['MKB']} Edit a title", "2026-05-02",
               author=(f"{WRAPPED['MKA']} Student", "student@example.invalid"))
    return root


def _commands(out: Path) -> dict[str, list[str]]:
    runs = commands(out)
    runs.update({
        "vocab": ["vocab"],
        "show-table": ["show", BASE_FINDING],
        "show-question-table": ["show", BASE_QUESTION],
        "query-questions": ["query", "questions"],
        "query-projects": ["query", "projects"],
        "history": ["history", BASE_FINDING],
        "changes": ["changes", "--since", "2026-01-01"],
        "contributors": ["contributors", "--names"],
        "report-partner-digest": ["report", "partner", PARTNER, "--quarter", QUARTER,
                                  "--format", "md", "-o", str(out / "pd.md")],
        "federation-status": ["federation", "status"],
    })
    return runs


def _unmarked(text: str) -> list[str]:
    """The places where a marker is printed without its markup in front of it."""
    bad = []
    for found in _MARKER.finditer(text):
        tag = WRAPPED[found.group()].split(found.group())[0]
        if not text[:found.start()].endswith(tag):
            bad.append(text[max(0, found.start() - 60):found.end() + 20])
    return bad


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _marked_kb(tmp_path_factory.mktemp("markup"))


@pytest.mark.parametrize("name", sorted(_commands(Path("out"))))
def test_markup_in_records_and_labels_is_printed_as_written(name: str, marked: Path,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run(marked, _commands(out)[name])
    assert not result.crashed, result.explain()
    printed = result.output + result.stderr
    assert "\x1b" not in printed, result.explain()
    assert not _unmarked(printed), (name, _unmarked(printed))


def test_the_knowledge_base_is_marked_where_the_commands_print(marked: Path,
                                                              tmp_path: Path) -> None:
    """The test above proves something only if the markers reach what is printed: the labels
    (``vocab``), the titles (``query``), the commit's title (``changes``)."""
    out = tmp_path / "out"
    out.mkdir()
    assert "left out" not in run(marked, ["validate"]).stderr  # every record is read
    for name in ("vocab", "query-questions", "show-table", "changes", "history"):
        result = run(marked, _commands(out)[name])
        printed = result.output + result.stderr
        assert _MARKER.search(printed), (name, printed[-1500:])


# What a terminal obeys, in record text and labels: an OSC 8 hyperlink, clearing the screen,
# an 8-bit CSI, a carriage return, a direction mark (``terminal.shown`` writes each as an escape).
OBEYED = "\x1b]8;;https://evil.example\x1b\\LNK\x1b]8;;\x1b\\ \x1b[2J\x9b31m\r\u202e"
_RAW = re.compile("[\x1b\x9b\r\u202e]")
# Formats that carry the values as they are, for another program: data, not text to read.
DATA = ("query-json", "query-jsonl", "query-csv", "query-yaml", "query-md", "query-public",
        "query-questions-sorted", "show-json")


def _controlled_kb(tmp_path: Path) -> Path:
    root = base_copy(tmp_path)
    yaml = YAML()
    for path in sorted((root / "data").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for key in ("title",):  # one-line text: ruamel writes it with escapes
            if isinstance(data.get(key), str):
                data[key] = f"{OBEYED} {data[key]}"
        if str(data.get("id", "")).startswith("F-"):
            data["type"] = OBEYED  # a wrong value, quoted in a problem
            data[f"[link=https://evil.example]KEY[/link]{OBEYED}"] = "x"  # an unknown field
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    config_path = root / "veiligestad.yaml"
    config = yaml.load(config_path.read_text(encoding="utf-8"))
    for entries in config["vocabularies"].values():
        for entry in entries.values():
            if isinstance(entry, dict) and isinstance(entry.get("en"), str):
                entry["en"] = f"{OBEYED}{entry['en']}"
    with config_path.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    repo = init_repo(root, "2026-04-01")
    finding = root / "data" / "findings" / f"{BASE_FINDING}.yaml"
    finding.write_text(finding.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit_all(repo, "Another commit", "2026-05-02")
    return root


@pytest.fixture(scope="module")
def controlled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _controlled_kb(tmp_path_factory.mktemp("controlled"))


@pytest.mark.parametrize("name", sorted(_commands(Path("out"))))
def test_what_a_terminal_obeys_is_printed_as_escapes(name: str, controlled: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run(controlled, _commands(out)[name])
    assert not result.crashed, result.explain()
    if name in DATA:
        return
    printed = result.output + result.stderr
    assert not _RAW.search(printed), (name, [printed[max(0, m.start() - 60):m.end() + 20]
                                             for m in _RAW.finditer(printed)][:3])


def test_the_controls_reach_what_the_commands_print(controlled: Path, tmp_path: Path) -> None:
    """Escaped, they are still there to be seen: in a title, a label, a problem, a field name."""
    out = tmp_path / "out"
    out.mkdir()
    for name, args in (("show", ["show", BASE_FINDING]), ("vocab", ["vocab"]),
                       ("validate", ["validate"]), ("query", ["query", "findings"])):
        result = run(controlled, args)
        printed = result.output + result.stderr
        assert "\\x1b]8;;https://evil.example" in printed, (name, printed[-1500:])
    shown = run(controlled, ["show", BASE_FINDING]).output
    assert "[link=https://evil.example]KEY[/link]" in shown
