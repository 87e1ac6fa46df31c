"""How fast the programme-wide view is: 15 cities of 2,000 records each (30,000 records).

Run: ``.venv/bin/python benchmarks/federation.py [--cities 15] [--records 2000] [--keep DIR]``

It makes 15 synthetic cities with ``benchmarks/generate.py`` (a different seed each), each in a
git repository pushed to a bare repository on disk, and a programme office's knowledge base (the
small test knowledge base) that lists them all under ``federation:``. Then it times, as a user
would see them (the installed command in a fresh process, best of three after one untimed run):

* the first ``federation sync`` (fetch, read and validate every city: once);
* ``federation sync`` with nothing changed (one ``ls-remote`` per city);
* ``federation sync`` after one city gained a commit;
* ``query --federated`` (and ``stats``, ``gaps``, ``show``), after sync; and the first query of
  a day, when each city's public view of that day is made from its snapshot.

Speed is measured here only, never in the tests. Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

CITIES = ["almelo", "tilburg", "dordrecht", "breda", "amsterdam", "arnhem", "nijmegen",
          "enschede", "utrecht", "almere", "groningen", "leiden", "zaanstad", "den_haag",
          "maastricht"]
EXE = str(Path(sys.executable).with_name("veiligestad"))
GIT_ENV = {"GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_AUTHOR_DATE": "1795777200 +0100", "GIT_COMMITTER_DATE": "1795777200 +0100"}


def git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def make_cities(folder: Path, count: int, records: int) -> list[tuple[str, Path, Path]]:
    """(key, working copy, bare repository) of each city, made once."""
    out = []
    for index, key in enumerate(CITIES[:count]):
        work, bare = folder / "work" / key, folder / "remotes" / f"{key}.git"
        if not bare.exists():
            generate.write(generate.generate(records, seed=100 + index), work)
            git("init", "-q", "-b", "main", str(work))
            git("add", "-A", cwd=work)
            git("commit", "-q", "--no-verify", "-m", "Start", cwd=work)
            git("init", "-q", "--bare", "-b", "main", str(bare))
            git("push", "-q", str(bare), "main", cwd=work)
        out.append((key, work, bare))
    return out


def make_home(folder: Path, cities: Sequence[tuple[str, Path, Path]]) -> Path:
    home = folder / "programme"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(REPO / "tests" / "cases" / "base", home)
    config = home / "veiligestad.yaml"
    entries = "".join(f"  - {{city: {key}, name: {key.title()}, url: '{bare}'}}\n"
                      for key, _, bare in cities)
    config.write_text(config.read_text(encoding="utf-8").replace("city: Teststad",
                                                                 "city: Programmabureau")
                      + "federation:\n" + entries, encoding="utf-8")
    return home


Timing = tuple[float, float]  # wall-clock seconds, CPU seconds (user + system)


def _cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: no CPU time of child processes; the wall clock only
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(home: Path, *args: str) -> Timing:
    """Wall and CPU seconds of one run of the command line in a fresh process.

    On a shared machine the wall clock includes waiting for a core; the CPU time does not.
    """
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run([EXE, "--kb", str(home), *args], capture_output=True,
                          env={**os.environ, "VEILIGESTAD_TODAY": "2026-10-01"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return elapsed, _cpu() - cpu


def best(home: Path, *args: str, repeat: int = 3) -> Timing:
    run(home, *args)
    runs = [run(home, *args) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities", type=int, default=15)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the cities in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="veiligestad-federation-"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cities = make_cities(folder, args.cities, args.records)
    print(f"made {len(cities)} cities of {args.records} records in "
          f"{time.perf_counter() - start:.0f} s ({folder})", file=sys.stderr)
    home = make_home(folder, cities)
    rows: list[tuple[str, Timing, str]] = []
    rows.append(("federation sync, first (fetch, read, validate all)",
                 run(home, "federation", "sync"), ""))
    rows.append(("federation sync, nothing changed", best(home, "federation", "sync"),
                 "5 s"))
    _, work, bare = cities[0]
    question = sorted((work / "data" / "questions").glob("*.yaml"))[0]
    question.write_text(question.read_text(encoding="utf-8") + "# bijgewerkt\n",
                        encoding="utf-8")
    git("commit", "-q", "-am", "One question edited", cwd=work)
    git("push", "-q", str(bare), "main", cwd=work)
    rows.append(("federation sync, one city changed", run(home, "federation", "sync"), ""))
    for old in (home / ".veiligestad-cache" / "federation").glob("*/public-*.pickle"):
        old.unlink()
    rows.append(("query --federated, first of the day (public views made)",
                 run(home, "query", "findings", "--federated", "-w", "themes=ov",
                     "--format", "json"), ""))
    rows.append(("query findings --federated -w themes=ov --format json",
                 best(home, "query", "findings", "--federated", "-w", "themes=ov",
                      "--format", "json"), "1 s"))
    rows.append(("query questions --federated -w status=ready --sort received-",
                 best(home, "query", "questions", "--federated", "-w", "status=ready",
                      "--sort", "received-", "--format", "ids"), "1 s"))
    rows.append(("query questions --federated --match omstanders --limit 20",
                 best(home, "query", "questions", "--federated", "--match", "omstanders",
                      "--limit", "20"), "1 s"))
    rows.append(("stats --federated --format json",
                 best(home, "stats", "--federated", "--format", "json"), ""))
    rows.append(("gaps --federated --format json",
                 best(home, "gaps", "--federated", "--format", "json"), ""))
    rows.append(("federation status", best(home, "federation", "status"), ""))
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    except ImportError:
        peak = float("nan")
    total = args.cities * args.records
    print(f"\n{args.cities} cities × {args.records} records = {total:,} records; "
          f"{os.cpu_count()} cores; peak memory of any run {peak:.0f} MB\n")
    if hasattr(os, "getloadavg"):
        print(f"load average at the end: {os.getloadavg()[0]:.1f}\n")
    print("| command | wall s | CPU s | target |")
    print("|---|---:|---:|---:|")
    for name, (wall, cpu), target in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {target} |")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
