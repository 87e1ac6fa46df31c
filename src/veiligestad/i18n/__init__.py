"""Every sentence a user reads, in Dutch and English, looked up by key.

The catalogs are plain modules, one per language (``nl.py``, ``en.py``), so a translator works in
one file and a test proves that both languages have the same keys and the same placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from veiligestad.terminal import shown

LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"


def _catalog(lang: str) -> Mapping[str, str]:
    if lang == "en":
        from veiligestad.i18n import en

        return en.MESSAGES
    from veiligestad.i18n import nl

    return nl.MESSAGES


class Translator:
    """Looks up a message by key in one language and fills in its ``{placeholders}``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._messages = _catalog(self.lang)

    def __call__(self, key: str, /, **params: object) -> str:
        text = self._messages.get(key)
        if text is None:
            # A missing key is a bug in the tool, but the user still deserves a readable line.
            text = _catalog("en").get(key, key)
        if not params:
            return text
        # The words of a message may come from a record (a wrong value, a title): a character a
        # terminal would obey is written as an escape (``terminal.shown``).
        return text.format(**{name: shown(value) if isinstance(value, str) else value
                              for name, value in params.items()})

    def n(self, key: str, count: int, /, **params: object) -> str:
        """A counted phrase: ``key.one`` for exactly one, ``key.other`` otherwise."""
        return self(f"{key}.{'one' if count == 1 else 'other'}", count=count, **params)

    def label(self, labels: Mapping[str, object] | None, key: str) -> str:
        """A vocabulary entry's label in this language, else in the other, else the key."""
        if labels:
            for lang in (self.lang, *LANGUAGES):
                value = labels.get(lang)
                if isinstance(value, str) and value:
                    return value
        return key
