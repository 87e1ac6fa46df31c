"""``--audience public`` shows nothing that is not public, in any format.

A unique marker is planted in every text of every record that is not public (not classified
``public``, under embargo, or a finding not yet published) and in every non-public field of the
public records, at every depth (including list items that carry their own classification). The
public reports of every quarter, and the partner digests, in Markdown, HTML and PDF (as text,
through ``pdftotext``), must contain none of them; the internal report must contain some, which
proves the markers reach the places a report prints.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.commands.report_helpers import copy_example, report
from tests.conftest import TODAY
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS_BY_PLURAL

_counter = itertools.count(1)
MARKER = re.compile(r"ZQX\d+QXZ")


def _marker() -> str:
    return f"ZQX{next(_counter)}QXZ"


def _visible(kind: str, data: dict[str, Any]) -> bool:
    """The privacy rule, written out independently of the code under test."""
    embargo = data.get("embargo_until")
    return (data.get("classification") == "public"
            and (embargo is None or embargo <= TODAY)
            and (kind != "finding" or data.get("review") == "published"))


def _poison(spec: FieldSpec, value: Any) -> Any:
    """A value for a field that must never be shown: markers wherever text could go."""
    if spec.type is FieldType.LIST and spec.item is not None:
        items = value if isinstance(value, list) and value else [{}]
        if spec.item.type is FieldType.MAPPING:
            return [_poison(spec.item, item) for item in items]
        return [_marker() for _ in items]
    if spec.type is FieldType.MAPPING:
        out = dict(value) if isinstance(value, dict) else {}
        for sub in spec.fields:
            if sub.type is FieldType.DATE and sub.name not in out:
                out[sub.name] = TODAY  # a date stays a date: a wrong type leaves the record out
            elif sub.type is FieldType.TEXT or sub.name not in out or sub.name in ("by", "reason"):
                out[sub.name] = _poison(sub, out.get(sub.name))
        return out
    return _marker()


def _plant_everywhere(specs: tuple[FieldSpec, ...], data: dict[str, Any]) -> None:
    """A record that is not public: every text in it becomes a marker."""
    for spec in specs:
        value = data.get(spec.name)
        if spec.type is FieldType.TEXT:
            data[spec.name] = _marker()
        elif spec.type is FieldType.MAPPING and isinstance(value, dict):
            _plant_everywhere(spec.fields, value)
        elif spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
            if spec.item.type is FieldType.MAPPING:
                for item in value:
                    if isinstance(item, dict):
                        _plant_everywhere(spec.item.fields, item)
            elif spec.item.type is FieldType.TEXT:
                data[spec.name] = [_marker() for _ in value]


def _plant_hidden_fields(specs: tuple[FieldSpec, ...], data: dict[str, Any]) -> None:
    """A public record: every non-public field (and hidden list item) gets markers."""
    for spec in specs:
        value = data.get(spec.name)
        if not spec.public:
            data[spec.name] = _poison(spec, value)
        elif spec.type is FieldType.MAPPING and isinstance(value, dict):
            _plant_hidden_fields(spec.fields, value)
        elif spec.type is FieldType.LIST and spec.item is not None \
                and spec.item.type is FieldType.MAPPING and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _plant_hidden_fields(spec.item.fields, item)
            if spec.item.child("classification") is not None:
                later = TODAY + dt.timedelta(days=30)
                value.extend([
                    {"type": "report", "title": _marker(), "classification": "internal"},
                    {"type": "report", "title": _marker()},
                    {"type": "report", "title": _marker(), "classification": "public",
                     "embargo_until": later},
                ])
    data["unknown_field"] = _marker()


def _plant(root: Path) -> None:
    for path in sorted((root / "data").glob("*/*.yaml")):
        kind = KINDS_BY_PLURAL[path.parent.name]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if _visible(kind.name, data):
            _plant_hidden_fields(kind.fields, data)
        else:
            _plant_everywhere(kind.fields, data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("public") / "leiden")
    _plant(root)
    return root


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    return path.read_text(encoding="utf-8")


def _written(root: Path, *args: str) -> list[Path]:
    result = report(root, *args)
    assert result.exit_code == 0, result.output
    return [root / line.split(": ", 1)[1] for line in result.stdout.splitlines()]


def test_the_internal_report_shows_planted_markers(planted: Path) -> None:
    (path,) = [p for p in _written(planted, "quarterly", "--quarter", "2026-Q3", "-o",
                                   "intern.md") if p.suffix == ".md"]
    assert len(set(MARKER.findall(_text(path)))) > 10


QUARTERS = [f"{year}-Q{n}" for year in (2025, 2026) for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("quarter", QUARTERS)
def test_no_marker_in_public_markdown_of_any_quarter(planted: Path, quarter: str) -> None:
    for lang in ("nl", "en"):
        for path in _written(planted, "quarterly", "--quarter", quarter, "--audience", "public",
                             "--lang", lang, "-o", f"public-{quarter}-{lang}.md"):
            assert MARKER.findall(_text(path)) == [], path.name


@pytest.mark.parametrize("fmt", ["html", pytest.param("pdf", marks=pytest.mark.needs(
    "pango", "pdftotext"))])
def test_no_marker_in_public_html_and_pdf(planted: Path, fmt: str) -> None:
    for quarter in ("2025-Q4", "2026-Q3"):
        (path,) = _written(planted, "quarterly", "--quarter", quarter, "--audience", "public",
                           "--format", fmt, "-o", f"public-{quarter}.{fmt}")
        text = _text(path)
        assert MARKER.findall(text) == [], path.name
        assert "2" in text  # the document has content (figures), not an empty page


def test_the_public_report_still_has_public_findings(planted: Path) -> None:
    (path, *_) = _written(planted, "quarterly", "--quarter", "2026-Q3", "--audience", "public",
                          "-o", "check.md")
    text = _text(path)
    assert "\n#### " in text
    assert "Openbare versie" in text


@pytest.mark.parametrize("partner", ["politie", "veiligheid", "welzijnswerk", "horeca"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_marker_in_public_partner_digests(planted: Path, partner: str, fmt: str) -> None:
    for path in _written(planted, "partner", partner, "--quarter", "2026-Q4", "--audience",
                         "public", "--format", fmt, "-o", f"digest-{partner}.{fmt}"):
        assert MARKER.findall(_text(path)) == [], path.name


@pytest.mark.needs("pango", "pdftotext")
def test_no_marker_in_a_public_partner_digest_as_pdf(planted: Path) -> None:
    (path,) = _written(planted, "partner", "politie", "--quarter", "2026-Q4", "--audience",
                       "public", "--format", "pdf", "-o", "digest.pdf")
    assert MARKER.findall(_text(path)) == []


@pytest.mark.parametrize("history_dates", [False, True])
def test_the_public_view_that_reports_are_built_from_holds_no_marker(
        planted: Path, history_dates: bool) -> None:
    from veiligestad.i18n import Translator
    from veiligestad.render.public import public_kb
    from veiligestad.store.kb import open_kb

    kb = open_kb(planted, Translator("nl"))
    view = public_kb(kb, TODAY, history_dates=history_dates)
    assert view.records()  # some records are public
    assert MARKER.findall(repr([r.data for r in view.records()])) == []
    assert MARKER.findall(repr([r.data for r in kb.records()]))  # the planting is there
