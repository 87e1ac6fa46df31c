"""Appending to a list keeps the comment lines below it above what they describe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from veiligestad.store.edit import append_item, load_for_edit

RECORD = """\
id: F-2026-AAAA
review: draft  # still a draft
status_history:
  - date: 2026-12-01
    to: draft
# Written by veiligestad; do not edit.
link_stamps:
  P-2026-001: 'e2d4ed31'
"""


def test_a_comment_below_a_list_stays_above_the_next_field(tmp_path: Path) -> None:
    path = tmp_path / "F-2026-AAAA.yaml"
    path.write_text(RECORD, encoding="utf-8")
    for day in (2, 3):  # twice: the comment moves along every time
        record = load_for_edit(path)
        append_item(record.data["status_history"],
                    {"date": dt.date(2026, 12, day), "from": "draft", "to": "reviewed"})
        assert record.save()
    text = path.read_text(encoding="utf-8")
    assert text.endswith("""\
  - date: 2026-12-03
    from: draft
    to: reviewed
# Written by veiligestad; do not edit.
link_stamps:
  P-2026-001: 'e2d4ed31'
"""), text
    assert "review: draft  # still a draft\n" in text
    assert text.count("# Written by veiligestad") == 1


def test_a_comment_on_the_last_item_s_own_line_stays_there(tmp_path: Path) -> None:
    path = tmp_path / "F-2026-AAAA.yaml"
    path.write_text(RECORD.replace("    to: draft\n", "    to: draft  # made by new\n"),
                    encoding="utf-8")
    record = load_for_edit(path)
    append_item(record.data["status_history"],
                {"date": dt.date(2026, 12, 2), "from": "draft", "to": "reviewed"})
    assert record.save()
    text = path.read_text(encoding="utf-8")
    assert "    to: draft  # made by new\n  - date: 2026-12-02\n" in text, text
    assert "    to: reviewed\n# Written by veiligestad; do not edit.\nlink_stamps:" in text, text
