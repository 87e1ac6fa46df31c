"""Time veiligestad's commands as whole processes at programme scale, and write RESULTS.md.

    python benchmarks/run.py                    # 3,000 and 30,000 records, 3 runs each
    python benchmarks/run.py --sizes 3000 --runs 5

For each size a synthetic knowledge base is generated once (``benchmarks/generate.py``, kept in
the temporary folder for the next run) and each command is run several times as a separate
process; the table shows the median wall time and the peak memory (maximum resident set of the
process and of any worker it waited for). A command whose ``--help`` fails is not built on this
branch yet: it is skipped and the table says so, so the same script can be run again after a
merge. Speed is measured here and only here: the test suite has no timed assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
RESULTS = HERE / "RESULTS.md"
SEED = 7
# The day the synthetic records are made for and the commands run on: the day of the run.
TODAY = dt.date.today()
# The last quarter that has ended.
QUARTER = (f"{TODAY.year}-Q{(TODAY.month - 1) // 3}" if TODAY.month > 3
           else f"{TODAY.year - 1}-Q4")


@dataclass
class Case:
    """One row of the table: a command line, what to do before each run, and its target."""

    name: str
    args: list[str]
    target_s: float | None
    prepare: Callable[[Path], None] | None = None
    needs: str | None = None  # the command whose --help must work for the row to run
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kb: int = 0
    status: str = "ok"

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def _program() -> str:
    beside = Path(sys.executable).with_name("veiligestad")
    found = str(beside) if beside.exists() else shutil.which("veiligestad")
    if not found:
        sys.exit("veiligestad is not installed: pip install -e . first")
    return found


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall time, CPU time (user and system, workers included), peak memory (KiB), exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def _drop_cache(root: Path) -> None:
    shutil.rmtree(root / ".veiligestad-cache", ignore_errors=True)


def _change_one_file(root: Path) -> None:
    """Rewrite one record's title (alternating), keeping the record valid."""
    path = sorted((root / "data" / "findings").iterdir())[len(os.listdir(
        root / "data" / "findings")) // 2]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("title: "):
            lines[index] = (line.replace(" (herzien)", "") if "(herzien)" in line
                            else line.rstrip("\n") + " (herzien)\n")
            break
    path.write_text("".join(lines), encoding="utf-8")


def cases(out: Path) -> list[Case]:
    report = str(out / "report.md")
    return [
        Case("--help", ["--help"], 0.15),
        Case("validate, cold (no cache)", ["validate"], 3.0, prepare=_drop_cache),
        Case("validate, warm (nothing changed)", ["validate"], 0.5),
        Case("validate, one file changed", ["validate"], 0.6, prepare=_change_one_file),
        Case("validate --no-cache", ["validate", "--no-cache"], None),
        Case("validate --no-cache, one process", ["validate", "--no-cache"], None,
             env={"VEILIGESTAD_JOBS": "1"}),
        Case("validate --no-cache, two processes", ["validate", "--no-cache"], None,
             env={"VEILIGESTAD_JOBS": "2"}),
        Case("query finding -w … --sort …",
             ["query", "finding", "-w", "review=published", "--sort", "reported-",
              "--format", "ids"], 0.6, needs="query"),
        Case("stats", ["stats"], 0.6, needs="stats"),
        Case(f"report quarterly --quarter {QUARTER} --format md",
             ["report", "quarterly", "--quarter", QUARTER, "--format", "md", "-o", report], 2.0,
             needs="report"),
    ]


def _available(program: str, command: str | None, env: dict[str, str]) -> bool:
    if command is None:
        return True
    result = subprocess.run([program, command, "--help"], env=env, capture_output=True,
                            check=False)
    return result.returncode == 0


def _ensure_kb(size: int, workdir: Path) -> Path:
    digest = hashlib.blake2b(GENERATOR.read_bytes(), digest_size=6).hexdigest()
    root = workdir / f"kb-{size}-seed{SEED}-{TODAY.isoformat()}-{digest}"
    if not (root / "veiligestad.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {size} records in {root} …", file=sys.stderr)
        subprocess.run([sys.executable, str(GENERATOR), str(size), "--seed", str(SEED),
                        "--today", TODAY.isoformat(), str(root)], check=True)
    return root


def measure(size: int, runs: int, workdir: Path, program: str) -> dict[str, Measure]:
    root = _ensure_kb(size, workdir)
    out = workdir / f"out-{size}"
    out.mkdir(exist_ok=True)
    env = {**os.environ, "VEILIGESTAD_TODAY": TODAY.isoformat(), "COLUMNS": "100"}
    env.pop("VEILIGESTAD_NO_CACHE", None)
    results: dict[str, Measure] = {}
    for case in cases(out):
        found = Measure()
        results[case.name] = found
        if not _available(program, case.needs, env):
            found.status = "not built yet"
            continue
        # One untimed run first, so that "warm" means warm (the cache and the OS's file cache).
        case_env = {**env, **case.env}
        if case.prepare is None:
            _run([program, *case.args], root, case_env)
        for _ in range(runs):
            if case.prepare is not None:
                case.prepare(root)
            seconds, cpu, peak, code = _run([program, *case.args], root, case_env)
            if code not in (0, 1):
                found.status = f"failed (exit {code})"
                break
            found.seconds.append(seconds)
            found.cpu.append(cpu)
            found.peak_kb = max(found.peak_kb, peak)
        print(f"{size:>6} {case.name:<45} {_fmt(found)}", file=sys.stderr)
    _run([program, "validate"], root, env)  # leave a warm cache behind
    return results


def _fmt(found: Measure) -> str:
    if found.median is None:
        return found.status
    return (f"{found.median:.2f} s ({statistics.median(found.cpu):.2f} s CPU), "
            f"{found.peak_kb / 1024:.0f} MB")


def _libyaml() -> bool:
    import yaml

    return bool(getattr(yaml, "__with_libyaml__", False))


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def markdown(sizes: list[int], runs: int, all_results: dict[int, dict[str, Measure]],
             load: tuple[float, float]) -> str:
    import multiprocessing

    lines = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py` on "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}; do not edit the tables by "
        "hand (the analysis below them is hand-written and kept in `benchmarks/ANALYSIS.md`).",
        "",
        "## Machine",
        "",
        f"- CPU: {_cpu()}, {multiprocessing.cpu_count()} cores "
        f"(this process may use {len(os.sched_getaffinity(0))})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- libyaml (PyYAML's C parser): {'yes' if _libyaml() else 'no'}",
        f"- load average before and after the runs: {load[0]:.2f} and {load[1]:.2f} "
        "(other work on the same machine slows every number down)",
        f"- each time is the median of {runs} runs of the whole process: wall time, and in "
        "brackets the CPU time (user and system, workers included), which other work on the "
        "machine inflates less; memory is the peak resident set of the process (or of its "
        "largest worker)",
        "",
        "## Results",
        "",
    ]
    head = "| command | target |" + "".join(f" {s:,} records |" for s in sizes)
    if len(sizes) == 2:
        head += " growth | within target? |"
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    names = list(next(iter(all_results.values())))
    for name in names:
        target = next(c.target_s for c in cases(Path()) if c.name == name)
        row = f"| `{name}` | {f'< {target:g} s' if target else '–'} |"
        medians = []
        for size in sizes:
            found = all_results[size][name]
            row += f" {_fmt(found)} |"
            medians.append(found.median)
        if len(sizes) == 2:
            small, large = medians
            growth = large / small if small and large else None
            row += f" {growth:.1f}× |" if growth else " – |"
            verdict = "–"
            if large is not None and target is not None:
                peak = all_results[sizes[1]][name].peak_kb / 1024
                ok = large < target and peak < 500 and (growth is None or growth <= 12)
                verdict = "yes" if ok else "**no**"
            row += f" {verdict} |"
        lines.append(row)
    lines += [
        "",
        "Targets (issue 7, for 30,000 records on 2 cores): validate under 3 s cold, 0.5 s warm, "
        "0.6 s after one changed file; query and stats under 0.6 s warm; the quarterly report "
        "under 2 s warm; `--help` under 0.15 s; every command under 500 MB; no command more "
        "than 12 times slower at 30,000 records than at 3,000.",
        "",
    ]
    analysis = HERE / "ANALYSIS.md"
    if analysis.exists():
        lines += [analysis.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=[3000, 30000], help="comma-separated (default 3000,30000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "veiligestad-bench",
                        help="where the generated knowledge bases are kept")
    parser.add_argument("--no-write", action="store_true", help="print only, keep RESULTS.md")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    program = _program()
    load_before = os.getloadavg()[0]
    results = {size: measure(size, args.runs, args.workdir, program) for size in args.sizes}
    text = markdown(args.sizes, args.runs, results, (load_before, os.getloadavg()[0]))
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
