"""The one Jinja2 environment every rendered document is made with.

Templates are looked up first in the knowledge base's own ``templates/`` folder and then in the
built-in ``veiligestad/templates/``, file by file: a city overrides ``report/report.css`` alone and
keeps every other built-in template. The environment is sandboxed (a template from a pull request
cannot reach Python internals), an undefined name is an error (a typo in a template must not
silently print nothing) and templates whose name ends in ``.html`` or ``.html.j2`` are autoescaped.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from veiligestad.errors import TemplateProblem
from veiligestad.i18n import Translator
from veiligestad.render.markdown import inline_markdown, markdown_html

TEMPLATE_DIR = "templates"
RECORD_ID = re.compile(r"[A-Z]-[0-9]{4}-[0-9A-Z]{3,4}")
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


# A template may build a string or list no longer than this: ``{{ "x" * 10**10 }}`` from a pull
# request must end as a clear error, not exhaust the coordinator's memory.
MAX_SIZE = 10_000_000


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with bounds on ``*`` and ``**``, whose results could otherwise fill memory."""

    intercepted_binops = frozenset(["*", "**"])

    # Whether an attribute is safe depends only on the object's type and the attribute's name
    # (a leading underscore, or one of ``is_internal_attribute``'s lists for functions, methods,
    # types, frames, generators…), so the answer is kept per (type, name): a site's thousands
    # of pages ask the same few questions hundreds of thousands of times.
    _safe_attributes: dict[tuple[type, str], bool]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        known = self._safe_attributes.get(key)
        if known is None:
            known = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return known

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int) and abs(right) > 1000 and not (
                    isinstance(left, int | float) and abs(left) <= 1):
                raise SecurityError("the exponent is too large")
            return left ** right
        count, seq = (right, left) if isinstance(right, int) else (left, right)
        if isinstance(count, int) and isinstance(seq, str | list | tuple) \
                and len(seq) * count > MAX_SIZE:
            raise SecurityError("the result would be too large")
        return left * right


def make_environment(kb_root: Path | None, *, plain: bool = False) -> SandboxedEnvironment:
    """A sandboxed, strict environment; ``kb_root/templates`` overrides the built-in templates.

    This is the only way the tool makes a Jinja2 environment: reports, record templates and
    everything else a knowledge base can override are rendered through it (and through
    ``render_template``, which turns a hostile or broken template into a clear error).
    ``plain`` is for record templates (YAML): no autoescaping, whitespace exactly as written.
    """
    loaders: list[BaseLoader] = []
    if kb_root is not None and (kb_root / TEMPLATE_DIR).is_dir() \
            and not (kb_root / TEMPLATE_DIR).is_symlink():
        loaders.append(_NoLinksLoader(str(kb_root / TEMPLATE_DIR)))
    loaders.append(_NoLinksLoader(str(builtin_template_dir())))
    env = BoundedSandbox(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False if plain else _autoescape,
        trim_blocks=not plain,
        lstrip_blocks=not plain,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_html
    env.filters["md_inline"] = inline_markdown
    env.filters["chart_row"] = _chart_row
    env.tests["record_id"] = _is_record_id
    return env


# What a template from a knowledge base can make go wrong while it runs: jinja2's own errors and
# the ordinary ones of the expressions it evaluates (``{{ 1 / 0 }}``, ``{{ "a" + 1 }}``).
_RUNTIME_ERRORS = (ArithmeticError, LookupError, TypeError, ValueError, AttributeError,
                   RecursionError)


def template_origin(env: SandboxedEnvironment, name: str, line: int | None = None) -> str:
    """Where ``name`` comes from, for messages: ``templates/report/report.md.j2:3`` of the
    knowledge base, or ``report/report.md.j2:3 (built-in)``."""
    where = f"{name}:{line}" if line else name
    loader = env.loader
    if isinstance(loader, ChoiceLoader) and len(loader.loaders) > 1:
        try:
            loader.loaders[0].get_source(env, name)
        except TemplateNotFound:
            return f"{where} (built-in)"
        return f"{TEMPLATE_DIR}/{where}"
    return f"{where} (built-in)"


def _failing_template(env: SandboxedEnvironment, exc: BaseException, name: str) -> str:
    """The template (and line) an error was raised in: an included template, not only the
    one that was asked for. jinja2 rewrites tracebacks so their frames name template files."""
    folders = [Path(folder).resolve() for loader in _loaders(env)
               for folder in getattr(loader, "searchpath", [])]
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        for folder in folders:
            try:
                rel = Path(filename).resolve().relative_to(folder).as_posix()
            except (ValueError, OSError):
                continue
            found = (rel, tb.tb_lineno)
            break
        tb = tb.tb_next
    if found is None:
        return template_origin(env, name)
    return template_origin(env, *found)


def _loaders(env: SandboxedEnvironment) -> list[BaseLoader]:
    loader = env.loader
    if isinstance(loader, ChoiceLoader):
        return list(loader.loaders)
    return [loader] if loader is not None else []


def render_template(env: SandboxedEnvironment, name: str, t: Translator, /,
                    **context: Any) -> str:
    """Render the template ``name``; whatever the template does wrong is a ``TemplateProblem``.

    A template that reaches for Python internals (the sandbox stops it), has a syntax error,
    names something undefined or fails while it runs ends the command with exit code 2 and a
    message that names the template and, where known, its line: never with an internal error.
    """
    with template_errors(env, name, t):
        return env.get_template(name).render(**context)


@contextlib.contextmanager
def template_errors(env: SandboxedEnvironment, name: str, t: Translator) -> Iterator[None]:
    """Whatever the template ``name`` (or one it uses) does wrong inside the block, loaded,
    parsed or rendered, raised as a ``TemplateProblem`` (see ``render_template``)."""
    try:
        yield
    except SecurityError as exc:
        raise TemplateProblem(t("template.unsafe", template=_failing_template(env, exc, name),
                           error=_first_line(exc)), hint=t("template.unsafe_hint")) from None
    except TemplateSyntaxError as exc:
        where = template_origin(env, exc.name or name, exc.lineno)
        raise TemplateProblem(t("template.syntax", template=where,
                           error=_first_line(exc)), hint=t("template.fix_hint")) from None
    except TemplateNotFound as exc:
        raise TemplateProblem(t("template.missing", template=str(exc.name or name)),
                         hint=t("template.fix_hint")) from None
    except UndefinedError as exc:
        raise TemplateProblem(t("template.failed", template=_failing_template(env, exc, name),
                           error=_first_line(exc)), hint=t("template.fix_hint")) from None
    except (TemplateError, *_RUNTIME_ERRORS) as exc:
        raise TemplateProblem(t("template.failed", template=_failing_template(env, exc, name),
                           error=f"{type(exc).__name__}: {_first_line(exc)}"),
                         hint=t("template.fix_hint")) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def template_variables(env: Any, name: str,
                       parsed: dict[str, tuple[set[str], list[str | None]]] | None = None
                       ) -> frozenset[str] | None:
    """The names that the template ``name`` and every template it extends, imports or includes
    read from their context (Jinja's own analysis of the source); None when a template's name
    is only known when it renders, so any value could be read. ``parsed`` keeps each
    template's own analysis between calls (the base template is shared by all)."""
    from jinja2 import meta

    parsed = {} if parsed is None else parsed
    names: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in parsed:
            try:
                source, filename, _ = env.loader.get_source(env, current)
            except TemplateNotFound:
                # ``include … ignore missing`` or a list of choices: rendering goes on without
                # it, and a template added later changes every fingerprint anyway (they hold
                # the templates' folders)
                parsed[current] = (set(), [])
                continue
            tree = env.parse(source, current, filename)  # an error names this template
            parsed[current] = (meta.find_undeclared_variables(tree),
                               list(meta.find_referenced_templates(tree)))
        own, referenced = parsed[current]
        names |= own
        for other in referenced:
            if other is None:
                return None
            todo.append(other)
    return frozenset(names)
