"""No federated output ever shows what another city keeps from the public.

The other city is the example knowledge base with a marker planted in every record that is not
public (internal, confidential, under embargo, a finding not yet published) and in every field
that is not public of the public ones, at every depth (notes, the original question, the client
contact, who changed a status and why, the ethics checklist, deliverables that are not public).
The planted records stay valid, so it is the public predicate, not validation, that keeps the
marker out. Then every federated output is searched for it: every kind in every query format,
``show`` of every record in both formats, ``stats`` and ``gaps`` in both formats, and the
``federation`` commands themselves.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES, REPO
from tests.federation.conftest import cli, federate, new_city
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS_BY_PLURAL

MARKER = "ZZGEHEIMZZ"
FORMATS = ("table", "json", "jsonl", "csv", "yaml", "ids", "md")


def _plant_all(value: Any, spec: FieldSpec) -> Any:
    """Plant the marker in every text inside a value that is not public (staying valid)."""
    if spec.type is FieldType.TEXT and isinstance(value, str) and spec.pattern is None:
        return f"{MARKER} {value}"
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        return {k: _plant_all(v, spec.child(k)) if spec.child(k) else v
                for k, v in value.items()}
    if spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        return [_plant_all(v, spec.item) for v in value]
    return value


def _plant(value: Any, spec: FieldSpec) -> Any:
    """The marker in every non-public part of a public record's field."""
    if not spec.public:
        return _plant_all(value, spec)
    if spec.type is FieldType.MAPPING and isinstance(value, dict):
        if spec.child("classification") is not None and (
                value.get("classification") != "public" or value.get("embargo_until")):
            return _plant_all(value, spec)  # a deliverable that is not public itself
        return {k: _plant(v, spec.child(k)) if spec.child(k) else v for k, v in value.items()}
    if spec.type is FieldType.LIST and spec.item is not None and isinstance(value, list):
        return [_plant(v, spec.item) for v in value]
    return value


def _public(data: dict[str, Any]) -> bool:
    return (data.get("classification") == "public" and not data.get("embargo_until")
            and data.get("review", "published") == "published")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Read once for the module: the outputs below only read it."""
    folder = tmp_path_factory.mktemp("planted")
    home = folder / "home"
    shutil.copytree(CASES / "base", home)
    city = new_city(folder, "utrecht", "Utrecht")
    shutil.rmtree(city.work / "data")
    shutil.copytree(REPO / "data", city.work / "data")
    shutil.copy(REPO / "veiligestad.yaml", city.work / "veiligestad.yaml")
    hidden = shown = 0
    for path in sorted((city.work / "data").rglob("*.yaml")):
        kind = KINDS_BY_PLURAL[path.parent.name]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if _public(data):
            shown += 1
            for spec in kind.fields:
                if spec.name in data:
                    data[spec.name] = _plant(data[spec.name], spec)
        else:
            hidden += 1
            for spec in kind.fields:
                if spec.name in data:
                    data[spec.name] = _plant_all(data[spec.name], spec)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    assert hidden >= 5 and shown >= 5
    city.publish("The example, with a marker in everything the public may not see")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{city.bare}'}}")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0 and MARKER not in out + err
    status = json.loads(cli(home, "federation", "status", "--format", "json")[1])[0]
    # Every planted record passed validation: only the public predicate can keep the marker out.
    assert status["broken"] == [] and status["records"] == hidden + shown
    assert status["public"] >= 5
    return home


def _federated_ids(home: Path) -> list[str]:
    ids = []
    for kind in ("questions", "projects", "findings"):
        code, out, _ = cli(home, "query", kind, "--federated", "--format", "ids")
        assert code == 0
        ids += [i for i in out.split() if i.startswith("utrecht:")]
    return ids


@pytest.mark.parametrize("kind", ["questions", "projects", "findings"])
def test_no_query_format_shows_the_marker(planted: Path, kind: str) -> None:
    for fmt in FORMATS:
        for extra in ((), ("--audience", "public"), ("--match", MARKER)):
            code, out, err = cli(planted, "query", kind, "--federated", "--format", fmt,
                                 *extra)
            assert code == 0, err
            assert MARKER not in out + err
        code, out, _ = cli(planted, "query", kind, "--federated", "--format", fmt,
                           "-w", "city=utrecht")
        assert "utrecht:" in out or fmt == "table"  # the city's public records are there
        assert MARKER not in out


def test_no_show_shows_the_marker(planted: Path) -> None:
    ids = _federated_ids(planted)
    assert len(ids) >= 5
    for record_id in ids:
        for fmt in ("text", "json"):
            code, out, err = cli(planted, "show", "--federated", record_id, "--format", fmt)
            assert code == 0, err
            assert MARKER not in out + err, record_id


def test_no_figure_or_gap_shows_the_marker(planted: Path) -> None:
    for command in (("stats",), ("stats", "--audience", "public"), ("gaps",),
                    ("federation", "status")):
        for fmt in ("table", "json"):
            code, out, err = cli(planted, *command, "--federated", "--format", fmt) \
                if command[0] != "federation" else cli(planted, *command, "--format", fmt)
            assert code == 0, err
            assert MARKER not in out + err


def test_the_marker_is_there_to_be_found(planted: Path) -> None:
    """The same city read as a knowledge base of its own does show it: the search can fail."""
    checkout = planted / ".veiligestad-cache/federation/utrecht/checkout"
    code, out, _ = cli(checkout, "query", "findings", "--format", "json")
    assert code == 0 and MARKER in out


def test_no_file_of_the_programme_wide_site_shows_the_marker(planted: Path,
                                                              tmp_path: Path) -> None:
    """Every file of ``site build --federated``, the search index decompressed."""
    from tests.conftest import TODAY
    from tests.site.conftest import every_text
    from veiligestad.commands.site import SiteRequest, build_site

    out = tmp_path / "site"
    result = build_site(planted, SiteRequest(out, federated=True), TODAY)
    assert result.searched
    texts = dict(every_text(out))
    assert any("utrecht." in str(path) for path in texts)  # the city's pages are there
    assert any("utrecht:" in text for text in texts.values())
    leaks = [str(path.relative_to(out)) for path, text in texts.items() if MARKER in text]
    assert leaks == []
