"""The hostile corpus, old code beside new: has any bad record become slower to survive, or
handled differently?

    git archive OLD src | tar -x -C /tmp/old      # e.g. the commit before the speed work
    .venv/bin/python benchmarks/hostile.py --old /tmp/old/src [--runs 3]

Every case of ``tests/cases/invalid`` and ``tests/cases/hostile``, built as
``tests/checks/test_cases.py`` builds it (copied into the small valid knowledge base of
``tests/cases/base`` with the tests' sentinel record, padded past the file limit or given its
symlink out where its ``case.yaml`` says so), every hostile record of
``tests/robustness/test_hostile_records.py``, and a few made larger than any test's, so that a
cost that grows faster than the file shows (deep nesting, a long text, a long line, a mapping
of 12,000 keys, a list of 15,000 items, 3,000 relations to findings that do not exist; each
within the default limit of 256 KiB a file, as a larger file is refused unread), each go
through the commands that read every record: ``validate`` without a cache, writing its cache,
and again with it; ``query finding --format yaml``, ``stats`` and ``gaps``. Each runs as users
run it, through the ``veiligestad`` program (so its quick paths are taken where they answer),
with the code in ``--old`` and the code in ``--new`` (each through ``PYTHONPATH``) in turn, run
by run, so that both see the same load. Printed: one Markdown row per case with the CPU time of
its commands (the median of ``--runs``, summed over the commands), old and new, and the
command whose ratio is worst; and whether every command's exit code and standard output, and
the problems ``validate --format json`` reports (rule, severity, file and line), are the same.
Speed is measured here only, never in the tests; ``benchmarks/ANALYSIS.md`` holds measured figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

try:  # POSIX: CPU time of child processes
    import resource
except ImportError:  # Windows: wall time only
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
HOSTILE_FILE = "data/findings/F-2026-HHHH.yaml"
COMMANDS = [  # (label, arguments, whether the cache is removed first)
    ("validate --no-cache", ["validate", "--no-cache"], True),
    ("validate (writes the cache)", ["validate"], True),
    ("validate (warm)", ["validate"], False),
    ("query -f yaml", ["query", "finding", "--format", "yaml"], False),
    ("stats", ["stats"], False),
    ("gaps", ["gaps"], False),
]


def _larger() -> dict[str, str]:
    """Hostile records larger than any test's: each a finding that is valid up to its extra."""
    sys.path.insert(0, str(REPO))
    from tests.robustness.test_hostile_records import FINDING, HOSTILE_TEXT, _nested

    made = {f"record {name}": text for name, text in HOSTILE_TEXT.items()}
    # just under the default limit of 256 KiB a file (a larger file is refused unread)
    made["larger: nested to 5,000 levels"] = FINDING + _nested(5000)
    made["larger: a text of 240 kB"] = FINDING + "notes: " + "woord " * 40_000 + "\n"
    made["larger: a line of 250 kB without a space"] = FINDING + "notes: " + "x" * 250_000 + "\n"
    made["larger: a mapping of 12,000 keys"] = FINDING + "extra:\n" + "".join(
        f"  k{i}: v{i}\n" for i in range(12_000))
    made["larger: a list of 15,000 items"] = FINDING + "caveats:\n" + "".join(
        f"  - punt {i}\n" for i in range(15_000))
    made["larger: 3,000 one-line mappings"] = FINDING + "relations:\n" + "".join(
        f"  - {{type: supports, finding: F-2026-{i:04d}}}\n" for i in range(3_000))
    return made


def _cases(tmp: Path) -> dict[str, Path]:
    """Each case's knowledge base, made once, as ``tests/checks/test_cases.py`` makes it."""
    sys.path.insert(0, str(REPO))
    from tests.checks.test_cases import build

    out: dict[str, Path] = {}
    for group in ("invalid", "hostile"):
        for case in sorted((CASES / group).iterdir()):
            if not (case / "expected.yaml").is_file():
                continue
            place = tmp / f"{group}-{case.name}"
            place.mkdir()
            out[f"{group}/{case.name}"] = build(case, place)
    for index, (name, text) in enumerate(_larger().items()):
        root = tmp / f"record-{index}"
        shutil.copytree(CASES / "base", root)
        (root / HOSTILE_FILE).write_text(text, encoding="utf-8")
        out[name] = root
    return out


def _program() -> list[str]:
    """The ``veiligestad`` program as users run it: ``python -m veiligestad`` would name
    itself otherwise and never take the quick paths (``cli/entry.py``)."""
    beside = Path(sys.executable).with_name("veiligestad")
    found = str(beside) if beside.exists() else shutil.which("veiligestad")
    if found is None:
        raise SystemExit("the veiligestad program is not installed beside this Python")
    return [found]


def _run(argv: list[str], kb: Path, env: dict[str, str], fresh: bool) -> tuple[float, int, str]:
    """CPU seconds of the process (and its workers), exit code, standard output."""
    if fresh:
        shutil.rmtree(kb / ".veiligestad-cache", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    done = subprocess.run(argv, cwd=kb, env=env, capture_output=True, check=False,
                          timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    cpu = float("nan") if before is None or after is None else (
        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return cpu, done.returncode, done.stdout.decode("utf-8", "replace")


def _problems(kb: Path, env: dict[str, str]) -> list[tuple[str, ...]] | str:
    """The problems ``validate --format json`` reports: rule, severity, file and line (or, if
    it printed no JSON, its exit code)."""
    shutil.rmtree(kb / ".veiligestad-cache", ignore_errors=True)
    done = subprocess.run([*_program(), "validate", "--no-cache", "--format", "json"], cwd=kb,
                          env=env, capture_output=True, check=False, timeout=600)
    try:
        found = json.loads(done.stdout)["problems"]
    except (ValueError, KeyError, TypeError):
        return f"exit {done.returncode}, no JSON"
    return sorted((str(p.get("rule")), str(p.get("severity")), str(p.get("path")),
                   str(p.get("line"))) for p in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the old code's src folder")
    parser.add_argument("--new", type=Path, default=REPO / "src",
                        help="the new code's src folder (default: this checkout's)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", help="run only the cases whose name holds this text")
    options = parser.parse_args()
    base_env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "VEILIGESTAD_TODAY": "2026-12-01"}
    base_env.pop("VEILIGESTAD_KB", None)
    versions = {"old": {**base_env, "PYTHONPATH": str(options.old.resolve())},
                "new": {**base_env, "PYTHONPATH": str(options.new.resolve())}}
    print("| case | old CPU s | new CPU s | new ÷ old | worst command (old → new s) | "
          "same exit codes, output and problems? |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="veiligestad-hostile-") as tmp:
        for name, kb in _cases(Path(tmp)).items():
            if options.only and options.only not in name:
                continue
            times: dict[str, dict[str, float]] = {"old": {}, "new": {}}
            said: dict[str, dict[str, set[tuple[int, str]]]] = {"old": {}, "new": {}}
            for label, args, fresh in COMMANDS:
                runs: dict[str, list[float]] = {"old": [], "new": []}
                for _ in range(options.runs):
                    for version, env in versions.items():
                        if not fresh:  # the cache this version wrote, not the other's
                            _run([*_program(), "validate"], kb, env, True)
                        cpu, code, out = _run([*_program(), *args], kb, env, fresh)
                        runs[version].append(cpu)
                        said[version].setdefault(label, set()).add((code, out))
                for version in runs:
                    times[version][label] = statistics.median(runs[version])
            old, new = sum(times["old"].values()), sum(times["new"].values())
            worst = max(COMMANDS, key=lambda c: times["new"][c[0]] / max(times["old"][c[0]],
                                                                         1e-3))[0]
            other = [label for label, _, _ in COMMANDS
                     if said["old"][label] != said["new"][label]]
            if _problems(kb, versions["old"]) != _problems(kb, versions["new"]):
                other.append("the problems")
            differs = "yes" if not other else "**no**: " + ", ".join(other)
            print(f"| {name} | {old:.2f} | {new:.2f} | {new / old:.2f} | {worst} "
                  f"({times['old'][worst]:.2f} → {times['new'][worst]:.2f}) | {differs} |",
                  flush=True)


if __name__ == "__main__":
    main()
