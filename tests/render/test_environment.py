"""The template environment: overrides file by file, strict, sandboxed, autoescaped, no links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError

from veiligestad.render.environment import builtin_template_dir, make_environment


def test_a_knowledge_base_template_overrides_only_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "templates" / "report").mkdir(parents=True)
    (tmp_path / "templates" / "report" / "report.css").write_text("body { color: red; }")
    env = make_environment(tmp_path)
    assert env.get_template("report/report.css").render() == "body { color: red; }"
    builtin = (builtin_template_dir() / "report" / "print.css").read_text(encoding="utf-8")
    assert env.get_template("report/print.css").render() == builtin


def test_an_undefined_name_is_an_error(tmp_path: Path) -> None:
    env = make_environment(tmp_path)
    with pytest.raises(UndefinedError):
        env.from_string("{{ nope }}").render()


def test_html_templates_are_autoescaped_and_markdown_ones_are_not(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.html.j2").write_text("{{ text }}")
    (tmp_path / "templates" / "a.md.j2").write_text("{{ text }}")
    env = make_environment(tmp_path)
    assert env.get_template("a.html.j2").render(text="<b>") == "&lt;b&gt;"
    assert env.get_template("a.md.j2").render(text="<b>") == "<b>"


def test_the_sandbox_keeps_templates_away_from_python_internals(tmp_path: Path) -> None:
    env = make_environment(tmp_path)
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


def test_the_sandbox_judges_an_attribute_by_the_type_it_is_read_from(tmp_path: Path) -> None:
    """Safe attributes are remembered per type: ``mro`` read from an ordinary object first must
    not make ``mro`` of a class (Python internals) readable afterwards, nor the other way."""

    class Thing:
        mro = "a value"

    def gen() -> Iterator[int]:
        yield 1

    env = make_environment(tmp_path)
    for _ in range(2):  # the second round is answered from what the first remembered
        assert env.from_string("{{ x.mro }}").render(x=Thing()) == "a value"
        with pytest.raises(SecurityError):
            env.from_string("{{ x.mro() }}").render(x=Thing)
        with pytest.raises(SecurityError):
            env.from_string("{{ x.gi_frame }}").render(x=gen())
        with pytest.raises(SecurityError):
            env.from_string("{{ x.__class__ }}").render(x=Thing())


def test_a_template_that_is_a_link_is_ignored(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    (tmp_path / "kb" / "templates" / "report").mkdir(parents=True)
    (tmp_path / "kb" / "templates" / "report" / "report.css").symlink_to(secret)
    (tmp_path / "kb" / "templates" / "own.md.j2").symlink_to(secret)
    env = make_environment(tmp_path / "kb")
    # The link is passed over: the built-in template is used, the linked file never read.
    assert "SECRET" not in env.get_template("report/report.css").render()
    with pytest.raises(TemplateNotFound):
        env.get_template("own.md.j2")
