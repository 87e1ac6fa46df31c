"""Turning what a person typed (a flag, a prompt answer, a spreadsheet cell) into a field value.

One place decides what an answer means, so the prompts, ``--no-input`` flags and the form import
accept the same things: a controlled value by its key, its label in either language or its number
in the list shown; dates as ``2026-11-27`` or the Dutch ``27-11-2026``; lists separated by ``;``
or ``,``. A wrong answer is a ``UsageError`` that lists what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from veiligestad.errors import UsageError
from veiligestad.i18n import LANGUAGES, Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import STATUS_VOCABULARY, Kind
from veiligestad.model.statuses import FLOWS
from veiligestad.store.config import Config

_DUTCH_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_SEPARATORS = re.compile(r"\s*[;,\n]\s*")


@dataclass(frozen=True)
class Option:
    """One allowed value of a controlled field, with its label in the user's language."""

    key: str
    label: str
    # Labels in the other languages: a Dutch form's "Politie" is accepted in an English session.
    aliases: tuple[str, ...] = ()


def leaf(spec: FieldSpec) -> FieldSpec:
    """The spec of a single value: the item's spec for a list, else the spec itself."""
    return spec.item if spec.type is FieldType.LIST and spec.item is not None else spec


def options(spec: FieldSpec, kind: Kind, config: Config, t: Translator) -> list[Option]:
    """The allowed values of a controlled field (or of its items), labelled for the user."""
    spec = leaf(spec)
    others = [Translator(lang) for lang in LANGUAGES]
    if spec.vocabulary == STATUS_VOCABULARY:
        return [Option(k, t(f"status.{kind.name}.{k}"),
                       tuple(o(f"status.{kind.name}.{k}") for o in others))
                for k in FLOWS[kind.name]]
    if spec.vocabulary:
        return [Option(e.key, t.label(e.labels, e.key), tuple(e.labels.values()))
                for e in config.vocabulary(spec.vocabulary).values()]
    return [Option(k, t(f"choice.{spec.name}.{k}"), tuple(o(f"choice.{spec.name}.{k}")
                                                          for o in others))
            for k in spec.choices]


def allowed_text(choices: Sequence[Option]) -> str:
    """``1 politie (Politie), 2 …`` for a message that lists what may be given."""
    return "; ".join(f"{n} {o.key} ({o.label})" for n, o in enumerate(choices, start=1))


def resolve_option(answer: str, choices: Sequence[Option], field: str, t: Translator) -> str:
    """The key meant by ``answer``: a key, a label (any case) or a number in the list."""
    text = answer.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1].key
    folded = text.casefold()
    for option in choices:
        if folded in (option.key.casefold(), option.label.casefold(),
                      *(a.casefold() for a in option.aliases)):
            return option.key
    from veiligestad.checks.context import did_you_mean

    close = did_you_mean(text, [o.key for o in choices]
                         + [o.label for o in choices]) if text else None
    if close is not None:
        close = next((o.key for o in choices if close in (o.key, o.label)), close)
    message = t("input.not_allowed", field=field, value=text)
    if close:
        message += f" ({t('link.did_you_mean', id=close)})"
    raise UsageError(message, hint=t("input.allowed", allowed=allowed_text(choices)))


def parse_date(answer: str, field: str, t: Translator) -> dt.date:
    """A date from ``2026-11-27``, ``27-11-2026``, ``27/11/2026`` or ``27.11.2026``."""
    text = answer.strip()
    if " " in text:  # a spreadsheet's "27-11-2026 14:03" or "2026-11-27 00:00:00"
        text = text.split(" ", 1)[0]
    try:
        if match := _ISO_DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DUTCH_DATE.match(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise UsageError(t("input.bad_date", field=field, value=answer.strip()),
                     hint=t("input.bad_date_hint"))


def split_list(answer: str) -> list[str]:
    """The items of a list answer, separated by ``;``, ``,`` or new lines."""
    return [item for item in _SEPARATORS.split(answer.strip()) if item]


def convert(spec: FieldSpec, kind: Kind, answer: Any, config: Config, t: Translator) -> Any:
    """The value of field ``spec`` for ``answer``; None for an empty answer.

    ``answer`` is a string (a list field also takes a list of strings); dates, numbers and
    controlled values are checked and a wrong one raises a ``UsageError`` naming the allowed values.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()) or answer == []:
        return None
    if spec.type is FieldType.LIST:
        items = answer if isinstance(answer, list) else split_list(str(answer))
        item_spec = leaf(spec)
        values, wrong = [], []
        for item in items:  # every wrong item is named, not only the first
            try:
                values.append(convert(item_spec, kind, item, config, t))
            except UsageError as exc:
                wrong.append(exc)
        if wrong:
            raise UsageError("; ".join(e.message for e in wrong), hint=wrong[0].hint)
        unique = list(dict.fromkeys(v for v in values if v is not None))
        return unique or None
    text = str(answer).strip()
    if spec.type is FieldType.KEY:
        return resolve_option(text, options(spec, kind, config, t), spec.name, t)
    if spec.type is FieldType.DATE:
        return parse_date(text, spec.name, t)
    if spec.type is FieldType.INT:
        if not re.fullmatch(r"[0-9]+", text):
            raise UsageError(t("input.bad_number", field=spec.name, value=text))
        number = int(text)
        if (spec.minimum is not None and number < spec.minimum) or (
            spec.maximum is not None and number > spec.maximum
        ):
            hint = (t("input.range", minimum=spec.minimum, maximum=spec.maximum)
                    if spec.maximum is not None else t("input.at_least", minimum=spec.minimum)
                    if spec.minimum is not None else t("input.at_most", maximum=spec.maximum))
            raise UsageError(t("input.bad_number", field=spec.name, value=text), hint=hint)
        return number
    if spec.type is FieldType.BOOL:
        folded = text.casefold()
        if folded in ("ja", "yes", "true", "j", "y", "1", "waar"):
            return True
        if folded in ("nee", "no", "false", "n", "0", "onwaar"):
            return False
        raise UsageError(t("input.bad_bool", field=spec.name, value=text))
    if spec.type is FieldType.URL and not re.match(r"^https?://\S+$", text):
        raise UsageError(t("input.bad_url", field=spec.name, value=text))
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        raise UsageError(t("input.bad_pattern", field=spec.name, value=text),
                         hint=(t.lang == "nl" and spec.nl) or spec.en)
    return text
