"""The programme-wide view: other cities' knowledge bases beside our own.

Each programme city keeps its own knowledge base in its own git repository. ``veiligestad.yaml``
lists the others under ``federation:``; ``federation sync`` fetches each into the git-ignored cache
folder and reads it with the same loader and rules as our own (``sync``, ``read``), and
``federated_kb`` (``view``) combines our records with every other city's public records into one
``KnowledgeBase`` that the query engine, ``show``, ``stats``, ``gaps`` and a programme-wide site
use unchanged. See docs/federation.md.

Public API::

    federated_kb(kb, today, t, *, public_home=False) -> FederatedKB   # one KB over all cities
    FederatedKB.cities -> [CityView]  (key, name, commit, synced_at, error, records, public, broken)
    FederatedKB.city_of("utrecht:F-2026-7KQ3") -> "utrecht"
"""

from __future__ import annotations

from veiligestad.federation.view import CityView, FederatedKB, federated_kb, qualify

__all__ = ["CityView", "FederatedKB", "federated_kb", "qualify"]
