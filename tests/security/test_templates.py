"""Templates from a knowledge base are untrusted: no command that renders one can be made to run
code, and a template the sandbox stops or cannot parse ends with exit code 2 naming it.

Every command that renders a template a knowledge base can override is listed in ``COMMANDS``
with the template it renders; each is run with each hostile template of ``HOSTILE``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.authoring_helpers import copy_example, snapshot
from veiligestad.cli.main import app

runner = CliRunner()

# What a pull request could put in a template: each must be refused with exit code 2.
HOSTILE = {
    "globals": '{{ cycler.__init__.__globals__.os.system("id > pwned.txt") }}',
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "format": "{{ '{0.__class__}'.format(1) }}",
    "syntax": "{% if %}",
    "undefined": "{{ no_such_name.attribute }}",
    "memory": "{{ 'x' * 100000000000 }}",
    "runtime": "{{ 1 // 0 }}",
}


def _import_file(root: Path) -> Path:
    path = root.parent / "form.csv"
    path.write_text("Inzendingsnummer;Ingediend op;Titel van uw vraag;Organisatie;Thema's\r\n"
                    "901;03-11-2026;Een vraag;Politie;ov\r\n", encoding="utf-8-sig")
    return path


# (template under templates/, the command's arguments after --kb)
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "intake question": ("records/question.yaml.j2", [
        "intake", "question", "--no-input", "--title", "Een vraag", "--asked-by", "politie",
        "--theme", "ov"]),
    "intake import": ("records/question.yaml.j2", ["intake", "import", "{form}"]),
    "new project": ("records/project.yaml.j2", [
        "new", "project", "--no-input", "--title", "Een project", "-q", "Q-2026-012",
        "--type", "thesis", "--institution", "universiteit_leiden", "--programme",
        "criminologie", "--academic-year", "2026-2027"]),
    "new finding": ("records/finding.yaml.j2", [
        "new", "finding", "--no-input", "--project", "P-2026-004", "--title", "Een bevinding",
        "--statement", "Fictief.", "--type", "process_evaluation"]),
    "report md": ("report/report.md.j2", [
        "report", "quarterly", "--quarter", "2026-Q3", "-o", "{out}/r.md"]),
    "report md blocks": ("report/blocks.md.j2", [
        "report", "quarterly", "--quarter", "2026-Q3", "-o", "{out}/r.md"]),
    "report html": ("report/report.html.j2", [
        "report", "quarterly", "--quarter", "2026-Q3", "--format", "html", "-o", "{out}/r.html"]),
    "report partner": ("report/report.md.j2", [
        "report", "partner", "politie", "--quarter", "2026-Q3", "-o", "{out}/p.md"]),
    "report public": ("report/report.html.j2", [
        "report", "quarterly", "--quarter", "2026-Q3", "--audience", "public", "--format",
        "html", "-o", "{out}/r.html"]),
    "report pdf css": ("report/print.css", [
        "report", "quarterly", "--quarter", "2026-Q3", "--format", "pdf", "-o", "{out}/r.pdf"]),
    # the site: a page every site has, one of a finding, one rendered after the key figures,
    # a template every page extends, and a stylesheet
    "site home": ("site/home.html.j2", ["site", "build", "--no-search", "-o", "{out}/site"]),
    "site finding": ("site/finding.html.j2", ["site", "build", "--no-search", "-o",
                                             "{out}/site"]),
    "site data": ("site/data.html.j2", ["site", "build", "--no-search", "-o", "{out}/site"]),
    "site base": ("site/base.html.j2", ["site", "build", "--no-search", "-o", "{out}/site"]),
    "site css": ("site/site.css", ["site", "build", "--no-search", "-o", "{out}/site"]),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("example") / "kb")


@pytest.mark.parametrize("attack", sorted(HOSTILE))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_hostile_template_is_refused_by_every_command_that_renders_it(
        example: Path, tmp_path: Path, command: str, attack: str) -> None:
    import shutil

    root = tmp_path / "kb"
    shutil.copytree(example, root)
    template, args = COMMANDS[command]
    path = root / "templates" / template
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HOSTILE[attack] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(root)
    argv = [a.format(out=out, form=_import_file(root)) for a in args]
    cwd = os.getcwd()
    os.chdir(tmp_path)  # where os.system would write pwned.txt
    try:
        result = runner.invoke(app, ["--kb", str(root), "--lang", "en", *argv])
    finally:
        os.chdir(cwd)
    assert not (tmp_path / "pwned.txt").exists()
    assert not (root / "pwned.txt").exists()
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output.lower()
    assert f"templates/{template}" in result.output  # the message names the template
    assert snapshot(root) == before  # no record half-written
    assert list(out.iterdir()) == []  # no report written, no page of a site


def test_record_templates_still_render_optional_fields_as_absent(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question",
                                 "--no-input", "--title", "Een vraag", "--asked-by", "politie",
                                 "--theme", "ov"])
    assert result.exit_code == 0, result.output
    new_id = result.output.strip().splitlines()[-1]
    text = (root / "data/questions" / f"{new_id}.yaml").read_text(encoding="utf-8")
    assert "needed_by" not in text and "title: Een vraag" in text


def test_a_knowledge_base_may_still_override_a_record_template(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "kb")
    builtin = Path(__file__).parents[2] / "src/veiligestad/templates/records/question.yaml.j2"
    (root / "templates/records").mkdir(parents=True)
    (root / "templates/records/question.yaml.j2").write_text(
        "# Leiden's own template\n" + builtin.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["--kb", str(root), "--lang", "en", "intake", "question",
                                 "--no-input", "--title", "Een vraag", "--asked-by", "politie",
                                 "--theme", "ov"])
    assert result.exit_code == 0, result.output
    new_id = result.output.strip().splitlines()[-1]
    text = (root / "data/questions" / f"{new_id}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Leiden's own template")


def test_only_the_one_environment_module_makes_jinja2_environments() -> None:
    # A second Environment anywhere (a site, a digest) would be a second, unguarded door.
    src = Path(__file__).parents[2] / "src" / "veiligestad"
    makers = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py")
                    if "Environment(" in p.read_text(encoding="utf-8")
                    or "from jinja2 import" in p.read_text(encoding="utf-8"))
    assert makers == ["render/environment.py"]
