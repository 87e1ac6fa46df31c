"""The one family of errors the core raises; the command line maps them to exit codes.

The core never prints and never exits: it raises one of these, with a message already in the
user's language, and ``cli.main`` turns it into a line on stderr and the exit code of DESIGN.md.
"""

from __future__ import annotations


class VeiligestadError(Exception):
    """A user-facing error: the message is shown as it is, with an optional hint."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(VeiligestadError):
    """A bad flag or value, an unknown ID, not a knowledge base: exit code 2."""

    exit_code = 2


class NotAKnowledgeBase(UsageError):
    """No ``veiligestad.yaml`` was found where one was expected."""


class ConfigError(UsageError):
    """``veiligestad.yaml`` itself cannot be used."""


class TemplateProblem(UsageError):
    """A template (a knowledge base's own, or built in) that cannot be rendered safely.

    Not a problem of one record or one row: a command that renders many (an import) stops.
    """
