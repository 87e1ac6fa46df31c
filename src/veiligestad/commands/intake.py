"""``veiligestad intake question``: a new question, status ``submitted``, received today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from veiligestad.commands.authoring import QUESTION_ASKS, convert_answers, refuse
from veiligestad.commands.recordfile import Written, create
from veiligestad.errors import UsageError
from veiligestad.i18n import Translator
from veiligestad.model.ids import next_numbered
from veiligestad.model.kinds import QUESTION
from veiligestad.store.kb import KnowledgeBase

_ATTEMPTS = 5


def intake_question(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    t: Translator,
    today: dt.date,
    by: str | None = None,
    received: dt.date | None = None,
    submission: str | None = None,
    taken: set[str] | None = None,
    dry_run: bool = False,
    brief: bool = False,
    check: bool = True,
) -> Written:
    """Check ``answers`` and write ``data/questions/<next ID>.yaml``; nothing when one is wrong.

    ``taken`` holds IDs already handed out in this run (an import creates several questions before
    the knowledge base is read again); the new ID is added to it.
    """
    values, errors = convert_answers(QUESTION, QUESTION_ASKS, answers, kb.config, t, brief)
    refuse(errors, t, brief)
    when = received or today
    values.update(received=when, by=by, submission=submission)
    used = set(kb.by_id) | (taken if taken is not None else set())
    for _ in range(_ATTEMPTS):
        # Numbered by the year the question came in; a second coordinator writing the same
        # number at the same moment makes write_new fail, and the next number is tried.
        record_id = next_numbered(QUESTION, when.year, used)
        try:
            written = create(kb, QUESTION, record_id, values, t, today, dry_run=dry_run,
                             check=check, brief=brief)
        except UsageError:
            if (kb.root / f"data/questions/{record_id}.yaml").exists():
                used.add(record_id)
                continue
            raise
        if taken is not None:
            taken.add(record_id)
        return written
    raise UsageError(t("new.exists", path=f"data/questions/{record_id}.yaml"),
                     hint=t("new.exists_hint"))
