"""How fast the query engine answers on a national-size knowledge base (about 30,000 records).

Run: ``.venv/bin/python benchmarks/query.py [N]`` (N questions, as many projects, findings
twice as many; default 7,500, so 30,000 records). It writes a synthetic knowledge base to a
temporary folder, then times the reading commands in-process, best of three, after one
untimed run. Speed is measured here only, never in the tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
THEMES = ["straatintimidatie", "uitgaansleven", "ov", "online", "veiligheidsbeleving"]
PARTNERS = ["veiligheid", "politie", "welzijnswerk", "horeca", "ov_vervoerder"]
STATUSES = ["ready", "matched", "in_progress", "delivered", "closed"]


def make_kb(root: Path, n: int) -> None:
    shutil.copy(REPO / "veiligestad.yaml", root)
    for kind in ("questions", "projects", "findings"):
        (root / "data" / kind).mkdir(parents=True)
    start = dt.date(2016, 1, 1)
    for i in range(n):
        year = 2016 + i * 10 // n
        day = start + dt.timedelta(days=i * 3650 // n)
        qid, pid = f"Q-{year}-{i:05d}", f"P-{year}-{i:05d}"
        status = STATUSES[i % len(STATUSES)]
        (root / f"data/questions/{qid}.yaml").write_text(
            f"id: {qid}\ntitle: Vraag {i} over veiligheid\nclassification: public\n"
            f"asked_by: {PARTNERS[i % 5]}\nthemes: [{THEMES[i % 5]}, {THEMES[(i + 2) % 5]}]\n"
            f"received: {day}\nstatus: {status}\nstatus_history:\n"
            f"  - {{date: {day}, to: submitted}}\n"
            f"  - {{date: {day + dt.timedelta(days=20)}, from: submitted, to: ready}}\n"
            f"  - {{date: {day + dt.timedelta(days=40)}, from: ready, to: matched}}\n",
            encoding="utf-8")
        (root / f"data/projects/{pid}.yaml").write_text(
            f"id: {pid}\ntitle: Project {i}\nquestions: [{qid}]\ntype: action_research\n"
            f"institution: hogeschool_leiden\nperiod: {{academic_year: '{year}-{year + 1}'}}\n"
            f"start: {day + dt.timedelta(days=40)}\nend: {day + dt.timedelta(days=160)}\n"
            f"student_count: 4\nstatus: finished\n", encoding="utf-8")
        for j in range(2):
            fid = f"F-{year}-{i:05d}{j}"
            (root / f"data/findings/{fid}.yaml").write_text(
                f"id: {fid}\ntitle: Bevinding {i}.{j}\nproject: {pid}\nquestions: [{qid}]\n"
                f"statement: Een verzonnen bevinding over het station en de avond.\n"
                f"type: prevalence\nevidence: {{design: {1 + i % 3}, maturity: well_described}}\n"
                f"recommendations:\n  - {{text: Doe iets, to: {PARTNERS[j]}, follow_up: none}}\n"
                f"reported: {day + dt.timedelta(days=160)}\nreview: published\n",
                encoding="utf-8")


def best(label: str, job: Callable[[], object]) -> None:
    job()
    times = []
    for _ in range(3):
        began = time.perf_counter()
        job()
        times.append(time.perf_counter() - began)
    print(f"{label:<48} {min(times) * 1000:8.0f} ms")


def main() -> None:
    from veiligestad.commands.gaps import find_gaps
    from veiligestad.i18n import Translator
    from veiligestad.model.kinds import KINDS
    from veiligestad.query import context, select
    from veiligestad.stats import stats_in
    from veiligestad.store.kb import open_kb

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7_500
    today = dt.date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_kb(root, n)
        t = Translator("nl")
        began = time.perf_counter()
        kb = open_kb(root, t)
        print(f"{len(kb.files)} records read in {(time.perf_counter() - began) * 1000:.0f} ms")

        def views() -> object:
            fresh = context(kb, today, t)
            return [fresh.rows(kind) for kind in KINDS.values()]

        best("context (links, views of every kind)", views)
        ctx = context(kb, today, t)  # each timing below runs once untimed first
        best("query questions -w '!projects'", lambda: select(ctx, "questions", ["!projects"]))
        best("query findings -w themes=ov,online --sort", lambda: select(
            ctx, "findings", ["themes=ov,online", "evidence.design>=2"], sort="reported-,id"))
        best("query findings --match 'station avond'", lambda: select(
            ctx, "findings", match="station avond"))
        best("query questions --group-by themes", lambda: select(
            ctx, "questions", group_by="themes", fields="id"))
        best("stats --quarter 2024-Q3", lambda: stats_in(ctx, "2024-Q3"))
        best("gaps", lambda: find_gaps(ctx))


if __name__ == "__main__":
    main()
