"""Record IDs: readable, stable, and safe from collisions on parallel branches.

Questions and projects are numbered at intake by the coordinator (``Q-2026-014``); findings are
added by students on their own branches, so they get the year and a short random code
(``F-2026-7KQ3``, Crockford base32 without I, L, O, U) that is checked against existing IDs.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Final

from veiligestad.model.kinds import KINDS_BY_PREFIX, Kind

CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# ASCII only: [0-9], never \d, which also takes ٥ or ５ (a look-alike ID that is not the same
# string as the one it imitates); and matched in full (``fullmatch``), so no newline slips in.
ID_PATTERNS: Final = {
    "Q": re.compile(r"^Q-([0-9]{4})-([0-9]{3,})$"),
    "P": re.compile(r"^P-([0-9]{4})-([0-9]{3,})$"),
    "F": re.compile(r"^F-([0-9]{4})-([0-9A-HJKMNP-TV-Z]{4,})$"),
}
ANY_ID: Final = re.compile(r"^[QPF]-[0-9]{4}-[0-9A-Z]{3,}$")


def kind_of(record_id: str) -> Kind | None:
    """The kind an ID belongs to by its prefix, or None when it has no known prefix."""
    prefix = record_id.split("-", 1)[0]
    return KINDS_BY_PREFIX.get(prefix)


def is_valid(record_id: str, kind: Kind) -> bool:
    """Whether ``record_id`` has the pattern of ``kind``."""
    return bool(ID_PATTERNS[kind.prefix].fullmatch(record_id))


def pattern_text(kind: Kind) -> str:
    """The pattern of ``kind``'s IDs, for messages and JSON Schemas."""
    return ID_PATTERNS[kind.prefix].pattern


def next_numbered(kind: Kind, year: int, existing: Iterable[str]) -> str:
    """The next ``Q-2026-014``-style ID for ``year`` after the highest one in ``existing``."""
    pattern = ID_PATTERNS[kind.prefix]
    highest = 0
    for record_id in existing:
        match = pattern.fullmatch(record_id)
        if match and int(match.group(1)) == year:
            highest = max(highest, int(match.group(2)))
    return f"{kind.prefix}-{year}-{highest + 1:03d}"


def new_random(kind: Kind, year: int, existing: Iterable[str], length: int = 4) -> str:
    """A fresh ``F-2026-7KQ3``-style ID that is not in ``existing``."""
    taken = set(existing)
    while True:
        code = "".join(secrets.choice(CROCKFORD) for _ in range(length))
        candidate = f"{kind.prefix}-{year}-{code}"
        if candidate not in taken:
            return candidate
