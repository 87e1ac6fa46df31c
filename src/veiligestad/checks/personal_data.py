"""personal-data: no e-mail addresses, phone numbers, BSNs, IBANs or home addresses in records.

The knowledge base holds no respondent-level data and no contact details. Every text value is
searched for an e-mail address, a Dutch phone number, a citizen service number (BSN, nine digits
that pass the 11-check), an IBAN (that passes its mod-97 check) and a postcode with a house
number. In a ``public`` record this is an error; elsewhere a warning, because internal records
are still shared with partners. The message never repeats what it found in full, so it does not
leak into a CI log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import ERROR, WARNING, Problem, field_text
from veiligestad.model.kinds import DEFAULT_CLASSIFICATION
from veiligestad.store.records import RecordFile

ID = "personal-data"
SCOPE = "file"

_EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE: Final = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:(?: ?[.\-] ?| )?\(?\d\)?){9}(?!\d)")
_BSN: Final = re.compile(r"(?<![\d.])(\d{3})\.?(\d{2})\.?(\d{2})\.?(\d{2})(?![\d.]\d)")
_IBAN: Final = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")
_POSTCODE_NUMBER: Final = re.compile(
    r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b[ ,]+\d{1,5}\b"
    r"|\b\d{1,5}[a-zA-Z]?,? +[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b"
)


def _bsn_ok(match: re.Match[str]) -> bool:
    digits = [int(c) for c in "".join(match.groups())]
    if len(set(digits)) == 1:
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


_DETECTORS: Final[tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]], ...]] = (
    ("email", _EMAIL, lambda m: True),
    ("iban", _IBAN, _iban_ok),
    ("bsn", _BSN, _bsn_ok),
    ("phone", _PHONE, lambda m: True),
    ("address", _POSTCODE_NUMBER, lambda m: True),
)


def find(text: str) -> list[tuple[str, str]]:
    """The kinds of personal data in ``text``, each with a masked excerpt."""
    found = []
    for name, pattern, accept in _DETECTORS:
        for match in pattern.finditer(text):
            if accept(match):
                found.append((name, _mask(match.group(0))))
                break
    return found


def _mask(text: str) -> str:
    return text[:2] + "…" if len(text) > 2 else "…"


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None:
        return
    public = data.get("classification", DEFAULT_CLASSIFICATION) == "public"
    severity = ERROR if public else WARNING
    t = ctx.t
    for path, _spec, value in walk.values(record.kind.fields, data):
        if not isinstance(value, str) or len(value) < 6:
            continue
        for name, excerpt in find(value):
            yield ctx.problem(
                record, ID,
                t("personal_data.found", what=t(f"personal_data.{name}"), field=field_text(path),
                  excerpt=excerpt),
                t("personal_data.public_hint" if public else "personal_data.hint"),
                severity=severity, field=path,
            )
