"""The promise of every writing command: what it writes leaves ``validate`` with no new errors.

Before a file is written, the change is tried on the knowledge base in memory (the records read
for this run, with the new or edited text in place) and every rule runs; an error that was not
there before refuses the command, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from veiligestad.checks.problem import ERROR, Problem
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.store.kb import KnowledgeBase
from veiligestad.store.records import RecordFile, digest, read_text


def _errors(kb: KnowledgeBase, t: Translator, today: dt.date) -> set[tuple[str, str, str]]:
    from veiligestad.checks import FILE_RULES, KB_RULES
    from veiligestad.checks.context import CheckContext

    ctx = CheckContext(kb, t, today)
    found: list[Problem] = [p for record in kb.files for rule in FILE_RULES
                            for p in rule.check_file(record, ctx)]
    found += [p for rule in KB_RULES for p in rule.check(ctx)]
    return {(p.path, p.rule, p.message) for p in found if p.severity == ERROR}


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
                      today: dt.date) -> None:
    """Raise when writing ``texts`` would give ``validate`` an error it does not report now."""
    before = _errors(kb, t, today)
    after = _errors(with_changes(kb, texts), t, today)
    new = sorted(after - before)
    if new:
        raise UsageError(
            t("new.invalid",
              problems="; ".join(f"{path}: {message} [{rule}]" for path, rule, message in new[:5])),
            hint=t("new.invalid_hint"))
