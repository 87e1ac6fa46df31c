"""A broken ``veiligestad.yaml`` is a configuration error (exit 2), never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.harness import base_copy, run

# (line of the base's config, what it becomes, what the message must name)
BROKEN = {
    "nul-byte": ("city: Teststad", "city: Test\0stad", "not valid YAML"),
    "bell-character": ("city: Teststad", "city: Test\x07stad", "not valid YAML"),
    "huge-max-file-bytes": ("  max_file_bytes: 262144", "  max_file_bytes: 10000000000000000000000",
                            "limits.max_file_bytes"),
    "huge-threshold": ("  ready_without_project_days: 90",
                       "  ready_without_project_days: 100000000000",
                       "thresholds.ready_without_project_days"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("command", [["validate"], ["query", "findings"], ["stats"], ["gaps"]])
def test_a_broken_config_is_exit_2(case: str, command: list[str], tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    config = root / "veiligestad.yaml"
    old, new, named = BROKEN[case]
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(root, command)
    assert result.exit_code == 2, result.explain()
    assert not result.crashed
    assert "veiligestad.yaml" in result.stderr and named in result.stderr


def test_the_largest_allowed_max_file_bytes_works(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    config = root / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "max_file_bytes: 262144", "max_file_bytes: 67108864"), encoding="utf-8")
    assert run(root, ["validate"]).exit_code == 0
