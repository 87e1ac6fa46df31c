"""``federation sync`` and ``federation status`` against real git repositories on disk."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.federation.conftest import City, cli, federate
from veiligestad.federation import gitfetch

CityMaker = Callable[..., City]


def _status(home: Path) -> dict[str, dict[str, object]]:
    code, out, _ = cli(home, "federation", "status", "--format", "json")
    assert code == 0
    return {row["city"]: row for row in json.loads(out)}


def _tree_digest(folder: Path) -> str:
    """Every file's path and bytes under ``folder``: any write changes it."""
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        hasher.update(str(path.relative_to(folder)).encode())
        if path.is_file() and not path.is_symlink():
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def test_sync_fetches_every_city_with_a_line_each(home: Path, make_city: CityMaker) -> None:
    utrecht, breda = make_city("utrecht"), make_city("breda")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{utrecht.bare}'}}",
             f"{{city: breda, name: Breda, url: '{breda.bare}'}}")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0, err
    sha = utrecht.repo.head.commit.hexsha
    assert f"utrecht (Utrecht): updated to {sha[:7]}, 5 record(s)" in out
    assert f"breda (Breda): updated to {breda.repo.head.commit.hexsha[:7]}" in out
    assert "2 cities: 2 updated, 0 unchanged, 0 failed." in out
    status = _status(home)
    assert status["utrecht"]["commit"] == sha
    assert status["utrecht"]["records"] == 5
    assert status["utrecht"]["public"] == 3  # Q-2026-001, P-2026-001, F-2026-7KQ3
    assert status["utrecht"]["broken"] == []
    assert status["utrecht"]["synced_at"]
    # the copy lives in the git-ignored cache folder
    checkout = home / ".veiligestad-cache" / "federation" / "utrecht" / "checkout"
    assert (checkout / "data" / "findings" / "F-2026-7KQ3.yaml").is_file()
    assert (home / ".veiligestad-cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_an_unchanged_city_is_not_fetched_again(home: Path, make_city: CityMaker,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    assert cli(home, "federation", "sync")[0] == 0

    def no_fetch(*args: object) -> str:
        raise AssertionError("an unchanged city was fetched")

    monkeypatch.setattr(gitfetch, "fetch", no_fetch)
    code, out, _ = cli(home, "federation", "sync")
    assert code == 0
    assert f"utrecht (utrecht): unchanged ({utrecht.repo.head.commit.hexsha[:7]})" in out


NEW_QUESTION = """\
id: Q-2026-003
title: Hoe veilig is de nachtbus?
classification: public
fictional: true
asked_by: veiligheid
themes: [ov]
received: 2026-07-20
status: submitted
"""


def test_new_commits_between_syncs_are_fetched(home: Path, make_city: CityMaker) -> None:
    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    cli(home, "federation", "sync")
    first = utrecht.repo.head.commit.hexsha
    utrecht.write("data/questions/Q-2026-003.yaml", NEW_QUESTION)
    (utrecht.work / "data/findings/F-2026-9ZXA.yaml").unlink()
    second = utrecht.publish("A new question; a finding withdrawn", "2026-08-01")
    code, out, _ = cli(home, "federation", "sync")
    assert code == 0
    assert f"updated to {second[:7]}, 5 record(s)" in out
    assert _status(home)["utrecht"]["commit"] == second != first
    _code, out, _ = cli(home, "query", "questions", "--federated", "--format", "ids")
    assert out.split() == ["Q-2026-001", "Q-2026-002", "utrecht:Q-2026-001",
                           "utrecht:Q-2026-003"]


def test_a_branch_is_followed_and_the_default_branch_otherwise(
        home: Path, make_city: CityMaker) -> None:
    utrecht, breda = make_city("utrecht"), make_city("breda")
    utrecht.repo.git.checkout("-q", "-b", "najaar")
    utrecht.write("data/questions/Q-2026-009.yaml", NEW_QUESTION.replace("Q-2026-003",
                                                                         "Q-2026-009"))
    utrecht.publish("Autumn intake", "2026-09-01", branch="najaar")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}', branch: najaar}}",
             f"{{city: breda, url: '{breda.bare}'}}")
    assert cli(home, "federation", "sync")[0] == 0
    code, out, _ = cli(home, "query", "questions", "--federated", "--format", "ids")
    assert code == 0
    assert "utrecht:Q-2026-009" in out.split()
    assert "breda:Q-2026-001" in out.split()
    federate_text = (home / "veiligestad.yaml").read_text(encoding="utf-8")
    (home / "veiligestad.yaml").write_text(federate_text.replace("branch: najaar",
                                                                 "branch: winter"))
    _code, out, err = cli(home, "federation", "sync", "utrecht")
    assert "utrecht (utrecht) could not be synced: no branch winter" in err
    assert "there is no copy of it yet" in err  # a copy of another branch does not count


def test_an_unreachable_city_warns_and_its_last_copy_keeps_serving(
        home: Path, make_city: CityMaker, tmp_path: Path) -> None:
    utrecht, breda = make_city("utrecht", "Utrecht"), make_city("breda")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{utrecht.bare}'}}",
             f"{{city: breda, url: '{breda.bare}'}}",
             f"{{city: nergens, name: Nergens, url: '{tmp_path / 'missing.git'}'}}")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0
    assert "warning: nergens (Nergens) could not be synced" in err
    assert "there is no copy of it yet" in err
    assert "3 cities: 2 updated, 0 unchanged, 1 failed." in out
    sha = utrecht.repo.head.commit.hexsha
    shutil.move(utrecht.bare, tmp_path / "elsewhere.git")  # the server is gone
    code, out, err = cli(home, "federation", "sync")
    assert code == 0
    assert ("warning: utrecht (Utrecht) could not be synced: ") in err
    assert f"the last synced copy ({sha[:7]}) keeps serving" in err
    assert cli(home, "federation", "sync", "--strict")[0] == 1
    status = _status(home)
    assert status["utrecht"]["commit"] == sha and status["utrecht"]["error"]
    assert status["nergens"]["commit"] is None
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert code == 0
    assert "utrecht:F-2026-7KQ3" in out.split() and "breda:F-2026-7KQ3" in out.split()
    assert "warning: utrecht: the last sync failed" in err
    assert "warning: nergens is not synced yet" in err


def test_a_city_that_was_never_synced_is_a_warning(home: Path, make_city: CityMaker) -> None:
    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert code == 0
    assert out.split() == ["F-2026-7KQ3", "F-2026-9ZXA"]
    assert "warning: utrecht is not synced yet" in err


def test_sync_never_writes_into_a_city_repository(home: Path, make_city: CityMaker) -> None:
    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    before = (_tree_digest(utrecht.bare), _tree_digest(utrecht.work))
    for _ in range(2):
        assert cli(home, "federation", "sync")[0] == 0
        cli(home, "query", "findings", "--federated")
    assert (_tree_digest(utrecht.bare), _tree_digest(utrecht.work)) == before


def test_relative_folders_and_file_urls(home: Path, make_city: CityMaker) -> None:
    utrecht, breda = make_city("utrecht"), make_city("breda")
    relative = os.path.relpath(utrecht.bare, home)
    federate(home, f"{{city: utrecht, url: '{relative}'}}",
             f"{{city: breda, url: '{breda.bare.as_uri()}'}}")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0, err
    assert "2 updated" in out
    checkout = home / ".veiligestad-cache/federation/breda/checkout"
    assert (checkout / ".git" / "shallow").is_file()  # a shallow fetch, even on disk


def test_a_broken_record_is_counted_and_the_others_still_count(
        home: Path, make_city: CityMaker) -> None:
    utrecht = make_city("utrecht", "Utrecht")
    text = (utrecht.work / "data/findings/F-2026-7KQ3.yaml").read_text(encoding="utf-8")
    utrecht.write("data/findings/F-2026-BAD1.yaml",
                  text.replace("F-2026-7KQ3", "F-2026-BAD1").replace("to: wijkregie",
                                                                     "to: nobody"))
    utrecht.write("data/findings/F-2026-BAD2.yaml", "id: F-2026-BAD2\ntitle: [unclosed\n")
    utrecht.publish("Two broken findings")
    federate(home, f"{{city: utrecht, name: Utrecht, url: '{utrecht.bare}'}}")
    code, out, _ = cli(home, "federation", "sync")
    assert code == 0
    assert "utrecht (Utrecht): updated to" in out
    assert "5 record(s), 2 left out for errors" in out
    assert cli(home, "federation", "sync", "--strict")[0] == 1
    broken = _status(home)["utrecht"]["broken"]
    assert [b["path"] for b in broken] == ["data/findings/F-2026-BAD1.yaml",
                                           "data/findings/F-2026-BAD2.yaml"]
    assert all(b["rules"] for b in broken)
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert out.split() == ["F-2026-7KQ3", "F-2026-9ZXA", "utrecht:F-2026-7KQ3"]
    assert "utrecht: 2 record file(s) left out for errors" in err
    code, out, _ = cli(home, "federation", "status")
    assert "utrecht: data/findings/F-2026-BAD2.yaml left out (yaml-syntax)" in out


SECRET = "TOPSECRET-federation-link"


def test_a_link_out_of_a_city_tree_is_reported_never_read(
        home: Path, make_city: CityMaker, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    text = (make_city("utrecht").work / "data/findings/F-2026-7KQ3.yaml").read_text("utf-8")
    # The target would be a valid public finding: only refusing the link keeps it out.
    secret.write_text(text.replace("F-2026-7KQ3", "F-2026-LNK1")
                      .replace("Slecht verlichte", SECRET), encoding="utf-8")
    city = make_city("breda")
    os.symlink(secret, city.work / "data/findings/F-2026-LNK1.yaml")
    os.symlink(secret, city.work / "data/F-secret.yaml")
    city.publish("A link to a file outside the repository")
    folder = make_city("arnhem")  # a whole kind folder that is a link out of the tree
    outside = tmp_path / "outside-projects"
    shutil.move(folder.work / "data/projects", outside)
    (outside / "P-2026-001.yaml").write_text(
        (outside / "P-2026-001.yaml").read_text("utf-8").replace("Avondschouw", SECRET),
        encoding="utf-8")
    os.symlink(outside, folder.work / "data/projects")
    folder.publish("The projects folder is a link")
    linked = make_city("almere")
    (linked.work / "veiligestad.yaml").unlink()
    os.symlink(home / "veiligestad.yaml", linked.work / "veiligestad.yaml")
    linked.publish("The config is a link")
    federate(home, f"{{city: breda, url: '{city.bare}'}}",
             f"{{city: almere, url: '{linked.bare}'}}",
             f"{{city: arnhem, url: '{folder.bare}'}}")
    outputs = [cli(home, "federation", "sync"), cli(home, "federation", "status"),
               cli(home, "federation", "status", "--format", "json"),
               cli(home, "query", "findings", "--federated", "--format", "json"),
               cli(home, "show", "--federated", "breda:F-2026-7KQ3"),
               cli(home, "query", "projects", "--federated", "--format", "json"),
               cli(home, "show", "--federated", "arnhem:Q-2026-001")]
    assert outputs[0][0] == 0
    assert "almere (almere) could not be synced: veiligestad.yaml is not a regular file" in \
        outputs[0][2]
    assert "breda: data/findings/F-2026-LNK1.yaml left out (file-access)" in outputs[1][1]
    assert "arnhem: data/projects left out (file-access)" in outputs[1][1]
    assert "arnhem:P-2026-001" not in outputs[5][1]
    for _code, out, err in outputs:
        assert SECRET not in out + err
    code, out, _ = cli(home, "show", "--federated", "breda:F-2026-LNK1")
    assert code == 2 and SECRET not in out
    cache = home / ".veiligestad-cache" / "federation"
    for path in cache.rglob("*.pickle"):
        assert SECRET.encode() not in path.read_bytes()


def test_unknown_cities_and_no_federation_are_usage_errors(home: Path,
                                                          make_city: CityMaker) -> None:
    code, _, err = cli(home, "federation", "sync")
    assert code == 2 and "lists no other cities" in err
    code, _, err = cli(home, "query", "findings", "--federated")
    assert code == 2 and "lists no other cities" in err
    federate(home, f"{{city: utrecht, url: '{make_city('utrecht').bare}'}}")
    code, _, err = cli(home, "federation", "sync", "utreht")
    assert code == 2 and "did you mean `utrecht`?" in err


def test_a_cache_folder_that_is_a_link_is_refused(home: Path, make_city: CityMaker,
                                                  tmp_path: Path) -> None:
    federate(home, f"{{city: utrecht, url: '{make_city('utrecht').bare}'}}")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, home / ".veiligestad-cache")
    code, _, err = cli(home, "federation", "sync")
    assert code == 2 and "cannot be used" in err
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert code == 0 and out.split() == ["F-2026-7KQ3", "F-2026-9ZXA"]
    assert "utrecht" in err
    assert cli(home, "federation", "status")[0] == 0
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/utrecht.git", "https://example.org/utrecht.git"),
    ("git@gitlab.example.org:utrecht/kb.git", "git@gitlab.example.org:utrecht/kb.git"),
    ("ssh://git@example.org/utrecht.git", "ssh://git@example.org/utrecht.git"),
])
def test_git_urls_pass_through(url: str, expected: str, tmp_path: Path) -> None:
    assert gitfetch.git_url(url, tmp_path) == expected


def test_folders_are_relative_to_the_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "remotes" / "utrecht.git").mkdir(parents=True)
    kb = tmp_path / "kb"
    kb.mkdir()
    assert gitfetch.git_url("../remotes/utrecht.git", kb) == \
        (tmp_path / "remotes" / "utrecht.git").resolve().as_uri()
    # a folder that does not exist is still taken from the knowledge base, for git to report
    assert gitfetch.git_url("missing.git", kb) == str(kb / "missing.git")


def test_a_damaged_copy_is_made_again(home: Path, make_city: CityMaker) -> None:
    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    assert cli(home, "federation", "sync")[0] == 0
    checkout = home / ".veiligestad-cache/federation/utrecht/checkout"
    (checkout / ".git" / "HEAD").unlink()  # an interrupted or damaged copy
    utrecht.write("data/questions/Q-2026-003.yaml", NEW_QUESTION)
    second = utrecht.publish("A new question", "2026-08-01")
    code, out, err = cli(home, "federation", "sync")
    assert code == 0, err
    assert f"updated to {second[:7]}, 6 record(s)" in out


def test_a_copy_read_by_another_version_is_read_again(home: Path, make_city: CityMaker,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from veiligestad.federation import sync as sync_module

    utrecht = make_city("utrecht")
    federate(home, f"{{city: utrecht, url: '{utrecht.bare}'}}")
    assert cli(home, "federation", "sync")[0] == 0
    monkeypatch.setattr(sync_module, "_fingerprint", lambda: "a newer veiligestad")
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert code == 0 and "utrecht:" not in out
    assert "read by another version of veiligestad" in err
    code, out, _ = cli(home, "federation", "sync")
    assert f"updated to {utrecht.repo.head.commit.hexsha[:7]}" in out
    code, out, err = cli(home, "query", "findings", "--federated", "--format", "ids")
    assert "utrecht:F-2026-7KQ3" in out.split() and err == ""
