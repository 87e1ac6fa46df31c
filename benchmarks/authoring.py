"""How long the writing commands take on a large knowledge base (not a test; run by hand).

    python benchmarks/authoring.py [RECORDS]     # default 30000

Builds a knowledge base of about RECORDS records in a temporary folder by cloning the example
records of Leiden under other years (links stay consistent within each clone), then times the
core of ``intake question``, ``link``, ``status`` and an ``intake import`` of 20 rows. Every
writing command runs the validation rules before it writes (see docs/authoring.md), so their time
grows with the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parents[1]
_ID = re.compile(r"\b([QPF])-(2025|2026)-([0-9A-Z]{3,4})\b")


def build(target: Path, records: int) -> int:
    shutil.copyfile(REPO / "veiligestad.yaml", target / "veiligestad.yaml")
    sources = sorted((REPO / "data").rglob("*.yaml"))
    texts = [(p.parent.name, p.read_text(encoding="utf-8")) for p in sources]
    for kind in ("questions", "projects", "findings"):
        (target / "data" / kind).mkdir(parents=True)
    count, clone = 0, 0
    while count < records:
        def year(match: re.Match[str], clone: int = clone) -> str:
            base = 1000 + 2 * clone + (match.group(2) == "2026")
            return f"{match.group(1)}-{base}-{match.group(3)}"

        for folder, text in texts:
            new = _ID.sub(year, text)
            record_id = re.search(r"^id: (\S+)", new, re.M)
            assert record_id
            (target / "data" / folder / f"{record_id.group(1)}.yaml").write_text(
                new, encoding="utf-8")
            count += 1
        clone += 1
    return count


def main(argv: list[str]) -> int:
    from veiligestad.commands.intake import intake_question
    from veiligestad.commands.intake_import import import_questions
    from veiligestad.commands.link import link
    from veiligestad.commands.status import change_status
    from veiligestad.i18n import Translator
    from veiligestad.store.kb import open_kb

    records = int(argv[0]) if argv else 30_000
    today = dt.date(2026, 11, 27)
    t = Translator("en")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"records: {build(root, records)}")

        def timed(label: str, action) -> None:  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            kb = open_kb(root, t)
            opened = time.perf_counter()
            action(kb)
            done = time.perf_counter()
            print(f"{label:<28} read {opened - start:6.2f} s   command {done - opened:6.2f} s")

        timed("intake question", lambda kb: intake_question(
            kb, {"title": "Benchmark", "asked_by": "politie", "themes": "ov"}, t, today))
        timed("link P-1001-005 Q-1001-012", lambda kb: link(kb, "P-1001-005", "Q-1001-012", t,
                                                            today))
        timed("status Q-1001-014 intake", lambda kb: change_status(kb, "Q-1001-014", "intake",
                                                                   t, today))
        export = root / "export.csv"
        rows = [f"{n};Vraag {n};politie;ov" for n in range(20)]
        export.write_text("Inzendingsnummer;Titel van uw vraag;Organisatie;Thema's\n"
                          + "\n".join(rows) + "\n", encoding="utf-8")
        timed("intake import (20 rows)", lambda kb: import_questions(kb, export, t, today))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
