"""``veiligestad query`` at the command line: every format, saved queries, mistakes (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import CASES, TODAY
from tests.query.conftest import EXTRA
from veiligestad.cli.main import app
from veiligestad.i18n import Translator
from veiligestad.query import context, select
from veiligestad.store.kb import open_kb

runner = CliRunner()

AWKWARD = """\
id: Q-2026-005
title: 'Tram; bus en "metro" – één vraag'
fictional: true
asked_by: politie
themes: [ov]
received: 2026-10-01
status: submitted
"""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(CASES / "base", root)
    for rel, text in {**EXTRA, "data/questions/Q-2026-005.yaml": AWKWARD}.items():
        (root / rel).write_text(text, encoding="utf-8")
    (root / "queries").mkdir()
    shutil.copy(Path(__file__).parents[2] / "src/veiligestad/init_files/queries/"
                "findings-on-theme.yaml", root / "queries")
    (root / "queries" / "waiting.yaml").write_text(
        "kind: questions\nconditions: ['!projects', 'received>={after}']\nsort: received-\n"
        "fields: [id, received]\nparameters:\n  after: {default: 2026-01-01}\n",
        encoding="utf-8")
    return root


def run(kb: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--kb", str(kb), "--lang", "en", "query", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_is_an_array_of_mappings_equal_to_the_engine(kb: Path) -> None:
    code, out, _ = run(kb, "questions", "-w", "!projects", "--sort", "received-",
                       "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    ctx = context(open_kb(kb, Translator("en")), TODAY)
    assert rows == select(ctx, "questions", ["!projects"], sort="received-").rows
    assert [r["id"] for r in rows] == ["Q-2026-005", "Q-2026-004", "Q-2026-003"]


def test_jsonl_yaml_and_ids(kb: Path) -> None:
    args = ("questions", "-w", "themes=ov", "--fields", "id,received")
    _, jsonl, _ = run(kb, *args, "-f", "jsonl")
    _, yml, _ = run(kb, *args, "-f", "yaml")
    _, ids, _ = run(kb, *args, "-f", "ids")
    expected = [{"id": "Q-2026-001", "received": "2026-01-12"},
                {"id": "Q-2026-005", "received": "2026-10-01"}]
    assert [json.loads(line) for line in jsonl.splitlines()] == expected
    assert yaml.safe_load(yml) == expected
    assert ids == "Q-2026-001\nQ-2026-005\n"


def test_empty_result_in_each_format(kb: Path) -> None:
    for fmt, expected in (("json", "[]\n"), ("jsonl", ""), ("yaml", "[]\n"), ("ids", "")):
        code, out, _ = run(kb, "questions", "-w", "status=closed", "-f", fmt)
        assert (code, out) == (0, expected), fmt


def test_csv_opens_in_dutch_excel(kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(kb), "query", "questions", "-w", "themes=ov",
                                 "--fields", "id,title,themes,received", "-f", "csv"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, not cp1252
    text = raw[3:].decode("utf-8")
    assert text.startswith("id;title;themes;received\r\n")  # ';' as in the Dutch locale
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[2] == ["Q-2026-005", 'Tram; bus en "metro" – één vraag', "ov", "2026-10-01"]
    assert '"Tram; bus en ""metro"" – één vraag"' in text  # quoted the way Excel expects


def test_markdown_and_table(kb: Path) -> None:
    _, md, _ = run(kb, "findings", "-f", "md")
    assert md.splitlines()[:3] == [
        "| id | title | review | project | reported |",
        "|---|---|---|---|---|",
        "| F-2026-7KQ3 | Slecht verlichte looproutes worden gemeden | published | P-2026-001 "
        "| 2026-06-20 |",
    ]
    code, table, _ = run(kb, "questions", "--fields", "id,status", "--sort", "id-")
    assert code == 0
    assert table.index("Q-2026-005") < table.index("Q-2026-001")
    assert table.rstrip().endswith("5 record(s)")


@pytest.mark.parametrize("fmt", ["table", "md"])
@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_a_table_selects_only_its_default_columns(kb: Path, fmt: str, kind: str) -> None:
    """A table or Markdown without --fields shows the default columns and selects just those
    (the rows of every other field are not made): the same text as with them named."""
    from veiligestad.cli.reading_output import shown_fields
    from veiligestad.query import DEFAULT_FIELDS, kind_of

    t = Translator("en")
    defaults = ",".join(DEFAULT_FIELDS[kind_of(kind, t).name])
    assert shown_fields(kind, fmt, None, t) == defaults
    assert shown_fields(kind, "json", None, t) is None
    assert shown_fields(kind, fmt, "id", t) == "id"
    for extra in ((), ("--group-by", "status" if kind != "findings" else "review")):
        code, plain, _ = run(kb, kind, "-f", fmt, *extra)
        named = run(kb, kind, "-f", fmt, "--fields", defaults, *extra)
        assert code == 0 and (code, plain) == named[:2]
        assert "-2026-00" in plain  # records are shown, not just a header


def test_group_by(kb: Path) -> None:
    _, out, _ = run(kb, "questions", "--group-by", "themes", "--fields", "id", "-f", "json")
    rows = json.loads(out)
    assert {"group": "ov", "id": "Q-2026-005"} in rows
    assert [r["group"] for r in rows] == sorted(r["group"] for r in rows)
    _, table, _ = run(kb, "questions", "--group-by", "status", "--fields", "id")
    assert "ready (1)" in table and "in_progress (2)" in table


def test_period_match_and_links(kb: Path) -> None:
    _, out, _ = run(kb, "questions", "--quarter", "2026-K4", "-f", "ids")
    assert out == "Q-2026-005\n"
    _, out, _ = run(kb, "questions", "--since", "2026-03-01", "--until", "2026-09-01",
                    "-f", "ids")
    assert out == "Q-2026-003\nQ-2026-004\n"
    _, out, _ = run(kb, "questions", "--match", "metro", "-f", "ids")
    assert out == "Q-2026-005\n"
    _, out, _ = run(kb, "questions", "--linked-to", "F-2026-7KQ3", "--recursive", "-f", "ids")
    assert out == "Q-2026-001\nQ-2026-002\n"


def test_saved_query_with_defaults_and_params(kb: Path) -> None:
    _, out, _ = run(kb, "--saved", "waiting", "-f", "ids")
    assert out == "Q-2026-005\nQ-2026-004\nQ-2026-003\n"
    _, out, _ = run(kb, "--saved", "waiting", "--param", "after=2026-05-01", "-f", "json")
    assert json.loads(out) == [{"id": "Q-2026-005", "received": "2026-10-01"},
                               {"id": "Q-2026-004", "received": "2026-08-20"}]
    # flags add to a saved query
    _, out, _ = run(kb, "--saved", "waiting", "-w", "themes=online", "-f", "ids")
    assert out == "Q-2026-004\n"
    _, out, _ = run(kb, "--saved", "findings-on-theme", "--param", "theme=omstanders",
                    "-f", "ids")
    assert out == "F-2026-9ZXA\n"


@pytest.mark.parametrize(("args", "message", "hint"), [
    (("questions", "-w", "theme=ov"), "question has no field 'theme'\n    theme=ov\n    ^^^^^",
     "did you mean `themes`?"),
    (("questions", "-w", "status=redy"), "'redy' is not a value that status can have\n"
     "    status=redy\n           ^^^^", "did you mean `ready`?"),
    (("questions", "--sort", "recieved-"), "question has no field 'recieved'",
     "did you mean `received`?"),
    (("questions", "--fields", "id,titel"), "question has no field 'titel'",
     "did you mean `title`?"),
    (("question", "--quarter", "2026-Q7"), "'2026-Q7' is not a quarter", "2026-Q3"),
    (("questoins",), "'questoins' is not a kind of record", "did you mean `questions`?"),
    (("questions", "--linked-to", "P-2026-01"), "no record has the ID P-2026-01",
     "did you mean `P-2026-001`?"),
    (("--saved", "wating"), "there is no saved query called wating",
     "did you mean `waiting`?"),
    (("--saved", "waiting", "--param", "afterr=2026-01-01"), "has no parameter afterr",
     "did you mean `after`?"),
    (("--saved", "waiting", "--param", "after"), "--param after is not NAME=VALUE", "--param"),
    (("--saved", "findings-on-theme"), "needs a value for theme", "--param theme=VALUE"),
    (("findings", "--saved", "waiting"), "is a query of questions", None),
    (("questions", "--param", "a=b"), "--param only goes with --saved", None),
    ((), "name the kind of record to query", "saved queries: findings-on-theme, waiting"),
])
def test_mistakes_are_usage_errors(kb: Path, args: tuple[str, ...], message: str,
                                   hint: str | None) -> None:
    code, out, err = run(kb, *args)
    assert code == 2
    assert out == ""
    assert message in err
    if hint:
        assert "hint: " in err and hint in err.split("hint: ", 1)[1]
    assert "Traceback" not in err


def test_broken_saved_query(kb: Path) -> None:
    (kb / "queries" / "broken.yaml").write_text("kind: questions\nconditons: [x=1]\n")
    code, _, err = run(kb, "--saved", "broken")
    assert code == 2
    assert "queries/broken.yaml: unknown key 'conditons'" in err
    assert "did you mean `conditions`?" in err
    (kb / "queries" / "broken.yaml").write_text("kind: questions\nconditions: ['{who}']\n")
    code, _, err = run(kb, "--saved", "broken")
    assert code == 2 and "uses {who} but does not declare it" in err
    (kb / "queries" / "broken.yaml").write_text("kind: [questions\n")
    code, _, err = run(kb, "--saved", "broken")
    assert code == 2 and "queries/broken.yaml cannot be read" in err


def test_messages_in_dutch(kb: Path) -> None:
    result = runner.invoke(app, ["--kb", str(kb), "query", "vragen", "-w", "thema=ov"])
    assert result.exit_code == 2
    assert "een vraag heeft geen veld 'thema'" in result.stderr
    assert "tip: bedoel je `themes`?" in result.stderr


def test_public_audience(kb: Path) -> None:
    _, out, _ = run(kb, "questions", "--audience", "public", "-f", "ids")
    assert out == "Q-2026-001\nQ-2026-003\n"
    code, _, err = run(kb, "questions", "--audience", "public", "--linked-to", "Q-2026-002")
    assert code == 2 and "no record has the ID Q-2026-002" in err


def test_a_label_where_a_key_belongs_selects_the_same_records() -> None:
    # Tables show labels ("gereviewd", "Openbaar vervoer"): what a person reads there, they
    # may write in a condition, in either language, in any case.
    from tests.conftest import REPO

    def ids(*args: str) -> list[str]:
        result = runner.invoke(app, ["--kb", str(REPO), *args, "--format", "ids"])
        assert result.exit_code == 0, result.output
        return result.stdout.split()

    for key, labels in (("review=reviewed", ["review=gereviewd", "review=Reviewed"]),
                        ("themes=ov", ["themes=Openbaar vervoer", "themes=public transport"]),
                        ("status=ready", ["status=klaar voor een student"])):
        kind = "findings" if key.startswith("review") else "questions"
        expected = ids("query", kind, "-w", key)
        assert expected
        for label in labels:
            assert ids("query", kind, "-w", label) == expected, label
    result = runner.invoke(app, ["--kb", str(REPO), "--lang", "en", "query", "questions",
                                 "-w", "themes=nothing like it"])
    assert result.exit_code == 2 and "is not a value" in result.output, result.output
