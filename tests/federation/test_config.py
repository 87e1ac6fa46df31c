"""The ``federation:`` list and ``same_as:`` in ``veiligestad.yaml`` are checked strictly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from veiligestad.cli.main import app
from veiligestad.i18n import Translator
from veiligestad.store.config import FederatedCity, city_key, load_config

runner = CliRunner()

GOOD = """
federation:
  - city: utrecht
    name: Utrecht
    url: https://example.org/utrecht/kennisbank.git
    branch: main
  - {city: den_haag, url: ../den-haag}
"""


def _with(kb: Path, extra: str) -> None:
    config = kb / "veiligestad.yaml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_a_federation_list_is_read_in_order(base_kb: Path) -> None:
    _with(base_kb, GOOD)
    config = load_config(base_kb, Translator("en"))
    assert config.federation == (
        FederatedCity("utrecht", "Utrecht", "https://example.org/utrecht/kennisbank.git", "main"),
        FederatedCity("den_haag", "den_haag", "../den-haag", None),
    )


def test_without_federation_the_list_is_empty(base_kb: Path) -> None:
    assert load_config(base_kb, Translator("en")).federation == ()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("federaton: []\n", "did you mean 'federation'?"),
        ("federation: {city: utrecht}\n", "'federation' must be a list of cities"),
        ("federation: [utrecht]\n", "'federation[0]' must be a mapping"),
        ("federation:\n  - {city: utrecht, url: x, brnch: main}\n", "did you mean 'branch'?"),
        ("federation:\n  - {city: utrecht, name: Utrecht}\n", "'federation[0].url' is missing"),
        ("federation:\n  - {name: Utrecht, url: x}\n", "'federation[0].city' is missing"),
        ("federation:\n  - {city: 'Den Haag', url: x}\n", "'federation[0].city' cannot be"),
        ("federation:\n  - {city: utrecht, url: x}\n  - {city: utrecht, url: y}\n",
         "'utrecht' is listed twice"),
        ("federation:\n  - {city: teststad, url: x}\n", "is this knowledge base itself"),
        ("federation:\n  - {city: utrecht, url: '--upload-pack=touch /tmp/x'}\n",
         "'federation[0].url' cannot be"),
        ("federation:\n  - {city: utrecht, url: 'ext::sh -c touch% /tmp/x'}\n",
         "'federation[0].url' cannot be"),
        ("federation:\n  - {city: utrecht, url: x, branch: '--force'}\n",
         "'federation[0].branch' cannot be"),
        ("federation:\n  - {city: utrecht, url: x, branch: 'a..b'}\n",
         "'federation[0].branch' cannot be"),
    ],
)
def test_federation_mistakes_are_usage_errors(base_kb: Path, extra: str, expected: str) -> None:
    _with(base_kb, extra)
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_same_as_names_a_key(base_kb: Path) -> None:
    config = base_kb / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    old = "ov: {nl: Openbaar vervoer, en: Public transport}"
    assert old in text
    config.write_text(text.replace(old, "ov: {nl: OV, en: Transit, same_as: openbaar_vervoer}"),
                      encoding="utf-8")
    entry = load_config(base_kb, Translator("en")).vocabulary("themes")["ov"]
    assert entry.attrs["same_as"] == "openbaar_vervoer"
    config.write_text(text.replace(old, "ov: {nl: OV, en: Transit, same_as: [a, b]}"),
                      encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(base_kb), "--lang", "en", "validate"])
    assert result.exit_code == 2
    assert "'vocabularies.themes.ov.same_as' cannot be" in result.stderr


@pytest.mark.parametrize(("name", "key"), [("Leiden", "leiden"), ("Den Haag", "den_haag"),
                                            ("'s-Hertogenbosch", "s_hertogenbosch"),
                                            ("Zaanstad ", "zaanstad")])
def test_city_key_of_a_name(name: str, key: str) -> None:
    assert city_key(name) == key


def test_the_example_config_shows_a_federation_that_works(tmp_path: Path) -> None:
    """Uncommenting the example's commented federation: gives a valid config."""
    from tests.conftest import REPO

    text = (REPO / "veiligestad.yaml").read_text(encoding="utf-8")
    start = text.index("# federation:")
    block = text[start:].split("\n#\n")[0]
    uncommented = "\n".join(line[2:] for line in block.splitlines())
    (tmp_path / "veiligestad.yaml").write_text(text + "\n" + uncommented + "\n",
                                               encoding="utf-8")
    cities = load_config(tmp_path, Translator("en")).federation
    assert [c.key for c in cities] == ["utrecht", "den_haag"]
