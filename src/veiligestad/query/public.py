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
from veiligestad.privacy import public_fields, public_value
from veiligestad.query.view import Row

AUDIENCES: Final = ("internal", "public")

# ``public_view``'s plan for one (specs, checked) pair, by identity: a query context passes the
# same two objects for every view of a kind. Each entry holds both, so their ids stay theirs.
_PLANS: dict[tuple[int, int], tuple[object, object, dict[str, tuple[FieldSpec, bool]]]] = {}


def _plan(specs: Sequence[FieldSpec], checked: Collection[str]
          ) -> dict[str, tuple[FieldSpec, bool]]:
    """The public fields of ``specs`` by name (``field_specs`` names each once), each with
    whether its value has been checked already."""
    key = (id(specs), id(checked))
    found = _PLANS.get(key)
    if found is not None and found[0] is specs and found[1] is checked:
        return found[2]
    plan = {spec.name: (spec, spec.name in checked) for spec in specs if spec.public}
    if len(_PLANS) >= 32:
        _PLANS.clear()
    _PLANS[key] = (specs, checked, plan)
    return plan


def public_view(view: Row, specs: Sequence[FieldSpec], allowed: Collection[str],
                today: dt.date, derived: Collection[str] = (), *,
                checked: Collection[str] = ()) -> Row:
    """The public fields of ``view``; ``allowed`` holds the IDs that links may point to.

    An empty list is left out of public output (it could tell that hidden items exist), except
    the ``derived`` ones (backlinks, themes): the view was built from public records only, so
    their emptiness tells nothing, and a query keeps the same shape for every row.

    ``checked`` names the fields whose values have been through the field rules already, with
    the same ``allowed`` and ``today``: the stored fields of a record of ``privacy.public_kb``
    (``privacy.public_record``). The rules give such a value back unchanged (they are
    idempotent: a nested item's own classification and embargo are public fields, so what
    passed once passes again), so it is kept as it is when its field is public, instead of
    being walked a second time; every other field (the derived ones) goes through the rules.
    """
    if not checked:
        out = public_fields(specs, view, today, allowed)
        for name in derived:
            if view.get(name) == [] and name not in out:
                out[name] = []
        return {name: out[name] for name in view if name in out}
    # one pass in the view's order: the same fields, in the same order, as above
    plan = _plan(specs, checked)
    kept: Row = {}
    for name, value in view.items():
        entry = plan.get(name)
        if entry is not None:
            if entry[1]:  # checked already: kept as it is
                result = None if value is None or value == [] or value == {} else value
            else:
                result = public_value(entry[0], value, today, allowed)
            if result is not None:
                kept[name] = result
                continue
        if value == [] and name in derived:
            kept[name] = []
    return kept
