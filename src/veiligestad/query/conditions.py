"""Conditions of ``query -w``: parsed into data, checked against the kind's fields, evaluated.

Syntax: ``field=value``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``~`` (contains, case- and
accent-insensitive), ``!~``; a comma list means "one of"; ``field?`` (present), ``!field``
(absent); dotted paths (``evidence.design>=3``). A list field matches when any element matches.
A mistake is a ``ConditionError`` that points at the column where it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import STATUS_VOCABULARY, Kind
from veiligestad.model.statuses import FLOWS
from veiligestad.periods import _QUARTER
from veiligestad.query.view import Row, field_specs, values_at
from veiligestad.store.config import Config

OPERATORS: Final = ("!~", "!=", "<=", ">=", "=", "<", ">", "~")
PRESENT: Final = "?"
ABSENT: Final = "!"
_FIELD: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_TRUE: Final = ("true", "yes", "ja", "waar", "1")
_FALSE: Final = ("false", "no", "nee", "onwaar", "0")


class ConditionError(UsageError):
    """A condition that cannot be used; ``column`` is 1-based within the condition."""

    def __init__(self, message: str, hint: str | None, condition: str, column: int,
                 width: int = 1) -> None:
        pointer = " " * (column - 1) + "^" * max(width, 1)
        super().__init__(f"{message}\n    {condition}\n    {pointer}", hint)
        self.condition = condition
        self.column = column


@dataclass(frozen=True)
class Condition:
    """One parsed condition: the field path, the operator and the (typed) values."""

    text: str
    path: tuple[str, ...]
    op: str
    values: tuple[Any, ...] = ()
    leaf: FieldSpec | None = None

    def fields(self) -> set[str]:
        """The top-level fields the condition reads."""
        return {self.path[0]} if self.path else set()

    def matches(self, view: Row) -> bool:
        """Whether the record seen as ``view`` satisfies the condition."""
        found = values_at(view, self.path)
        if self.op in (PRESENT, ABSENT):
            present = any(v != "" for v in found)
            return present if self.op == PRESENT else not present
        if self.op.startswith("!"):
            positive = Condition(self.text, self.path, self.op[1:] or "=", self.values, self.leaf)
            return not positive.matches(view)
        return any(_test(self.op, value, target) for value in found for target in self.values)




# Types whose equal values may read differently as text (what ``~`` and text targets test).
_TEXT_DIFFERS: Final = frozenset({float, dt.datetime, dt.time})


def filter_views(pool: Sequence[Row], parsed: Sequence[Condition],
                 keys_of: Callable[[Sequence[Row], tuple[str, ...]], list[Any] | None]
                 | None = None) -> list[Row]:
    """The views of ``pool`` that meet every condition of ``parsed``, in order: the same as
    ``[v for v in pool if all(c.matches(v) for c in parsed)]``.

    A condition of one field reads nothing of a view but the values at its path
    (``values_at``), so it is decided once for each distinct list of values there (typed:
    ``True`` and ``1`` are told apart, as ``_test`` tells them apart) and that verdict holds
    for every view with the same values: a few thousand tests instead of one per view.
    ``keys_of`` (default ``value_keys``) gives each view's key at a path, and may keep them
    for the same pool (``stats``' figures filter one pool many times)."""
    if not parsed:
        return list(pool)
    by_path: dict[tuple[str, ...], list[Condition]] = {}
    for condition in parsed:
        if type(condition) is not Condition:  # alternatives read several fields
            return [v for v in pool if all(c.matches(v) for c in parsed)]
        by_path.setdefault(condition.path, []).append(condition)
    passing: list[tuple[list[Any], dict[Any, bool]]] = []
    for path, conditions in by_path.items():
        keys = (keys_of or value_keys)(pool, path)
        if keys is None:
            return [v for v in pool if all(c.matches(v) for c in parsed)]
        verdicts: dict[Any, bool] = {}
        for view, key in zip(pool, keys, strict=True):
            if key not in verdicts:
                verdicts[key] = all(c.matches(view) for c in conditions)
        passing.append((keys, verdicts))
    if len(passing) == 1:
        (keys, verdicts), = passing
        return [v for v, key in zip(pool, keys, strict=True) if verdicts[key]]
    return [v for i, v in enumerate(pool) if all(ok[keys[i]] for keys, ok in passing)]


def value_keys(pool: Sequence[Row], path: tuple[str, ...]) -> list[Any] | None:
    """Each view's values at ``path`` as a hashable key (with their types, and for a float or
    a time with its text: ``0.0`` and ``-0.0``, or one instant in two time zones, compare
    equal but read differently as text); None when a value cannot be a key (a mapping)."""
    try:
        keys = [tuple([(type(x), x, str(x)) if type(x) in _TEXT_DIFFERS else (type(x), x)
                       for x in values_at(view, path)]) for view in pool]
        hash(tuple(keys))
    except TypeError:
        return None
    return keys

@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Text without case and accents: "Één" and "een" fold to the same string."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _test(op: str, value: Any, target: Any) -> bool:
    if op == "~":
        return fold(str(target)) in fold(_text(value))
    if isinstance(value, dict | list):
        return False
    if isinstance(target, str):
        value = fold(_text(value))
        target = fold(target)
    elif isinstance(value, bool) != isinstance(target, bool):
        return False
    try:
        if op == "=":
            return bool(value == target)
        if op == "<":
            return bool(value < target)
        if op == "<=":
            return bool(value <= target)
        if op == ">":
            return bool(value > target)
        return bool(value >= target)
    except TypeError:  # a value of the wrong type in a file that does not validate
        return False


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class AnyOf(Condition):
    """Alternatives joined with ``|``: ``status=ready | themes=ov`` holds when either does,
    across different fields (``themes=ov,online`` is the one-field form)."""

    alternatives: tuple[Condition, ...] = ()

    def fields(self) -> set[str]:
        return {name for c in self.alternatives for name in c.fields()}

    def matches(self, view: Row) -> bool:
        return any(c.matches(view) for c in self.alternatives)


OR: Final = "|"


def parse_condition(text: str, kind: Kind, config: Config, t: Translator) -> Condition:
    """Parse and check one condition for records of ``kind``; a mistake is a ConditionError.
    Alternatives joined with ``|`` make one condition that holds when any of them does."""
    if OR in text:
        parts = text.split(OR)
        if all(p.strip() for p in parts):
            return AnyOf(text, (), OR, alternatives=tuple(
                _parse_one(p, kind, config, t) for p in parts))
        raise ConditionError(t("query.empty_alternative", condition=text),
                             t("query.or_hint"), text, text.index(OR) + 1)
    return _parse_one(text, kind, config, t)


def _parse_one(text: str, kind: Kind, config: Config, t: Translator) -> Condition:
    raw = text
    stripped = raw.strip()
    offset = len(raw) - len(raw.lstrip())
    if stripped.startswith(ABSENT) and _FIELD.fullmatch(stripped[1:].strip()):
        name = stripped[1:].strip()
        column = offset + len(stripped) - len(name)
        path, _ = _resolve(raw, name, column, kind, t)
        return Condition(raw, path, ABSENT)
    if stripped.endswith(PRESENT) and _FIELD.fullmatch(stripped[:-1].strip()):
        path, _ = _resolve(raw, stripped[:-1].strip(), offset, kind, t)
        return Condition(raw, path, PRESENT)
    match = _FIELD.match(stripped)
    if not match:
        raise ConditionError(t("query.no_field", condition=raw), t("query.syntax_hint"), raw,
                             offset + 1)
    name = match.group(0)
    rest = stripped[match.end():]
    gap = len(rest) - len(rest.lstrip())
    rest = rest.lstrip()
    op = next((o for o in OPERATORS if rest.startswith(o)), None)
    op_column = offset + match.end() + gap + 1
    if op is None:
        raise ConditionError(t("query.no_operator", condition=raw), t("query.syntax_hint"), raw,
                             op_column, len(rest.split(" ", 1)[0]) or 1)
    path, spec = _resolve(raw, name, offset, kind, t)
    value_text = rest[len(op):]
    value_column = op_column + len(op)
    if not value_text.strip():
        raise ConditionError(t("query.no_value", condition=raw), t("query.syntax_hint"), raw,
                             value_column)
    values = _values(raw, value_text, value_column, op, spec, kind, config, t)
    return Condition(raw, path, op, tuple(values), spec)


def parse_conditions(texts: Sequence[str], kind: Kind, config: Config,
                     t: Translator) -> list[Condition]:
    """Parse every condition; they are AND-ed."""
    return [parse_condition(text, kind, config, t) for text in texts]


def resolve_field(name: str, kind: Kind, t: Translator, context: str | None = None,
                  column: int = 1) -> tuple[tuple[str, ...], FieldSpec]:
    """The path and spec of a (dotted) field name, for --sort, --fields and --group-by too."""
    return _resolve(context if context is not None else name, name, column - 1, kind, t)


def _resolve(raw: str, name: str, offset: int, kind: Kind,
             t: Translator) -> tuple[tuple[str, ...], FieldSpec]:
    if not name or not _FIELD.fullmatch(name):
        raise ConditionError(t("query.no_field", condition=raw), t("query.syntax_hint"), raw,
                             offset + 1, max(len(name), 1))
    specs: Sequence[FieldSpec] = field_specs(kind)
    spec: FieldSpec | None = None
    column = offset + 1
    parts = tuple(name.split("."))
    for part in parts:
        spec = next((s for s in specs if s.name == part), None)
        if spec is None:
            known = [s.name for s in specs]
            from veiligestad.checks.context import did_you_mean, short_list

            guess = did_you_mean(part, known)
            hint = t("query.did_you_mean", guess=guess) if guess else t(
                "query.known_fields", fields=short_list(known, 60))
            raise ConditionError(
                t("query.unknown_field", field=part, kind=t(f"kind.{kind.name}"), condition=raw),
                hint, raw, column, len(part))
        inner = spec.item if spec.type is FieldType.LIST and spec.item else spec
        specs = inner.fields
        column += len(part) + 1
    assert spec is not None
    return parts, spec


def allowed_values(spec: FieldSpec, kind: Kind, config: Config) -> list[str] | None:
    """The values a controlled field may hold, or None when it is not controlled."""
    leaf = spec.item if spec.type is FieldType.LIST and spec.item else spec
    if leaf.type is not FieldType.KEY:
        return None
    if leaf.vocabulary == STATUS_VOCABULARY:
        return list(FLOWS[kind.name])
    if leaf.vocabulary:
        return list(config.vocabulary(leaf.vocabulary))
    return list(leaf.choices) or None


def _values(raw: str, value_text: str, column: int, op: str, spec: FieldSpec, kind: Kind,
            config: Config, t: Translator) -> list[Any]:
    leaf = spec.item if spec.type is FieldType.LIST and spec.item else spec
    if leaf.type is FieldType.MAPPING and op not in ("~", "!~"):
        raise ConditionError(t("query.not_comparable", field=".".join([spec.name]), op=op),
                             t("query.nested_hint"), raw, column - len(op), len(op))
    # A comma list means "one of"; an ordering compares with one value.
    pieces = value_text.split(",") if op in ("=", "!=", "~", "!~") else [value_text]
    allowed = allowed_values(spec, kind, config) if op not in ("~", "!~") else None
    # A label where a key belongs (``status=gekoppeld``, ``themes=Openbare ruimte``): tables
    # show labels, so a person writes what they read; the condition compares keys.
    # Imported here: the rules' package costs a reading command that parses no condition.
    from veiligestad.checks.context import label_keys

    labels = label_keys(leaf, kind, config, allowed) if allowed is not None else {}
    out: list[Any] = []
    position = column
    for piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        item = piece.strip()
        item_column = position + lead
        position += len(piece) + 1
        if not item:
            raise ConditionError(t("query.no_value", condition=raw), t("query.syntax_hint"), raw,
                                 item_column)
        if op in ("~", "!~"):
            out.append(item)
            continue
        if allowed is not None and item not in allowed:
            item = labels.get(item.lower(), item)
        out.append(_typed(raw, item, item_column, leaf, allowed, t, spec.name))
    return out


def _typed(raw: str, item: str, column: int, leaf: FieldSpec, allowed: list[str] | None,
           t: Translator, field_name: str) -> Any:
    if allowed is not None and item not in allowed:
        from veiligestad.checks.context import did_you_mean, short_list

        guess = did_you_mean(item, allowed)
        hint = (t("query.did_you_mean", guess=guess) + " " if guess else "") + t(
            "query.allowed", values=short_list(allowed, 30))
        raise ConditionError(t("query.bad_value", value=item, field=field_name), hint, raw,
                             column, len(item))
    if leaf.type is FieldType.DATE:
        from veiligestad.periods import read_day

        day = read_day(item)
        if day is None:
            raise ConditionError(t("query.bad_date", value=item), t("query.bad_date_hint"), raw,
                                 column, len(item))
        return day
    if leaf.type is FieldType.INT:
        try:
            return int(item)
        except ValueError:
            raise ConditionError(t("query.bad_number", value=item), None, raw, column,
                                 len(item)) from None
    if leaf.type is FieldType.BOOL:
        if item.lower() in _TRUE:
            return True
        if item.lower() in _FALSE:
            return False
        raise ConditionError(t("query.bad_bool", value=item), None, raw, column, len(item))
    if leaf.name == "quarter":
        quarter = _QUARTER.match(item)
        if quarter:
            return f"{quarter.group(1)}-Q{quarter.group(2)}"
    return item
