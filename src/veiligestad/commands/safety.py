"""The promise of every writing command: what it writes leaves ``validate`` with no new errors.

Before a file is written, the change is tried on the knowledge base in memory (the records read
for this run, with the new or edited text in place) and every rule runs; an error that was not
there before refuses the command, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping

from veiligestad.checks.problem import ERROR, Problem
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile, digest, read_text

_Errors = set[tuple[str, str, str]]
# The knowledge-base rules' errors before a change, per knowledge base read for this run: an
# import tries one new question after another against the same, unchanged knowledge base.
_BEFORE: dict[tuple[int, int, str, dt.date], tuple[weakref.ref[KnowledgeBase], _Errors]] = {}


def _as_set(problems: list[Problem]) -> _Errors:
    return {(p.path, p.rule, p.message) for p in problems if p.severity == ERROR}


def _file_errors(kb: KnowledgeBase, rels: set[str], t: Translator, today: dt.date) -> _Errors:
    # The file rules' results on other files cannot change: they depend on that file alone.
    from veiligestad.checks import FILE_RULES
    from veiligestad.checks.context import CheckContext

    ctx = CheckContext(kb, t, today)
    return _as_set([p for record in kb.files if record.rel in rels
                    for rule in FILE_RULES for p in rule.check_file(record, ctx)])


# Rules over the whole knowledge base whose problems in a file depend only on that file and on
# which IDs exist: a change cannot bring them a new problem in a file it did not touch (a new
# record only adds an ID, and an edit never changes one), so they are run on the touched files.
# link-target walks every field of every record and is most of the time of a full run.
_PER_FILE_KB_RULES = ("link-target",)


def _kb_errors(kb: KnowledgeBase, t: Translator, today: dt.date) -> _Errors:
    from veiligestad.checks import KB_RULES
    from veiligestad.checks.context import CheckContext

    ctx = CheckContext(kb, t, today)
    return _as_set([p for rule in KB_RULES if rule.ID not in _PER_FILE_KB_RULES
                    for p in rule.check(ctx)])


def _per_file_kb_errors(kb: KnowledgeBase, rels: set[str], t: Translator,
                        today: dt.date) -> _Errors:
    from veiligestad.checks import KB_RULES
    from veiligestad.checks.context import CheckContext

    view = KnowledgeBase(kb.root, kb.config, [f for f in kb.files if f.rel in rels])
    view.by_id = kb.by_id  # every ID is still there to link to
    ctx = CheckContext(view, t, today)
    return _as_set([p for rule in KB_RULES if rule.ID in _PER_FILE_KB_RULES
                    for p in rule.check(ctx)])


def _kb_errors_before(kb: KnowledgeBase, t: Translator, today: dt.date) -> _Errors:
    key = (id(kb), len(kb.files), t.lang, today)
    cached = _BEFORE.get(key)
    if cached is not None and cached[0]() is kb:
        return cached[1]
    errors = _kb_errors(kb, t, today)
    _BEFORE.clear()  # one knowledge base per run: keep the cache small
    _BEFORE[key] = (weakref.ref(kb), errors)
    return errors


def with_changes(kb: KnowledgeBase, texts: Mapping[str, RecordFile | str]) -> KnowledgeBase:
    """The knowledge base as it would be with ``texts`` (path → new text) written."""
    from veiligestad.model.kinds import KINDS_BY_PLURAL

    files = [f for f in kb.files if f.rel not in texts]
    for rel, text in texts.items():
        if isinstance(text, RecordFile):
            files.append(text)
            continue
        kind = KINDS_BY_PLURAL[rel.split("/")[1]]
        data, notes = read_text(text.lstrip("\ufeff"))
        files.append(RecordFile(rel, kind, data, notes, digest(text.encode("utf-8"))))
    return KnowledgeBase(kb.root, kb.config, files)


def refuse_new_errors(kb: KnowledgeBase, texts: Mapping[str, str], t: Translator,
                      today: dt.date, brief: bool = False) -> None:
    """Raise when writing ``texts`` would give ``validate`` an error it does not report now."""
    rels = set(texts)
    before = (_file_errors(kb, rels, t, today) | _per_file_kb_errors(kb, rels, t, today)
              | _kb_errors_before(kb, t, today))
    changed = with_changes(kb, texts)
    after = (_file_errors(changed, rels, t, today) | _per_file_kb_errors(changed, rels, t, today)
             | _kb_errors(changed, t, today))
    new = sorted(after - before)
    if new and brief:  # one row of an import: its file was never written, so no path
        raise UsageError("; ".join(f"{message} [{rule}]" for _, rule, message in new[:5]))
    if new:
        raise UsageError(
            t("new.invalid",
              problems="; ".join(f"{path}: {message} [{rule}]" for path, rule, message in new[:5])),
            hint=t("new.invalid_hint"))
