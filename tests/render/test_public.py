"""The public view: only public records past their embargo, only public fields, recursively."""

from __future__ import annotations

import datetime as dt

from veiligestad.model.kinds import FINDING, PROJECT, QUESTION
from veiligestad.render.public import public_record

TODAY = dt.date(2026, 11, 27)


def test_a_record_without_classification_is_internal() -> None:
    assert public_record(QUESTION, {"id": "Q-2026-001", "title": "x"}, TODAY) is None


def test_an_embargo_keeps_a_public_record_out_until_it_ends() -> None:
    data = {"id": "Q-2026-001", "classification": "public", "embargo_until": dt.date(2026, 12, 1)}
    assert public_record(QUESTION, data, TODAY) is None
    assert public_record(QUESTION, data, dt.date(2026, 12, 1)) is not None


def test_non_public_and_unknown_fields_are_dropped_at_every_depth() -> None:
    data = {
        "id": "P-2026-001", "classification": "public", "notes": "intern",
        "supervisor": "docent", "client_contact": "iemand", "ethics": {"dmp": True},
        "unknown_field": "?", "title": "Openbaar",
        "deliverables": [
            {"type": "report", "title": "open", "classification": "public"},
            {"type": "report", "title": "dicht", "classification": "internal"},
            {"type": "report", "title": "geen klasse"},
            {"type": "report", "title": "later", "classification": "public",
             "embargo_until": dt.date(2027, 1, 1)},
        ],
        "status_history": [{"date": TODAY, "to": "running", "by": "x"}],
    }
    out = public_record(PROJECT, data, TODAY)
    assert out == {"id": "P-2026-001", "title": "Openbaar", "classification": "public",
                   "deliverables": [{"type": "report", "title": "open",
                                     "classification": "public"}]}


def test_a_finding_is_public_only_once_published() -> None:
    data = {"id": "F-2026-AAAA", "classification": "public", "review": "reviewed",
            "recommendations": [{"text": "t", "to": "politie", "follow_up_note": "geheim"}]}
    assert public_record(FINDING, data, TODAY) is None
    out = public_record(FINDING, {**data, "review": "published"}, TODAY)
    assert out is not None and out["recommendations"] == [{"text": "t", "to": "politie"}]
