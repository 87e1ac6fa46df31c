"""``veiligestad review ID`` / ``review --all``: confirm that a record's links still hold.

A person has looked at the record after the questions or project it builds on changed; the links'
fingerprints (``link_stamps``) are renewed so the ``suspect-link`` warnings go away. The file is
edited in place with ruamel.yaml (comments, key order, quoting and indentation kept) and replaced
atomically; a record whose stamps are already current is not touched.
"""

from __future__ import annotations

import datetime as dt
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


def review(root: Path, t: Translator, record_ids: list[str], everything: bool,
           today: dt.date | None = None, by: str | None = None) -> ReviewResult:
    """Re-stamp the links of the given records (or of every record that has links); with
    ``today``, a record whose suspect links were confirmed keeps who did it and when
    (``links_reviewed``)."""
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
        reviewed = None
        if today is not None and record.record_id in _suspect_holders(kb):
            reviewed = {"date": today, **({"by": by} if by else {})}
        try:
            changed = restamp_file(kb, record, lookup, reviewed)
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


def _suspect_holders(kb: KnowledgeBase) -> set[str]:
    from veiligestad.suspects import suspect_links

    return {s.holder for s in suspect_links(kb)}


def restamp_file(kb: KnowledgeBase, record: RecordFile, lookup: Any,
                 reviewed: dict[str, Any] | None = None) -> list[str] | None:
    """Renew one file's stamps; the re-stamped IDs, or None when nothing had to change.
    ``reviewed`` (date, by) is written as ``links_reviewed`` when a stamp changed."""
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
    if reviewed is not None:
        _set_reviewed(data, reviewed)
    out = io.StringIO()
    yaml.dump(data, out)
    new_text = out.getvalue()
    # Guard: the edited file must mean the same as before, plus the stamps.
    written = (FIELD, REVIEWED)
    expected = {k: v for k, v in (record.data or {}).items() if k not in written}
    reread, _ = read_text(new_text)
    if reread is None or {k: v for k, v in reread.items() if k not in written} != expected:
        raise RuntimeError(f"re-stamping {record.rel} would change its content")
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    replace(path, ("\ufeff" if bom else "") + new_text)
    return changed


REVIEWED = "links_reviewed"


def _set_reviewed(data: Any, reviewed: dict[str, Any]) -> None:
    """``links_reviewed: {date, by}`` after the link stamps, replacing an earlier one."""
    from ruamel.yaml.comments import CommentedMap

    value = CommentedMap(reviewed)
    value.fa.set_flow_style()
    if REVIEWED in data:
        data[REVIEWED] = value
        return
    keys = list(data.keys())
    position = keys.index(FIELD) + 1 if FIELD in keys else len(keys)
    data.insert(position, REVIEWED, value)


@dataclass(frozen=True)
class TargetReview:
    """The records that hold suspect links to a changed record, and what confirming did."""

    target: str
    holders: list[str]


def suspect_holders_of(root: Path, t: Translator, target_id: str) -> TargetReview:
    """The records whose links to ``target_id`` are suspect (it changed since they were
    reviewed): what ``review`` of the changed record asks to confirm."""
    from veiligestad.suspects import suspect_links

    kb = open_kb(root, t, every_file=True)
    if kb.get(target_id) is None:
        raise UsageError(t("review.unknown_id", id=target_id), hint=t("review.unknown_id_hint"))
    holders = sorted({s.holder for s in suspect_links(kb) if s.target == target_id})
    return TargetReview(target_id, holders)


def confirm_target(root: Path, t: Translator, target_id: str, today: dt.date,
                   by: str | None) -> list[str]:
    """Confirm that the records linking to ``target_id`` still hold: renew only their stamps of
    that link (their other links stay as they were) and write who and when. The records changed."""
    from veiligestad.stamps import EXPANDING, stamp_link
    from veiligestad.store.edit import load_for_edit
    from veiligestad.suspects import suspect_links

    kb = open_kb(root, t, every_file=True)
    target = kb.get(target_id)
    if target is None or target.data is None or any(
            n.code in EXPANDING for n in target.notes):
        raise UsageError(t("review.unknown_id", id=target_id), hint=t("review.unknown_id_hint"))
    done = []
    for link in suspect_links(kb):
        if link.target != target_id:
            continue
        holder = kb.get(link.holder)
        if holder is None or holder.data is None or any(n.code in _UNSAFE for n in holder.notes):
            raise UsageError(t("review.unreadable", id=link.holder, path=link.holder_rel),
                             hint=t("review.unreadable_hint", path=link.holder_rel))
        edited = load_for_edit(kb.root / holder.rel)
        stamp_link(edited.data, target_id, target.kind.name, target.data, kb.config)
        _set_reviewed(edited.data, {"date": today, **({"by": by} if by else {})})
        if edited.save():
            done.append(link.holder)
    return done
