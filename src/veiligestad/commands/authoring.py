"""What the writing commands ask for, and turning the answers into a record's values.

The prompts of the command line, the ``--no-input`` flags and the form import all go through
``convert_answers``, so a value is accepted or refused the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from veiligestad.commands.fieldinput import convert
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import Kind
from veiligestad.store.config import Config
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile


@dataclass(frozen=True)
class Ask:
    """A field a writing command asks for; ``default`` is a value the prompt offers."""

    name: str
    required: bool = False
    default: str | None = None


QUESTION_ASKS: Final = (
    Ask("title", required=True),
    Ask("asked_by", required=True),
    Ask("department"),
    Ask("themes", required=True),
    Ask("original_text"),
    Ask("research_question"),
    Ask("target_group"),
    Ask("location"),
    Ask("intended_use"),
    Ask("suitable_for"),
    Ask("needed_by"),
    Ask("classification", default="internal"),
    Ask("notes"),
)
PROJECT_ASKS: Final = (
    Ask("title", required=True),
    Ask("questions", required=True),
    Ask("type", required=True),
    Ask("institution", required=True),
    Ask("programme"),
    Ask("academic_year", required=True),
    Ask("semester"),
    Ask("start"),
    Ask("end"),
    Ask("student_count"),
    Ask("supervisor"),
    Ask("methods"),
    Ask("classification", default="internal"),
)
FINDING_ASKS: Final = (
    Ask("project", required=True),
    Ask("questions", required=True),
    Ask("title", required=True),
    Ask("statement", required=True),
    Ask("type", required=True),
    Ask("intervention"),
    Ask("outcome_domains"),
    Ask("reported"),
    Ask("classification", default="internal"),
)


def spec_of(kind: Kind, name: str) -> FieldSpec:
    """The field spec behind an asked name (``academic_year`` lives inside ``period``)."""
    spec = kind.field(name)
    if spec is None:
        period = kind.field("period")
        spec = period.child(name) if period is not None else None
    if spec is None:  # a programming error: every Ask names a real field
        raise KeyError(name)
    return spec


def convert_answers(
    kind: Kind,
    asks: Sequence[Ask],
    answers: Mapping[str, Any],
    config: Config,
    t: Translator,
    brief: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The values for ``answers`` and the list of everything wrong with them (all of it);
    ``brief`` leaves out the lists of allowed values (an import table names them once)."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for ask in asks:
        raw = answers.get(ask.name)
        if raw is None and ask.default is not None:
            raw = ask.default
        try:
            value = convert(spec_of(kind, ask.name), kind, raw, config, t)
        except UsageError as exc:
            errors.append(f"{exc.message} ({exc.hint})" if exc.hint and not brief
                          else exc.message)
            continue
        if value is None:
            if ask.required:
                errors.append(t("input.required", field=ask.name) if brief else
                              t("input.required_option", field=ask.name,
                                option=option_name(kind, ask.name)))
            continue
        values[ask.name] = value
    return values, errors


def option_name(kind: Kind, name: str) -> str:
    """The command-line option that gives field ``name``: ``--outcome-domain`` for the list
    ``outcome_domains`` (a repeatable option is named in the singular)."""
    option = name.replace("_", "-")
    if spec_of(kind, name).type is FieldType.LIST and option.endswith("s"):
        option = option[:-1]
    return f"--{option}"


def refuse(errors: list[str], t: Translator, brief: bool = False) -> None:
    """Raise one ``UsageError`` naming every wrong answer, when there are any."""
    if errors and brief:
        raise UsageError("; ".join(errors))
    if errors:
        raise UsageError(t("input.refused", problems="; ".join(errors)),
                         hint=t("input.refused_hint"))


def check_ids(kb: KnowledgeBase, kind: Kind, ids: Sequence[str], t: Translator) -> None:
    """Every ID must name an existing record of ``kind``."""
    for record_id in ids:
        found = kb.get(record_id)
        if found is None or found.kind is not kind:
            raise unknown_id(kb, record_id, t, kind)


def unknown_id(kb: KnowledgeBase, record_id: str, t: Translator,
               kind: Kind | None = None) -> UsageError:
    """The error for an ID that names no record (of ``kind``), with the closest existing one."""
    from veiligestad.checks.context import did_you_mean

    candidates = [i for i, files in kb.by_id.items() if kind is None or files[0].kind is kind]
    close = did_you_mean(record_id, candidates)
    hint = t("link.did_you_mean", id=close) if close else t("link.unknown_hint")
    return UsageError(t("link.unknown", id=record_id), hint=hint)



def edit_existing(kb: KnowledgeBase, record: RecordFile, t: Translator, change: Any,
                  today: dt.date) -> bool:
    """Apply ``change`` (which says whether it changed anything) to a record file, kept in its
    own layout; a file the safe reader had trouble with is refused, never half-edited."""
    from ruamel.yaml.error import YAMLError

    from veiligestad.store.edit import load_for_edit

    if record.notes:
        raise UsageError(t("edit.broken", path=record.rel), hint=t("edit.broken_hint"))
    try:
        edited = load_for_edit(kb.root / record.rel)
    except (YAMLError, ValueError, UnicodeDecodeError):
        raise UsageError(t("edit.broken", path=record.rel), hint=t("edit.broken_hint")) from None
    if not change(edited.data) or not edited.changed:
        return False
    from veiligestad.commands.safety import refuse_new_errors

    refuse_new_errors(kb, {record.rel: edited.dump()}, t, today)
    return edited.save()

