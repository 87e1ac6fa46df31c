"""No public output shows anything the public may not see: the marker test over every output.

A unique marker is planted in every place the public may not see, in a copy of the example
knowledge base: every text of every record that is not public (classified ``internal`` or
``confidential``, under embargo, a finding that is ``reviewed`` but not ``published``), every
never-public field of the public records (the list is read from the model, so a field added
later is covered without touching this test), hidden deliverables (internal, unclassified,
embargoed), status histories (who and why), and a field the model does not know. Then every
public output is made and searched: the quarterly report and partner digests (Markdown with its
chart SVGs, HTML, PDF as text), ``query`` in every format, ``export`` as JSON, CSV, Excel and
SQLite, and ``stats``. None may hold a marker, nor the ID of a record that is not public.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from tests.conftest import TODAY
from veiligestad.cli.main import app
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS, KINDS_BY_PLURAL
from veiligestad.query import field_specs

runner = CliRunner()
MARKER = re.compile(r"MRK\d+KRM")
_counter = itertools.count(1)


def _marker() -> str:
    return f"MRK{next(_counter)}KRM"


def _visible(kind: str, data: dict[str, Any]) -> bool:
    """The privacy rule, written out independently of the code under test."""
    embargo = data.get("embargo_until")
    return (data.get("classification") == "public"
            and (embargo is None or embargo <= TODAY)
            and (kind != "finding" or data.get("review") == "published"))


def never_public(specs: tuple[FieldSpec, ...], prefix: str = "") -> list[str]:
    """Every never-public field of the model, as dotted paths (``recommendations.follow_up_note``).

    Read from the model, so a field added later is covered automatically."""
    out = []
    for spec in specs:
        path = f"{prefix}{spec.name}"
        if not spec.public:
            out.append(path)
            continue
        inner = spec.item if spec.type is FieldType.LIST and spec.item else spec
        if inner.type is FieldType.MAPPING:
            out.extend(never_public(inner.fields, path + "."))
    return out


def _has_text(spec: FieldSpec) -> bool:
    inner = spec.item if spec.type is FieldType.LIST and spec.item else spec
    if inner.type is FieldType.MAPPING:
        return any(_has_text(f) for f in inner.fields)
    return inner.type is FieldType.TEXT


def _text_everywhere(specs: tuple[FieldSpec, ...], data: dict[str, Any]) -> None:
    """A record that is not public: every text in it becomes a marker."""
    for spec in specs:
        value = data.get(spec.name)
        if spec.type is FieldType.TEXT:
            data[spec.name] = _marker()
        elif spec.type is FieldType.MAPPING and isinstance(value, dict):
            _text_everywhere(spec.fields, value)
        elif spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
            if spec.item.type is FieldType.MAPPING:
                for item in value:
                    if isinstance(item, dict):
                        _text_everywhere(spec.item.fields, item)
            elif spec.item.type is FieldType.TEXT:
                data[spec.name] = [_marker() for _ in value]


def _poison(spec: FieldSpec, value: Any) -> Any:
    """A never-public value: markers in every text it can hold, other values kept valid."""
    if spec.type is FieldType.LIST and spec.item is not None:
        if spec.item.type is FieldType.MAPPING:
            return [_poison(spec.item, item) for item in value] if isinstance(value, list) \
                else value
        return [_marker(), *(value if isinstance(value, list) else [])] \
            if spec.item.type is FieldType.TEXT else value
    if spec.type is FieldType.MAPPING:
        out = dict(value) if isinstance(value, dict) else {}
        for sub in spec.fields:
            if sub.type is FieldType.TEXT:
                out[sub.name] = _marker()
            elif sub.type is FieldType.DATE and sub.name not in out:
                out[sub.name] = TODAY  # valid, so the record is not left out for its type
        return out
    return _marker() if spec.type is FieldType.TEXT else value


def _hidden_fields(specs: tuple[FieldSpec, ...], data: dict[str, Any], prefix: str,
                   planted: set[str]) -> None:
    """A public record: every never-public field (at any depth) gets markers."""
    for spec in specs:
        path = f"{prefix}{spec.name}"
        value = data.get(spec.name)
        if not spec.public:
            if _has_text(spec) and (spec.type in (FieldType.TEXT, FieldType.MAPPING)
                                      or value is not None):
                data[spec.name] = _poison(spec, value)
                planted.add(path)
            continue
        if spec.type is FieldType.MAPPING and isinstance(value, dict):
            _hidden_fields(spec.fields, value, path + ".", planted)
        elif spec.type is FieldType.LIST and spec.item is not None \
                and spec.item.type is FieldType.MAPPING and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _hidden_fields(spec.item.fields, item, path + ".", planted)
            if spec.item.child("classification") is not None:  # deliverables
                later = TODAY + dt.timedelta(days=30)
                value.extend([
                    {"type": "report", "title": _marker(), "classification": "internal"},
                    {"type": "report", "title": _marker()},
                    {"type": "report", "title": _marker(), "classification": "confidential"},
                    {"type": "report", "title": _marker(), "classification": "public",
                     "embargo_until": later},
                ])
                planted.add(f"{path}.hidden")


class Planted:
    """The planted knowledge base and what was planted where."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hidden_ids: set[str] = set()
        self.public_ids: set[str] = set()
        self.planted_paths: set[str] = set()
        self.categories: set[str] = set()
        only_hidden_deliverables = False
        for path in sorted((root / "data").glob("*/*.yaml")):
            kind = KINDS_BY_PLURAL[path.parent.name]
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if _visible(kind.name, data):
                self.public_ids.add(data["id"])
                if kind.name == "project" and not only_hidden_deliverables:
                    data["deliverables"] = []  # gets only hidden ones: must not show as []
                    only_hidden_deliverables = True
                _hidden_fields(kind.fields, data, f"{kind.name}.", self.planted_paths)
                data["unknown_field"] = _marker()
            else:
                self.hidden_ids.add(data["id"])
                self.categories.add(self._why_hidden(kind.name, data))
                _text_everywhere(kind.fields, data)
                data["notes"] = _marker()
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")

    @staticmethod
    def _why_hidden(kind: str, data: dict[str, Any]) -> str:
        if data.get("classification") != "public":
            return f"{data.get('classification', 'internal')} {kind}"
        if data.get("embargo_until") and data["embargo_until"] > TODAY:
            return f"embargoed {kind}"
        return f"{data.get('review')} public finding"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    return Planted(copy_example(tmp_path_factory.mktemp("markers") / "leiden"))


def test_the_planting_reaches_every_place_the_public_may_not_see(planted: Planted) -> None:
    # Every never-public field of the model that can hold text got a marker somewhere.
    expected = {f"{kind.name}.{path}" for kind in KINDS.values()
                for path in never_public(kind.fields)
                if _has_text(_spec_at(kind.fields, path))}
    assert expected <= planted.planted_paths, expected - planted.planted_paths
    assert "project.deliverables.hidden" in planted.planted_paths
    assert "finding.status_history" in planted.planted_paths
    # Every way of being hidden is represented.
    assert {"internal question", "confidential question", "internal project",
            "reviewed public finding", "embargoed finding"} <= planted.categories, \
        planted.categories
    assert planted.public_ids and planted.hidden_ids


def _spec_at(specs: tuple[FieldSpec, ...], dotted: str) -> FieldSpec:
    name, _, rest = dotted.partition(".")
    spec = next(s for s in specs if s.name == name)
    if not rest:
        return spec
    inner = spec.item if spec.type is FieldType.LIST and spec.item else spec
    return _spec_at(inner.fields, rest)


def _run(planted: Planted, out: Path, *args: str) -> str:
    old = Path.cwd()
    os.chdir(out)
    try:
        # wide enough that no table wraps a marker (or an ID) over two lines
        result = runner.invoke(app, ["--kb", str(planted.root), *args], env={"COLUMNS": "5000"})
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.output


def _file_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
                         for c in row if c.value is not None)
    if path.suffix == ".db":
        con = sqlite3.connect(path)
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()
    return path.read_text(encoding="utf-8")


def _outputs(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.name, _file_text(path)


def _assert_clean(planted: Planted, name: str, text: str) -> None:
    assert MARKER.findall(text) == [], name
    leaked = sorted(i for i in planted.hidden_ids if i in text)
    assert leaked == [], f"{name} names records the public may not see: {leaked}"


_PDF = pytest.mark.needs("pango", "pdftotext")
REPORTS = [
    ("quarterly", "md"), ("quarterly", "html"), pytest.param("quarterly", "pdf", marks=_PDF),
    ("partner politie", "md"), ("partner veiligheid", "html"),
    pytest.param("partner welzijnswerk", "pdf", marks=_PDF),
]


@pytest.mark.parametrize(("report", "fmt"), REPORTS)
def test_public_reports_and_digests_hold_no_marker(planted: Planted, tmp_path: Path,
                                                   report: str, fmt: str) -> None:
    quarters = ("2025-Q4", "2026-Q3") if fmt != "md" else \
        [f"{y}-Q{n}" for y in (2025, 2026) for n in (1, 2, 3, 4)]
    for quarter in quarters:
        _run(planted, tmp_path, "report", *report.split(), "--quarter", quarter, "--audience",
             "public", "--format", fmt, "-o", f"r-{quarter}.{fmt}")
    files = list(_outputs(tmp_path))
    assert len(files) >= len(quarters)
    if fmt == "md" and report == "quarterly":
        assert any(name.endswith(".svg") for name, _ in files)  # the charts are searched too
    for name, text in files:
        _assert_clean(planted, name, text)


def test_the_internal_report_shows_the_markers(planted: Planted, tmp_path: Path) -> None:
    # Proof that markers sit where reports print: the public ones are clean by filtering.
    _run(planted, tmp_path, "report", "quarterly", "--quarter", "2026-Q3", "-o", "r.md")
    assert len(set(MARKER.findall((tmp_path / "r.md").read_text(encoding="utf-8")))) > 10


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "yaml", "ids", "md"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_public_query_in_every_format_holds_no_marker(planted: Planted, tmp_path: Path,
                                                      kind: str, fmt: str) -> None:
    fields = ",".join(s.name for s in field_specs(KINDS[kind]))
    extra = ["--fields", fields] if fmt in ("table", "csv", "md") else []
    text = _run(planted, tmp_path, "query", KINDS[kind].plural, "--audience", "public",
                "-f", fmt, *extra)
    _assert_clean(planted, f"query {kind} -f {fmt}", text)
    assert any(i in text for i in planted.public_ids)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_public_query_cannot_search_what_it_may_not_show(planted: Planted, tmp_path: Path,
                                                           kind: str) -> None:
    plural = KINDS[kind].plural
    assert _run(planted, tmp_path, "query", plural, "--audience", "public", "--match", "MRK1KRM",
                "-f", "ids").strip() == ""
    internal = _run(planted, tmp_path, "query", plural, "-w", "notes~KRM", "-f", "ids")
    assert internal.strip()  # internally the markers are there to find
    assert _run(planted, tmp_path, "query", plural, "--audience", "public", "-w", "notes~KRM",
                "-f", "ids").strip() == ""


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "sqlite"])
def test_public_exports_hold_no_marker(planted: Planted, tmp_path: Path, fmt: str) -> None:
    target = {"json": "out.json", "csv": "tables", "xlsx": "out.xlsx", "sqlite": "out.db"}[fmt]
    _run(planted, tmp_path, "export", fmt, target, "--audience", "public")
    files = list(_outputs(tmp_path))
    assert files
    text = "\n".join(t for _, t in files)
    for name, content in files:
        _assert_clean(planted, f"export {fmt}: {name}", content)
    assert any(i in text for i in planted.public_ids)
    if fmt == "json":
        data = json.loads((tmp_path / target).read_text(encoding="utf-8"))
        for rows in (data["questions"], data["projects"], data["findings"]):
            for row in rows:
                # never-public fields without text (ethics, link stamps) are left out too
                assert not {"ethics", "link_stamps", "status_history"} & set(row)
                assert row.get("deliverables") != []  # no hint that hidden ones exist


@pytest.mark.parametrize("quarter", [None, "2025-Q4", "2026-Q3"])
def test_public_stats_hold_no_marker_and_count_only_public_records(
        planted: Planted, tmp_path: Path, quarter: str | None) -> None:
    args = ["--quarter", quarter] if quarter else []
    for fmt in ("table", "json"):
        text = _run(planted, tmp_path, "stats", *args, "--audience", "public", "-f", fmt)
        _assert_clean(planted, f"stats {fmt}", text)
    public = json.loads(_run(planted, tmp_path, "stats", "--audience", "public", "-f", "json"))
    internal = json.loads(_run(planted, tmp_path, "stats", "-f", "json"))
    published = json.loads(_run(planted, tmp_path, "query", "findings", "--audience", "public",
                                "-f", "json"))
    assert public["findings"]["reported"] == len(published)
    # counted independently of the code: the findings the privacy rule lets through
    assert public["findings"]["reported"] == sum(i.startswith("F-") for i in planted.public_ids)
    assert public["findings"]["reported"] < internal["findings"]["reported"]


def test_public_findings_of_internal_projects_name_neither(tmp_path: Path) -> None:
    # Every project and question made internal: the published findings stay public, but their
    # links to the project and questions must go, and nothing may fail on the missing links.
    root = copy_example(tmp_path / "kb")
    hidden = set()
    for path in sorted((root / "data").glob("[pq]*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["classification"] = "internal"
        hidden.add(data["id"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    fake = Planted.__new__(Planted)
    fake.hidden_ids = hidden
    out = tmp_path / "out"
    out.mkdir()
    runs = [
        ["report", "quarterly", "-q", "2026-Q3", "--audience", "public", "-o", "r.md"],
        ["report", "quarterly", "-q", "2026-Q3", "--audience", "public", "-f", "html", "-o",
         "r.html"],
        ["report", "partner", "politie", "-q", "2026-Q4", "--audience", "public", "-o", "p.md"],
        ["export", "json", "e.json", "--audience", "public"],
    ]
    for args in runs:
        fake.root = root
        _run(fake, out, *args)
    published = json.loads((out / "e.json").read_text(encoding="utf-8"))["findings"]
    assert published and all("project" not in f and "questions" not in f for f in published)
    for name, text in _outputs(out):
        _assert_clean(fake, name, text)
    for args in (["query", "findings", "-f", "json"], ["stats", "-f", "json"]):
        _assert_clean(fake, " ".join(args), _run(fake, out, *args, "--audience", "public"))


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_no_planted_record_is_left_out(planted: Planted, kind: str) -> None:
    # A planted value of the wrong type would leave its record out of every output, and the
    # marker test would then prove nothing about it: every record must still be read.
    result = runner.invoke(app, ["--kb", str(planted.root), "--lang", "en", "query", kind,
                                 "--format", "ids"])
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output, result.output
    on_disk = {p.stem for p in (planted.root / "data" / kind).glob("*.yaml")}
    assert set(result.stdout.split()) == on_disk
