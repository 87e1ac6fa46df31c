"""The tool's code as it was when a benchmark started, for every process the benchmark times.

The code is one of the inputs of every cache the tool keeps (``store.cache.tool_fingerprint``:
the size and time of each of its source files), so a commit or an edit saved in the working tree
while a benchmark runs would make its "nothing changed" and "after one edit" runs start from
nothing (a site build that renders 15,000 pages again, a check that reads every record). Each
benchmark therefore runs a copy of ``src/veiligestad`` made when it starts, through
``PYTHONPATH``, which comes before the editable install.
"""

from __future__ import annotations

import compileall
import os
import shutil
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "veiligestad"


def frozen_tool(folder: Path, source: Path = SOURCE) -> dict[str, str]:
    """The environment in which ``python -m veiligestad`` (or the ``veiligestad`` script) runs a
    copy of ``source`` made now in ``folder``, byte-compiled here so that the first timed run
    does not pay for it."""
    target = folder / "tool"
    shutil.copytree(source, target / source.name, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(target, quiet=1)
    given = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": os.pathsep.join([str(target), *([given] if given else [])])}
