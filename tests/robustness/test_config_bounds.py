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


def _laughs(key: str) -> str:
    """``key`` holding nine levels of nine aliases: 387 million strings once expanded."""
    levels = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"&a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return f"{key}: [{', '.join(levels)}]\n"


def test_an_alias_bomb_in_the_config_is_exit_2(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    config = root / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8").replace("city: Teststad\n", "")
    config.write_text(_laughs("city") + text, encoding="utf-8")
    result = run(root, ["query", "findings"], seconds=20)
    assert result.exit_code == 2 and not result.crashed, result.explain()
    assert "aliases expand" in result.stderr


def test_an_alias_bomb_in_a_saved_query_is_exit_2(tmp_path: Path) -> None:
    root = base_copy(tmp_path)
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "bomb.yaml").write_text("kind: findings\n" + _laughs("conditions"),
                                                encoding="utf-8")
    result = run(root, ["query", "--saved", "bomb"], seconds=20)
    assert result.exit_code == 2 and not result.crashed, result.explain()
