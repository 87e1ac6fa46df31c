"""Link fingerprints: stable, blind to fields that do not matter and to re-flowed text."""

from __future__ import annotations

from veiligestad.stamps import (
    changed_fields,
    drop_stamp,
    links_of,
    stamp_for,
    stamp_link,
    stamp_links,
)

QUESTION = {"id": "Q-2026-001", "title": "Titel", "research_question": "Waarom?",
            "themes": ["ov"], "status": "ready"}


def test_stamp_is_eight_hex_digits_and_stable() -> None:
    stamp = stamp_for(QUESTION, "question", None)
    assert len(stamp) == 8 and int(stamp, 16) >= 0
    assert stamp_for(dict(QUESTION), "question", None) == stamp


def test_only_the_fields_that_matter_count() -> None:
    base = stamp_for(QUESTION, "question", None)
    assert stamp_for({**QUESTION, "title": "Andere titel", "status": "matched"}, "question",
                     None) == base
    assert stamp_for({**QUESTION, "research_question": "  Waarom?\n"}, "question", None) == base
    assert stamp_for({**QUESTION, "research_question": "Waarom niet?"}, "question", None) != base
    assert stamp_for({**QUESTION, "themes": ["ov", "online"]}, "question", None) != base
    assert changed_fields(QUESTION, {**QUESTION, "themes": []}, "question", None) == ["themes"]


def test_links_of_every_kind() -> None:
    finding = {"project": "P-2026-001", "questions": ["Q-2026-001", "Q-2026-001"],
               "relations": [{"type": "supports", "finding": "F-2026-7KQ3"}, "junk"]}
    assert links_of("finding", finding) == [("P-2026-001", "project"),
                                            ("Q-2026-001", "question"),
                                            ("F-2026-7KQ3", "finding")]
    assert links_of("question", QUESTION) == []


def test_stamp_links_skips_missing_targets_and_drops_stale_stamps() -> None:
    project = {"questions": ["Q-2026-001", "Q-2026-404"],
               "link_stamps": {"Q-2026-999": "00000000"}}
    found = {"Q-2026-001": ("question", QUESTION)}
    changed = stamp_links(project, "project", found.get, None)
    assert changed == ["Q-2026-001"]
    assert project["link_stamps"] == {"Q-2026-001": stamp_for(QUESTION, "question", None)}
    assert stamp_links(project, "project", found.get, None) == []
    assert stamp_links(project, "project", {}.get, None) == []
    assert "link_stamps" not in project


def test_stamp_link_stamps_only_the_new_link() -> None:
    project = {"questions": ["Q-2026-001", "Q-2026-002"],
               "link_stamps": {"Q-2026-001": "00000000"}}  # suspect: must stay so
    other = {**QUESTION, "id": "Q-2026-002", "research_question": "Wie?"}
    assert stamp_link(project, "Q-2026-002", "question", other, None) is True
    assert project["link_stamps"] == {"Q-2026-001": "00000000",
                                      "Q-2026-002": stamp_for(other, "question", None)}
    assert stamp_link(project, "Q-2026-002", "question", other, None) is False
    assert drop_stamp(project, "Q-2026-002") is True
    assert drop_stamp(project, "Q-2026-001") is True
    assert "link_stamps" not in project
    fresh: dict[str, object] = {"questions": ["Q-2026-001"]}
    assert stamp_link(fresh, "Q-2026-001", "question", QUESTION, None) is True
    assert list(fresh["link_stamps"]) == ["Q-2026-001"]  # type: ignore[call-overload]
