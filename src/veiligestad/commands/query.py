"""``veiligestad query``: saved queries and the machine-readable output formats.

A saved query is ``queries/NAME.yaml`` in the knowledge base::

    description: {nl: Vragen die op een student wachten, en: Questions waiting for a student}
    kind: questions
    conditions: ["status=ready", "!projects", "themes={theme}"]
    sort: received
    fields: [id, title, received, days_open]
    parameters:
      theme: {default: "uitgaansleven,ov", description: "one or more themes"}

``{name}`` in a condition (or in ``match``, ``quarter``, ``since``, ``until``, ``linked_to``)
is replaced by the parameter's value: ``--param theme=online``, else its default.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from veiligestad.checks.context import did_you_mean, short_list
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.query import QueryResult, Row
from veiligestad.spreadsheet import csv_row
from veiligestad.store.yamlread import load_bounded

QUERIES_DIR: Final = "queries"
_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_PLACEHOLDER: Final = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KEYS: Final = ("description", "kind", "conditions", "sort", "fields", "limit", "match",
                "quarter", "since", "until", "linked_to", "recursive", "group_by", "parameters")
_TEXT_OPTIONS: Final = ("match", "quarter", "since", "until", "linked_to")
_MAX_QUERY_BYTES: Final = 65_536
_ANCHOR: Final = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\]},]")


class MissingParameter(UsageError):
    """A saved query needs a parameter that has no default and was not given."""


@dataclass
class SavedQuery:
    """A saved query with its parameters filled in, ready for ``select``."""

    name: str
    kind: str
    description: str = ""
    conditions: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)


def saved_names(root: Path) -> list[str]:
    """The names of the knowledge base's saved queries."""
    folder = root / QUERIES_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    # A name that cannot be printed (bytes that are not UTF-8, a control code) could neither
    # be typed after --saved nor be named in a message: such a file is not a saved query.
    return sorted(p.stem for p in folder.glob("*.yaml")
                  if p.stem.isprintable() and p.is_file() and not p.is_symlink())


def parse_params(pairs: Sequence[str], t: Translator) -> dict[str, str]:
    """``["theme=ov", "before=2026-09-01"]`` to a mapping; anything else is a UsageError."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(t("query.bad_param", param=pair), hint=t("query.bad_param_hint"))
        out[name.strip()] = value.strip()
    return out


def load_saved(root: Path, name: str, params: dict[str, str], t: Translator) -> SavedQuery:
    """Read ``queries/NAME.yaml``, check it and fill in its parameters."""
    names = saved_names(root)
    if not _NAME.match(name) or name not in names:
        guess = did_you_mean(name, names)
        hint = t("query.did_you_mean", guess=guess) if guess else (
            t("query.saved_known", names=short_list(names)) if names
            else t("query.saved_none", folder=QUERIES_DIR))
        raise UsageError(t("query.saved_unknown", name=name), hint=hint)
    rel = f"{QUERIES_DIR}/{name}.yaml"
    try:
        if not (root / rel).is_file():  # a pipe would never end
            raise OSError(f"{rel} is not a plain file")
        data = (root / rel).read_bytes()[: _MAX_QUERY_BYTES + 1]
        if len(data) > _MAX_QUERY_BYTES:
            raise UsageError(t("query.saved_too_large", path=rel), hint=t("query.saved_hint"))
        text = data.decode("utf-8-sig")
        if _ANCHOR.search(text):  # a saved query needs none; aliases could expand without end
            raise UsageError(t("query.saved_anchor", path=rel), hint=t("query.saved_hint"))
        raw = load_bounded(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(t("query.saved_unreadable", path=rel, error=str(exc).splitlines()[0]),
                         hint=t("query.saved_hint")) from None
    if not isinstance(raw, dict):
        raise UsageError(t("query.saved_shape", path=rel), hint=t("query.saved_hint"))
    unknown = [k for k in raw if k not in _KEYS]
    if unknown:
        guess = did_you_mean(str(unknown[0]), _KEYS)
        raise UsageError(t("query.saved_unknown_key", path=rel, key=unknown[0]),
                         hint=t("query.did_you_mean", guess=guess) if guess
                         else t("query.saved_keys", keys=", ".join(_KEYS)))
    if not isinstance(raw.get("kind"), str):
        raise UsageError(t("query.saved_no_kind", path=rel), hint=t("query.saved_hint"))
    values = _parameters(rel, raw.get("parameters"), params, t)
    conditions = raw.get("conditions") or []
    if isinstance(conditions, str):
        conditions = [conditions]
    if not isinstance(conditions, list) or not all(isinstance(c, str) for c in conditions):
        raise UsageError(t("query.saved_shape", path=rel), hint=t("query.saved_hint"))
    options: dict[str, Any] = {}
    for key in ("sort", "fields", "group_by", *_TEXT_OPTIONS):
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        options[key] = _fill(str(value), values, rel, t)
    if raw.get("limit") is not None:
        limit = raw["limit"]
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise UsageError(t("query.saved_shape", path=rel), hint=t("query.saved_hint"))
        options["limit"] = limit
    if raw.get("recursive") is not None:
        options["recursive"] = bool(raw["recursive"])
    description = raw.get("description") or ""
    if isinstance(description, dict):
        description = t.label(description, "")
    return SavedQuery(name, raw["kind"], str(description),
                      [_fill(c, values, rel, t) for c in conditions], options, values)


def _parameters(rel: str, declared: Any, given: dict[str, str],
                t: Translator) -> dict[str, str]:
    declared = declared or {}
    if not isinstance(declared, dict):
        raise UsageError(t("query.saved_shape", path=rel), hint=t("query.saved_hint"))
    for name in given:
        if name not in declared:
            guess = did_you_mean(name, [str(k) for k in declared])
            raise UsageError(t("query.param_unknown", param=name, path=rel),
                             hint=t("query.did_you_mean", guess=guess) if guess else
                             t("query.params_known", params=", ".join(map(str, declared)) or "-"))
    values: dict[str, str] = {}
    for name, spec in declared.items():
        default = spec.get("default") if isinstance(spec, dict) else spec
        if str(name) in given:
            values[str(name)] = given[str(name)]
        elif default is not None:
            values[str(name)] = str(default)
        else:
            raise MissingParameter(t("query.param_missing", param=name, path=rel),
                                   hint=t("query.param_missing_hint", param=name))
    return values


def _fill(text: str, values: dict[str, str], rel: str, t: Translator) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise UsageError(t("query.param_undeclared", param=name, path=rel),
                             hint=t("query.saved_hint"))
        return values[name]

    return _PLACEHOLDER.sub(replace, text)


# -- output formats (the table is drawn by the command line) --

def flat_rows(result: QueryResult) -> list[Row]:
    """The rows; when grouped, each row once per group with its ``group`` first."""
    if result.groups is None:
        return result.rows
    return [{"group": key, **row} for key, rows in result.groups for row in rows]


def columns(rows: Sequence[Row], fields: Sequence[str] | None) -> list[str]:
    """The given fields, else every key in the order first seen."""
    if fields:
        return list(fields)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def cell(value: Any) -> str:
    """A value as text in one cell: lists joined with commas, mappings as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(cell(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_json(rows: Sequence[Row]) -> str:
    """A JSON array of mappings."""
    return "".join(json_chunks(rows))


def json_chunks(rows: Sequence[Row]) -> Iterator[str]:
    """``to_json`` in pieces, to be written as they come: ``json.dumps`` with ``indent`` joins
    a string per token of the whole array before it returns (at 30,000 records a query of
    every finding's fields held over 200 MB of them)."""
    return json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(list(rows))


def to_jsonl(rows: Sequence[Row]) -> str:
    """One JSON mapping per line."""
    return "".join(jsonl_chunks(rows))


def jsonl_chunks(rows: Sequence[Row]) -> Iterator[str]:
    """``to_jsonl`` a line at a time."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    return (dump(row) + "\n" for row in rows)


class _Plain:
    """What the YAML output changes in PyYAML's safe dumper: no anchors and aliases (two rows
    that hold the same list print it twice, as a reader of the output expects, and as each row
    is written on its own), and a text with a character that YAML reads as a line break but
    PyYAML writes as it is (NEL, the line and paragraph separators) double-quoted, where it is
    escaped: in the plain or single-quoted style it read back as a space."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_str(self, data: str) -> yaml.ScalarNode:
        # the three tests written out: a million texts at 30,000 records
        if "\x85" in data or "\u2028" in data or "\u2029" in data:
            return self.represent_scalar(  # type: ignore[attr-defined, no-any-return]
                "tag:yaml.org,2002:str", data, style='"')
        return self.represent_scalar(  # type: ignore[attr-defined, no-any-return]
            "tag:yaml.org,2002:str", data)  # as ``SafeRepresenter.represent_str``


class _PlainDumper(_Plain, yaml.SafeDumper):
    """PyYAML's own emitter, in Python: the text every row must have, and the way for a row
    whose text libyaml's emitter would not write the same (``yaml_chunks``)."""


_PlainDumper.add_representer(str, _PlainDumper.represent_str)

# libyaml's emitter (``yaml.CSafeDumper``, in PyYAML's wheels): the same text as the emitter
# in Python (``tests/commands/test_query_output.py``) in about a fifth of the time: at 30,000
# records every finding as YAML took 54–68 CPU-seconds, now 12–13, against 4–5 for JSON. The
# representer (the rows turned into nodes) is Python either way.
_FastDumper: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CPlainDumper(_Plain, yaml.CSafeDumper):
        """libyaml's emitter with the changes above."""

    _CPlainDumper.add_representer(str, _CPlainDumper.represent_str)
    _FastDumper = _CPlainDumper


def to_yaml(rows: Sequence[Row]) -> str:
    """A YAML list of mappings."""
    return "".join(yaml_chunks(rows))


def yaml_chunks(rows: Sequence[Row], fast: bool = True) -> Iterator[str]:
    """``to_yaml`` a record at a time: each the one-item list that the whole list's block
    sequence is made of, so the whole list's representation is never held at once. With
    ``fast``, by libyaml's emitter where PyYAML has it; a row it refuses (a text it cannot
    encode), or whose text it escapes, is written by the emitter in Python, so the text is
    always the one the emitter in Python writes."""
    if not rows:
        yield "[]\n"
        return
    dumper = _FastDumper if fast else None
    for row in rows:
        text = None
        if dumper is not None and _simple_keys(row):
            try:
                text = yaml.dump([row], Dumper=dumper, allow_unicode=True, sort_keys=False,
                                 width=100)
            except Exception:  # the emitter in Python decides, and reports
                text = None
            if text is not None and "\\" in text:
                # an escape (or a backslash of the text): libyaml escapes what the emitter
                # in Python writes as it is (a character beyond U+FFFF, such as an emoji)
                text = None
        if text is None:
            text = yaml.dump([row], Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                             width=100)
        yield text


def _simple_keys(value: Any) -> bool:
    """Whether every key of the mappings in ``value`` is a text that both emitters write as
    a simple key (``key: value``). They differ on the others: an empty key, and a long one
    (the emitter in Python counts characters and the tag, libyaml bytes), are ``? key``
    in one and not the other; a key of another type carries a tag."""
    if type(value) is dict:
        for key, item in value.items():
            if type(key) is not str or not 0 < len(key) <= _SHORT_KEY \
                    or len(key.encode("utf-8", "surrogatepass")) > _SHORT_KEY:
                return False
            if type(item) in (dict, list) and not _simple_keys(item):
                return False
    elif type(value) is list:
        return all(_simple_keys(item) for item in value if type(item) in (dict, list))
    return True


_SHORT_KEY: Final = 100  # bytes: below the 128 of both emitters, their tag included


def to_csv(rows: Sequence[Row], names: Sequence[str]) -> str:
    """CSV as Dutch Excel opens it: ``;`` between cells, CRLF; the caller writes a BOM first."""
    return "".join(csv_chunks(rows, names))


def csv_chunks(rows: Sequence[Row], names: Sequence[str]) -> Iterator[str]:
    """``to_csv`` a line at a time."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(csv_row(list(names)))
    yield out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(csv_row([cell(row.get(name)) for name in names]))
        yield out.getvalue()


def to_ids(rows: Sequence[Row]) -> str:
    """One ID per line."""
    return "".join(ids_chunks(rows))


def ids_chunks(rows: Sequence[Row]) -> Iterator[str]:
    """``to_ids`` a line at a time."""
    return (f"{row.get('id')}\n" for row in rows)


def to_markdown(rows: Sequence[Row], names: Sequence[str]) -> str:
    """A Markdown table (GitHub's), with ``|`` and line breaks in values escaped."""
    return "".join(markdown_chunks(rows, names))


def markdown_chunks(rows: Sequence[Row], names: Sequence[str]) -> Iterator[str]:
    """``to_markdown`` a line at a time."""
    def md(value: Any) -> str:
        return cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    yield "| " + " | ".join(names) + " |\n"
    yield "|" + "---|" * len(names) + "\n"
    for row in rows:
        yield "| " + " | ".join(md(row.get(n)) for n in names) + " |\n"
