"""Commits whose author name, e-mail or message is hostile: bytes that are not UTF-8, control
codes (an escape sequence, a carriage return, a NUL byte), a direction mark, Rich markup, the
very characters ``store/gitrepo`` separates a log's fields with, or a megabyte of text.

A commit arrives by pull request as any file does, and git keeps any bytes in it
(``git hash-object -t commit`` takes them as they are). Every command that reads git history
(``history``, ``changes``, ``contributors``, ``validate``'s suspect links through the record's
log, and the quarterly report's dates and footer) must still answer: no crash, no escape or
markup reaching the terminal, the record still named.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import git
import pytest

from tests.conftest import GIT_ENV
from tests.gitkb import _stamp, commit_all, init_repo
from tests.robustness.harness import BASE_FINDING, BASE_QUESTION, QUARTER, base_copy, run

NEW_FINDING = "F-2026-M4KR"  # added by the hostile commit
NEW_PROJECT = "P-2026-002"  # added by the hostile commit, without a start

# Each is put, in turn, in the author's name, the author's e-mail and the message.
_HOSTILE: dict[str, bytes] = {
    "not UTF-8": b"Mall\xff\xfeory",
    "escape": b"Mall\x1b[31mory\x1b]0;owned\x07\x1b[2J",
    "carriage return": b"Alice\rMallory",
    "NUL": b"Mall\x00ory",
    "direction mark": "Mall\u202eyro.exe".encode(),
    "markup": b"[bold red]Mallory[/bold red]",
    "link markup": b"[link=https://evil.example]Mallory[/link]",
    "log separators": b"Mall\x1e\x1fory",
    "very long": b"Mallory" * 150_000,
}
_PLACES = ("name", "email", "message")
# What must never reach a terminal: an escape, a NUL, a carriage return, a direction mark.
_RAW = ("\x1b", "\x00", "\r", "\u202e", "\x07", "\x1e", "\x1f")


def _hostile_commit(repo: git.Repo, day: str, name: bytes, email: bytes,
                    message: bytes) -> str:
    """Stage everything and commit it with exactly these bytes as author and message, on
    ``main``; ``git commit`` would clean some of them, ``hash-object`` keeps them all."""
    env = dict(GIT_ENV)
    repo.git.add("-A", env=env)
    tree = repo.git.write_tree(env=env)
    stamp = _stamp(day).encode()
    raw = (b"tree " + tree.encode() + b"\nparent " + repo.head.commit.hexsha.encode()
           + b"\nauthor " + name + b" <" + email + b"> " + stamp
           + b"\ncommitter Test Coordinator <coordinator@example.invalid> " + stamp
           + b"\n\n" + message + b"\n\nMore of the message: " + message + b"\n")
    assert repo.working_tree_dir is not None
    done = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"],
                          cwd=repo.working_tree_dir, input=raw, capture_output=True, env=env,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"this git refuses the commit: {done.stderr!r}")
    sha = done.stdout.decode().strip()
    repo.git.update_ref("refs/heads/main", sha, env=env)
    return sha


def _kb(tmp_path: Path, case: str, place: str) -> Path:
    """The base knowledge base in git, links reviewed, then one hostile commit that changes
    the finding and the question and adds a finding; the question's research question is then
    edited in the checkout, so ``validate`` reads its log for the suspect links."""
    root = base_copy(tmp_path)
    repo = init_repo(root)
    assert run(root, ["review", "--all"]).exit_code == 0
    commit_all(repo, "Review all links", "2026-06-02")
    finding = root / "data" / "findings" / f"{BASE_FINDING}.yaml"
    text = finding.read_text(encoding="utf-8")
    (finding.parent / f"{NEW_FINDING}.yaml").write_text(
        text.replace(BASE_FINDING, NEW_FINDING).replace("P-2026-001", NEW_PROJECT),
        encoding="utf-8")
    finding.write_text(text.replace("review: published", "review: published\nnotes: seen"),
                       encoding="utf-8")
    # a project without a start: the quarterly report reads the day git first saw it
    project = root / "data" / "projects" / "P-2026-001.yaml"
    (project.parent / f"{NEW_PROJECT}.yaml").write_text(
        project.read_text(encoding="utf-8").replace("P-2026-001", NEW_PROJECT)
        .replace("start: 2026-02-16\n", ""), encoding="utf-8")
    question = root / "data" / "questions" / f"{BASE_QUESTION}.yaml"
    question.write_text(question.read_text(encoding="utf-8").replace(
        "title: ", "title: (herzien) ", 1), encoding="utf-8")
    value = _HOSTILE[case]
    _hostile_commit(repo, "2026-06-10",
                    value if place == "name" else b"Mallory Tester",
                    value if place == "email" else b"mallory@example.invalid",
                    value if place == "message" else b"A finding and a question")
    question.write_text(question.read_text(encoding="utf-8").replace(
        "research_question: Welke", "research_question: Waar en welke", 1), encoding="utf-8")
    return root


def _commands(out: Path) -> dict[str, list[str]]:
    return {
        "history": ["history", BASE_FINDING],
        "history-json": ["history", BASE_FINDING, "--format", "json"],
        "history-added": ["history", NEW_FINDING],
        "changes": ["changes", "--since", "2026-06-01"],
        "changes-json": ["changes", "--since", "2026-06-01", "--format", "json"],
        "changes-ref": ["changes", "--since", "HEAD~2"],
        "contributors": ["contributors"],
        "contributors-names": ["contributors", "--names"],
        "contributors-names-json": ["contributors", "--names", "--format", "json"],
        "validate": ["validate"],
        "validate-json": ["validate", "--format", "json"],
        "report-md": ["report", "quarterly", "--quarter", QUARTER, "--format", "md",
                      "-o", str(out / "q.md")],
        "report-html": ["report", "quarterly", "--quarter", QUARTER, "--format", "html",
                        "-o", str(out / "q.html")],
    }


def _clean(text: str) -> bool:
    return not any(code in text for code in _RAW)


@pytest.mark.parametrize("place", _PLACES)
@pytest.mark.parametrize("case", sorted(_HOSTILE))
def test_every_history_command_survives_a_hostile_commit(
        tmp_path: Path, case: str, place: str) -> None:
    root = _kb(tmp_path, case, place)
    out = tmp_path / "out"
    out.mkdir()
    outputs = {}
    for name, args in _commands(out).items():
        result = run(root, args, seconds=60)
        assert not result.crashed, result.explain()
        # validate: the suspect links are warnings, so a clean exit
        assert result.exit_code == 0, result.explain()
        assert _clean(result.output) and _clean(result.stderr), result.explain()
        assert "\\x1b" not in result.output or case == "escape", result.explain()
        outputs[name] = result.output
    for report in ("q.md", "q.html"):
        assert _clean((out / report).read_text(encoding="utf-8")), report

    # The record is still named, and its commit still found.
    assert BASE_FINDING in outputs["history"]
    assert NEW_FINDING in outputs["history-added"]
    assert "2026-06-10" in outputs["history"]
    assert NEW_FINDING in outputs["changes"] and BASE_FINDING in outputs["changes"]
    assert "3 finding(s) added by 2 contributor(s)" in outputs["contributors"]
    assert json.loads(outputs["contributors-names-json"])["contributors"] == 2
    commits = json.loads(outputs["history-json"])["commits"]
    assert [c["date"][:10] for c in commits] == ["2026-06-10", "2026-06-02", "2026-06-01"]
    suspects = [p for p in json.loads(outputs["validate-json"])["problems"]
                if p["rule"] == "suspect-link"]
    assert suspects and all("research_question" in p["message"] for p in suspects), suspects

    shown = {"name": (outputs["history"], commits[0]["author"]),
             "message": (outputs["history"], commits[0]["message"]),
             "email": (None, None)}[place]
    if place == "name":
        names = json.loads(outputs["contributors-names-json"])["institutions"][0]["names"]
        # a name with a NUL byte is one git cannot read: it gives none
        assert any("Mall" in n or "Alice" in n for n in names) or case == "NUL", names
    table, value = shown
    if table is None or value is None:
        return
    # What a commit holds is shown, escaped where it cannot be printed: never interpreted.
    assert value.isprintable(), value
    assert len(value) <= 1000, len(value)
    if case == "not UTF-8":
        assert "Mall\\xff\\xfeory" in table and value.startswith("Mall\\xff\\xfeory")
    if case in ("markup", "link markup"):
        assert value.startswith(_HOSTILE[case].decode())
        # the table may cut the cell short, but never after reading it as markup
        assert _HOSTILE[case].decode().split("]")[0] + "]" in table, table
    if case == "direction mark":
        assert "\\u202e" in table and "\\u202e" in value


def test_markup_in_a_name_is_shown_by_contributors_as_it_is(tmp_path: Path) -> None:
    root = _kb(tmp_path, "markup", "name")
    result = run(root, ["contributors", "--names"])
    assert result.exit_code == 0, result.explain()
    assert "[bold red]Mallory[/bold red]" in result.output, result.explain()


def test_an_escape_in_a_name_is_written_with_escapes(tmp_path: Path) -> None:
    root = _kb(tmp_path, "escape", "name")
    result = run(root, ["history", BASE_FINDING])
    assert result.exit_code == 0, result.explain()
    assert "Mall\\x1b[31mory" in result.output, result.explain()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_commits_hold_the_bytes_as_written(tmp_path: Path) -> None:
    """The test above tests what it claims: git keeps the bytes (no cleaning by ``commit``)."""
    root = _kb(tmp_path, "not UTF-8", "name")
    raw = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=root, capture_output=True,
                         check=True, env=dict(GIT_ENV)).stdout
    assert b"author Mall\xff\xfeory <" in raw
