"""How fast a quarterly report is made (target: under 2 s), on the example and at national size.

Run: ``.venv/bin/python benchmarks/report.py [N]``. Times, as a user sees them (a fresh process,
imports included, best of three): the quarterly report of the example knowledge base in Markdown,
HTML and PDF; then the Markdown and HTML report of a synthetic knowledge base of 4·N records
(default N = 7,500: 30,000 records, from ``benchmarks/query.py``). Speed is measured here only,
never in the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from query import make_kb  # noqa: E402  (the synthetic knowledge base of the query benchmark)


def best(label: str, root: Path, *args: str) -> None:
    command = [sys.executable, "-m", "veiligestad", "--kb", str(root), "report", *args]
    env = {**os.environ, "VEILIGESTAD_TODAY": "2026-11-27"}
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=root)
    times = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=root)
        times.append(time.perf_counter() - began)
    print(f"{label:<52} {min(times):6.2f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7_500
    with tempfile.TemporaryDirectory() as tmp:
        example = Path(tmp) / "example"
        example.mkdir()
        shutil.copy(REPO / "veiligestad.yaml", example)
        shutil.copytree(REPO / "data", example / "data")
        for fmt in ("md", "html", "pdf"):
            best(f"example, quarterly 2026-Q3, {fmt}", example, "quarterly", "--quarter",
                 "2026-Q3", "--format", fmt, "-o", f"r.{fmt}")
        big = Path(tmp) / "national"
        big.mkdir()
        make_kb(big, n)
        for fmt in ("md", "html"):
            best(f"{4 * n} records, quarterly 2024-Q3, {fmt}", big, "quarterly", "--quarter",
                 "2024-Q3", "--format", fmt, "-o", f"r.{fmt}")


if __name__ == "__main__":
    main()
