"""How fast ``site build`` is (targets on 2 cores: a full build of 10,000 public findings under
20 s, a rebuild after one change under 2 s).

Run: ``.venv/bin/python benchmarks/site.py [FINDINGS]`` (default 10,000). A synthetic knowledge
base from ``benchmarks/generate.py`` is made public throughout (every record ``public``, every
finding ``published``, no embargo) so that all its findings are on the site. Times, as a user
sees them (a fresh process, imports included): the first build into an empty folder with a cold
record cache, a second build with nothing changed, a third (answered from the key the second
kept, ``site/kept.py``), a rebuild after one finding's statement changed, and one after a
finding was withdrawn (the counts, the figures and the lists change).
Speed is measured here only, never in the tests.

The builds run a copy of the tool's code taken when the benchmark starts (``frozen.py``), not
the working tree: the code is one of the inputs of every page (``store.cache.tool_fingerprint``,
the size and time of each of its source files), so a commit or an edit made in the working tree
between two builds made the "nothing changed" build render all 15,000 pages again and rewrite
the manifest (one file written, about 50 CPU-seconds instead of 5), as a build after an upgrade
rightly does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from frozen import frozen_tool  # noqa: E402
from generate import generate, write  # noqa: E402

TODAY = "2026-11-27"
SOURCE = REPO / "src" / "veiligestad"  # the tool's code, copied at the start (``frozen_tool``)


def public_kb(root: Path, findings: int) -> int:
    """A knowledge base with about ``findings`` public, published findings; their number."""
    records = generate(int(findings * 2.08), seed=3, today=dt.date.fromisoformat(TODAY))
    count = 0
    for record_id, data in records.items():
        data["classification"] = "public"
        data.pop("embargo_until", None)
        if record_id.startswith("F-"):
            data["review"] = "published"
            data.setdefault("published", data.get("reported") or dt.date(2026, 1, 1))
            count += 1
    write(records, root)
    return count


def run(root: Path, out: Path, label: str,
        tool: dict[str, str] | None = None) -> dict[str, float | int]:
    command = [sys.executable, "-m", "veiligestad", "--kb", str(root), "site", "build", "-o",
               str(out)]
    env = {**os.environ, "VEILIGESTAD_TODAY": TODAY, **(tool or {})}
    cpu_before = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=root)
    seconds = time.perf_counter() - began
    cpu = _children_cpu() - cpu_before  # the build, Pagefind, workers: load inflates it less
    numbers = [int(n) for n in re.findall(r"\d+", done.stdout.split(":", 1)[1])]
    print(f"{label:<46} {seconds:7.2f} s ({cpu:.2f} s CPU)   {done.stdout.strip()}")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "pages": numbers[0],
            "written": numbers[2]}


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        tool = frozen_tool(Path(tmp), SOURCE)
        root = Path(tmp) / "kb"
        root.mkdir()
        findings = public_kb(root, target)
        print(f"{findings} public findings; {sum(1 for _ in root.rglob('*.yaml'))} records")
        out = Path(tmp) / "site"
        load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

        def build(label: str) -> dict[str, float | int]:
            return run(root, out, label, tool)

        results = {"full build (cold cache)": build("full build, cold record cache"),
                   "second build, nothing changed": build("second build, nothing changed")}
        # The second build wrote nothing, so it kept its key (``site/kept.py``): the third is
        # answered from it without opening the knowledge base.
        results["third build, nothing changed (kept key)"] = build(
            "third build, nothing changed (kept key)")
        path = next((root / "data" / "findings").glob("*.yaml"))
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("statement: ", "statement: Gewijzigd. ", 1),
                        encoding="utf-8")
        results["rebuild after one changed finding"] = build("rebuild after one changed finding")
        # A finding withdrawn: the counts and figures change, and every list that showed it.
        other = sorted((root / "data" / "findings").glob("*.yaml"))[-1]
        other.write_text(other.read_text(encoding="utf-8").replace(
            "review: published", "review: draft", 1), encoding="utf-8")
        results["rebuild after one finding withdrawn"] = build(
            "rebuild after one finding withdrawn")
        print(json.dumps({"findings": findings, "load_average_before": load_before,
                          "load_average": os.getloadavg()
                          if hasattr(os, "getloadavg") else None, **results}, indent=2))


if __name__ == "__main__":
    main()
