"""The personal-data scan: e-mail addresses, phone numbers, BSNs, IBANs, addresses, handles.

One scan for two uses: the ``personal-data`` rule (``checks/personal_data.py``) reports what it
finds in records, and every problem message of every rule is passed through ``redact`` (in
``checks/problem.py``), so no message, hint or CI annotation repeats in full a value that this
scan flags: not even the schema rule's "'jan@example.nl' is not an allowed value".

Text is normalised before it is searched: NFKC folds full-width and other compatibility forms
(``０６１２３４５６７８``) and zero-width characters and soft hyphens are removed, so
obfuscation does not hide anything. Names cannot be detected reliably and are not tried: the
field-level "never public" rule (``FieldSpec.public``) is the real protection (docs/records.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

_EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Dutch numbers (0612345678, 071-5161234, +31 6 1234 5678, 0031…) and international ones
# written with a country code (+32 470 12 34 56, +49 30 1234567, +44 20 7946 0958).
_PHONE: Final = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)(?:(?: ?[.\-] ?| )?\(?\d\)?){9}(?!\d)"
    r"|(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:(?: ?[.\-/] ?| )?\(?\d\)?){7,12}(?!\d)",
    re.ASCII)
# Nine digits, in groups separated by single dots, spaces or dashes (123456782, 1234.56.782,
# 123 456 782), checked with the 11-check.
_BSN: Final = re.compile(r"(?<![\d.,])(?<!\d[ .\-])\d(?:[ .\-]?\d){8}(?![\d]|[ .\-,]\d)",
                         re.ASCII)
_IBAN: Final = re.compile(r"\b([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b",
                          re.ASCII)
_POSTCODE_NUMBER: Final = re.compile(
    r"\b[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}\b[ ,]+[0-9]{1,5}\b"
    r"|\b[0-9]{1,5}[a-zA-Z]?,? +[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}\b"
)
# A street name with a house number and no postcode: Breestraat 12, Lange Mare 35a,
# Haarlemmerweg 4-6. The street words are the common Dutch endings.
_STREETS: Final = (r"straat|weg|laan|plein|gracht|singel|kade|steeg|dijk|pad|hof|dreef|"
                   r"markt|plantsoen|burgwal|wal|straatweg|park|erf|veld|haven|rak|mare|"
                   r"kerkhof|vest")
# The ending may also be a word of its own after a capitalised word (Lange Mare, Oude Vest).
_STREETS_WORD: Final = "|".join(word.capitalize() for word in _STREETS.split("|"))
_STREET: Final = re.compile(
    rf"\b(?:[A-Z][a-zà-ÿ]*(?:{_STREETS})|[A-Z][a-zà-ÿ]+ (?:{_STREETS_WORD}))"
    r"\s+[1-9][0-9]{0,3}(?:\s?[a-zA-Z]\b)?(?:-[0-9]{1,4})?"
    r"(?![0-9%]|[.,:/][0-9]|\s?(?:%|procent|keer|jaar|maanden|weken|dagen|uur|minuten|personen|"
    r"mensen|vrouwen|meisjes|deelnemers|respondenten|studenten|km|m\b|meter))")
_HANDLE: Final = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])"
                            r"(?![\w@]|\.[A-Za-z])", re.ASCII)

# Every kind of personal data above has an "@" or a digit: text without either is skipped.
_MAYBE: Final = re.compile(r"[@\d＠]")
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


def _bsn_ok(match: re.Match[str]) -> bool:
    digits = [int(c) for c in re.sub(r"[^0-9]", "", match.group(0))]
    if len(digits) != 9 or len(set(digits)) == 1:
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def _iban_ok(match: re.Match[str]) -> bool:
    iban = match.group(1).replace(" ", "")
    if not 15 <= len(iban) <= 34:
        return False
    moved = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def _always(match: re.Match[str]) -> bool:
    return True


Detector = tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]]
DETECTORS: Final[tuple[Detector, ...]] = (
    ("email", _EMAIL, _always),
    ("iban", _IBAN, _iban_ok),
    ("bsn", _BSN, _bsn_ok),
    ("phone", _PHONE, _always),
    ("address", _POSTCODE_NUMBER, _always),
    ("street", _STREET, _always),
    ("handle", _HANDLE, _always),
)
# Every detector in one pattern, for a first look at a whole record: its candidate texts are
# joined with NUL, which no pattern consumes and which every look-behind, look-ahead and ``\b``
# above treats as they treat the start or end of a text, so a text with a match makes the joined
# text match too (``tests/security/test_personal_scan.py`` checks this over generated texts).
_ANY: Final = re.compile("|".join(
    f"(?a:{pattern.pattern})" if pattern.flags & re.ASCII else f"(?:{pattern.pattern})"
    for _, pattern, _ in DETECTORS))
_JOIN: Final = "\x00"
# In fields meant for a name or a handle (contributors, who changed a status) a handle is the
# point, not a leak.
NOT_IN_NAME_FIELDS: Final = frozenset({"handle"})


def normalise(text: str) -> str:
    """``text`` as it reads: compatibility forms folded (NFKC), invisible characters removed."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def maybe(text: str) -> bool:
    """A cheap first look: only text with an ``@`` or a digit can hold personal data."""
    return _MAYBE.search(text) is not None


def any_possible(texts: list[str]) -> bool:
    """False only when no text of ``texts`` can hold anything the scan flags: one search over
    all of a record's texts, where most records have none (a record's texts with a digit are
    mostly IDs and dates). True is only a "maybe": ``find`` decides, text by text."""
    return _ANY.search(_JOIN.join(normalise(text) for text in texts)) is not None


def matches(text: str, kinds: frozenset[str] | None = None) -> list[tuple[str, re.Match[str]]]:
    """Every accepted match in ``text`` (already normalised), with its kind."""
    out: list[tuple[str, re.Match[str]]] = []
    for name, pattern, accept in DETECTORS:
        if kinds is not None and name not in kinds:
            continue
        out.extend((name, m) for m in pattern.finditer(text) if accept(m))
    return out


def mask(text: str) -> str:
    """Two characters and an ellipsis: enough to find it, too little to use it."""
    return text[:2] + "…" if len(text) > 2 else "…"


def find(text: str, *, name_field: bool = False) -> list[tuple[str, str]]:
    """The kinds of personal data in ``text``, each once, with a masked excerpt."""
    if not maybe(text):
        return []
    clean = normalise(text)
    kinds = frozenset(n for n, _, _ in DETECTORS if not (name_field and n in NOT_IN_NAME_FIELDS))
    found: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    for name, match in matches(clean, kinds):
        start, end = match.span()
        if any(start < e and s < end for s, e in taken):
            continue  # one thing found twice (a street with its postcode): reported once
        taken.append((start, end))
        found.setdefault(name, mask(match.group(0)))
    return list(found.items())


def redact(text: str) -> str:
    """``text`` with everything the scan flags replaced by its mask (a message that quotes a
    value can then be printed anywhere, a public CI log too)."""
    if not maybe(text):
        return text
    clean = normalise(text)
    spans: list[list[int]] = []
    for start, end in sorted((m.start(), m.end()) for _, m in matches(clean)):
        if spans and start < spans[-1][1]:  # overlapping matches are masked as one
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(clean[last:start])
        out.append(mask(clean[start:end]))
        last = end
    out.append(clean[last:])
    return "".join(out)
