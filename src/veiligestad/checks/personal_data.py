"""personal-data: no e-mail addresses, phone numbers, BSNs, IBANs, addresses or handles in records.

The knowledge base holds no respondent-level data and no contact details. Every text value is
searched for an e-mail address, a phone number (Dutch, or international with a country code such
as +32, +49, +44), a citizen service number (BSN: nine digits, also written 1234.56.782 or
123 456 782, that pass the 11-check), an IBAN (that passes its mod-97 check), a postcode with a
house number, a street with a house number (Breestraat 12), and, in free text, a social-media
handle (@name). Full-width digits and invisible characters do not hide anything: text is
normalised first. In a ``public`` record this is an error; elsewhere a warning, because internal
records are still shared with partners. The message never repeats what it found in full, and no
other rule's message does either, so nothing leaks into a CI log. Names cannot be detected
reliably: the fields that hold them are never public. In an ID field, an ID with a year the
programme can have (``F-2026-44789``, or a link to it) has its code searched alone: the year and
the code together can be nine digits that pass the 11-check without being anyone's number,
whereas a number in the code (``Q-2025-0612345678``) or an ID whose "year" is part of a number
(``Q-1234-56782``) is still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from veiligestad import personal
from veiligestad.checks import walk
from veiligestad.checks.context import CheckContext
from veiligestad.checks.problem import ERROR, WARNING, Problem, field_text
from veiligestad.model.fields import FieldType
from veiligestad.model.kinds import DEFAULT_CLASSIFICATION
from veiligestad.store.records import RecordFile

ID = "personal-data"
SCOPE = "file"


def find(text: str) -> list[tuple[str, str]]:
    """The kinds of personal data in ``text``, each with a masked excerpt."""
    return personal.find(text)


# A record ID's parts: prefix, year, code (``model.ids``' patterns, any code length).
_DATED_ID: Final = re.compile(r"[QPF]-([0-9]{4})-([0-9A-Z]+)")
_YEARS: Final = range(1990, 2100)  # the years a record of the programme can be dated


def id_code(value: str) -> str:
    """What of an ID field's ``value`` is searched: the code alone of a record ID whose year is
    one the programme can have; else the whole value."""
    found = _DATED_ID.fullmatch(value)
    if found is None or int(found.group(1)) not in _YEARS:
        return value
    return found.group(2)


def check_file(record: RecordFile, ctx: CheckContext) -> Iterator[Problem]:
    data = record.data
    if data is None:
        return
    public = data.get("classification", DEFAULT_CLASSIFICATION) == "public"
    severity = ERROR if public else WARNING
    t = ctx.t
    # The texts of three characters or more with a digit or an ``@`` (``personal.maybe``),
    # found in the pass over the record's values that several rules share (``walk.survey``).
    candidates = walk.survey(record, ctx).texts
    if not candidates or not personal.any_possible([value for _, _, value in candidates]):
        return  # one search over the record's texts: most records have nothing to look at
    for path, spec, value in candidates:
        text = id_code(value) if spec.type is FieldType.ID else value
        for name, excerpt in personal.find(text, name_field=not spec.free_text):
            yield ctx.problem(
                record, ID,
                t("personal_data.found", what=t(f"personal_data.{name}"), field=field_text(path),
                  excerpt=excerpt),
                t("personal_data.public_hint" if public else "personal_data.hint"),
                severity=severity, field=path,
            )
