"""The facts of a record: the few fields the rules over the whole knowledge base read.

The rules over the whole knowledge base (``SCOPE = "kb"``), the dated file rules (``embargo``)
and the summary of statuses read a handful of fields of every record: its ID, status and status
history, the dates they compare, its links and link stamps, and the fields whose change makes a
link suspect. A record's *facts* are its mapping cut down to those fields. ``validate`` keeps
them in the cache (``store/cache.py``, ``facts-NN.pickle``), so that after an edit these rules run
on the facts of every unchanged record instead of reading every record back; and it keeps the
rules' result under a key made of every file's facts (``store/cache.py``), so that an edit that
changes none of these fields (a title, a summary) reuses that result.

The facts must hold every field these rules read, or a rule would see a record without a field
it has. ``tests/checks/test_facts.py`` runs every such rule over records that note each key read
and fails when one is not among ``fact_fields``; a rule that starts reading a new field must add
it here.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from typing import Any, Final

from veiligestad.model.fields import FieldSpec, FieldType
from veiligestad.model.kinds import KINDS, Kind
from veiligestad.store.config import Config

# Read by the rules for every kind (a field a kind does not have is simply absent).
_COMMON: Final = (
    "id", "status", "review", "status_history", "status_reason",
    "received", "needed_by", "start", "end", "period", "reported", "published",
    "questions", "project", "relations",
    "embargo_until", "deliverables", "classification", "link_stamps",
)

Fields = dict[str, frozenset[str]]


def _links(spec: FieldSpec) -> bool:
    """Whether a link to another record can be anywhere inside ``spec``."""
    if spec.type is FieldType.ID and spec.link_kind is not None:
        return True
    if spec.type is FieldType.MAPPING:
        return any(_links(s) for s in spec.fields)
    return spec.type is FieldType.LIST and spec.item is not None and _links(spec.item)


def _static(kind: Kind) -> frozenset[str]:
    return frozenset((*_COMMON, kind.status_field,
                      *(spec.name for spec in kind.fields if _links(spec))))


def fact_fields(config: Config) -> Fields | None:
    """The fields kept as facts, per kind, for this config; None when the config's
    ``suspect_fields`` is wrong (the suspect-link rule reports that, on every run)."""
    from veiligestad.stamps import SuspectFieldsError, suspect_fields

    try:
        suspect = suspect_fields(config)
    except SuspectFieldsError:
        return None
    return {name: _static(kind) | frozenset(suspect.get(name, ()))
            for name, kind in KINDS.items()}


def fields_key(fields: Fields) -> str:
    """A short name of a set of fact fields, kept beside facts made with it."""
    text = ";".join(f"{kind}:{','.join(sorted(names))}" for kind, names in sorted(fields.items()))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def facts_of(data: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    """``data`` cut down to ``names``, in the record's own order."""
    return {key: value for key, value in data.items() if key in names}


def facts_digest(facts: dict[str, Any], key: str) -> str:
    """A digest of one record's facts made with the fields named ``key``."""
    raw = pickle.dumps((key, facts), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
