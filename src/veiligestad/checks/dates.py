"""Reading dates out of records for the lifecycle rules, tolerating anything malformed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from veiligestad.store.yamlread import is_date


def date_of(value: Any) -> dt.date | None:
    """``value`` when it is a real date, else None (the schema rule reports bad dates)."""
    return value if is_date(value) else None


def status_date(data: dict[str, Any], status: str, first: bool = False) -> dt.date | None:
    """The date the record moved into ``status`` (the last time, or the ``first``), from its
    ``status_history``."""
    found = None
    history = data.get("status_history")
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and entry.get("to") == status:
            found = date_of(entry.get("date")) or found
            if first and found:
                return found
    return found
