"""The one Jinja2 environment every rendered document is made with.

Templates are looked up first in the knowledge base's own ``templates/`` folder and then in the
built-in ``veiligestad/templates/``, file by file: a city overrides ``report/report.css`` alone and
keeps every other built-in template. The environment is sandboxed (a template from a pull request
cannot reach Python internals), an undefined name is an error (a typo in a template must not
silently print nothing) and templates whose name ends in ``.html`` or ``.html.j2`` are autoescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.sandbox import SandboxedEnvironment

from veiligestad.render.markdown import inline_markdown, markdown_html

TEMPLATE_DIR = "templates"
RECORD_ID = re.compile(r"[A-Z]-\d{4}-[0-9A-Z]{3,4}")
HTML_SUFFIXES = (".html", ".html.j2", ".htm", ".xml", ".svg")


class _NoLinksLoader(FileSystemLoader):
    """A file-system loader that refuses symbolic links and anything outside its folder.

    A knowledge base's templates come from pull requests like its records; a template that is a
    link to a file elsewhere must not get that file rendered into a report.
    """

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            path = Path(filename)
            base = Path(self.searchpath[0]).resolve()
            parts = Path(template).parts
            walked = base
            for part in parts:
                walked = walked / part
                if walked.is_symlink():
                    raise TemplateNotFound(template)
            if not path.resolve().is_relative_to(base):
                raise TemplateNotFound(template)
        return source, filename, uptodate


def builtin_template_dir() -> Path:
    """The folder of the templates that ship with the tool."""
    return Path(str(files("veiligestad") / TEMPLATE_DIR))


def _autoescape(name: str | None) -> bool:
    return name is not None and name.lower().endswith(HTML_SUFFIXES)


def _chart_row(row: tuple[str, tuple[int, ...]]) -> list[str]:
    """A chart's row as table cells: its label, then each value."""
    label, values = row
    return [label, *(str(v) for v in values)]


def _is_record_id(value: object) -> bool:
    """Whether a table cell holds a record ID (kept on one line)."""
    return isinstance(value, str) and RECORD_ID.fullmatch(value) is not None


def make_environment(kb_root: Path | None) -> SandboxedEnvironment:
    """A sandboxed, strict environment; ``kb_root/templates`` overrides the built-in templates."""
    loaders: list[BaseLoader] = []
    if kb_root is not None and (kb_root / TEMPLATE_DIR).is_dir() \
            and not (kb_root / TEMPLATE_DIR).is_symlink():
        loaders.append(_NoLinksLoader(str(kb_root / TEMPLATE_DIR)))
    loaders.append(_NoLinksLoader(str(builtin_template_dir())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_html
    env.filters["md_inline"] = inline_markdown
    env.filters["chart_row"] = _chart_row
    env.tests["record_id"] = _is_record_id
    return env
