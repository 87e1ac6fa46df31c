"""Time veiligestad's commands as whole processes at programme scale, and write RESULTS.md.

    python benchmarks/run.py                    # 3,000 and 30,000 records, and Doorstop at 4,000
    python benchmarks/run.py --sizes 3000 --runs 5 --no-doorstop

For each size a synthetic knowledge base is generated once (``benchmarks/generate.py``, kept in
the temporary folder for the next run) and each command is run several times as a separate
process; the table shows the median CPU time (user and system, of the process and the workers
it waited for), the median wall time, the one-minute load average when the runs began, and the
peak memory (maximum resident set of the process and of any worker). On a machine shared with
other work the wall time is mostly other people's: targets are judged on CPU time. Doorstop is
measured beside the tool by ``benchmarks/doorstop.py``. A command whose ``--help`` fails is not
built on this branch yet: it is skipped and the table says so, so the same script can be run
again after a merge. Speed is measured here and only here: the test suite has no timed assertions.
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
# How long after an edit a file's stat is trusted to prove it unchanged (the cache's racy window
# is two seconds).
SETTLE_S = 2.5
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
    runs: int | None = None  # fewer runs for the slow ones (a cold run at 30,000 records)


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
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
    """Wall time, CPU time (user and system, workers included), peak memory (KiB), exit code.

    Where there is no ``wait4`` (Windows) only the wall time is known: CPU time is NaN.
    """
    start = time.perf_counter()
    if not hasattr(os, "wait4"):
        done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start, float("nan"), 0, done.returncode
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def _drop_cache(root: Path) -> None:
    shutil.rmtree(root / ".veiligestad-cache", ignore_errors=True)


# What the reading commands keep in the cache folder (their answers, the rows and parts they
# read of each record): without them a reading command makes its answer from the records.
_KEPT_ANSWERS = ("fields-", "parts-", "answer-", "said-", "gaps-rows.")


def _forget_answers(root: Path) -> None:
    """Remove what the reading commands kept (not the record cache): their next run is the
    first one in a clone where only ``validate`` has run, or after a pull that changed more
    files than an edit (``store/fieldkeys.SMALL_EDIT``), and keeps it all again."""
    folder = root / ".veiligestad-cache"
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.name.startswith(_KEPT_ANSWERS):
            path.unlink()


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


def _change_one_project(root: Path) -> None:
    """Add or remove a project's ``status_reason``: a field the whole-KB rules read, so they
    run again (on the cached facts of every other record), unlike after a title edit."""
    folder = root / "data" / "projects"
    path = sorted(folder.iterdir())[len(os.listdir(folder)) // 3]
    text = path.read_text(encoding="utf-8")
    if "\nstatus_reason: " in text:
        text = "\n".join(line for line in text.split("\n")
                         if not line.startswith("status_reason: "))
    else:
        text = text.rstrip("\n") + "\nstatus_reason: Herzien.\n"
    path.write_text(text, encoding="utf-8")


def _change_one_finding_date(root: Path) -> None:
    """Move one published finding's ``reported`` date a day back (alternating with the day it
    had): a field that ``query``'s sort, ``stats``' quarters, ``gaps`` and the report read, so no
    answer kept under the fields a command reads can be reused, unlike after a title edit."""
    folder = root / "data" / "findings"
    names = sorted(os.listdir(folder))
    path = folder / names[len(names) // 4]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("reported: "):
            day = dt.date.fromisoformat(line.split(": ", 1)[1].split("#")[0].strip())
            marked = "  # een dag eerder\n"
            if line.endswith(marked):
                lines[index] = f"reported: {day + dt.timedelta(days=1)}\n"
            else:
                lines[index] = f"reported: {day - dt.timedelta(days=1)}{marked}"
            break
    path.write_text("".join(lines), encoding="utf-8")


def _compile_package() -> None:
    """Byte-compile the tool's modules, as installing a wheel does: a run with
    ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module on every start."""
    import compileall

    spec = __import__("importlib.util").util.find_spec("veiligestad")
    if spec is not None and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def cases(out: Path, show_id: str = "Q-2020-001") -> list[Case]:
    report = str(out / "report.md")
    query = ["query", "finding", "-w", "review=published", "--sort", "reported-",
             "--format", "ids"]
    quarterly = ["report", "quarterly", "--quarter", QUARTER, "--format", "md", "-o", report]
    # The reading commands keep what they printed under every file's stat: run again with
    # nothing changed they answer from it. What a user mostly sees is the first run after an
    # edit, so each is timed both ways (the second row of each pair).
    same, after = " (again, nothing changed)", " (first run after one file changed)"
    # And after an edit of a field they read (a finding's date), where an answer kept under
    # the fields a command reads does not hold.
    dated = " (first run after a finding's date changed)"
    # And with nothing kept: the run that makes the answer from the records and keeps it
    # (no target of its own but the memory's).
    fresh = " (first run, nothing kept)"
    report_name = f"report quarterly --quarter {QUARTER} --format md"
    return [
        Case("--help", ["--help"], 0.1),
        Case("validate --help", ["validate", "--help"], 0.1),
        Case("validate, cold (no cache)", ["validate"], 3.0, prepare=_drop_cache, runs=2),
        Case("validate, warm (nothing changed)", ["validate"], 0.3),
        Case("validate, one file changed", ["validate"], 0.4, prepare=_change_one_file),
        Case("validate, one record's links or dates changed", ["validate"], 0.4,
             prepare=_change_one_project),
        Case("validate" + dated, ["validate"], 0.4, prepare=_change_one_finding_date),
        Case("validate --no-cache, one process", ["validate", "--no-cache"], None,
             env={"VEILIGESTAD_JOBS": "1"}, runs=1),
        Case("validate --no-cache, two processes", ["validate", "--no-cache"], None,
             env={"VEILIGESTAD_JOBS": "2"}, runs=1),
        Case("query finding -w … --sort …" + same, query, 0.4, needs="query"),
        Case("query finding -w … --sort …" + after, query, 0.4, needs="query",
             prepare=_change_one_file),
        Case("query finding -w … --sort …" + dated, query, 0.4, needs="query",
             prepare=_change_one_finding_date),
        Case("stats" + same, ["stats"], 0.4, needs="stats"),
        Case("stats" + after, ["stats"], 0.4, needs="stats", prepare=_change_one_file),
        Case("stats" + dated, ["stats"], 0.4, needs="stats", prepare=_change_one_finding_date),
        Case("gaps" + same, ["gaps"], 0.4, needs="gaps"),
        Case("gaps" + after, ["gaps"], 0.4, needs="gaps", prepare=_change_one_file),
        Case("gaps" + dated, ["gaps"], 0.4, needs="gaps", prepare=_change_one_finding_date),
        Case("show ID" + same, ["show", show_id], 0.4, needs="show"),
        Case("show ID" + after, ["show", show_id], 0.4, needs="show", prepare=_change_one_file),
        Case("show ID" + dated, ["show", show_id], 0.4, needs="show",
             prepare=_change_one_finding_date),
        Case(report_name + same, quarterly, 1.5, needs="report"),
        Case(report_name + after, quarterly, 1.5, needs="report", prepare=_change_one_file),
        Case(report_name + dated, quarterly, 1.5, needs="report",
             prepare=_change_one_finding_date),
        # export keeps nothing: timed for its time and memory, once (tens of seconds for xlsx)
        Case("export sqlite", ["export", "sqlite", str(out / "kb.db")], None, needs="export",
             runs=1),
        Case("export xlsx", ["export", "xlsx", str(out / "kb.xlsx")], None, needs="export",
             runs=1),
        Case("export json --audience public",
             ["export", "json", str(out / "public.json"), "--audience", "public"], None,
             needs="export", runs=1),
        # Every output format of a query, once each, of every field of every finding (tens of
        # megabytes of text): no target but the memory's; a format much slower than the others
        # shows here (YAML by PyYAML's emitter in Python took 67 CPU-seconds where JSON took 4).
        *(Case(f"query finding --format {fmt} (every finding)",
               ["query", "finding", "--format", fmt], None, needs="query", runs=1)
          for fmt in ("table", "json", "jsonl", "yaml", "csv", "md")),
        # Last: each of these removes what every reading command kept, which would make the
        # untimed warm-up of a row above the run that keeps it all again.
        Case("query finding -w … --sort …" + fresh, query, None, needs="query",
             prepare=_forget_answers),
        Case("stats" + fresh, ["stats"], None, needs="stats", prepare=_forget_answers),
        Case("gaps" + fresh, ["gaps"], None, needs="gaps", prepare=_forget_answers),
        Case("show ID" + fresh, ["show", show_id], None, needs="show",
             prepare=_forget_answers),
        Case(report_name + fresh, quarterly, None, needs="report", prepare=_forget_answers),
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
    edited = 0.0  # when a case last edited a record file
    show_id = sorted(p.stem for p in (root / "data" / "questions").iterdir())[0]
    for case in cases(out, show_id):
        found = Measure()
        results[case.name] = found
        if not _available(program, case.needs, env):
            found.status = "not built yet"
            continue
        # One untimed run first, so that "warm" means warm (the cache and the OS's file cache).
        case_env = {**env, **case.env}
        if case.prepare is None:
            # A file edited less than two seconds ago is "racy": nothing is kept under its stat
            # (docs/performance.md). Run again, a user is seldom that quick: let it settle.
            time.sleep(max(0.0, edited + SETTLE_S - time.time()))
            # Its memory is not counted: the run that keeps a reading command's answer and
            # what it read of every record is measured in its own row ("nothing kept").
            _run([program, *case.args], root, case_env)
        for _ in range(case.runs or runs):
            if case.prepare is not None:
                case.prepare(root)
                edited = time.time()
            found.load.append(_load())
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


def _load() -> float:
    """The one-minute load average (NaN where the system has none, as on Windows)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def _fmt(found: Measure) -> str:
    if found.median is None:
        return found.status
    return (f"{statistics.median(found.cpu):.2f} s CPU ({found.median:.2f} s wall, load "
            f"{statistics.median(found.load):.1f}), {found.peak_kb / 1024:.0f} MB")


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


# A one-minute load average above this, on two cores, means other work shared the machine: the
# benchmark itself runs one process at a time (two for a cold check's workers).
BUSY_LOAD = 1.5


def _load_note(all_results: dict[int, dict[str, Measure]], load: tuple[float, float]) -> str:
    """What the load averages say about the wall times: taken under others' load, or not."""
    seen = [*load, *(value for measures in all_results.values() for m in measures.values()
                     for value in m.load)]
    if max(seen, default=0.0) > BUSY_LOAD:
        return ("**Wall times were taken under load**: the machine was shared with other work, "
                "so a wall time is mostly the wait for a core, and a load of 2 or more on two "
                "cores can double it or worse")
    return (f"The load stayed at or below {BUSY_LOAD} throughout: the benchmark's own (one "
            "process at a time, two for a cold check), so the machine ran nothing else and "
            "the wall times are the commands' own")


def markdown(sizes: list[int], runs: int, all_results: dict[int, dict[str, Measure]],
             load: tuple[float, float], doorstop: list[str] | None = None) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py` on "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} for records dated up to "
        f"{TODAY.isoformat()}; do not edit the tables by hand (the analysis below them is "
        "hand-written and kept in `benchmarks/ANALYSIS.md`).",
        "",
        "## Machine",
        "",
        f"- CPU: {_cpu()}, {os.cpu_count()} cores (this process may use {_own_cpus()})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- libyaml (PyYAML's C parser): {'yes' if _libyaml() else 'no'}",
        f"- one-minute load average before and after the runs: {load[0]:.2f} and {load[1]:.2f}; "
        f"beside every figure, the load when its runs began. {_load_note(all_results, load)}",
        f"- each figure is the median of {runs} runs of the whole process (fewer for the cold "
        "runs at the largest size): the CPU time (user and system, of the process and of the "
        "workers it waited for), which other work inflates far less, then the wall time; "
        "memory is the peak resident set of the process (or of its largest worker). Targets "
        "are judged on the CPU time (on an idle machine a one-process command's wall time is "
        "its CPU time), and on a peak of at most 300 MB of the timed runs (a reading "
        "command's run that keeps its answer and what it read of every record is timed in its "
        "row \"first run, nothing kept\")",
        "",
        "## Results",
        "",
    ]
    head = "| command | target |" + "".join(f" {s:,} records |" for s in sizes)
    if len(sizes) == 2:
        head += " growth (CPU) | within target? |"
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    names = list(next(iter(all_results.values())))
    for name in names:
        target = next(c.target_s for c in cases(Path()) if c.name == name)
        row = f"| `{name}` | {f'≤ {target:g} s' if target else '–'} |"
        cpus = []
        for size in sizes:
            found = all_results[size][name]
            row += f" {_fmt(found)} |"
            cpus.append(statistics.median(found.cpu) if found.cpu else None)
        if len(sizes) == 2:
            small, large = cpus
            growth = large / small if small and large else None
            row += f" {growth:.1f}× |" if growth else " – |"
            verdict = "–"
            peak = all_results[sizes[1]][name].peak_kb / 1024
            if large is not None and target is not None:
                verdict = "yes" if large <= target and peak <= 300 else "**no**"
            elif peak > 300:  # no time target; the memory's holds for every command
                verdict = "**no** (memory)"
            row += f" {verdict} |"
        lines.append(row)
    lines += [
        "",
        "Targets (issue 15, for 30,000 records on 2 cores): `validate` ≤ 3 s without a cache, "
        "≤ 0.3 s when nothing changed, ≤ 0.4 s after one edited record; `query`, `stats`, "
        "`gaps`, `show` ≤ 0.4 s; `report quarterly --format md` ≤ 1.5 s; `--help` and "
        "`validate --help` ≤ 0.1 s; every command ≤ 300 MB; against Doorstop at 4,000 records "
        "≥ 30× faster cold and ≥ 100× warm.",
        "",
    ]
    if doorstop:
        lines += doorstop
    analysis = HERE / "ANALYSIS.md"
    if analysis.exists():
        lines += [analysis.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


_ANALYSIS_HEAD = "## Analysis (hand-written"
_DOORSTOP_HEAD = "### Beside Doorstop"


def _kept_doorstop(old: str) -> list[str] | None:
    """The Doorstop section of the last RESULTS.md, marked as such, for a run without it."""
    if _DOORSTOP_HEAD not in old or _ANALYSIS_HEAD not in old:
        return None
    section = old[old.index(_DOORSTOP_HEAD):old.index(_ANALYSIS_HEAD)].rstrip("\n").split("\n")
    return [section[0], "", "(Kept from the previous run: this one was made with "
            "`--no-doorstop`.)", *section[1:], ""]


def _other_sections(old: str) -> str:
    """What other scripts (install_size.py, federation.py) and people wrote after the analysis:
    every ``## `` section after it (with the ``<!-- …: begin -->`` marker before one), kept as
    it was."""
    if _ANALYSIS_HEAD not in old:
        return ""
    start = old.index(_ANALYSIS_HEAD) + len(_ANALYSIS_HEAD)
    found = [i for i in (old.find("\n## ", start), old.find("\n<!-- ", start)) if i >= 0]
    return "" if not found else "\n" + old[min(found) + 1:]


def _own_cpus() -> int:
    sys.path.insert(0, str(HERE.parent / "src"))
    from veiligestad.parallel import cpus

    return cpus()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=[3000, 30000], help="comma-separated (default 3000,30000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "veiligestad-bench",
                        help="where the generated knowledge bases are kept")
    parser.add_argument("--doorstop-records", type=int, default=4000,
                        help="records for the comparison with Doorstop (default 4000)")
    parser.add_argument("--no-doorstop", action="store_true", help="leave Doorstop out")
    parser.add_argument("--no-write", action="store_true", help="print only, keep RESULTS.md")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    program = _program()
    _compile_package()
    # Every run times the code as it is now, whatever is saved in the working tree meanwhile
    # (``frozen.py``): the tool's code is part of every cache key.
    sys.path.insert(0, str(HERE))
    from frozen import frozen_tool

    frozen = tempfile.TemporaryDirectory(prefix="veiligestad-bench-tool-")
    os.environ.update(frozen_tool(Path(frozen.name)))
    load_before = _load()
    results = {size: measure(size, args.runs, args.workdir, program) for size in args.sizes}
    doorstop = None
    if not args.no_doorstop:
        sys.path.insert(0, str(HERE))
        import doorstop as beside

        found = beside.measure(args.doorstop_records, args.runs, args.workdir, program, TODAY)
        doorstop = beside.markdown(args.doorstop_records, found)
        print("\n".join(doorstop), file=sys.stderr)
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if doorstop is None:
        doorstop = _kept_doorstop(old)
    text = markdown(args.sizes, args.runs, results, (load_before, _load()), doorstop)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text.rstrip("\n") + "\n" + _other_sections(old), encoding="utf-8")
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
