"""The benchmark's synthetic knowledge base is valid, complete and the same for a seed."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import REPO
from veiligestad.commands.validate import validate
from veiligestad.i18n import Translator
from veiligestad.model.kinds import CLASSIFICATIONS, KINDS
from veiligestad.model.statuses import FLOWS
from veiligestad.store.kb import open_kb


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_small_synthetic_knowledge_base_validates_without_errors(tmp_path: Path) -> None:
    generate = _generator()
    root = tmp_path / "kb"
    assert generate.main(["240", "--seed", "5", str(root)]) == 0
    today = generate.TODAY
    result = validate(root, Translator("en"), today, cache=False)
    assert result.files == result.records == 240
    assert result.counts["error"] == 0, [p.message for p in result.problems][:5]
    kb = open_kb(root, Translator("en"), cache=False)
    kinds = Counter(r.kind.name for r in kb.files)
    # About one question to one project to two findings.
    assert 0.8 < kinds["project"] / kinds["question"] <= 1.0
    assert 1.6 < kinds["finding"] / kinds["question"] < 2.4
    for kind in KINDS.values():
        statuses = {str(r.data.get(kind.status_field)) for r in kb.records(kind.name)
                    if r.data}
        assert statuses == set(FLOWS[kind.name]), kind.name
    assert {r.data.get("classification") for r in kb.records() if r.data} == set(CLASSIFICATIONS)
    assert any(r.data and r.data.get("relations") for r in kb.records("finding"))


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    generate = _generator()
    generate.main(["60", "--seed", "9", str(tmp_path / "a")])
    generate.main(["60", "--seed", "9", str(tmp_path / "b")])
    generate.main(["60", "--seed", "10", str(tmp_path / "c")])
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
