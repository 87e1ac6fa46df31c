"""``--federated`` on query, show, stats and gaps: our records plus other cities' public ones."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.federation.conftest import City, cli, federate
from veiligestad.federation import FederatedKB, federated_kb
from veiligestad.i18n import Translator
from veiligestad.query import context, select
from veiligestad.store.kb import open_kb

CityMaker = Callable[..., City]


@pytest.fixture
def two_cities(home: Path, make_city: CityMaker) -> Path:
    """Home plus Utrecht and Breda, synced; all three have a finding F-2026-7KQ3."""
    utrecht, breda = make_city("utrecht", "Utrecht"), make_city("breda", "Breda")
    for city, title in ((utrecht, "Utrechtse looproutes"), (breda, "Bredase looproutes")):
        path = city.work / "data/findings/F-2026-7KQ3.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Slecht verlichte looproutes worden gemeden", title), encoding="utf-8")
        city.publish("A title of our own")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{utrecht.bare}'}}",
             f"{{city: breda, name: Breda, url: '{breda.bare}'}}")
    assert cli(home, "federation", "sync")[0] == 0
    return home


def test_qualified_ids_keep_two_cities_apart(two_cities: Path) -> None:
    code, out, _ = cli(two_cities, "query", "findings", "--federated", "--format", "json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert sorted(rows) == ["F-2026-7KQ3", "F-2026-9ZXA", "breda:F-2026-7KQ3",
                            "utrecht:F-2026-7KQ3"]
    assert rows["utrecht:F-2026-7KQ3"]["title"] == "Utrechtse looproutes"
    assert rows["breda:F-2026-7KQ3"]["title"] == "Bredase looproutes"
    assert rows["F-2026-7KQ3"]["city"] == "teststad"
    assert rows["utrecht:F-2026-7KQ3"]["city"] == "utrecht"
    # links inside another city's record are qualified too
    assert rows["utrecht:F-2026-7KQ3"]["project"] == "utrecht:P-2026-001"
    assert rows["utrecht:F-2026-7KQ3"]["questions"] == ["utrecht:Q-2026-001"]
    assert rows["F-2026-7KQ3"]["project"] == "P-2026-001"  # ours keep plain IDs
    for record_id, title in (("utrecht:F-2026-7KQ3", "Utrechtse"), ("breda:F-2026-7KQ3",
                                                                    "Bredase")):
        code, out, _ = cli(two_cities, "show", "--federated", record_id, "--format", "json")
        assert code == 0
        shown = json.loads(out)
        assert shown["record"]["title"].startswith(title)
        city = record_id.split(":")[0]
        assert {link["id"] for link in shown["links"]} == {f"{city}:P-2026-001",
                                                           f"{city}:Q-2026-001"}
    code, out, _ = cli(two_cities, "show", "--federated", "utrecht:P-2026-001")
    assert code == 0 and "utrecht:F-2026-7KQ3 Utrechtse looproutes" in out


def test_only_public_records_of_other_cities(two_cities: Path) -> None:
    code, out, _ = cli(two_cities, "query", "questions", "--federated", "--format", "ids")
    assert sorted(out.split()) == ["Q-2026-001", "Q-2026-002", "breda:Q-2026-001",
                                   "utrecht:Q-2026-001"]  # Q-2026-002 is internal everywhere
    code, out, err = cli(two_cities, "show", "--federated", "utrecht:F-2026-9ZXA")
    assert code == 2 and "utrecht:F-2026-9ZXA" in err
    # a link to a record the public does not see is left out of the city's public record
    code, out, _ = cli(two_cities, "show", "--federated", "utrecht:P-2026-001", "--format",
                       "json")
    record = json.loads(out)["record"]
    assert record["questions"] == ["utrecht:Q-2026-001"]


def test_every_format_gets_a_city_column(two_cities: Path) -> None:
    base = ("query", "findings", "--federated", "-w", "review=published")
    code, out, _ = cli(two_cities, *base, "--format", "csv")
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert "city" in table[0]
    assert {row[table[0].index("city")] for row in table[1:]} == {"teststad", "utrecht",
                                                                   "breda"}
    code, out, _ = cli(two_cities, *base, "--fields", "id,title", "--format", "csv")
    assert out.lstrip("\ufeff").splitlines()[0] == "city;id;title"
    code, out, _ = cli(two_cities, *base, "--format", "yaml")
    assert {row["city"] for row in yaml.safe_load(out)} == {"teststad", "utrecht", "breda"}
    code, out, _ = cli(two_cities, *base, "--format", "jsonl")
    assert [json.loads(line)["city"] for line in out.splitlines()] == ["breda", "teststad",
                                                                        "utrecht"]
    code, out, _ = cli(two_cities, *base)
    assert code == 0
    header = [cell.strip() for cell in out.splitlines()[1].split("┃") if cell.strip()]
    assert header[:2] == ["city", "id"]
    assert "breda:F-2026-7KQ3" in out
    code, out, _ = cli(two_cities, *base, "--format", "md")
    assert out.startswith("| city | id |")
    # and the column can be a condition, a sort key and a group
    code, out, _ = cli(two_cities, "query", "findings", "--federated", "-w", "city=utrecht",
                       "--format", "ids")
    assert out.split() == ["utrecht:F-2026-7KQ3"]
    code, out, _ = cli(two_cities, "query", "questions", "--federated", "--group-by", "city",
                       "--format", "json")
    assert code == 0
    assert {row["group"] for row in json.loads(out)} == {"teststad", "utrecht", "breda"}
    # qualified IDs work in conditions and links
    code, out, _ = cli(two_cities, "query", "findings", "--federated", "-w",
                       "project=breda:P-2026-001", "--format", "ids")
    assert out.split() == ["breda:F-2026-7KQ3"]
    code, out, _ = cli(two_cities, "query", "questions", "--federated", "--linked-to",
                       "utrecht:F-2026-7KQ3", "--format", "ids")
    assert out.split() == ["utrecht:Q-2026-001"]


def test_without_federated_nothing_changes(two_cities: Path) -> None:
    code, out, _ = cli(two_cities, "query", "findings", "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["F-2026-7KQ3", "F-2026-9ZXA"]
    assert all("city" not in r for r in rows)
    code, _, err = cli(two_cities, "show", "utrecht:F-2026-7KQ3")
    assert code == 2 and "veiligestad show --federated utrecht:F-2026-7KQ3" in err


def test_stats_and_gaps_count_every_city(two_cities: Path) -> None:
    code, out, _ = cli(two_cities, "stats", "--format", "json")
    alone = json.loads(out)
    code, out, _ = cli(two_cities, "stats", "--federated", "--format", "json")
    assert code == 0
    together = json.loads(out)
    assert together["questions"]["received"] == alone["questions"]["received"] + 2
    assert together["findings"]["reported"] == alone["findings"]["reported"] + 2
    code, out, _ = cli(two_cities, "gaps", "--federated", "--format", "json")
    assert code == 0
    json.loads(out)
    code, out, _ = cli(two_cities, "stats", "--federated")
    assert code == 0


def test_the_core_function_is_a_knowledge_base(two_cities: Path) -> None:
    """What a programme-wide site will call: ``federated_kb`` gives a KB the engine takes."""
    import datetime as dt

    t = Translator("en")
    kb = open_kb(two_cities, t)
    view = federated_kb(kb, dt.date(2026, 11, 1), t)
    assert isinstance(view, FederatedKB)
    assert [c.key for c in view.cities] == ["utrecht", "breda"]
    assert view.city_of("utrecht:F-2026-7KQ3") == "utrecht"
    assert view.city_of("F-2026-7KQ3") == "teststad"
    rows = select(context(view, dt.date(2026, 11, 1), t), "findings", ["city=breda"]).rows
    assert [r["id"] for r in rows] == ["breda:F-2026-7KQ3"]
    public = federated_kb(kb, dt.date(2026, 11, 1), t, public_home=True)
    assert "F-2026-9ZXA" not in public.by_id and "F-2026-7KQ3" in public.by_id


def test_vocabularies_are_matched_by_key_and_same_as(home: Path, make_city: CityMaker) -> None:
    city = make_city("utrecht", "Utrecht")
    config = city.work / "veiligestad.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("    straatintimidatie: {nl: Straatintimidatie, en: Street harassment}",
                        "    straat: {nl: Straat, en: Street, same_as: straatintimidatie}\n"
                        "    nachtleven: {nl: Nachtleven, en: Night life}")
    config.write_text(text, encoding="utf-8")
    question = city.work / "data/questions/Q-2026-001.yaml"
    question.write_text(question.read_text(encoding="utf-8").replace(
        "themes: [veiligheidsbeleving, ov]", "themes: [straat, nachtleven]"), encoding="utf-8")
    other = city.work / "data/questions/Q-2026-002.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("straatintimidatie", "straat"),
                     encoding="utf-8")
    city.publish("Our own theme keys")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{city.bare}'}}")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0 and "left out" not in out, out + err
    code, out, _ = cli(home, "query", "questions", "--federated", "-w",
                       "themes=straatintimidatie", "--format", "ids")
    assert out.split() == ["Q-2026-002", "utrecht:Q-2026-001"]
    code, out, _ = cli(home, "query", "questions", "--federated", "-w", "themes=nachtleven",
                       "--format", "ids")
    assert out.split() == ["utrecht:Q-2026-001"]
    code, out, _ = cli(home, "show", "--federated", "utrecht:Q-2026-001")
    assert "nachtleven (Night life)" in out  # never dropped: the city's own label
    assert "straatintimidatie (Street harassment)" in out
    code, out, _ = cli(home, "federation", "status", "--format", "json")
    assert json.loads(out)[0]["unmatched"] == {"themes": ["nachtleven"]}
    code, out, _ = cli(home, "federation", "status")
    assert "utrecht: themes keys that match none of ours" in out and "nachtleven" in out
    # without --federated the key is unknown here, as before
    code, _, err = cli(home, "query", "questions", "-w", "themes=nachtleven")
    assert code == 2


def test_federated_commands_leave_our_repository_clean(two_cities: Path) -> None:
    """Everything the view writes is in the git-ignored cache folder."""
    import git

    repo = git.Repo.init(two_cities)
    repo.git.add(A=True)
    repo.index.commit("the knowledge base")
    for args in (("federation", "sync"), ("federation", "status"),
                 ("query", "findings", "--federated"), ("show", "--federated",
                                                        "utrecht:F-2026-7KQ3"),
                 ("stats", "--federated"), ("gaps", "--federated")):
        assert cli(two_cities, *args)[0] == 0, args
    assert not repo.is_dirty(untracked_files=True)
