"""What the public may see of a query's rows (DESIGN.md, "Privacy and openness").

The query engine builds its public views from ``veiligestad.privacy.public_kb`` (so backlinks
and derived fields are computed from public records only) and passes each view through
``public_view``, which applies the one field-level rule of ``veiligestad.privacy`` to the stored
and derived fields. Conditions, sorting and output of a public query never see the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Final

from veiligestad.model.fields import FieldSpec
from veiligestad.privacy import public_fields
from veiligestad.query.view import Row

AUDIENCES: Final = ("internal", "public")


def public_view(view: Row, specs: Sequence[FieldSpec], allowed: Collection[str],
                today: dt.date, derived: Collection[str] = ()) -> Row:
    """The public fields of ``view``; ``allowed`` holds the IDs that links may point to.

    An empty list is left out of public output (it could tell that hidden items exist), except
    the ``derived`` ones (backlinks, themes): the view was built from public records only, so
    their emptiness tells nothing, and a query keeps the same shape for every row.
    """
    out = public_fields(specs, view, today, allowed)
    for name in derived:
        if view.get(name) == [] and name not in out:
            out[name] = []
    return {name: out[name] for name in view if name in out}
