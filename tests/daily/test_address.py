"""The Dutch catalog speaks to its reader in one form of address: informal "je", as the students
and the coordinator's colleagues are addressed in the programme, never switching to "u"."""

from __future__ import annotations

import re

from veiligestad.i18n.nl import MESSAGES

FORMAL = re.compile(r"\b(u|uw|Uw)\b|^U |[.?!] U ")


def test_one_form_of_address() -> None:
    formal = {key: text for key, text in MESSAGES.items()
              if FORMAL.search(re.sub(r"\{[^}]*\}", "", text))}
    assert formal == {}
    assert "bedoel je" in MESSAGES["link.did_you_mean"]
