"""A problem is data: where it is, which rule found it, how bad it is, what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

ERROR: Final = "error"
WARNING: Final = "warning"
SEVERITIES: Final = (ERROR, WARNING)

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem in one file, at a 1-based line and column where a position applies."""

    path: str
    rule: str
    severity: str
    message: str
    hint: str | None = None
    line: int | None = None
    column: int | None = None
    # Where in the record the problem is, for finding its line later; `key` points at the key
    # rather than at the value (an unknown field, say).
    field: FieldPath | None = None
    key: bool = False

    def __post_init__(self) -> None:
        # The one path every message takes: whatever the personal-data scan flags is masked,
        # so no rule can echo an e-mail address or a phone number into a (public) CI log.
        from veiligestad.personal import redact

        object.__setattr__(self, "message", redact(self.message))
        if self.hint:
            object.__setattr__(self, "hint", redact(self.hint))

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        """The mapping of DESIGN.md's ``validate --format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def field_text(path: FieldPath) -> str:
    """``recommendations[1].to`` for ``("recommendations", 0, "to")``: 1-based for people."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
