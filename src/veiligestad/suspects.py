"""Suspect links, seen from both ends: which links' targets changed since they were reviewed.

The ``suspect-link`` rule reports a suspect link in the record that holds it (a project, a
finding). The coordinator also looks from the other end: the question whose research question
changed. This module lists every suspect link once, as data, for ``show`` (of either record),
``gaps`` and ``graph``, by comparing each stamp with the target's current fingerprint. It never
asks git (that is the rule's job, to say which fields changed), so it stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from veiligestad.stamps import EXPANDING, FIELD, links_of, stamp_for
from veiligestad.store.kb import KnowledgeBase


@dataclass(frozen=True)
class SuspectLink:
    """A link from ``holder`` to ``target`` whose target changed after the link was stamped."""

    holder: str
    target: str
    holder_rel: str
    target_rel: str


def suspect_links(kb: KnowledgeBase) -> list[SuspectLink]:
    """Every suspect link in the knowledge base, by holder and target ID (none when
    ``suspect_fields`` in the config is wrong: ``validate`` reports that)."""
    from veiligestad.stamps import SuspectFieldsError

    try:
        return _suspect_links(kb)
    except SuspectFieldsError:
        return []


def _suspect_links(kb: KnowledgeBase, lookup: KnowledgeBase | None = None,
                   only: str | None = None) -> list[SuspectLink]:
    current: dict[str, str] = {}
    found: list[SuspectLink] = []
    targets = lookup or kb
    for record in kb.records():
        data = record.data
        stamps = data.get(FIELD) if data is not None else None
        if not isinstance(stamps, dict) or not stamps or record.record_id is None:
            continue
        assert data is not None
        linked = dict(links_of(record.kind.name, data))
        for target_id, stamp in stamps.items():
            if not isinstance(target_id, str) or target_id not in linked:
                continue
            if only is not None and only not in (record.record_id, target_id):
                continue  # show reads only the targets of links at its record's ends
            target = targets.get(target_id)
            if target is None or target.data is None or target.kind.name != linked[target_id]:
                continue
            if any(note.code in EXPANDING for note in target.notes):
                continue
            now = current.get(target_id)
            if now is None:
                now = current[target_id] = stamp_for(target.data, target.kind.name, kb.config)
            if stamp != now:
                found.append(SuspectLink(record.record_id, target_id, record.rel, target.rel))
    found.sort(key=lambda s: (s.holder, s.target))
    return found


def suspect_links_of(kb: KnowledgeBase, record_id: str,
                     linking: list[str] | None = None) -> list[SuspectLink]:
    """The suspect links that hold ``record_id`` at either end. ``linking`` (the records that
    link to it, from the index) keeps this to a few records instead of the whole knowledge
    base, for ``show``."""
    from veiligestad.stamps import SuspectFieldsError

    if linking is None:
        return [s for s in suspect_links(kb) if record_id in (s.holder, s.target)]
    holders = [r for r in (kb.get(i) for i in dict.fromkeys([record_id, *linking]))
               if r is not None]
    view = KnowledgeBase(kb.root, kb.config, holders)
    view.by_id = kb.by_id  # every target can still be looked up
    try:
        found = _suspect_links(view, kb, record_id)
    except SuspectFieldsError:
        return []
    return [s for s in found if record_id in (s.holder, s.target)]
