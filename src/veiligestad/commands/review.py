"""``veiligestad review ID`` / ``review --all``: confirm that a record's links still hold.

A person has looked at the record after the questions or project it builds on changed; the links'
fingerprints (``link_stamps``) are renewed so the ``suspect-link`` warnings go away. The file is
edited in place with ruamel.yaml (comments, key order, quoting and indentation kept) and replaced
atomically; a record whose stamps are already current is not touched.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.stamps import EXPANDING, FIELD, SuspectFieldsError, links_of, stamp_links
from veiligestad.store.atomic import replace
from veiligestad.store.kb import KnowledgeBase, open_kb
from veiligestad.store.records import BOM, RecordFile, read_text


@dataclass
class ReviewResult:
    """Which records were re-stamped, and which links of each got a new stamp."""

    restamped: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


def kb_lookup(kb: KnowledgeBase) -> Any:
    """A ``stamp_links`` lookup over an opened knowledge base: ID → (kind, data) or None."""

    def lookup(target_id: str) -> tuple[str, Mapping[str, Any]] | None:
        target = kb.get(target_id)
        if target is None or target.data is None or any(
                note.code in EXPANDING for note in target.notes):
            return None
        return target.kind.name, target.data

    return lookup


def review(root: Path, t: Translator, record_ids: list[str], everything: bool) -> ReviewResult:
    """Re-stamp the links of the given records (or of every record that has links)."""
    kb = open_kb(root, t, every_file=True)
    if everything:
        records = [r for r in kb.records() if r.record_id and links_of(r.kind.name, r.data or {})]
    else:
        records = []
        for record_id in record_ids:
            found = kb.get(record_id)
            if found is None:
                raise UsageError(t("review.unknown_id", id=record_id),
                                 hint=t("review.unknown_id_hint"))
            records.append(found)
    result = ReviewResult()
    lookup = kb_lookup(kb)
    for record in records:
        record_id = record.record_id or record.stem
        if record.data is None or any(n.code in _UNSAFE for n in record.notes):
            raise UsageError(t("review.unreadable", id=record_id, path=record.rel),
                             hint=t("review.unreadable_hint", path=record.rel))
        try:
            changed = restamp_file(kb, record, lookup)
        except SuspectFieldsError as exc:
            raise UsageError(t("config.bad_value", path="veiligestad.yaml", key=exc.key,
                               value=exc.value), hint=t("suspect_link.config_hint")) from None
        if changed is None:
            result.unchanged.append(record_id)
        else:
            result.restamped[record_id] = changed
    return result


# A record with these is not edited: what ruamel.yaml would write back is not what was meant.
_UNSAFE = frozenset({"syntax", "duplicate_key", "tag", "anchor", "alias", "encoding", "link",
                     "suffix", "too_large", "unreadable", "not_mapping", "empty", "merge",
                     "too_deep", "too_big", "shape"})


def restamp_file(kb: KnowledgeBase, record: RecordFile, lookup: Any) -> list[str] | None:
    """Renew one file's stamps; the re-stamped IDs, or None when nothing had to change."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    path = kb.root / record.rel
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM):].decode("utf-8") if bom else raw.decode("utf-8")
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    _, indent, offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line of someone's text
    yaml.indent(mapping=2, sequence=indent or 2, offset=offset or 0)
    data = yaml.load(text)
    before = dict(data.get(FIELD) or {})
    changed = stamp_links(data, record.kind.name, lookup, kb.config)
    after = dict(data.get(FIELD) or {})
    if before == after:
        return None
    out = io.StringIO()
    yaml.dump(data, out)
    new_text = out.getvalue()
    # Guard: the edited file must mean the same as before, plus the stamps.
    expected = {k: v for k, v in (record.data or {}).items() if k != FIELD}
    reread, _ = read_text(new_text)
    if reread is None or {k: v for k, v in reread.items() if k != FIELD} != expected:
        raise RuntimeError(f"re-stamping {record.rel} would change its content")
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    replace(path, ("\ufeff" if bom else "") + new_text)
    return changed
