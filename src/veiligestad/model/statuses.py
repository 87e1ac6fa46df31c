"""Statuses of each record kind and the transitions between them.

Statuses are behaviour, not vocabulary: ``gaps``, ``stats`` and the lifecycle checks depend on what
each one means, so they live in the code and not in ``veiligestad.yaml``; their labels live in the
message catalogs.
"""

from __future__ import annotations

from typing import Final

QUESTION_STATUSES: Final = (
    "submitted",
    "intake",
    "refused",
    "referred",
    "advised",
    "ready",
    "matched",
    "in_progress",
    "delivered",
    "fed_back",
    "closed",
    "parked",
)
# States in which a question still waits for something; `parked` may be entered from these and left
# back to any of them.
QUESTION_OPEN: Final = ("submitted", "intake", "ready", "matched", "in_progress")
# Decisions taken at intake.
QUESTION_DECISIONS: Final = ("refused", "referred", "advised", "ready")
# Decisions that need their reason written down (``decision_reason``).
QUESTION_NEEDS_REASON: Final = ("refused", "referred")
# A question in these states has been taken up by a project, which names it.
QUESTION_TAKEN_UP: Final = ("matched", "in_progress")
# The states of a question a new project may take up.
QUESTION_FOR_PROJECT: Final = ("ready", "matched", "in_progress")
# A question that is delivered or later must be answered by at least one finding.
QUESTION_ANSWERED: Final = ("delivered", "fed_back", "closed")

_QUESTION_FLOW: Final[dict[str, tuple[str, ...]]] = {
    "submitted": ("intake",),
    "intake": QUESTION_DECISIONS,
    "ready": ("matched",),
    "matched": ("in_progress", "ready"),  # back to ready when the project falls through
    "in_progress": ("delivered", "ready"),
    "delivered": ("fed_back",),
    "fed_back": ("closed",),
    "advised": ("closed",),
    "referred": ("closed",),
    "refused": ("closed",),
    "closed": (),
    "parked": QUESTION_OPEN,
}

PROJECT_STATUSES: Final = ("planned", "running", "finished", "stopped")
_PROJECT_FLOW: Final[dict[str, tuple[str, ...]]] = {
    "planned": ("running", "stopped"),
    "running": ("finished", "stopped"),
    "finished": (),
    "stopped": (),
}

REVIEW_STATUSES: Final = ("draft", "reviewed", "published")
_REVIEW_FLOW: Final[dict[str, tuple[str, ...]]] = {
    "draft": ("reviewed",),
    "reviewed": ("published", "draft"),
    "published": ("reviewed",),  # withdrawn for a correction
}

FLOWS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "question": _QUESTION_FLOW,
    "project": _PROJECT_FLOW,
    "finding": _REVIEW_FLOW,
}


def allowed_next(kind: str, status: str) -> tuple[str, ...]:
    """The statuses a record of ``kind`` may move to from ``status``."""
    nexts = FLOWS[kind].get(status, ())
    if kind == "question" and status in QUESTION_OPEN:
        nexts = (*nexts, "parked")
    return nexts


def can_move(kind: str, old: str, new: str) -> bool:
    """Whether ``old → new`` is an allowed transition for ``kind``."""
    return new in allowed_next(kind, old)
