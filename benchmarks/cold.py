"""The cold check alone: ``validate`` with no cache, the fast reader on and off, one or more jobs.

    .venv/bin/python benchmarks/cold.py --records 30000           # generates into a temp folder
    .venv/bin/python benchmarks/cold.py --kb /tmp/kb-30k --runs 3
    git archive OLD src | tar -x -C /tmp/old     # then, the two versions run by run in turn:
    .venv/bin/python benchmarks/cold.py --kb /tmp/kb-30k --old /tmp/old/src

Prints one Markdown row per setting: the median CPU time of the whole process tree (user and
system, workers included), the wall time, the peak memory and the one-minute load average when
the runs began. On a shared machine judge the CPU column; the wall time is mostly waiting for a
core. With ``--old SRC`` each setting runs the code in ``SRC`` (through ``PYTHONPATH``) and this
checkout's in turn, run by run, so that both see the same load; a row for each.
``benchmarks/ANALYSIS.md`` ("The cold check") holds measured figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:  # POSIX: CPU time and memory of child processes
    import resource
except ImportError:  # Windows: wall time only
    resource = None  # type: ignore[assignment]

HERE = Path(__file__).resolve().parent
SETTINGS = [  # (label, environment, extra arguments)
    ("`validate --no-cache`, PyYAML only, 1 process",
     {"VEILIGESTAD_FAST_YAML": "0", "VEILIGESTAD_JOBS": "1"}, ["--no-cache"]),
    ("`validate --no-cache`, fast reader, 1 process", {"VEILIGESTAD_JOBS": "1"}, ["--no-cache"]),
    ("`validate --no-cache`, fast reader, 2 processes", {"VEILIGESTAD_JOBS": "2"}, ["--no-cache"]),
    ("`validate`, no cache yet (writes it), fast reader, 2 processes",
     {"VEILIGESTAD_JOBS": "2"}, []),
]


def _program() -> str:
    beside = Path(sys.executable).with_name("veiligestad")
    return str(beside) if beside.exists() else shutil.which("veiligestad") or "veiligestad"


def _run(argv: list[str], kb: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds of the process and its workers, wall seconds, peak memory in MB."""
    shutil.rmtree(kb / ".veiligestad-cache", ignore_errors=True)
    start = time.perf_counter()
    if resource is None:
        subprocess.run(argv, cwd=kb, env=env, stdout=subprocess.DEVNULL, check=False)
        return float("nan"), time.perf_counter() - start, float("nan")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=kb, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=30000)
    parser.add_argument("--kb", type=Path, help="an existing knowledge base (else generated)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--old", type=Path, help="the src folder of another version, to compare")
    args = parser.parse_args(argv)
    kb = args.kb
    if kb is None:
        kb = Path(tempfile.mkdtemp(prefix="veiligestad-cold-")) / "kb"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.records), "--seed",
                        "7", str(kb)], check=True, stdout=subprocess.DEVNULL)
    files = sum(1 for _ in (kb / "data").rglob("*.yaml"))
    print(f"{files} record files in {kb}\n")
    print("| setting | CPU s (median) | wall s | peak MB (any run so far) | load at start |")
    print("|---|---|---|---|---|")
    versions = [("", None)] if args.old is None else [("old: ", args.old), ("new: ", None)]
    for label, extra_env, extra in SETTINGS:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        found: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in versions}
        for _ in range(args.runs):
            for name, src in versions:  # in turn, so that both see the same load
                env = {**os.environ, **extra_env}
                if src is not None:
                    env["PYTHONPATH"] = str(src.resolve())
                found[name].append(_run([_program(), "validate", *extra], kb, env))
        for name, _ in versions:
            rows = found[name]
            cpu = statistics.median(f[0] for f in rows)
            wall = statistics.median(f[1] for f in rows)
            print(f"| {name}{label} | {cpu:.2f} | {wall:.2f} | {max(f[2] for f in rows):.0f} | "
                  f"{load:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
