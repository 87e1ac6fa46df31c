"""A broken ``veiligestad.yaml`` is a configuration error (exit 2), never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES
from tests.robustness.harness import base_copy, run
from tests.robustness.test_properties import FACTOR

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


# -- any value at any place of the config ---------------------------------------------------------

_CONFIG_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 10**20) | st.floats(allow_nan=True)
    | st.text(max_size=8) | st.sampled_from(["gemeente", "nl", "en", "hogeschool", "ov"])
    | st.dates(),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["nl", "en", "type", "x", "programmes", "same_as"]),
                      inner, max_size=3),
    max_leaves=6)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the config: each key of each mapping, at any depth."""
    out = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            out.extend(_places(inner, (*path, key)))
    return out


_BASE_CONFIG = yaml.safe_load((CASES / "base" / "veiligestad.yaml").read_text(encoding="utf-8"))
_PLACES = _places(_BASE_CONFIG)


@settings(max_examples=40 * FACTOR, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.sampled_from(_PLACES), _CONFIG_VALUES), min_size=1,
                        max_size=3))
@example(changes=[(("vocabularies", "partners", "politie", "type"), [1])])
@example(changes=[(("vocabularies", "partners", "politie", "type"), {"a": 1})])
def test_any_value_at_any_place_of_the_config_is_exit_0_1_or_2(
        tmp_path_factory: Any, changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    """A value of any type at any key of ``veiligestad.yaml`` (a partner's ``type`` that is
    a list crashed every command: found by a hostile-PR test): every command that reads the
    config says what is wrong (exit 2) or runs."""
    import copy

    config = copy.deepcopy(_BASE_CONFIG)
    for path, value in changes:
        place = config
        for key in path[:-1]:
            if not isinstance(place, dict) or not isinstance(place.get(key), dict):
                break
            place = place[key]
        else:
            place[path[-1]] = value
    root = tmp_path_factory.mktemp("config") / "kb"
    shutil.copytree(CASES / "base", root)
    (root / "veiligestad.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                          encoding="utf-8")
    for command in (["validate"], ["stats"], ["gaps"], ["show", "Q-2026-001"]):
        result = run(root, command)
        assert not result.crashed, result.explain()
        assert result.exit_code in (0, 1, 2), result.explain()
