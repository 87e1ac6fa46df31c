"""``veiligestad init``: a new knowledge base that validates, in git, never overwriting."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
import yaml
from typer.testing import CliRunner

from veiligestad.cli.main import app

runner = CliRunner()


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def test_init_makes_a_knowledge_base_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "utrecht"
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--city", "Utrecht"])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((target / "veiligestad.yaml").read_text(encoding="utf-8"))
    assert config["city"] == "Utrecht" and config["language"] == "nl"
    vocab = config["vocabularies"]
    for name in ("themes", "partners", "partner_types", "departments", "institutions",
                 "project_types", "evidence_maturity"):
        assert vocab[name], name
        for key, entry in vocab[name].items():
            assert entry["nl"] and entry["en"], f"{name}.{key}"
    assert {"veiligheid", "sociaal_domein", "wijkregie", "politie", "welzijnswerk"} <= set(
        vocab["partners"])
    assert {"straatintimidatie", "uitgaansleven", "ov", "online", "veiligheidsbeleving",
            "preventie", "omstanders"} <= set(vocab["themes"])
    for kind in ("questions", "projects", "findings"):
        assert (target / "data" / kind).is_dir()
    assert ".veiligestad-cache/" in (target / ".gitignore").read_text()
    repo = git.Repo(target)
    assert repo.active_branch.name == "main"

    check = runner.invoke(app, ["--kb", str(target), "validate"])
    assert check.exit_code == 0, check.output


def test_init_then_validate_from_inside(tmp_path: Path, monkeypatch: object) -> None:
    import os

    target = tmp_path / "x"
    assert runner.invoke(app, ["init", str(target), "--city", "Utrecht"]).exit_code == 0
    old = Path.cwd()
    os.chdir(target / "data")
    try:
        result = runner.invoke(app, ["validate"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output


def test_init_refuses_an_existing_knowledge_base_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    assert runner.invoke(app, ["init", str(target), "--city", "Leiden"]).exit_code == 0
    (target / "veiligestad.yaml").write_text("city: Leiden\n# edited\n", encoding="utf-8")
    before = _snapshot(target)
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--city", "Utrecht"])
    assert result.exit_code == 2
    assert "already holds a knowledge base" in result.stderr
    assert _snapshot(target) == before


def test_init_inside_an_existing_repository_does_not_nest_git(tmp_path: Path) -> None:
    git.Repo.init(tmp_path)
    target = tmp_path / "kennisbank"
    result = runner.invoke(app, ["init", str(target), "--city", "Tilburg"])
    assert result.exit_code == 0
    assert not (target / ".git").exists()


def test_init_in_a_folder_with_clashing_files_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    (target / "data" / "questions").mkdir(parents=True)
    (target / ".gitignore").write_text("mine\n")
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--city", "Almelo"])
    assert result.exit_code == 2
    assert (target / ".gitignore").read_text() == "mine\n"
    assert not (target / "veiligestad.yaml").exists()


def test_city_names_with_quotes_and_accents_survive(tmp_path: Path) -> None:
    target = tmp_path / "kb"
    city = "'s-Hertogenbosch: \"Den Bosch\" één"
    assert runner.invoke(app, ["init", str(target), "--city", city]).exit_code == 0
    config = yaml.safe_load((target / "veiligestad.yaml").read_text(encoding="utf-8"))
    assert config["city"] == city


def test_init_refuses_a_knowledge_base_inside_another(tmp_path: Path) -> None:
    outer = tmp_path / "leiden"
    assert runner.invoke(app, ["init", str(outer), "--city", "Leiden"]).exit_code == 0
    result = runner.invoke(app, ["--lang", "en", "init", str(outer / "sub"), "--city", "Delft"])
    assert result.exit_code == 2
    assert "lies inside the knowledge base" in result.stderr
    assert not (outer / "sub").exists()


def test_init_waits_out_a_folder_held_for_a_moment(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a virus scanner holds files just written for a moment and the staging folder's
    rename is refused: tried again, ``init`` succeeds; held for good, it fails as before and
    leaves nothing behind."""
    import errno

    real = Path.rename
    refusals = iter([True, True])

    def held(self: Path, target: Path) -> Path:
        if self.name.startswith(".") and next(refusals, False):
            raise PermissionError(errno.EACCES, "Access is denied", str(self))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", held)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    target = tmp_path / "kb"
    result = runner.invoke(app, ["init", str(target), "--city", "Teststad"])
    assert result.exit_code == 0, result.output
    assert (target / "veiligestad.yaml").is_file()

    refusals = iter([True] * 10)
    other = tmp_path / "kb2"
    result = runner.invoke(app, ["init", str(other), "--city", "Teststad"])
    assert result.exit_code == 2, result.output
    assert not other.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
