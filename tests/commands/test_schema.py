"""``veiligestad schema export``: JSON Schemas that accept the example records and are current."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example
from tests.conftest import REPO
from veiligestad.cli.main import app
from veiligestad.commands.schema import current_ids, schemas
from veiligestad.i18n import Translator
from veiligestad.model.kinds import KINDS
from veiligestad.store.kb import open_kb

runner = CliRunner()


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings, as an editor's YAML language server sees them."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_committed_schemas_accept_every_example_record(kind: str) -> None:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = _validator(schema)
    paths = sorted((REPO / "data" / KINDS[kind].plural).glob("*.yaml"))
    assert paths
    for path in paths:
        record = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
                  for e in validator.iter_errors(record)]
        assert errors == [], f"{path.name}: {errors}"


def test_the_committed_schemas_are_current() -> None:
    kb = open_kb(REPO, Translator("nl"))
    for name, fresh in schemas(kb.config, current_ids(kb)).items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        if committed != fresh:
            diff = "".join(difflib.unified_diff(committed.splitlines(True),
                                                fresh.splitlines(True), name, "now"))
            pytest.fail(f"schemas/{name} is stale; run veiligestad schema export\n{diff[:3000]}")


def test_the_schemas_reject_what_validate_rejects() -> None:
    schema = json.loads((REPO / "schemas/finding.schema.json").read_text(encoding="utf-8"))
    validator = _validator(schema)
    good = _plain(yaml.safe_load((REPO / "data/findings/F-2026-YWDN.yaml").read_text(
        encoding="utf-8")))
    for change in ({"review": "approved"}, {"reported": "27-11-2026"}, {"colour": "red"},
                   {"evidence": {"design": 6}}, {"questions": []}, {"project": "P-26-1"},
                   {"outcome_domains": ["geluk"]}):
        assert list(validator.iter_errors({**good, **change})), change
    described = schema["properties"]["type"]
    assert "Beleidsadvies / Policy advice" in described["enumDescriptions"]
    assert "Het soort bevinding." in described["description"]
    assert "The kind of finding." in described["description"]
    project_ids = schema["properties"]["project"]["anyOf"][0]["enum"]
    assert "P-2026-004" in project_ids


def test_export_to_a_folder_and_again(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    out = tmp_path / "out"
    first = runner.invoke(app, ["--kb", str(root), "--lang", "en", "schema", "export",
                                str(out)])
    assert first.exit_code == 0, first.output
    assert first.output.count("written:") == 3
    again = runner.invoke(app, ["--kb", str(root), "--lang", "en", "schema", "export",
                                str(out)])
    assert again.output.count("already current:") == 3
    for kind in KINDS:
        assert (out / f"{kind}.schema.json").read_bytes() == (
            REPO / "schemas" / f"{kind}.schema.json").read_bytes()


def test_init_writes_schemas_and_editor_settings(tmp_path: Path) -> None:
    target = tmp_path / "delft"
    result = runner.invoke(app, ["init", str(target), "--city", "Delft"])
    assert result.exit_code == 0, result.output
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    for kind in KINDS.values():
        assert settings["yaml.schemas"][f"./schemas/{kind.name}.schema.json"] == (
            f"data/{kind.plural}/*.yaml")
        schema = json.loads((target / f"schemas/{kind.name}.schema.json").read_text(
            encoding="utf-8"))
        _validator(schema)
        assert "(Delft)" in schema["title"]
