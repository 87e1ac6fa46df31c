"""veiligestad beside Doorstop on the same machine, in the same run, at the same record count.

    python benchmarks/doorstop.py                 # 4,000 records, 3 runs each
    python benchmarks/doorstop.py --records 2000 --runs 5

Doorstop (https://doorstop.readthedocs.io, LGPL-3.0) keeps requirements as one YAML file per item
in git and checks links between documents, the closest tool to this one. It is installed, pinned,
into a virtual environment of its own under ``build/doorstop-venv`` (never into the tool's), and
given a tree equivalent to ``generate.py``'s knowledge base: the same records (same count, seed
and day) as three documents, questions (Q), projects (P, children of Q, linking to their
questions) and findings (F, children of P, linking to their project), with each record's text as
the item's text, every link reviewed and every item stamped once before timing (``doorstop review
all``, ``doorstop clear all``), so that Doorstop, like veiligestad, checks a clean tree.

Timed, each as a whole process (CPU time of the process and its children, and wall time, with the
one-minute load average beside it): ``doorstop -F`` (validate without reformatting the files),
``veiligestad validate`` without a cache (cold) and with one (warm). Doorstop has no cache, so its
one figure stands against both. ``run.py`` calls ``measure`` and writes the result into
``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENV = REPO / "build" / "doorstop-venv"
DOORSTOP = "doorstop==3.2"  # pinned, so the comparison is reproducible
SEED = 7


@dataclass
class Timing:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)

    def add(self, cpu: float, wall: float, load: float) -> None:
        self.cpu.append(cpu)
        self.wall.append(wall)
        self.load.append(load)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def text(self) -> str:
        return (f"{statistics.median(self.wall):.2f} s ({self.cpu_median:.2f} s CPU, load "
                f"{statistics.median(self.load):.1f})")


def doorstop_program() -> Path:
    """Doorstop in its own virtual environment, installed on first use."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    program = VENV / scripts / ("doorstop.exe" if os.name == "nt" else "doorstop")
    if not program.exists():
        print(f"installing {DOORSTOP} into {VENV} …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        subprocess.run([str(VENV / scripts / "python"), "-m", "pip", "install", "-q", DOORSTOP],
                       check=True)
    return program


def _generator() -> Any:
    sys.path.insert(0, str(HERE))
    import generate

    return generate


def _text(data: dict[str, Any]) -> str:
    """The record's prose, as Doorstop would hold it: title first, then every text field."""
    parts = [str(data.get("title") or "")]
    for name in ("research_question", "original_text", "statement", "decision_reason",
                 "caveats", "notes"):
        if data.get(name):
            parts.append(str(data[name]))
    evidence = data.get("evidence")
    if isinstance(evidence, dict) and evidence.get("summary"):
        parts.append(str(evidence["summary"]))
    return "\n\n".join(parts)


def _item(links: list[str], text: str, level: str) -> str:
    import json

    lines = ["active: true", "derived: false", "header: ''", f"level: {level}"]
    lines.append("links:" + ("" if links else " []"))
    lines += [f"- {target}: null" for target in links]
    lines += ["normative: true", "ref: ''", "reviewed: null",
              f"text: {json.dumps(text, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"


def make_tree(records: dict[str, dict[str, Any]], root: Path, program: Path) -> None:
    """The Doorstop tree of ``records`` at ``root``: a git working copy with three documents."""
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    docs = {"Q": ("questions", None), "P": ("projects", "Q"), "F": ("findings", "P")}
    numbers: dict[str, dict[str, str]] = {prefix: {} for prefix in docs}
    for record_id in records:
        prefix = record_id[0]
        numbers[prefix][record_id] = f"{prefix}{len(numbers[prefix]) + 1:05d}"
    for prefix, (folder, parent) in docs.items():
        target = root / "reqs" / folder
        target.mkdir(parents=True)
        settings = ["settings:", "  digits: 5", "  itemformat: yaml"]
        if parent:
            settings.append(f"  parent: {parent}")
        settings += [f"  prefix: {prefix}", "  sep: ''"]
        (target / ".doorstop.yml").write_text("\n".join(settings) + "\n", encoding="utf-8")
    for record_id, data in records.items():
        prefix = record_id[0]
        uid = numbers[prefix][record_id]
        if prefix == "P":
            links = [numbers["Q"][q] for q in data.get("questions") or [] if q in numbers["Q"]]
        elif prefix == "F":
            links = [numbers["P"][data["project"]]] if data.get("project") in numbers["P"] else []
        else:
            links = []
        level = f"'1.{int(uid[1:])}'"  # 1.1, 1.2 … 1.10: a string, or YAML reads 1.10 as 1.1
        folder = docs[prefix][0]
        (root / "reqs" / folder / f"{uid}.yml").write_text(_item(links, _text(data), level),
                                                          encoding="utf-8")
    # Stamp every item and link once, so that the timed runs check a clean tree.
    for step in (["review", "all"], ["clear", "all"]):
        subprocess.run([str(program), *step], cwd=root, check=True, capture_output=True)


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds (the process and its children; NaN without ``resource``, as on Windows),
    wall seconds, one-minute load before (NaN where there is none)."""
    import time

    try:
        import resource
    except ImportError:  # Windows: the wall time only
        resource = None  # type: ignore[assignment]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    wall = time.perf_counter() - start
    if resource is None or before is None:
        return float("nan"), wall, load
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, load


def measure(records: int, runs: int, workdir: Path, veiligestad: str,
            today: dt.date) -> dict[str, Timing]:
    """Doorstop and veiligestad on the same records; see the module's documentation."""
    program = doorstop_program()
    generate = _generator()
    base = workdir / f"doorstop-{records}-seed{SEED}-{today.isoformat()}"
    kb, tree = base / "kb", base / "tree"
    if not (tree / "reqs").exists() or not (kb / "veiligestad.yaml").exists():
        shutil.rmtree(base, ignore_errors=True)
        print(f"generating {records} records for veiligestad and Doorstop in {base} …",
              file=sys.stderr)
        data = generate.generate(records, SEED, today)
        generate.write(data, kb)
        make_tree(data, tree, program)
    env = {**os.environ, "VEILIGESTAD_TODAY": today.isoformat()}
    env.pop("VEILIGESTAD_NO_CACHE", None)
    found = {"doorstop": Timing(), "cold": Timing(), "warm": Timing()}
    _run([str(program), "-F"], tree, env)  # the OS's file cache warm for both
    _run([veiligestad, "validate"], kb, env)
    for _ in range(runs):
        found["doorstop"].add(*_run([str(program), "-F"], tree, env))
        shutil.rmtree(kb / ".veiligestad-cache", ignore_errors=True)
        found["cold"].add(*_run([veiligestad, "validate"], kb, env))
        found["warm"].add(*_run([veiligestad, "validate"], kb, env))
    return found


def markdown(records: int, found: dict[str, Timing]) -> list[str]:
    ds = found["doorstop"].cpu_median
    cold, warm = found["cold"].cpu_median, found["warm"].cpu_median
    return [
        f"### Beside Doorstop ({DOORSTOP.split('==')[1]}) at {records:,} records",
        "",
        "Measured by `benchmarks/doorstop.py` in the same run (see its documentation for the "
        "equivalent tree); ratios are of CPU time, which other work on the machine inflates "
        "less than wall time.",
        "",
        "| run | time | Doorstop ÷ veiligestad (CPU) | target |",
        "|---|---|---|---|",
        f"| `doorstop -F` | {found['doorstop'].text()} | – | – |",
        f"| `veiligestad validate`, no cache (cold) | {found['cold'].text()} | "
        f"{ds / cold:.1f}× | ≥ 30× |",
        f"| `veiligestad validate`, cache (warm) | {found['warm'].text()} | "
        f"{ds / warm:.1f}× | ≥ 100× |",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "veiligestad-bench")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    beside = Path(sys.executable).with_name("veiligestad")
    program = str(beside) if beside.exists() else shutil.which("veiligestad") or "veiligestad"
    found = measure(args.records, args.runs, args.workdir, program, dt.date.today())
    print("\n".join(markdown(args.records, found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
