"""How big and how slow is the install that every pull request's CI makes?

    python benchmarks/install_size.py                 # `pip install .`, as the CI files do
    python benchmarks/install_size.py --extra pdf     # `pip install '.[pdf]'`
    python benchmarks/install_size.py --write         # and put the figures in RESULTS.md

In a fresh virtual environment (``python -m venv``) it runs ``pip install`` of this repository
twice: once to fill pip's cache (wheels built, downloads kept), then again in a second fresh
environment, timed: the "warm cache" figure a CI runner with a cached pip folder sees. It then
measures what the install added to ``site-packages`` (the tool and its dependencies, without the
pip that every venv brings) and the largest distributions. Target (issue 12): under 40 MB
installed and under 10 s from a warm cache for the path students' CI uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "RESULTS.md"
BEGIN = "<!-- install_size.py: begin -->"
END = "<!-- install_size.py: end -->"
TARGET_MB, TARGET_S = 40, 10


def _size(path: Path) -> int:
    """Bytes in the files below ``path`` (as ``du --apparent-size`` counts them)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def _site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages")) or [venv / "Lib" / "site-packages"]
    return found[0]


def _python(venv: Path) -> Path:
    unix = venv / "bin" / "python"
    return unix if unix.exists() else venv / "Scripts" / "python.exe"


def _install(venv: Path, target: str) -> float:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    before = time.perf_counter()
    subprocess.run([str(_python(venv)), "-m", "pip", "install", "-q", target], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - before


def _distributions(site: Path, baseline: set[str]) -> list[tuple[str, int]]:
    """Each distribution the install added, with the bytes of its files (from its RECORD)."""
    out = []
    for info in site.glob("*.dist-info"):
        name = re.sub(r"-[^-]+\.dist-info$", "", info.name)
        if name.lower() in baseline:
            continue
        total = 0
        record = info / "RECORD"
        for line in record.read_text(encoding="utf-8").splitlines() if record.exists() else []:
            path = site / line.split(",", 1)[0]
            if path.is_file():
                total += path.stat().st_size
        out.append((name, total))
    return sorted(out, key=lambda item: -item[1])


def measure(extra: str) -> dict[str, object]:
    target = f"{REPO}[{extra}]" if extra else str(REPO)
    with tempfile.TemporaryDirectory(prefix="veiligestad-install-") as tmp:
        warm_up = _install(Path(tmp) / "first", target)
        venv = Path(tmp) / "second"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        site = _site_packages(venv)
        baseline = {re.sub(r"-[^-]+\.dist-info$", "", p.name).lower()
                    for p in site.glob("*.dist-info")}
        empty = _size(site)
        before = time.perf_counter()
        subprocess.run([str(_python(venv)), "-m", "pip", "install", "-q", target], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - before
        added = _size(site) - empty
        check = subprocess.run([str(venv / "bin" / "veiligestad"), "--version"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return {"target": f"pip install '.[{extra}]'" if extra else "pip install .",
                "first_s": warm_up, "warm_s": seconds, "added_mb": added / 1e6,
                "venv_mb": _size(venv) / 1e6, "distributions": _distributions(site, baseline),
                "version": check}


def markdown(result: dict[str, object]) -> str:
    dists = result["distributions"]
    assert isinstance(dists, list)
    added, warm = float(result["added_mb"]), float(result["warm_s"])  # type: ignore[arg-type]
    rows = "\n".join(f"| {name} | {size / 1e6:.1f} MB |" for name, size in dists[:12])
    ok = "yes" if added < TARGET_MB and warm < TARGET_S else "**no**"
    return f"""{BEGIN}
## Install size (`benchmarks/install_size.py`)

Written by `python benchmarks/install_size.py --write` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}
UTC, Python {platform.python_version()}, {platform.system()}, load average {_load()}; pip from
this machine's package index. `{result["target"]}` into a fresh venv: what the install added to `site-packages`
(without the venv's own pip), the whole venv, and the time of `pip install` with pip's cache
already filled (the first install, which builds the wheel and fills the cache, in brackets).
Both times include building the tool's own wheel from source in an isolated environment (pip
installs setuptools there first), as `pip install .` and a `git+https://…` requirement both do;
other work on the machine (the load average) lengthens them.

| install | added to site-packages | whole venv | warm cache (first) | within target (< {TARGET_MB} MB, < {TARGET_S} s)? |
|---|---|---|---|---|
| `{result["target"]}` | {added:.1f} MB | {float(result["venv_mb"]):.1f} MB | {warm:.1f} s ({float(result["first_s"]):.1f} s) | {ok} |

Before the report's charts were drawn by the tool itself, the same install was 217 MB, 170 MB of
it matplotlib and what it pulls in (numpy, pillow, fonttools, contourpy, kiwisolver, …).

Largest distributions installed:

| distribution | size |
|---|---|
{rows}
{END}
"""  # noqa: E501


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):  # Windows has no load average
        return "unknown"


def write(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if BEGIN in text and END in text:
        start, end = text.index(BEGIN), text.index(END) + len(END) + 1
        text = text[:start] + section + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extra", default="", help="an extra to install too, e.g. pdf")
    parser.add_argument("--write", action="store_true", help="put the figures in RESULTS.md")
    args = parser.parse_args(argv)
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    result = measure(args.extra)
    section = markdown(result)
    print(section)
    if args.write:
        write(section)
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
