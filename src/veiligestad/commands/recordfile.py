"""Writing a new record: render its template, check it like ``validate`` would, create the file.

Templates live in ``templates/records/<kind>.yaml.j2``; a knowledge base's own file of that name
wins over the built-in one. Every new file starts with a ``yaml-language-server`` line that points
at the knowledge base's JSON Schemas, so an editor checks the record while it is being filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from veiligestad.commands.schema import SCHEMA_DIR
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.kinds import Kind
from veiligestad.store.atomic import write_new
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import DATA_DIR

TEMPLATE_DIR: Final = "templates/records"
TEMPLATE_NAME: Final = "records"  # under the environment's templates/


@dataclass(frozen=True)
class Written:
    """A record a command created (or, in a dry run, would create)."""

    record_id: str
    rel: str
    text: str = ""


def record_rel(kind: Kind, record_id: str) -> str:
    """``data/findings/F-2026-7KQ3.yaml``."""
    return f"{DATA_DIR}/{kind.plural}/{record_id}.yaml"


def schema_ref(kind: Kind) -> str:
    """The schema's path seen from the record's folder: ``../../schemas/finding.schema.json``."""
    return f"../../{SCHEMA_DIR}/{kind.name}.schema.json"


def yaml_scalar(value: Any) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back as the same string, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    plain_ok = (
        text == text.strip() and "\n" not in text and text[:1] not in "'\"&*!|>%@`[]{},#?-:"
        and ": " not in text and " #" not in text
    )
    if plain_ok:
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def yaml_flow_list(values: Any) -> str:
    """``[a, b]`` with each item a scalar."""
    return "[" + ", ".join(yaml_scalar(v) for v in (values or [])) + "]"


class _Values(dict[str, Any]):
    """A record's values for its template: an optional field that was not given reads as None.

    The environment is strict (an unknown name is an error), so ``{% if r.programme %}`` needs a
    value for every optional field the template may ask about.
    """

    def __missing__(self, key: str) -> None:
        return None


def render(root: Path, kind: Kind, values: Mapping[str, Any], t: Translator | None = None) -> str:
    """The text of a new record of ``kind`` from its template.

    The template (the knowledge base's ``templates/records/<kind>.yaml.j2`` or the built-in
    one) goes through the one sandboxed environment: a template from a pull request can
    neither run code nor read files, and a broken one is a UsageError naming it.
    """
    from veiligestad.render.environment import make_environment, render_template

    # YAML, not HTML: no autoescaping; every value goes through the y / ylist filters.
    env = make_environment(root, plain=True)
    env.filters["y"] = yaml_scalar
    env.filters["ylist"] = yaml_flow_list
    text = render_template(env, f"{TEMPLATE_NAME}/{kind.name}.yaml.j2", t or Translator(),
                           r=_Values(values), schema=schema_ref(kind))
    return text.lstrip("\n").rstrip("\n") + "\n"


def create(kb: KnowledgeBase, kind: Kind, record_id: str, values: Mapping[str, Any],
           t: Translator, today: dt.date, dry_run: bool = False, check: bool = True,
           brief: bool = False) -> Written:
    """Render, check and create the record file; never overwrites an existing file.

    ``check=False`` leaves the check to the caller (an import checks its rows together).
    """
    from veiligestad.commands.safety import refuse_new_errors

    rel = record_rel(kind, record_id)
    text = render(kb.root, kind, {**values, "id": record_id}, t)
    if check:
        refuse_new_errors(kb, {rel: text}, t, today, brief)
    written = Written(record_id, rel, text)
    if not dry_run:
        write(kb, written, t)
    return written


def write(kb: KnowledgeBase, written: Written, t: Translator) -> None:
    """Create the file of a rendered record; a file that exists is never overwritten."""
    try:
        write_new(kb.root / written.rel, written.text)
    except FileExistsError:
        raise UsageError(t("new.exists", path=written.rel), hint=t("new.exists_hint")) from None
